import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JsonLdError, LimitError, Ob3Error } from '../../src/errors.js';
import { canonize, canonizeNQuads, toNQuads } from '../../src/jsonld/index.js';
import { hasShared, preBlocks, readShared, SKIP_SHARED } from './helpers.js';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';

/** The hex value in the <code> right after the heading with this id. */
function publishedHash(html: string, id: string): string {
  const m = html.match(new RegExp(`id="${id}"[\\s\\S]*?<code\\s*>\\s*([0-9a-f]{64})\\s*</code`));
  if (!m?.[1]) throw new Error(`no published hash after #${id}`);
  return m[1];
}

/** The proof options document of the walk-through ("Proof before signing" + VC v2 context). */
function proofOptions(html: string, section: string): object {
  const block = html.slice(html.indexOf(`id="${section}"`));
  const pre = preBlocks(block)[0] ?? '';
  // The walk-through prints a JavaScript object literal; read its five string fields.
  const field = (name: string) => {
    const m = pre.match(new RegExp(`${name}:\\s*'([^']*)'`));
    if (!m?.[1]) throw new Error(`no ${name} in proof options`);
    return m[1];
  };
  return {
    '@context': [VC_V2],
    type: field('type'),
    created: field('created'),
    verificationMethod: field('verificationMethod'),
    cryptosuite: field('cryptosuite'),
    proofPurpose: field('proofPurpose'),
  };
}

describe.skipIf(!hasShared)('RDFC-1.0 against the published Open Badges vectors', () => {
  if (!hasShared) console.warn(SKIP_SHARED);

  it('OB 3.0 walk-through: document canon and hash are byte-exact', async () => {
    const html = readShared('spec/impl/linked-data-proof-ob.html');
    const [credential] = preBlocks(html, /title="Credential"/);
    const out = await canonize(JSON.parse(credential ?? ''));
    expect(out).toBe(readShared('spec/test-vectors/obv3p0/document-canon.txt'));
    expect(sha256Hex(out)).toBe(publishedHash(html, 'ob-document-hash'));
    expect(sha256Hex(out)).toMatch(/^87f65a76/);
  });

  it('OB 3.0 walk-through: proof options canon and hash are byte-exact', async () => {
    const html = readShared('spec/impl/linked-data-proof-ob.html');
    const out = await canonize(proofOptions(html, 'ob-proof-before'));
    expect(out).toBe(readShared('spec/test-vectors/obv3p0/proof-canon.txt'));
    expect(sha256Hex(out)).toBe(publishedHash(html, 'ob-proof-hash'));
    expect(sha256Hex(out)).toMatch(/^d34009ce/);
  });

  it('CLR 2.0 walk-through: document and proof canon and hashes are byte-exact', async () => {
    const html = readShared('spec/impl/linked-data-proof-clr.html');
    const [credential] = preBlocks(html, /title="Credential"/);
    const out = await canonize(JSON.parse(credential ?? ''));
    expect(out).toBe(readShared('spec/test-vectors/clrv2p0/document-canon.txt'));
    expect(sha256Hex(out)).toBe(publishedHash(html, 'clr-document-hash'));
    const proof = await canonize(proofOptions(html, 'clr-proof-before'));
    expect(proof).toBe(readShared('spec/test-vectors/clrv2p0/proof-canon.txt'));
    expect(sha256Hex(proof)).toBe(publishedHash(html, 'clr-proof-hash'));
  });

  it('a changed value changes the canonical form', async () => {
    const html = readShared('spec/impl/linked-data-proof-ob.html');
    const doc = JSON.parse(preBlocks(html, /title="Credential"/)[0] ?? '');
    doc.name = 'Teamwork Badge!';
    const out = await canonize(doc);
    expect(out).not.toBe(readShared('spec/test-vectors/obv3p0/document-canon.txt'));
  });
});

describe('canonize / toNQuads / canonizeNQuads', () => {
  const doc = {
    '@context': [VC_V2],
    type: ['VerifiableCredential'],
    issuer: 'https://example.edu/issuers/1',
    validFrom: '2010-01-01T00:00:00Z',
    credentialSubject: { name: 'Alice' },
  };

  it('toNQuads gives the quads that canonizeNQuads turns into the canonical form', async () => {
    const quads = await toNQuads(doc);
    expect(quads).toContain('<https://schema.org/name> "Alice" .');
    expect(quads).toMatch(/_:b\d/); // non-canonical labels
    expect(await canonizeNQuads(quads)).toBe(await canonize(doc));
  });

  it('canonizeNQuads relabels blank nodes and sorts (RDFC-1.0)', async () => {
    const input = '_:x <http://example.org/p> "b" .\n_:y <http://example.org/p> "a" .\n';
    expect(await canonizeNQuads(input)).toBe(
      '_:c14n0 <http://example.org/p> "a" .\n_:c14n1 <http://example.org/p> "b" .\n',
    );
  });

  it('canonizeNQuads rejects invalid N-Quads with ERR_NQUADS_SYNTAX', async () => {
    await expect(canonizeNQuads('this is not n-quads')).rejects.toMatchObject({
      code: 'ERR_NQUADS_SYNTAX',
    });
  });

  it('rejects misuse with TypeError', async () => {
    await expect(canonize(null as unknown as object)).rejects.toThrow(TypeError);
    await expect(canonize('x' as unknown as object)).rejects.toThrow(TypeError);
    await expect(canonize(doc, { safe: 'yes' as unknown as boolean })).rejects.toThrow(TypeError);
    await expect(canonize(doc, { maxQuads: -1 })).rejects.toThrow(TypeError);
    await expect(canonizeNQuads(1 as unknown as string)).rejects.toThrow(TypeError);
  });
});

describe('safe mode and JSON-LD errors', () => {
  const v1Base = {
    '@context': [VC_V1],
    type: ['VerifiableCredential'],
    issuer: 'https://example.edu/issuers/1',
    issuanceDate: '2010-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:1' },
  };

  it('an undefined term fails with ERR_JSONLD_UNDEFINED_TERM naming the term', async () => {
    const err = await canonize({ ...v1Base, foo: 'bar' }).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(err.details.term).toBe('foo');
    expect(err.message).toContain('"foo"');
  });

  it('the same document canonizes with safe mode off (the term is dropped)', async () => {
    const loose = await canonize({ ...v1Base, foo: 'bar' }, { safe: false });
    expect(loose).toBe(await canonize(v1Base));
  });

  it('a relative @type fails with ERR_JSONLD_UNDEFINED_TERM naming the type', async () => {
    const err = await canonize({
      ...v1Base,
      credentialSubject: { id: 'did:example:1', type: 'UndefinedThing' },
    }).catch((e) => e);
    expect(err.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(err.details.term).toBe('UndefinedThing');
    expect(err.details.event).toBe('relative @type reference');
  });

  it('VC 2.0 has no @vocab: an undefined term fails there too', async () => {
    const v2 = {
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      issuer: 'https://example.edu/issuers/1',
      credentialSubject: { id: 'did:example:1' },
      foo: 'bar',
    };
    const err = await canonize(v2).catch((e) => e);
    expect(err.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(err.details.term).toBe('foo');
    // ...unless the issuer opts into the VC 2.0 undefined-terms context.
    const out = await canonize({
      ...v2,
      '@context': [VC_V2, 'https://www.w3.org/ns/credentials/undefined-terms/v2'],
    });
    expect(out).toContain('<https://www.w3.org/ns/credentials/undefined-term#foo> "bar"');
  });

  it('a relative @id fails with ERR_JSONLD_UNDEFINED_TERM naming the reference', async () => {
    const err = await canonize({ ...v1Base, id: 'relative/path' }).catch((e) => e);
    expect(err.code).toBe('ERR_JSONLD_UNDEFINED_TERM');
    expect(err.details.term).toBe('relative/path');
    expect(err.message).toContain('relative IRI');
  });

  it('redefining a protected term fails with ERR_JSONLD_PROTECTED_TERM', async () => {
    const err = await canonize({
      '@context': [VC_V2, { name: 'https://example.com/vocab#name' }],
      type: ['VerifiableCredential'],
      issuer: 'https://example.edu/issuers/1',
      credentialSubject: { id: 'did:example:1' },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_JSONLD_PROTECTED_TERM');
    expect(err.details.term).toBe('name');
  });

  it('an unknown remote context fails with ERR_CONTEXT_UNKNOWN naming the URL, unwrapped', async () => {
    const url = 'https://example.com/contexts/unknown.json';
    const err = await canonize({ ...v1Base, '@context': [VC_V1, url] }).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_CONTEXT_UNKNOWN');
    expect(err.details.url).toBe(url);
    expect(err.message).toContain(url);
  });

  it('inline contexts are allowed', async () => {
    const out = await canonize({
      '@context': [VC_V1, { nick: 'https://example.com/vocab#nick' }],
      ...Object.fromEntries(Object.entries(v1Base).filter(([k]) => k !== '@context')),
      nick: 'Al',
    });
    expect(out).toContain('<https://example.com/vocab#nick> "Al"');
  });

  it('other JSON-LD errors become ERR_JSONLD with jsonld.js message', async () => {
    const err = await canonize({ '@context': 42, name: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_JSONLD');
    expect(err.message).toContain('JSON-LD processing failed');
  });

  it('other data losses fail with ERR_JSONLD_SAFE_MODE naming the event', async () => {
    const err = await canonize({
      ...v1Base,
      '@context': [VC_V1, { note: 'https://example.com/vocab#note' }],
      note: { '@value': 'x', '@language': 'not a tag!' },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_JSONLD_SAFE_MODE');
    expect(err.details.event).toBe('invalid @language value');
    expect(err.details.language).toBe('not a tag!');
  });
});

describe('limits and abort', () => {
  const doc = {
    '@context': [VC_V2],
    type: ['VerifiableCredential'],
    issuer: 'https://example.edu/issuers/1',
    credentialSubject: { id: 'did:example:1', name: 'A' },
  };

  it('maxQuads bounds the dataset size', async () => {
    const err = await canonize(doc, { maxQuads: 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect(err.code).toBe('ERR_CANONIZE_LIMIT');
    expect(err.details).toMatchObject({ limit: 'maxQuads', max: 2 });
    await expect(canonize(doc, { maxQuads: 100 })).resolves.toContain('did:example:1');
  });

  it('maxWorkFactor bounds canonicalization of many indistinguishable blank nodes', async () => {
    // A ring of blank nodes where every node looks the same to the first-degree hash.
    const n = 6;
    let nq = '';
    for (let i = 0; i < n; i++) nq += `_:n${i} <http://example.org/next> _:n${(i + 1) % n} .\n`;
    const err = await canonizeNQuads(nq, { maxWorkFactor: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect(err.code).toBe('ERR_CANONIZE_LIMIT');
    await expect(canonizeNQuads(nq, { maxWorkFactor: 2 })).resolves.toContain('_:c14n0');
  });

  it('a document nested too deeply fails with ERR_CANONIZE_LIMIT, not a crash', async () => {
    let deep: object = { n: 'leaf' };
    for (let i = 0; i < 20_000; i++) deep = { n: deep };
    const err = await canonize({ '@context': { n: 'urn:example:n' }, ...deep }).catch((e) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect(err.code).toBe('ERR_CANONIZE_LIMIT');
    expect(err.details.limit).toBe('depth');
  });

  it('an aborted signal stops the work with ERR_ABORTED', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const err = await canonize(doc, { signal: controller.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(Ob3Error);
    expect(err.code).toBe('ERR_ABORTED');
    const err2 = await canonizeNQuads('_:a <http://e/p> "x" .\n', {
      signal: controller.signal,
    }).catch((e) => e);
    expect(err2.code).toBe('ERR_ABORTED');
  });
});
