/**
 * Code loaded on first use. A verifier of a typical badge (JSON, one Data Integrity proof, no
 * status list, no image) does not need the image decoders, the status list machinery, VC-JWT,
 * presentations or Open Badges 2.0: each sits behind a dynamic `import()` at one seam, so a
 * browser bundle fetches it as a separate chunk only when an input needs it, and a Node process
 * does not parse it at start-up.
 *
 * @internal
 */

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
