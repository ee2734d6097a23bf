// Every command, in the order `tongbiao --help` lists them. Add a command here, one line.
import type { Command } from '../command.js';
import { schema } from './schema.js';
import { sync } from './sync.js';
import { validate } from './validate.js';

export const COMMANDS: Command[] = [validate, sync, schema] as Command[];
