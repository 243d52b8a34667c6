/**
 * JSON-LD attacks: each hostile document is rejected with a stable code, by canonicalization
 * (`canonize`, the step every Data Integrity proof goes through) and by `verify()`. Work limits,
 * not timings, bound the cost; vitest's per-test timeout is the hang guard.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Ob3Error } from '../../src/errors.js';
import { canonize, canonizeNQuads, toNQuads } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import {
  expectReport,
  failCodes,
  forbiddenFetch,
  type Loose,
  NOW,
  richCredential,
} from './helpers.js';

const HANG_GUARD = 20_000;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Ob3Error) return e.code;
    throw e;
  }
  return 'resolved';
}

let did = '';
let keyPair: KeyPair;
let signed: Loose;

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
  signed = await signCredential(richCredential(did), {
    key: keyPair,
    created: '2024-01-01T00:00:00Z',
  });
});

/** The signed badge with `edit` applied to a copy. */
function tampered(edit: (c: Loose) => void): Loose {
  const c = structuredClone(signed);
  edit(c);
  return c;
}

/** verify() with network allowed, through a fetch that must never be called (did:key needs none). */
async function verifyOffline(input: unknown, options: { policy?: 'conformance' } = {}) {
  const fetch = forbiddenFetch();
  const report = await verify(input as object, { now: NOW, fetch, ...options });
  expectReport(report);
  expect(fetch).not.toHaveBeenCalled();
  return report;
}

describe('undefined terms (safe mode)', () => {
  it('a term no context defines fails canonicalization, the proof and verify()', async () => {
    const doc = tampered((c) => {
      c.credentialSubject.secretLevel = 'admin';
    });
    const { proof: _p, ...unsecured } = doc;
    expect(await codeOf(canonize(unsecured))).toBe('ERR_JSONLD_UNDEFINED_TERM');
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r.issues.map((i) => i.code)).toContain('jsonld_undefined_term');
    const report = await verifyOffline(doc);
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('jsonld_undefined_term');
  });

  it('a relative @type or @id is refused in safe mode', async () => {
    const base = richCredential(did);
    expect(await codeOf(canonize({ ...base, type: ['VerifiableCredential', 'Evil'] }))).toBe(
      'ERR_JSONLD_UNDEFINED_TERM',
    );
    expect(await codeOf(canonize({ ...base, id: 'relative/id' }))).toBe(
      'ERR_JSONLD_UNDEFINED_TERM',
    );
  });
});

describe('inline contexts', () => {
  it('an inline context may not redefine a protected term (top level, scoped, type-scoped)', async () => {
    const redefine = { name: 'https://attacker.example/vocab#name' };
    const top = { ...richCredential(did) };
    top['@context'] = [...top['@context'], redefine];
    expect(await codeOf(canonize(top))).toBe('ERR_JSONLD_PROTECTED_TERM');

    const scoped = richCredential(did);
    scoped.credentialSubject['@context'] = { id: 'https://attacker.example/vocab#id' };
    expect(await codeOf(canonize(scoped))).toBe('ERR_JSONLD_PROTECTED_TERM');

    const typeScoped = richCredential(did);
    typeScoped['@context'] = [
      ...typeScoped['@context'],
      { Profile: { '@id': 'https://attacker.example/Profile', '@context': { name: '@id' } } },
    ];
    expect(await codeOf(canonize(typeScoped))).toBe('ERR_JSONLD_PROTECTED_TERM');

    const report = await verifyOffline(tampered((c) => c['@context'].push(redefine)));
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('jsonld_protected_term');
  });

  it('"@protected": false or @version tricks do not lift the protection', async () => {
    const doc = richCredential(did);
    doc['@context'] = [
      ...doc['@context'],
      { '@version': 1.1, '@protected': false, issuer: 'https://attacker.example/issuer' },
    ];
    // jsonld.js reports this one as a cyclic IRI mapping; either way it is refused.
    expect(['ERR_JSONLD_PROTECTED_TERM', 'ERR_JSONLD']).toContain(await codeOf(canonize(doc)));
    const report = await verifyOffline(tampered((c) => c['@context'].push(doc['@context'][2])));
    expect(report.verdict).toBe('invalid');
  });

  it('an inline context placed before the VC context is overridden: no change to what was signed', async () => {
    const { proof: _p, ...unsecured } = signed;
    const before = structuredClone(unsecured);
    before['@context'] = [{ name: 'https://attacker.example/vocab#name' }, ...before['@context']];
    // The protected VC definitions win, so the graph is the very one that was signed, and the
    // context check still reports the non-standard first entry.
    expect(await canonize(before)).toBe(await canonize(unsecured));
    const report = await verifyOffline(
      { ...before, proof: signed.proof },
      { policy: 'conformance' },
    );
    expect(failCodes(report)).toContain('context_vc_missing');
  });

  it('a new term from an inline context, added to a signed badge, breaks the signature', async () => {
    const doc = tampered((c) => {
      c['@context'].push({ level: 'https://attacker.example/vocab#level' });
      c.credentialSubject.level = 'admin';
    });
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['proof_signature_invalid']);
    expect((await verifyOffline(doc)).verdict).toBe('invalid');
  });
});

describe('@vocab tricks', () => {
  it('@vocab turns undefined terms into attacker IRIs: the signature still breaks', async () => {
    const doc = tampered((c) => {
      c['@context'].push({ '@vocab': 'https://attacker.example/vocab#' });
      c.credentialSubject.role = 'admin';
    });
    const r = await verifyCredentialProof(doc, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('proof_signature_invalid');
    expect((await verifyOffline(doc)).verdict).toBe('invalid');
  });

  it('@vocab does not change protected or already defined terms', async () => {
    const { proof: _p, ...unsecured } = signed;
    const withVocab = structuredClone(unsecured);
    withVocab['@context'] = [...withVocab['@context'], { '@vocab': 'https://attacker.example/#' }];
    expect(await canonize(withVocab)).toBe(await canonize(unsecured));
  });

  it('a relative @vocab is refused; a blank-node @vocab does not get new data past the signature', async () => {
    const rel = richCredential(did);
    rel['@context'] = [...rel['@context'], { '@vocab': 'relative/' }];
    rel.credentialSubject.role = 'admin';
    expect(await codeOf(canonize(rel))).toMatch(/^ERR_JSONLD/);
    const blank = tampered((c) => {
      c['@context'].push({ '@vocab': '_:' });
      c.credentialSubject.role = 'admin';
    });
    const r = await verifyCredentialProof(blank, { now: NOW });
    expect(r.verified).toBe(false);
    expect((await verifyOffline(blank)).verdict).toBe('invalid');
  });
});

describe('remote contexts are never fetched', () => {
  const REMOTE = 'https://attacker.example/context.jsonld';

  it('a remote context URL, an @import and a scoped remote context fail ERR_CONTEXT_UNKNOWN', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const top = richCredential(did);
      top['@context'] = [...top['@context'], REMOTE];
      expect(await codeOf(canonize(top))).toBe('ERR_CONTEXT_UNKNOWN');

      const imported = richCredential(did);
      imported['@context'] = [...imported['@context'], { '@version': 1.1, '@import': REMOTE }];
      expect(await codeOf(canonize(imported))).toBe('ERR_CONTEXT_UNKNOWN');

      const scoped = richCredential(did);
      scoped.credentialSubject.achievement['@context'] = REMOTE;
      expect(await codeOf(canonize(scoped))).toBe('ERR_CONTEXT_UNKNOWN');

      const typeScoped = richCredential(did);
      typeScoped['@context'] = [
        ...typeScoped['@context'],
        { Evil: { '@id': 'https://attacker.example/Evil', '@context': REMOTE } },
      ];
      typeScoped.credentialSubject.type = ['AchievementSubject', 'Evil'];
      // jsonld.js reports a failed scoped-context load as "invalid scoped context" (ERR_JSONLD).
      expect(['ERR_CONTEXT_UNKNOWN', 'ERR_JSONLD']).toContain(await codeOf(canonize(typeScoped)));
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('verify() reports context_unknown and does not fetch contexts even when fetch is allowed', async () => {
    const fetch = vi.fn(async (url: string) => {
      throw new Error(`unexpected fetch of ${url}`);
    });
    for (const url of [REMOTE, 'http://127.0.0.1:8080/ctx', 'file:///etc/passwd', 'data:,{}']) {
      const doc = tampered((c) => c['@context'].push(url));
      // Not fetched: what the credential means cannot be read, so nothing about it is known
      // (never accepted); the conformance policy calls it invalid.
      const report = await verify(doc, { now: NOW, fetch });
      expect(report.checks.map((c) => c.code)).toContain('context_unknown');
      expect(report.answers.authentic.value).not.toBe('yes');
      expect(report.answers.fullyChecked.value).toBe('no');
      const strict = await verify(doc, { now: NOW, fetch, policy: 'conformance' });
      expect(strict.verdict).toBe('invalid');
      expect(failCodes(strict)).toContain('context_unknown');
    }
    expect(fetch.mock.calls.map((c) => c[0])).not.toContain(REMOTE);
    for (const [url] of fetch.mock.calls) expect(url).not.toMatch(/ctx|context|passwd|^data:/);
  });
});

describe('type confusion, and @id / @type where values belong', () => {
  const cases: Array<[string, (c: Loose) => void]> = [
    [
      'type is an object',
      (c) => (c.type = { '@id': 'https://www.w3.org/2018/credentials#VerifiableCredential' }),
    ],
    ['type is a number', (c) => (c.type = 42)],
    ['credentialSubject is a string', (c) => (c.credentialSubject = 'did:example:x')],
    [
      'credentialSubject is an array of arrays',
      (c) => (c.credentialSubject = [[c.credentialSubject]]),
    ],
    ['issuer is a number', (c) => (c.issuer = 7)],
    ['issuer is null', (c) => (c.issuer = null)],
    ['name is a node reference', (c) => (c.name = { '@id': 'https://attacker.example/name' })],
    [
      'name is a typed literal',
      (c) => (c.name = { '@value': 'x', '@type': 'https://attacker.example/T' }),
    ],
    ['validFrom is a node', (c) => (c.validFrom = { '@id': 'urn:x' })],
    ['@id is a number', (c) => (c['@id'] = 123)],
    ['@type holds an object', (c) => (c['@type'] = [{}])],
    ['id is an array', (c) => (c.id = ['urn:a', 'urn:b'])],
    ['@context is a number', (c) => (c['@context'] = 5)],
    ['@context holds null and objects', (c) => (c['@context'] = [null, {}, c['@context'][0]])],
    ['@graph smuggled in', (c) => (c['@graph'] = [{ '@id': 'urn:x', name: 'x' }])],
    ['@reverse smuggled in', (c) => (c['@reverse'] = { issuer: { '@id': 'urn:x' } })],
    ['@included smuggled in', (c) => (c['@included'] = [{ '@id': 'urn:x', name: 'x' }])],
    ['proof is a string', (c) => (c.proof = 'z3FXQjecWufY46')],
    ['proof is an array of junk', (c) => (c.proof = [1, null, 'x', []])],
  ];
  for (const [label, edit] of cases) {
    it(label, async () => {
      const doc = tampered(edit);
      const report = await verifyOffline(doc);
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report).length).toBeGreaterThan(0);
    });
  }
});

describe('size and nesting', () => {
  it(
    'very deep nesting is refused before JSON-LD processing (verify) and fails ERR_CANONIZE_LIMIT in canonize',
    async () => {
      const depth = 100_000;
      const text = `{"@context":"https://www.w3.org/ns/credentials/v2","name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const report = await verifyOffline(text);
      expect(report.verdict).toBe('invalid');
      expect(failCodes(report)).toEqual(['input_too_deep']);

      let deep: Loose = { name: 'x' };
      for (let i = 0; i < 20_000; i++) deep = { description: [deep] };
      const doc = { '@context': 'https://www.w3.org/ns/credentials/v2', ...deep };
      expect(await codeOf(canonize(doc))).toBe('ERR_CANONIZE_LIMIT');
    },
    HANG_GUARD,
  );

  it('an object that contains itself is refused, never looped over', async () => {
    const doc: Loose = richCredential(did);
    doc.credentialSubject.achievement.related = doc.credentialSubject;
    const report = await verifyOffline(doc);
    expect(report.verdict).toBe('invalid');
    expect(await codeOf(canonize(doc))).toBe('ERR_CANONIZE_LIMIT');
  });

  it('a large array fails ERR_CANONIZE_LIMIT (maxQuads) rather than canonizing without bound', async () => {
    const doc = richCredential(did);
    doc.credentialSubject.achievement.tag = Array.from({ length: 2_000 }, (_, i) => `t${i}`);
    expect(await codeOf(canonize(doc, { maxQuads: 1_000 }))).toBe('ERR_CANONIZE_LIMIT');
  });

  // A 100,001-item array through verify(): see open-issues.test.ts (quadratic JSON-LD to RDF).

  it('a long string value is handled (and breaks the signature) without blowing up', async () => {
    const doc = tampered((c) => {
      c.name = 'A'.repeat(2_000_000);
    });
    const report = await verifyOffline(doc);
    expect(report.verdict).toBe('invalid');
    expect(failCodes(report)).toContain('proof_signature_invalid');
  });
});

/** A poison graph: `n` blank nodes, each linked to every other one (nothing tells them apart). */
function poisonNQuads(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) lines.push(`_:b${i} <https://attacker.example/p> _:b${j} .`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function poisonJsonLd(n: number): Loose[] {
  return Array.from({ length: n }, (_, i) => ({
    '@id': `_:b${i}`,
    'https://attacker.example/p': Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .map((j) => ({ '@id': `_:b${j}` })),
  }));
}

describe('poison graphs (expensive canonicalization)', () => {
  it(
    'canonizeNQuads fails ERR_CANONIZE_LIMIT quickly on a blank-node clique',
    async () => {
      expect(await codeOf(canonizeNQuads(poisonNQuads(12)))).toBe('ERR_CANONIZE_LIMIT');
    },
    HANG_GUARD,
  );

  it(
    'a credential carrying a poison graph fails canonize, the proof and verify() with a code',
    async () => {
      const doc = tampered((c) => {
        c.credentialSubject['https://attacker.example/p'] = poisonJsonLd(10);
      });
      const { proof: _p, ...unsecured } = doc;
      // Converting to quads is linear; canonicalizing is what the work limit stops.
      await expect(toNQuads(unsecured)).resolves.toContain('_:b');
      expect(await codeOf(canonize(unsecured))).toBe('ERR_CANONIZE_LIMIT');
      const r = await verifyCredentialProof(doc, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.issues[0]?.message).toMatch(/work limit/);
      const report = await verifyOffline(doc);
      expect(report.verdict).toBe('invalid');
    },
    HANG_GUARD,
  );
});
