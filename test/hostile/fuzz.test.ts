/**
 * Fuzzing with fast-check: `verify()` never throws for hostile input (only a report), never
 * hangs (vitest's per-test timeout), and never calls a mutated signed credential anything but
 * invalid unless its signed content (canonical form) is unchanged. Runs are small by default;
 * `OB3KIT_FUZZ_RUNS=20000 npm run fuzz` raises them. Counterexamples become fixtures in
 * fixtures/hostile/ (replayed by regressions.test.ts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { Ob3Error } from '../../src/errors.js';
import { canonize } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { createProofHashData, signCredential } from '../../src/proof/index.js';
import { signCredentialJwt, verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import { decodeStatusList } from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import {
  expectReport,
  FULL,
  firstProof,
  fuzzRuns,
  type Loose,
  NOW,
  richCredential,
} from './helpers.js';

/** Per-test hang guard; `npm run fuzz` runs thousands of cases, so it gets hours. */
const TIMEOUT = FULL ? 4 * 3_600_000 : 60_000;

let signed: Loose;
let canonical: { canonicalDocument: string; canonicalProofConfig: string };
let jwt = '';
let png: Uint8Array;
let attacker: { did: string; keyPair: import('../../src/keys/index.js').KeyPair };

beforeAll(async () => {
  const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  signed = await signCredential(richCredential(did), {
    key: keyPair,
    created: '2024-01-01T00:00:00Z',
  });
  canonical = await createProofHashData(signed, firstProof(signed));
  jwt = await signCredentialJwt(richCredential(did), { key: keyPair, now: NOW });
  attacker = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  png = bakeBadge(
    new Uint8Array(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
        'base64',
      ),
    ),
    signed,
  );
});

/** verify() must give a report and never throw (inputs here are never API misuse). */
async function mustReport(input: unknown) {
  const report = await verify(input as object, { now: NOW });
  expectReport(report);
  return report;
}

type Step = { at: number; op: number; value: unknown };

/** Every node of a JSON value, as [parent, key] pairs (the root has no parent). */
function slots(root: Loose): Array<[Loose, string | number]> {
  const out: Array<[Loose, string | number]> = [];
  const walk = (v: Loose) => {
    if (Array.isArray(v)) {
      v.forEach((child, i) => {
        out.push([v, i]);
        walk(child);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k]);
      }
    }
  };
  walk(root);
  return out;
}

const KEYS = ['name', 'id', 'type', '@id', '@type', '@context', 'proof', 'evil', '@vocab'];

/** Apply a chain of random edits to a copy of `doc`. */
function mutate(doc: Loose, steps: Step[]): Loose {
  const copy = structuredClone(doc);
  for (const { at, op, value: generated } of steps) {
    // A fresh copy each time: fast-check reuses generated values while shrinking.
    const value = structuredClone(generated);
    const all = slots(copy);
    if (all.length === 0) break;
    const [parent, key] = all[at % all.length] as [Loose, string | number];
    switch (op % 6) {
      case 0: // replace the value
        parent[key] = value;
        break;
      case 1: // remove it
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 2: // add a sibling property or element
        if (Array.isArray(parent)) parent.push(value);
        else parent[KEYS[at % KEYS.length] as string] = value;
        break;
      case 3: // tweak a string in place
        if (typeof parent[key] === 'string') {
          const s = parent[key] as string;
          const i = at % Math.max(1, s.length);
          parent[key] =
            `${s.slice(0, i)}${String.fromCharCode((s.charCodeAt(i) || 64) ^ 1)}${s.slice(i + 1)}`;
        } else parent[key] = value;
        break;
      case 4: // reorder an array
        if (Array.isArray(parent[key])) (parent[key] as unknown[]).reverse();
        else parent[key] = [parent[key]];
        break;
      default: // move a value elsewhere (type confusion)
        parent[key] = structuredClone(all[(at * 7 + 3) % all.length]?.[0] ?? value);
    }
  }
  return copy;
}

const step = fc.record({
  at: fc.nat({ max: 10_000 }),
  op: fc.nat({ max: 5 }),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      'https://attacker.example/ctx',
      { '@id': 'urn:x' },
      { '@vocab': 'https://attacker.example/#' },
      '_:b0',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    ),
  ),
});

/** The canonical forms a document signs, or undefined when they cannot be computed. */
async function formsOf(doc: Loose): Promise<[string, string] | undefined> {
  try {
    const h = await createProofHashData(doc, firstProof(doc));
    return [h.canonicalDocument, h.canonicalProofConfig];
  } catch {
    return undefined;
  }
}

describe('fuzz: verify() on hostile input', () => {
  it(
    'arbitrary JSON values (objects, and as JSON text) give a report, never a throw',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
          if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
            await mustReport(value);
          }
          await mustReport(JSON.stringify(value) ?? 'null');
        }),
        { numRuns: fuzzRuns(100) },
      );
    },
    TIMEOUT,
  );

  it(
    'mutated signed credentials are never valid unless the signed canonical form is unchanged',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
          const doc = mutate(signed, steps);
          if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return;
          const report = await mustReport(doc);
          const proofPassed = report.checks.some((c) => c.id === 'proof' && c.outcome === 'pass');
          if (report.verdict === 'valid' || proofPassed) {
            const forms = await formsOf(doc);
            expect(forms).toEqual([canonical.canonicalDocument, canonical.canonicalProofConfig]);
          }
        }),
        { numRuns: fuzzRuns(60) },
      );
    },
    TIMEOUT,
  );

  it(
    "a badge naming another issuer, signed with the attacker's own key, is never accepted however the issuer is written",
    async () => {
      const victim = 'did:web:victim.example';
      const profile = { type: ['Profile'], name: 'Victim University' };
      const issuerForms = fc.constantFrom<unknown>(
        victim,
        { id: victim, ...profile },
        { '@id': victim, ...profile },
        [victim],
        [{ id: victim, ...profile }],
        { id: victim, ...profile, url: 'https://victim.example/' },
        { id: `${victim}#me`, ...profile },
        { id: victim.toUpperCase(), ...profile },
      );
      let signedCount = 0;
      await fc.assert(
        fc.asyncProperty(issuerForms, fc.array(step, { maxLength: 2 }), async (issuer, steps) => {
          const unsigned = mutate({ ...richCredential(victim), issuer }, steps);
          if (unsigned === null || typeof unsigned !== 'object' || Array.isArray(unsigned)) return;
          let forged: Loose;
          try {
            forged = await signCredential(unsigned, {
              key: attacker.keyPair,
              created: '2024-01-01T00:00:00Z',
              validate: false, // crafted: refused by default, the verifier must refuse it too
              checkIssuer: false,
            });
          } catch {
            return; // not signable (undefined terms, ...): nothing to verify
          }
          const report = await mustReport(forged);
          signedCount++;
          if (report.verdict !== 'invalid') {
            // Accepted only if what was signed names the attacker itself as the issuer.
            const forms = await formsOf(forged);
            const issuers = [
              ...(forms?.[0] ?? '').matchAll(
                /<https:\/\/www\.w3\.org\/2018\/credentials#issuer> <([^>]*)>/g,
              ),
            ].map((m) => m[1]);
            expect(issuers).toEqual([attacker.did]);
          }
        }),
        { numRuns: fuzzRuns(40) },
      );
      // Control: a good share of the cases were signable, so the property was exercised.
      expect(signedCount).toBeGreaterThan(fuzzRuns(40) / 4);
    },
    TIMEOUT,
  );

  it(
    'mutated VC-JWTs (character edits) are never authentic',
    async () => {
      const alphabet = 'AQgw-_.=+/ x{"';
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.nat({ max: alphabet.length - 1 }), fc.boolean()), {
            minLength: 1,
            maxLength: 3,
          }),
          async (edits) => {
            let s = jwt;
            for (const [at, c, insert] of edits) {
              const i = at % s.length;
              const ch = alphabet[c] as string;
              s = insert ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + ch + s.slice(i + 1);
            }
            const report = await mustReport(s);
            if (s !== jwt) {
              // Never authentic: either invalid, or (an algorithm name garbled into one ob3kit
              // does not know) not fully checked, which is never accepted either.
              expect(report.answers.authentic.value).not.toBe('yes');
              if (report.verdict !== 'invalid') {
                expect(report.answers.fullyChecked.value).toBe('no');
              }
            }
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
    },
    TIMEOUT,
  );

  it(
    'random bytes, with and without a PNG signature, give a report',
    async () => {
      const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.boolean(), async (bytes, asPng) => {
          const input = asPng ? Uint8Array.from([...sig, ...bytes]) : bytes;
          expect((await mustReport(input)).verdict).toBe('invalid');
        }),
        { numRuns: fuzzRuns(150) },
      );
    },
    TIMEOUT,
  );

  it(
    'a baked PNG with random byte edits is never valid unless the credential text is untouched',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
          async (edits) => {
            const bytes = png.slice();
            for (const [at, b] of edits) bytes[8 + (at % (bytes.length - 8))] = b;
            const report = await mustReport(bytes);
            if (report.verdict !== 'invalid') {
              // Only edits outside the credential (image data with a fixed CRC cannot happen;
              // so in practice only no-op edits) may keep it verifying.
              expect(report.credential).toEqual(signed);
            }
          },
        ),
        { numRuns: fuzzRuns(80) },
      );
    },
    TIMEOUT,
  );

  it(
    'random SVG-like text and JWT-like strings give a report',
    async () => {
      const svgish = fc
        .array(
          fc.oneof(
            fc.constantFrom(
              '<svg xmlns="http://www.w3.org/2000/svg">',
              '</svg>',
              '<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">',
              '</openbadges:credential>',
              '<![CDATA[',
              ']]>',
              '<!DOCTYPE svg [<!ENTITY a "b">]>',
              '&a;',
              '<!--',
              '-->',
              '<?xml version="1.0"?>',
              '<script>',
              'verify="',
              JSON.stringify({ a: 1 }),
            ),
            fc.string({ maxLength: 20 }),
          ),
          { maxLength: 12 },
        )
        .map((parts) => `<svg${parts.join('')}`);
      const b64u = fc.string({ unit: fc.constantFrom(...'AQgw09-_Zz'.split('')), maxLength: 60 });
      const jwtish = fc.tuple(b64u, b64u, b64u).map(([a, b, c]) => `${a}.${b}.${c}`);
      await fc.assert(
        fc.asyncProperty(fc.oneof(svgish, jwtish), fc.boolean(), async (text, asBytes) => {
          const input = asBytes ? new TextEncoder().encode(text) : text;
          expect((await mustReport(input)).verdict).toBe('invalid');
        }),
        { numRuns: fuzzRuns(150) },
      );
    },
    TIMEOUT,
  );
});

/** Run `fn`; anything it throws must be an Ob3Error with an ERR_ code (never a raw error). */
async function onlyOb3Errors(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof Ob3Error)) throw new Error(`not an Ob3Error: ${String(e)}`, { cause: e });
    expect(e.code).toMatch(/^ERR_[A-Z0-9_]+$/);
  }
}

describe('fuzz: the lower-level readers fail only with coded errors', () => {
  const jsonish = fc.oneof(
    fc.jsonValue({ maxDepth: 5 }),
    fc.record({
      '@context': fc.oneof(
        fc.constant(['https://www.w3.org/ns/credentials/v2']),
        fc.constant([
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ]),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      type: fc.oneof(fc.constant(['VerifiableCredential']), fc.jsonValue({ maxDepth: 1 })),
      id: fc.oneof(fc.constant('urn:uuid:1'), fc.string()),
      name: fc.jsonValue({ maxDepth: 2 }),
      credentialSubject: fc.jsonValue({ maxDepth: 3 }),
    }),
  );

  it(
    'canonize: arbitrary JSON-LD-ish objects resolve or fail with ERR_*',
    async () => {
      await fc.assert(
        fc.asyncProperty(jsonish, async (doc) => {
          if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return;
          await onlyOb3Errors(() => canonize(doc));
        }),
        { numRuns: fuzzRuns(150) },
      );
    },
    TIMEOUT,
  );

  it(
    'unbakeBadge, decodeStatusList, verifyCredentialJwt: random input fails with a code, never a crash',
    async () => {
      const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 300 }),
          async (bytes, text) => {
            await onlyOb3Errors(() => unbakeBadge(Uint8Array.from([...sig, ...bytes])));
            await onlyOb3Errors(() =>
              unbakeBadge(`<svg xmlns="http://www.w3.org/2000/svg">${text}</svg>`),
            );
            await onlyOb3Errors(() =>
              decodeStatusList(`u${Buffer.from(bytes).toString('base64url')}`),
            );
            await onlyOb3Errors(() => decodeStatusList(text));
            const r = await verifyCredentialJwt(text, { now: NOW });
            expect(r.verified).toBe(false);
          },
        ),
        { numRuns: fuzzRuns(200) },
      );
    },
    TIMEOUT,
  );
});
