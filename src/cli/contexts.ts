/** `--context <url>=<file>`: JSON-LD contexts the caller adds (never fetched). */
import { UsageError } from './errors.js';
import { bytesToText, type Io, parseJsonText, readInput } from './io.js';

const HINT =
  'Example: --context https://www.w3.org/ns/credentials/examples/v2=examples-v2.json (a file holding {"@context": ...})';

/**
 * Split `<url>=<file>` pairs (on the last `=`) and load each file as a JSON-LD context document
 * (an object with `@context`), keyed by URL. ob3kit never fetches a context: these and the
 * bundled ones are all it knows.
 *
 * @example
 * ```ts
 * const contexts = await loadContexts(io, ['https://www.w3.org/ns/credentials/examples/v2=examples.json']);
 * ```
 */
export async function loadContexts(io: Io, pairs: string[]): Promise<Record<string, object>> {
  const out: Record<string, object> = {};
  for (const pair of pairs) {
    const idx = pair.lastIndexOf('=');
    if (idx <= 0 || idx === pair.length - 1) {
      throw new UsageError(`--context '${pair}' is not <url>=<file>`, HINT);
    }
    const url = pair.slice(0, idx);
    const file = pair.slice(idx + 1);
    if (!/^https?:\/\/\S+$/i.test(url)) {
      throw new UsageError(`--context '${pair}': '${url}' is not an http(s) URL`, HINT);
    }
    if (url in out) throw new UsageError(`--context gives ${url} twice`);
    const doc = parseJsonText(
      bytesToText(await readInput(io, file, 'context file')),
      `context file '${file}'`,
    );
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('@context' in doc)) {
      throw new UsageError(`context file '${file}' must hold a JSON object with "@context"`, HINT);
    }
    out[url] = doc;
  }
  return out;
}
