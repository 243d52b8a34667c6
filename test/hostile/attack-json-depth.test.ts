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
 * Width has the same order problem: `{"a":[{},{},…]}` with 5,000,000 empty objects (15 MB) took
 * 5.7 s and 562 MiB before `input_too_large` (`maxArrayLength` 4,096, `maxJsonValues` 100,000
 * are measured on the parsed tree; the duplicate-key scan allocates a `Set` per object).
 *
 * The tests use 300,000 levels / 500,000 objects (fast) and check the order of the work, not its
 * time: no JSON text nested deeper than `maxJsonDepth`, or holding far more values than
 * `maxJsonValues`, may reach `JSON.parse`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bakeBadge } from '../../src/bake/index.js';
import { DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_JSON_VALUES } from '../../src/internal/limits.js';
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

/** About the number of JSON values in text: containers and separators (strings skipped). */
function valuesOf(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === ',' || c === '[' || c === '{') n++;
  }
  return n;
}

/** Record the deepest and the largest text handed to `JSON.parse` while `run` runs. */
async function parsedShape(
  run: () => Promise<unknown>,
): Promise<{ depth: number; values: number }> {
  const seen = { depth: 0, values: 0 };
  const original = JSON.parse;
  vi.spyOn(JSON, 'parse').mockImplementation(
    (text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (typeof text === 'string' && text.length > 1000) {
        seen.depth = Math.max(seen.depth, depthOf(text));
        seen.values = Math.max(seen.values, valuesOf(text));
      }
      return original(text, reviver);
    },
  );
  await run();
  return seen;
}

async function deepestParsed(run: () => Promise<unknown>): Promise<number> {
  return (await parsedShape(run)).depth;
}

/** An SVG carrying `text` as its credential, baked by hand (bakeBadge refuses such text). */
const handBakedSvg = (text: string) =>
  `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" xmlns="http://www.w3.org/2000/svg" width="1" height="1"><openbadges:credential><![CDATA[${text}]]></openbadges:credential></svg>`;

const deepJson = () => `{"a":${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}}`;
const b64u = (s: string) => Buffer.from(s).toString('base64url');

describe('JSON text deeper than maxJsonDepth is refused before it is parsed', () => {
  it('control: such text is refused (input_too_deep)', async () => {
    const report = await verify(deepJson(), { now: NOW });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.map((c) => c.code)).toContain('input_too_deep');
  });

  it('JSON text', async () => {
    const text = deepJson();
    const deepest = await deepestParsed(() => verify(text, { now: NOW }));
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
  });

  it('a VC-JWT payload', async () => {
    const jwt = `${b64u('{"alg":"EdDSA"}')}.${b64u(deepJson())}.${b64u('sig')}`;
    const deepest = await deepestParsed(() => verify(jwt, { now: NOW }));
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
  });

  it('a credential baked into an SVG', async () => {
    const svg = handBakedSvg(deepJson());
    let report: Awaited<ReturnType<typeof verify>> | undefined;
    const deepest = await deepestParsed(async () => {
      report = await verify(svg, { now: NOW });
    });
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
    // Reported as JSON text given directly would be.
    expect(report?.checks.map((c) => c.code)).toContain('input_too_deep');
  });

  it('bakeBadge refuses such text before parsing it (ERR_BAKE_PAYLOAD)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>';
    const deepest = await deepestParsed(async () => {
      expect(() => bakeBadge(svg, deepJson())).toThrow(
        expect.objectContaining({ code: 'ERR_BAKE_PAYLOAD' }),
      );
    });
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
  });

  it('fetched (or supplied) documents: a status list', async () => {
    // A status list URL answered by deep JSON text: refused by the loader before parsing.
    const list = 'https://issuer.example/status/deep';
    const c = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: { id: 'did:example:2' },
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '1',
        statusListCredential: list,
      },
    };
    let report: Awaited<ReturnType<typeof verify>> | undefined;
    const deepest = await deepestParsed(async () => {
      report = await verify(c, { now: NOW, documents: { [list]: deepJson() } });
    });
    expect(deepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
    expect(report?.checks.find((x) => x.id === 'status')?.message).toContain('maxJsonDepth');
  });

  it('a JWT header', async () => {
    let report: Awaited<ReturnType<typeof verify>> | undefined;
    // A header within the header's length bound (4,000 levels), read by the proof check.
    const header = `{"alg":"EdDSA","x":${'['.repeat(4000)}${']'.repeat(4000)}}`;
    const jwt = `${b64u(header)}.${b64u('{"vc":{}}')}.${b64u('sig')}`;
    const jwtDeepest = await deepestParsed(async () => {
      report = await verify(jwt, { now: NOW });
    });
    expect(jwtDeepest).toBeLessThanOrEqual(DEFAULT_MAX_JSON_DEPTH);
    expect(report?.checks.find((x) => x.id === 'proof')?.message).toContain('maxJsonDepth');
  });

  it('JSON text with 500,000 objects in one array (maxArrayLength, maxJsonValues)', async () => {
    const text = `{"a":[${Array(500_000).fill('{}').join(',')}]}`;
    let report: Awaited<ReturnType<typeof verify>> | undefined;
    const shape = await parsedShape(async () => {
      report = await verify(text, { now: NOW });
    });
    expect(shape.values).toBeLessThanOrEqual(2 * DEFAULT_MAX_JSON_VALUES);
    expect(report?.checks.map((c) => c.code)).toContain('input_too_large');
  });
});
