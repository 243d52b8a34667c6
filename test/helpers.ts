/** Helpers shared by the tests of every area (each folder's own helpers.ts has the rest). */

/** An error class to require (`BakeError`, `Ob3Error`, ...). */
type ErrorClass = abstract new (...args: never[]) => Error;

function codeOfError(e: unknown, type: ErrorClass | undefined): string {
  if (type && !(e instanceof type)) return `not a ${type.name}: ${String(e)}`;
  return (e as { code?: string }).code ?? (e as Error).name;
}

/**
 * The `code` of the error `run` throws (its `name` when it has none), or `undefined` when it
 * returns. With `type`, an error of another class comes back as `not a <type>: <error>`, which no
 * expected code equals.
 *
 * @example
 * ```ts
 * expect(codeOfSync(() => unbakeBadge(bytes), BakeError)).toBe('ERR_PNG_CRC');
 * ```
 */
export function codeOfSync(run: () => unknown, type?: ErrorClass): string | undefined {
  try {
    run();
  } catch (e) {
    return codeOfError(e, type);
  }
  return undefined;
}

/**
 * {@link codeOfSync} for a promise, or a function that may return one (or throw).
 *
 * @example
 * ```ts
 * expect(await codeOf(resolveDid('did:web:localhost'))).toBe('ERR_DID_INVALID');
 * ```
 */
export async function codeOf(
  run: Promise<unknown> | (() => unknown),
  type?: ErrorClass,
): Promise<string | undefined> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (e) {
    return codeOfError(e, type);
  }
  return undefined;
}

/**
 * The error `run` throws, which must be a `type`: an error of another class is thrown on, and a
 * `run` that returns fails the test. For assertions on the message or details.
 *
 * @example
 * ```ts
 * expect(thrownSync(() => unbakeBadge(bytes), BakeError).details).toMatchObject({ count: 2 });
 * ```
 */
export function thrownSync<T extends ErrorClass>(run: () => unknown, type: T): InstanceType<T> {
  try {
    run();
  } catch (e) {
    if (e instanceof type) return e as InstanceType<T>;
    throw e;
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`);
}

/** `v` as `size` big-endian bytes (its low `size` bytes when it is larger). */
export function bigIntBytes(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = v;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}
