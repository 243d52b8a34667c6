import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonLdError } from '../../src/errors.js';
import {
  canonize,
  createDocumentLoader,
  getBundledContext,
  listBundledContexts,
} from '../../src/jsonld/index.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const CUSTOM = 'https://example.com/contexts/nick/v1';
const customContext = { '@context': { nick: 'https://example.com/vocab#nick' } };

describe('createDocumentLoader', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('serves every bundled context from memory, never calling fetch', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const load = createDocumentLoader();
    for (const url of listBundledContexts()) {
      const remote = await load(url);
      expect(remote.contextUrl).toBeNull();
      expect(remote.documentUrl).toBe(url);
      expect(remote.document).toEqual(getBundledContext(url));
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fails on an unknown URL with ERR_CONTEXT_UNKNOWN naming the URL, without fetching', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const url = 'https://example.com/contexts/unknown/v1';
    const err = await createDocumentLoader()(url).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_CONTEXT_UNKNOWN');
    expect(err.details).toEqual({ url });
    expect(err.message).toContain(url);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('canonize never fetches, even for an unknown context', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const url = 'https://example.com/contexts/unknown/v2';
    await expect(
      canonize({ '@context': [VC_V2, url], type: ['VerifiableCredential'] }),
    ).rejects.toMatchObject({ code: 'ERR_CONTEXT_UNKNOWN', details: { url } });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('serves a registered context, and canonize uses it through the loader', async () => {
    const load = createDocumentLoader({ contexts: { [CUSTOM]: customContext } });
    expect((await load(CUSTOM)).document).toEqual(customContext);
    const out = await canonize(
      {
        '@context': [VC_V2, CUSTOM],
        type: ['VerifiableCredential'],
        issuer: 'https://example.edu/issuers/1',
        credentialSubject: { id: 'did:example:1', nick: 'Al' },
      },
      { documentLoader: load },
    );
    expect(out).toContain('<did:example:1> <https://example.com/vocab#nick> "Al" .');
    // The default loader does not know it.
    await expect(createDocumentLoader()(CUSTOM)).rejects.toMatchObject({
      code: 'ERR_CONTEXT_UNKNOWN',
    });
  });

  it('copies registered documents: later changes by the caller have no effect', async () => {
    const ctx = { '@context': { nick: 'https://example.com/vocab#nick' } };
    const load = createDocumentLoader({ contexts: { [CUSTOM]: ctx } });
    ctx['@context'].nick = 'https://evil.example/nick';
    const first = (await load(CUSTOM)).document as typeof ctx;
    expect(first['@context'].nick).toBe('https://example.com/vocab#nick');
    first['@context'].nick = 'https://evil.example/nick';
    const second = (await load(CUSTOM)).document as typeof ctx;
    expect(second['@context'].nick).toBe('https://example.com/vocab#nick');
  });

  it('serves registered non-context documents (for example a DID document)', async () => {
    const did = 'did:example:123';
    const doc = { '@context': 'https://www.w3.org/ns/did/v1', id: did };
    const load = createDocumentLoader({ documents: { [did]: doc } });
    expect((await load(did)).document).toEqual(doc);
  });

  it('allows re-registering a bundled URL only with identical content', async () => {
    const same = structuredClone(getBundledContext(OB_303)) as object;
    expect(() => createDocumentLoader({ contexts: { [OB_303]: same } })).not.toThrow();
    const changed = { '@context': { extra: 'https://example.com/extra' } };
    expect(() => createDocumentLoader({ contexts: { [OB_303]: changed } })).toThrow(
      expect.objectContaining({ code: 'ERR_CONTEXT_CONFLICT', details: { url: OB_303 } }),
    );
    expect(() =>
      createDocumentLoader({ contexts: { [CUSTOM]: customContext }, documents: { [CUSTOM]: {} } }),
    ).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_CONFLICT' }));
  });

  it('rejects misuse with TypeError', async () => {
    expect(() => createDocumentLoader('x' as unknown as object)).toThrow(TypeError);
    expect(() =>
      createDocumentLoader({ contexts: [] as unknown as Record<string, object> }),
    ).toThrow(TypeError);
    // A context must be a document with a top-level @context, not the bare term map.
    expect(() =>
      createDocumentLoader({ contexts: { [CUSTOM]: { nick: 'https://example.com/vocab#nick' } } }),
    ).toThrow(/top-level "@context"/);
    await expect(createDocumentLoader()(42 as unknown as string)).rejects.toThrow(TypeError);
  });

  it('a failing caller-supplied loader surfaces as ERR_CONTEXT_LOAD naming the URL', async () => {
    const url = 'https://example.com/contexts/broken/v1';
    const doc = { '@context': [VC_V2, url], type: ['VerifiableCredential'] };
    const throwing = async () => {
      throw new Error('disk on fire');
    };
    const err = await canonize(doc, { documentLoader: throwing }).catch((e) => e);
    expect(err).toBeInstanceOf(JsonLdError);
    expect(err.code).toBe('ERR_CONTEXT_LOAD');
    expect(err.details.url).toBe(VC_V2);
    expect(err.message).toContain('disk on fire');
    const notObject = async (u: string) => ({ contextUrl: null, documentUrl: u, document: 42 });
    const err2 = await canonize(doc, { documentLoader: notObject }).catch((e) => e);
    expect(err2.code).toBe('ERR_CONTEXT_LOAD');
  });
});
