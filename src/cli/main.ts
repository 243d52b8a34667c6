/**
 * The `ob3kit` command line: build, sign, bake, revoke and verify Open Badges 3.0 credentials.
 *
 * Run `ob3kit --help` for the commands.
 *
 * @packageDocumentation
 */
import process from 'node:process';
import { setEntryUrl } from './entry.js';
import { runCli } from './run.js';

setEntryUrl(import.meta.url);

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ob3kit: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
