/**
 * Tampering: every single change of a signed credential either fails verification or leaves the
 * signed content (the RDFC-1.0 canonical form of the document and of the proof configuration)
 * byte-identical. The canonical forms come from `canonize` (src/jsonld), which the jsonld tests
 * prove byte-identical to jsonld.js + rdf-canonize.
 */
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '../../src/internal/bytes.js';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import {
  createProofHashData,
  type SuiteName,
  signCredential,
  verifyCredentialProof,
} from '../../src/proof/index.js';
import { signCredentialJwt, verifyCredentialJwt } from '../../src/proof/jwt/index.js';
import {
  contextSwaps,
  enumerateMutations,
  FULL,
  firstProof,
  type Loose,
  type Mutation,
  NOW,
  richCredential,
} from './helpers.js';

const TIMEOUT = FULL ? 3_600_000 : 60_000;

interface Signed {
  suite: SuiteName;
  signed: Loose;
  canonicalDocument: string;
  canonicalProofConfig: string;
}

const SUITES: Array<[SuiteName, 'Ed25519' | 'P-256']> = [
  ['eddsa-rdfc-2022', 'Ed25519'],
  ['ecdsa-rdfc-2019', 'P-256'],
  ['Ed25519Signature2020', 'Ed25519'],
];

const signedBySuite = new Map<SuiteName, Signed>();

beforeAll(async () => {
  for (const [suite, type] of SUITES) {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type }));
    const signed = await signCredential(richCredential(did), {
      key: keyPair,
      suite,
      created: '2024-01-01T00:00:00Z',
    });
    const hashes = await createProofHashData(signed, firstProof(signed));
    signedBySuite.set(suite, { suite, signed, ...hashes });
  }
});

/**
 * The canonical forms a (possibly changed) signed document commits to, or undefined when they
 * cannot be computed (then it cannot have verified either).
 */
const referenceLoader = createDocumentLoader();

/** The reference stack's RDFC-1.0 canonical form (jsonld.js + rdf-canonize), in safe mode. */
function referenceCanonize(doc: object): Promise<string> {
  return jsonld.canonize(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader: referenceLoader,
  } as never) as unknown as Promise<string>;
}

async function canonicalForms(doc: Loose): Promise<[string, string] | undefined> {
  try {
    const h = await createProofHashData(doc, firstProof(doc));
    return [h.canonicalDocument, h.canonicalProofConfig];
  } catch {
    return undefined;
  }
}

/** Verify each mutation; collect the ones that verified although the signed content changed. */
async function forgeries(base: Signed, mutations: Mutation[]) {
  const bad: string[] = [];
  let rejected = 0;
  let voidChanges = 0;
  for (const m of mutations) {
    let verified = false;
    if (m.doc !== null && typeof m.doc === 'object' && !Array.isArray(m.doc)) {
      const r = await verifyCredentialProof(m.doc, { now: NOW });
      verified = r.verified;
      // A result with verified=true must carry no issue, and vice versa.
      expect(verified).toBe(r.issues.length === 0 && r.proofs.every((p) => p.verified));
    }
    if (!verified) {
      rejected++;
      continue;
    }
    const forms = await canonicalForms(m.doc);
    const { proof: _p, ...unsecured } = m.doc;
    if (
      forms?.[0] === base.canonicalDocument &&
      forms[1] === base.canonicalProofConfig &&
      // The reference stack agrees that the signed graph is unchanged.
      (await referenceCanonize(unsecured)) === base.canonicalDocument
    ) {
      voidChanges++;
    } else {
      bad.push(m.label);
    }
  }
  return { bad, rejected, voidChanges };
}

describe('tampering with Data Integrity proofs', () => {
  for (const [suite] of SUITES) {
    it(`${suite}: the untouched credential verifies (control)`, async () => {
      const base = signedBySuite.get(suite) as Signed;
      const r = await verifyCredentialProof(base.signed, { now: NOW });
      expect(r.issues).toEqual([]);
      expect(r.verified).toBe(true);
    });

    it(
      `${suite}: no single change of the document, the proof or the context verifies unless the canonical form is unchanged`,
      async () => {
        const base = signedBySuite.get(suite) as Signed;
        const mutations = [...enumerateMutations(base.signed), ...contextSwaps(base.signed)];
        expect(mutations.length).toBeGreaterThan(300);
        const { bad, rejected, voidChanges } = await forgeries(base, mutations);
        expect(bad).toEqual([]);
        // Most changes are rejected; the void ones (a duplicated set member, a context version
        // with the same IRIs) are few and proven void above.
        expect(rejected).toBeGreaterThan(mutations.length * 0.75);
        expect(rejected + voidChanges).toBe(mutations.length);
      },
      TIMEOUT,
    );
  }

  it('a proof moved into a one-element array is the same proof (void change); a second, broken proof fails the set', async () => {
    const base = signedBySuite.get('eddsa-rdfc-2022') as Signed;
    const proof = firstProof(base.signed);
    for (const form of [proof, [proof]]) {
      const doc = { ...base.signed, proof: form };
      expect((await verifyCredentialProof(doc, { now: NOW })).verified).toBe(true);
    }
    const broken = { ...proof, proofValue: `${proof.proofValue.slice(0, -2)}11` };
    const set = { ...base.signed, proof: [proof, broken] };
    const r = await verifyCredentialProof(set, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.proofs.map((p) => p.verified)).toEqual([true, false]);
  });

  it('a proof copied onto another credential does not verify it', async () => {
    const a = signedBySuite.get('eddsa-rdfc-2022') as Signed;
    const b = signedBySuite.get('Ed25519Signature2020') as Signed;
    const transplanted = { ...b.signed, proof: a.signed.proof };
    const r = await verifyCredentialProof(transplanted, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('issuer_key_mismatch');
  });
});

function encodeJson(value: unknown): string {
  return toBase64Url(utf8(JSON.stringify(value)));
}

function decodeJson(segment: string): Loose {
  const bytes = fromBase64Url(segment);
  if (!bytes) throw new Error('bad segment');
  return JSON.parse(new TextDecoder().decode(bytes));
}

describe('tampering with a VC-JWT', () => {
  let jwt = '';
  beforeAll(async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    jwt = await signCredentialJwt(richCredential(did), { key: keyPair, now: NOW });
  });

  it('the untouched JWT verifies (control)', async () => {
    const r = await verifyCredentialJwt(jwt, { now: NOW });
    expect(r.issues).toEqual([]);
    expect(r.verified).toBe(true);
  });

  it('no change of the payload or the header verifies (the signature covers their bytes)', async () => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = decodeJson(p);
    const header = decodeJson(h);
    const candidates: Array<[string, string]> = [];
    for (const m of enumerateMutations(payload)) {
      candidates.push([`payload: ${m.label}`, `${h}.${encodeJson(m.doc)}.${s}`]);
    }
    for (const m of enumerateMutations(header)) {
      candidates.push([`header: ${m.label}`, `${encodeJson(m.doc)}.${p}.${s}`]);
    }
    expect(candidates.length).toBeGreaterThan(300);
    const bad: string[] = [];
    for (const [label, forged] of candidates) {
      if (forged === jwt) continue;
      const r = await verifyCredentialJwt(forged, { now: NOW });
      if (r.verified) bad.push(label);
    }
    expect(bad).toEqual([]);
  });

  it('no single-character change of any segment verifies, including non-canonical base64url padding bits', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const bad: string[] = [];
    const sigStart = jwt.lastIndexOf('.') + 1;
    const positions = new Set<number>();
    // Every position of the signature, the last 4 of each segment, and a sample elsewhere.
    for (let i = sigStart; i < jwt.length; i++) positions.add(i);
    for (const dot of [jwt.indexOf('.'), jwt.lastIndexOf('.')]) {
      for (let i = dot - 4; i < dot; i++) positions.add(i);
    }
    for (let i = 0; i < sigStart; i += 37) positions.add(i);
    for (const i of positions) {
      const chars = i >= jwt.length - 2 ? alphabet : 'AQgw_-';
      for (const c of chars) {
        if (c === jwt[i] || jwt[i] === '.') continue;
        const forged = jwt.slice(0, i) + c + jwt.slice(i + 1);
        const r = await verifyCredentialJwt(forged, { now: NOW });
        if (r.verified) bad.push(`position ${i}: ${jwt[i]} -> ${c}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a JWT whose signature is replaced by that of another JWT from the same key does not verify', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const one = await signCredentialJwt(richCredential(did), { key: keyPair, now: NOW });
    const other = richCredential(did);
    other.name = 'Another badge';
    const two = await signCredentialJwt(other, { key: keyPair, now: NOW });
    const spliced = `${two.slice(0, two.lastIndexOf('.'))}${one.slice(one.lastIndexOf('.'))}`;
    const r = await verifyCredentialJwt(spliced, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('jwt_signature_invalid');
  });
});
