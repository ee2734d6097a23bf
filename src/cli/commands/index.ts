// Every command, in the order `tongbiao --help` lists them. Add a command here, one line.
import type { Command } from '../command.js';
import { claim } from './claim.js';
import { diff } from './diff.js';
import { gen } from './gen.js';
import { schema } from './schema.js';
import { serve } from './serve.js';
import { start } from './start.js';
import { sync } from './sync.js';
import { user } from './user.js';
import { validate } from './validate.js';

export const COMMANDS: Command[] = [validate, diff, claim, sync, serve, start, user, schema, gen] as Command[];
