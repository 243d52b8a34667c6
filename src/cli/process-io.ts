/** The process streams and environment the command line uses (loaded at start-up). */
import process from 'node:process';

/**
 * The process streams and environment a command uses (injectable for tests).
 *
 * @example
 * ```ts
 * const io: Io = processIo();
 * io.err('working...\n');
 * ```
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  readStdin(): Promise<Uint8Array>;
}

/**
 * The real process streams.
 *
 * @example
 * ```ts
 * const io = processIo();
 * io.out('hello\n');
 * ```
 */
export function processIo(): Io {
  const out = closable(process.stdout);
  const err = closable(process.stderr);
  return {
    out,
    err,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

/**
 * Writes to a process stream that may be closed by its reader (`ob3kit verify ... | head`): the
 * pipe's EPIPE ends the writing, not the process, so the command finishes and exits with its
 * own code. Any other stream error is thrown as before.
 */
function closable(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
