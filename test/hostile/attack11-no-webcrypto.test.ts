/**
 * Attack: hashing where the runtime has no WebCrypto (React Native's Hermes). `digest()` then
 * falls back to ob3kit's own SHA-256, or to `@noble/hashes`' SHA-384 imported on demand; the
 * signature check of P-256 / P-384 / Ed25519 falls back to `@noble/curves`. A forged or tampered
 * badge must stay invalid on that path, and a genuine one valid.
 *
 * Tried, each with `globalThis.crypto` replaced by one without `subtle` (and by one whose
 * `subtle.digest` rejects, as a partial WebCrypto polyfill does):
 * - Data Integrity hash data (`createProofHashData`) of eddsa-rdfc-2022, ecdsa-rdfc-2019 with
 *   P-256 and P-384 (SHA-384) and the JCS suites, against node:crypto's `createHash` over the
 *   canonical text as the oracle, and against the same call made with WebCrypto;
 * - `verify()` of badges signed by the reference stack (@digitalbazaar/vc; its own verifier is
 *   the oracle) and by ob3kit with a P-384 key: genuine is `valid`, authentic `yes`; each with
 *   one changed claim, a changed proof value and a swapped proof configuration is `invalid`,
 *   authentic `no`;
 * - `digest('SHA-384')` without WebCrypto, twice (the on-demand import is shared).
 *
 * Found nothing: every path gave node:crypto's bytes and the reference stack's verdicts.
 * Ran in a file of its own: the key modules remember, for the process, which WebCrypto
 * algorithms are missing.
 */
import { createHash, webcrypto } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { digest } from '../../src/internal/hash.js';
import {
  bindKeyPair,
  exportKeyPair,
  generateKeyPair,
  type KeyPair,
  type KeyType,
} from '../../src/keys/index.js';
import { createProofHashData, type SuiteName, signCredential } from '../../src/proof/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import {
  controllerDocument,
  type Json,
  obCredential,
  referenceIssue,
  referenceLoader,
  referenceVerify,
} from '../proof/helpers.js';
import { NOW } from './helpers.js';

const ISSUER = 'did:web:issuer.example';
const ISSUER_URL = 'https://issuer.example/.well-known/did.json';

interface Signed {
  label: string;
  keyType: KeyType;
  doc: Json;
  /** Hash data computed with WebCrypto, before it is removed. */
  withWebCrypto: { documentHash: string; proofConfigHash: string };
}

const keys: Partial<Record<KeyType, KeyPair>> = {};
let issuerDoc: Json;
const signed: Signed[] = [];

async function key(type: KeyType, n: number): Promise<KeyPair> {
  const seed = new Uint8Array(type === 'P-384' ? 48 : 32).fill(n);
  return bindKeyPair(await generateKeyPair({ type, seed }), {
    id: `${ISSUER}#key-${n}`,
    controller: ISSUER,
  });
}

function hashDataOf(doc: Json, keyType: KeyType) {
  const proof = Array.isArray(doc.proof) ? doc.proof[0] : doc.proof;
  return createProofHashData(doc, proof, { keyType });
}

beforeAll(async () => {
  keys.Ed25519 = await key('Ed25519', 1);
  keys['P-256'] = await key('P-256', 2);
  keys['P-384'] = await key('P-384', 3);
  issuerDoc = controllerDocument(
    ISSUER,
    Object.values(keys).map((k) => exportKeyPair(k as KeyPair)),
  );
  const loader = referenceLoader({ [ISSUER]: issuerDoc });
  const reference: Array<[string, KeyType, 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019']> = [
    ['eddsa-rdfc-2022 (reference)', 'Ed25519', 'eddsa-rdfc-2022'],
    ['ecdsa-rdfc-2019 P-256 (reference)', 'P-256', 'ecdsa-rdfc-2019'],
    ['ecdsa-rdfc-2019 P-384 (reference)', 'P-384', 'ecdsa-rdfc-2019'],
  ];
  for (const [label, keyType, suite] of reference) {
    const doc = await referenceIssue(obCredential(ISSUER), keys[keyType] as KeyPair, suite, loader);
    const oracle = await referenceVerify(doc, suite, loader);
    expect(oracle.verified, label).toBe(true);
    signed.push({ label, keyType, doc, withWebCrypto: await hashDataOf(doc, keyType) });
  }
  const own: Array<[string, KeyType, SuiteName]> = [
    ['eddsa-jcs-2022', 'Ed25519', 'eddsa-jcs-2022'],
    ['ecdsa-jcs-2019 P-384', 'P-384', 'ecdsa-jcs-2019'],
  ];
  for (const [label, keyType, suite] of own) {
    const doc = await signCredential(obCredential(ISSUER), {
      key: keys[keyType] as KeyPair,
      suite,
    });
    signed.push({ label, keyType, doc, withWebCrypto: await hashDataOf(doc, keyType) });
  }
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** `globalThis.crypto` without `subtle`, or with a `subtle.digest` that always rejects. */
function removeWebCrypto(how: 'absent' | 'digest rejects'): void {
  const getRandomValues = webcrypto.getRandomValues.bind(webcrypto);
  if (how === 'absent') {
    vi.stubGlobal('crypto', { getRandomValues });
    expect(globalThis.crypto.subtle).toBeUndefined();
    return;
  }
  const subtle = new Proxy(webcrypto.subtle, {
    get(target, name) {
      if (name === 'digest') return async () => Promise.reject(new Error('digest unsupported'));
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  vi.stubGlobal('crypto', { getRandomValues, subtle });
}

const answers = (r: VerificationReport) => [r.answers.authentic.value, r.verdict];

function check(doc: Json): Promise<VerificationReport> {
  return verify(doc, { now: NOW, documents: { [ISSUER_URL]: issuerDoc } });
}

function proofOf(doc: Json): Json {
  return Array.isArray(doc.proof) ? doc.proof[0] : doc.proof;
}

describe.each(['absent', 'digest rejects'] as const)('WebCrypto %s', (how) => {
  it('Data Integrity hash data equals node:crypto over the canonical text', async () => {
    removeWebCrypto(how);
    for (const { label, keyType, doc, withWebCrypto } of signed) {
      const data = await hashDataOf(doc, keyType);
      const alg = keyType === 'P-384' ? 'sha384' : 'sha256';
      const oracle = (text: string) => createHash(alg).update(text, 'utf8').digest('hex');
      expect(data.documentHash, label).toBe(oracle(data.canonicalDocument));
      expect(data.proofConfigHash, label).toBe(oracle(data.canonicalProofConfig));
      expect(data.documentHash.length, label).toBe(alg === 'sha384' ? 96 : 64);
      expect(data.documentHash, label).toBe(withWebCrypto.documentHash);
      expect(data.proofConfigHash, label).toBe(withWebCrypto.proofConfigHash);
    }
  });

  it('a genuine badge is valid and authentic', async () => {
    removeWebCrypto(how);
    for (const { label, doc } of signed) {
      expect(answers(await check(structuredClone(doc))), label).toEqual(['yes', 'valid']);
    }
  });

  it('a changed claim, proof value or proof configuration is invalid and not authentic', async () => {
    removeWebCrypto(how);
    for (const { label, doc } of signed) {
      const claim = structuredClone(doc);
      claim.credentialSubject.achievement.name = 'Teamwork!';
      expect(answers(await check(claim)), `${label}: claim`).toEqual(['no', 'invalid']);

      const value = structuredClone(doc);
      const p = proofOf(value);
      const i = 10;
      p.proofValue =
        p.proofValue.slice(0, i) +
        (p.proofValue[i] === 'A' ? 'B' : 'A') +
        p.proofValue.slice(i + 1);
      expect(answers(await check(value)), `${label}: proof value`).toEqual(['no', 'invalid']);

      const config = structuredClone(doc);
      proofOf(config).created = '2024-01-02T00:00:00Z';
      expect(answers(await check(config)), `${label}: proof configuration`).toEqual([
        'no',
        'invalid',
      ]);
    }
  });

  it("digest('SHA-384') and digest('SHA-256') give node:crypto's bytes, again on a second call", async () => {
    removeWebCrypto(how);
    for (const text of ['', 'abc', 'é\u{1f600}'.repeat(5000), 'x'.repeat(111)]) {
      for (const [alg, node] of [
        ['SHA-384', 'sha384'],
        ['SHA-256', 'sha256'],
      ] as const) {
        const want = createHash(node).update(text, 'utf8').digest('hex');
        expect(Buffer.from(await digest(alg, text)).toString('hex')).toBe(want);
        expect(Buffer.from(await digest(alg, text)).toString('hex')).toBe(want);
      }
    }
  });
});
