/**
 * The error for an aborted operation (internal): canonicalization and proof hashing throw it
 * when their `signal` is aborted.
 *
 * @internal
 */
import { Ob3Error } from '../errors.js';

/** The text of an abort reason: an Error's message, a string, or the reason as JSON. */
function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (typeof reason === 'string') return reason;
  if (reason === null || reason === undefined) return 'aborted';
  try {
    return JSON.stringify(reason) ?? String(reason);
  } catch {
    return String(reason);
  }
}

/** The error for an aborted operation. */
export function abortedError(signal: AbortSignal): Ob3Error {
  const reason = signal.reason;
  const text = reasonText(reason);
  return new Ob3Error('ERR_ABORTED', `Operation aborted: ${text}`, {
    cause: reason,
    details: { reason: text },
  });
}

/**
 * `promise`, or a rejection with {@link abortedError} as soon as `signal` is aborted (a signer
 * that never answers must not hold the caller past its abort). The listener is removed once
 * either settles.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortedError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
