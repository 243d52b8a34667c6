/**
 * Attack: deeply nested JSON text is parsed (and walked with an allocation per level) before
 * its depth is measured. `verify()` refuses documents deeper than `limits.maxJsonDepth` (64),
 * but only after `JSON.parse` built the whole tree and `findDuplicateJsonKey`
 * (`src/internal/json-duplicates.ts`) pushed one frame with its own `Set` per `[` / `{`:
 *
 * | input (within maxInputBytes, 16 MiB)            | time    | peak RSS  | verdict         |
 * | ------------------------------------------------ | ------- | --------- | --------------- |
 * | `{"a":[[[…]]]}`, 1,000,000 levels (2 MB)          | 2.1 s   | 392 MiB   | input_too_deep  |
 * | `{"a":{"a":…}}`, 2,000,000 levels (12 MB)         | 3.2 s   | 625 MiB   | input_too_deep  |
 * | `{"a":[[[…]]]}`, 7,000,000 levels (14 MB)         | 11.8 s  | 2,080 MiB | input_too_deep  |
 *
 * (one `verify()` call under `tsx`, on a loaded 2-core machine; `JSON.parse` alone took 4.3 s and
 * 480 MiB of the last one, the duplicate-key scan 7 s and 1.6 GiB.) The same holds wherever text
 * is parsed: a VC-JWT payload (`decodeJwtPayload`, `src/verify/input.ts`, before `maxJwtBytes`
 * is even looked at), a baked credential (`src/bake/payload.ts`, then `decodeText` again),
 * fetched documents (`parseJsonDocument`, `src/internal/fetch.ts`, up to `maxDocumentBytes`).
 *
 * Expected ("bound before work"): the nesting depth of JSON text is measured in one pass over
 * the characters, allocating nothing per level, before `JSON.parse` and before the duplicate-key
 * scan; text deeper than `maxJsonDepth` is refused (`input_too_deep`) without being parsed. The
 * duplicate-key scan itself should not allocate a `Set` per array.
 *
 * The tests use 300,000 levels (fast) and check the order of the work, not its time: no JSON
 * text nested deeper than `maxJsonDepth` may reach `JSON.parse`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bakeBadge } from '../../src/bake/index.js';
import { DEFAULT_MAX_JSON_DEPTH } from '../../src/internal/limits.js';
import { verify } from '../../src/verify/index.js';
import { NOW } from './helpers.js';

const LEVELS = 300_000;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Deepest nesting of `[` / `{` in JSON text (strings skipped), in one pass. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

/** Record the deepest text handed to `JSON.parse` while `run` runs. */
async function deepestParsed(run: () => Promise<unknown>): Promise<number> {
  let deepest = 0;
  const original = JSON.parse;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: never) => {
    if (typeof text === 'string' && text.length > 1000) deepest = Math.max(deepest, depthOf(text));
    return original(text, reviver);
  });
  await run();
  return deepest;
}

const deepJson = () => `{"a":${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}}`;
const b64u = (s: string) => Buffer.from(s).toString('base64url');

describe('JSON text deeper than maxJsonDepth is refused before it is parsed', () => {
  it('control: such text is refused (input_too_deep)', async () => {
    const report = await verify(deepJson(), { now: NOW });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.map((c) => c.code)).toContain('input_too_deep');
  });

  it.fails('JSON text', async () => {
    const text = deepJson();
    const deepest = await deepestParsed(() => verify(text, { now: NOW }));
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
  });

  it.fails('a VC-JWT payload', async () => {
    const jwt = `${b64u('{"alg":"EdDSA"}')}.${b64u(deepJson())}.${b64u('sig')}`;
    const deepest = await deepestParsed(() => verify(jwt, { now: NOW }));
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
  });

  it.fails('a credential baked into an SVG', async () => {
    const svg = bakeBadge(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>',
      deepJson(),
    );
    const deepest = await deepestParsed(() => verify(svg, { now: NOW }));
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
  });
});
