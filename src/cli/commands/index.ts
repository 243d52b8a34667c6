/** Every command of the `ob3kit` program, in the order the help lists them. */
import type { Command } from '../command.js';
import { bakeCommand, unbakeCommand } from './bake.js';
import { demoCommand } from './demo.js';
import { issueCommand } from './issue.js';
import { keygenCommand } from './keygen.js';
import { serveCommand } from './serve.js';
import { statusCheckCommand, statusCreateCommand, statusSetCommand } from './status.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';

/**
 * The commands, in help order.
 *
 * @example
 * ```ts
 * commands.map((c) => c.name); // ['demo', 'keygen', 'issue', ...]
 * ```
 */
export const commands: Command[] = [
  demoCommand,
  keygenCommand,
  issueCommand,
  verifyCommand,
  validateCommand,
  bakeCommand,
  unbakeCommand,
  statusCreateCommand,
  statusSetCommand,
  statusCheckCommand,
  serveCommand,
];
