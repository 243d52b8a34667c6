/** The URL of the running bin entry, so worker threads can start the same file. */
let entryUrl: string | undefined;

/**
 * Record the entry module's URL (called once by `main.ts`).
 *
 * @example
 * ```ts
 * setEntryUrl(import.meta.url);
 * ```
 */
export function setEntryUrl(url: string): void {
  entryUrl = url;
}

/**
 * The entry module's URL; throws when the CLI was not started through `main.ts`.
 *
 * @example
 * ```ts
 * new Worker(new URL(getEntryUrl()), { workerData });
 * ```
 */
export function getEntryUrl(): string {
  if (entryUrl === undefined) throw new Error('ob3kit: the CLI entry URL is not set');
  return entryUrl;
}
