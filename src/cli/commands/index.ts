// Every command, in the order `tongbiao --help` lists them. Add a command here, one line.
import type { Command } from '../command.js';

export const COMMANDS: Command[] = [];
