/** Progress output for long runs: a redrawn bar on a terminal, plain lines otherwise. */
import type { Io } from './io.js';

/**
 * Reports progress of a run over `total` items.
 *
 * @example
 * ```ts
 * const p: Progress = createProgress(io, 3);
 * p.tick(true, 'line 2: issued');
 * ```
 */
export interface Progress {
  /** One item finished; `line` is printed as is when not on a terminal, or above the bar when it is a failure. */
  tick(ok: boolean, line: string): void;
  /** Clear the bar (terminal) before the summary. */
  done(): void;
}

/**
 * A progress reporter on standard error: a bar on a terminal, one plain line an item otherwise.
 *
 * @example
 * ```ts
 * const p = createProgress(io, 10);
 * p.tick(true, 'line 2: ok');
 * p.done();
 * ```
 */
export function createProgress(io: Io, total: number): Progress {
  let done = 0;
  let failed = 0;
  const tty = io.stderrIsTTY;
  const draw = (): void => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    io.err(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${String(pct).padStart(3)}%${failed ? ` (${failed} failed)` : ''}\u001b[K`,
    );
  };
  if (tty) draw();
  return {
    tick(ok, line) {
      done++;
      if (!ok) failed++;
      if (tty) {
        if (!ok) io.err(`\r\u001b[K${line}\n`);
        draw();
      } else {
        io.err(`${line}\n`);
      }
    },
    done() {
      if (tty) io.err('\r\u001b[K');
    },
  };
}
