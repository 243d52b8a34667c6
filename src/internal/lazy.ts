/**
 * Code loaded on first use. A verifier of a typical badge (JSON, one Data Integrity proof, no
 * status list, no image) does not need the image decoders, the status list machinery, VC-JWT,
 * presentations or Open Badges 2.0: each sits behind a dynamic `import()` at one seam, so a
 * browser bundle fetches it as a separate chunk only when an input needs it, and a Node process
 * does not parse it at start-up.
 *
 * @internal
 */
import { KeyError } from '../errors.js';

/**
 * `load()` (a function around one `import()` with a literal specifier, so that bundlers split
 * it), called once and shared by every caller; a failed load is forgotten, so the next call
 * tries again.
 *
 * @internal
 * @example
 * ```ts
 * const statusCode = onDemand(() => import('../status/check.js'));
 * const { checkStatus } = await statusCode();
 * ```
 */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending) return pending;
    const p = load();
    pending = p;
    p.catch(() => {
      if (pending === p) pending = undefined;
    });
    return p;
  };
}

/**
 * {@link onDemand} for code that signs, verifies or hashes: a failed load rejects with a
 * `KeyError` `ERR_CRYPTO_UNAVAILABLE` saying that `task` needs `what` and why it did not load.
 * No result is computed, so none can be read as a verdict (a valid signature or digest never
 * reads as forged); the next call tries the load again.
 *
 * @internal
 */
export function cryptoOnDemand<T>(
  load: () => Promise<T>,
  what: string,
): (task: string) => Promise<T> {
  const code = onDemand(load);
  return async (task) => {
    try {
      return await code();
    } catch (cause) {
      throw new KeyError(
        'ERR_CRYPTO_UNAVAILABLE',
        `${task} needs ${what}, which failed to load: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
        {},
        cause,
      );
    }
  };
}
