/** Every command of the `ob3kit` program, in the order the help lists them. */
import type { Command } from '../command.js';
import { keygenCommand } from './keygen.js';
import { verifyCommand } from './verify.js';

/** The commands, in help order. */
export const commands: Command[] = [keygenCommand, verifyCommand];
