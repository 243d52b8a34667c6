/** Every command of the `ob3kit` program, in the order the help lists them. */
import type { Command } from '../command.js';

/** The commands, in help order. */
export const commands: Command[] = [];
