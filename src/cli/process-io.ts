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
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
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
