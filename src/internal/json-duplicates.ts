/** Duplicate member names in JSON text (I-JSON, RFC 7493 section 2.3), found in one linear pass. */
import { scanJsonText } from './json-scan.js';

const UNBOUNDED = {
  maxJsonDepth: Number.MAX_SAFE_INTEGER,
  maxJsonValues: Number.MAX_SAFE_INTEGER,
  maxArrayLength: Number.MAX_SAFE_INTEGER,
};

/**
 * The first member name that appears twice in one object of `text`, with the character offset
 * of its second appearance; `undefined` when there is none. Names are compared after unescaping,
 * so `"a"` and `"\u0061"` are the same name, as `JSON.parse` treats them. This applies no size
 * bound: text from outside goes through `parseJsonText` (json-scan.ts), which bounds it too.
 */
export function findDuplicateJsonKey(text: string): { key: string; offset: number } | undefined {
  const problem = scanJsonText(text, UNBOUNDED);
  return problem?.kind === 'duplicate' ? { key: problem.key, offset: problem.offset } : undefined;
}
