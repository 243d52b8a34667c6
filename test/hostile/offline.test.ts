/**
 * The offline guarantee: every kind of input `verify()` takes is verified without touching the
 * network unless the caller passes `fetch`; and with `fetch` allowed, only the documented kinds
 * of URL are requested (DID documents, https key documents, status lists, issuer profiles, a
 * credentialSchema that is not bundled, the refresh service) — never a JSON-LD context.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bakeBadge } from '../../src/bake/index.js';
import { listBundledContexts } from '../../src/jsonld/index.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import {
  createPresentation,
  signPresentation,
  signPresentationJwt,
} from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import { verify } from '../../src/verify/index.js';
import { expectReport, type Loose, NOW, richCredential } from './helpers.js';

interface Case {
  label: string;
  input: unknown;
  /** URLs verification may request when fetch is allowed. */
  allowed: string[];
  /** Documents that make the network unnecessary. */
  documents?: Record<string, unknown>;
  challenge?: string;
}

const cases: Case[] = [];
const REMOTE_CONTEXT = 'https://attacker.example/context.jsonld';
const STATUS = 'https://issuer.example/status/3';
const SCHEMA = 'https://issuer.example/schemas/badge.json';
const REFRESH = 'https://issuer.example/refresh/1';

function didWebUrl(host: string): string {
  return `https://${host}/.well-known/did.json`;
}

beforeAll(async () => {
  const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  // Test material for the offline rules (a URL issuer, extras), not for conformance.
  const sign = (c: Loose) =>
    signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z', validate: false });
  const plain = await sign(richCredential(did));
  const text = JSON.stringify(plain);
  const jwt = await signCredentialJwt(richCredential(did), { key: keyPair, now: NOW });

  // did:web issuer.
  const host = 'issuer.example';
  const webDid = `did:web:${host}`;
  const webKey: KeyPair = await generateKeyPair({
    type: 'Ed25519',
    controller: webDid,
    id: `${webDid}#key-1`,
  });
  const didDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: webDid,
    verificationMethod: [webKey.toJSON()],
    assertionMethod: [webKey.id],
  };
  const web = await signCredential(richCredential(webDid), {
    key: webKey,
    created: '2024-01-01T00:00:00Z',
  });
  const webJwt = await signCredentialJwt(richCredential(webDid), { key: webKey, now: NOW });

  // https controller document.
  const controller = 'https://keys.example/issuers/1';
  const httpsKey = await generateKeyPair({
    type: 'Ed25519',
    controller,
    id: `${controller}#key-1`,
  });
  const controllerDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: controller,
    verificationMethod: [httpsKey.toJSON()],
    assertionMethod: [httpsKey.id],
  };
  const https = await signCredential(richCredential(controller), {
    key: httpsKey,
    created: '2024-01-01T00:00:00Z',
  });

  // Status, schema, refresh, issuer profile by URL, remote context.
  const extras = richCredential(did);
  extras['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
  extras.credentialStatus = {
    id: `${STATUS}#7`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '7',
    statusListCredential: STATUS,
  };
  extras.credentialSchema = [{ id: SCHEMA, type: '1EdTechJsonSchemaValidator2019' }];
  extras.refreshService = { id: REFRESH, type: '1EdTechCredentialRefresh' };
  const withExtras = await sign(extras);

  const byUrl = richCredential(did);
  byUrl.issuer = did;
  const issuerByUrl = await sign(byUrl);

  const remoteContext = structuredClone(plain);
  remoteContext['@context'].push(REMOTE_CONTEXT);

  // Endorsement by the did:web issuer.
  const endorsed = richCredential(did);
  const endorsement = await signCredential(
    {
      '@context': endorsed['@context'],
      id: 'urn:uuid:6a1e1e7c-1a53-4bd0-a2b4-7a0d35d1c0ab',
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: webDid, type: ['Profile'], name: 'Endorser' },
      validFrom: '2024-01-01T00:00:00Z',
      name: 'Endorsement',
      credentialSubject: { id: did, type: ['EndorsementSubject'], endorsementComment: 'Good.' },
    },
    { key: webKey, created: '2024-01-01T00:00:00Z' },
  );
  endorsed.credentialSubject.achievement.endorsement = [endorsement];
  const withEndorsement = await sign(endorsed);

  // Presentations.
  const holder = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
  const vp = await signPresentation(
    createPresentation({ holder: holder.did, credentials: [plain, web, jwt] }),
    { key: holder.keyPair, challenge: 'nonce-1', created: '2024-01-01T00:00:00Z' },
  );
  const vpJwt = await signPresentationJwt(
    createPresentation({ holder: holder.did, credentials: [webJwt] }),
    { key: holder.keyPair, challenge: 'nonce-1', now: NOW },
  );

  const png = new Uint8Array(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
      'base64',
    ),
  );
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>';
  const webDidUrl = didWebUrl(host);

  cases.push(
    { label: 'Data Integrity, did:key (object)', input: plain, allowed: [] },
    { label: 'Data Integrity, did:key (JSON text)', input: text, allowed: [] },
    {
      label: 'Data Integrity, did:key (UTF-8 bytes)',
      input: new TextEncoder().encode(text),
      allowed: [],
    },
    { label: 'VC-JWT, did:key', input: jwt, allowed: [] },
    {
      label: 'Data Integrity, did:web',
      input: web,
      allowed: [webDidUrl],
      documents: { [webDid]: didDocument },
    },
    {
      label: 'VC-JWT, did:web',
      input: webJwt,
      allowed: [webDidUrl],
      documents: { [webDid]: didDocument },
    },
    {
      label: 'Data Integrity, https controller document',
      input: https,
      allowed: [controller, httpsKey.id as string],
      documents: { [controller]: controllerDocument },
    },
    {
      label: 'status list, credentialSchema, refreshService',
      input: withExtras,
      allowed: [STATUS, SCHEMA, REFRESH],
    },
    { label: 'issuer given by URL only', input: issuerByUrl, allowed: [did] },
    { label: 'a remote @context', input: remoteContext, allowed: [] },
    {
      label: 'embedded endorsement by a did:web issuer',
      input: withEndorsement,
      allowed: [webDidUrl],
      documents: { [webDid]: didDocument },
    },
    {
      label: 'Data Integrity presentation (DI, did:web and JWT credentials)',
      input: vp,
      allowed: [webDidUrl],
      documents: { [webDid]: didDocument },
      challenge: 'nonce-1',
    },
    {
      label: 'VP-JWT carrying a did:web VC-JWT',
      input: vpJwt,
      allowed: [webDidUrl],
      documents: { [webDid]: didDocument },
      challenge: 'nonce-1',
    },
    { label: 'baked PNG', input: bakeBadge(png, plain), allowed: [] },
    { label: 'baked SVG', input: bakeBadge(svg, jwt), allowed: [] },
  );
});

/** Spy on globalThis.fetch for the duration of `fn`; it fails if called. */
async function withGlobalFetchSpy<T>(fn: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    throw new Error(`globalThis.fetch called for ${String(url)}`);
  });
  try {
    const out = await fn();
    expect(spy).not.toHaveBeenCalled();
    return out;
  } finally {
    spy.mockRestore();
  }
}

describe('nothing is fetched unless allowed', () => {
  it('covers every kind of input the verify suite uses', () => {
    expect(cases.length).toBe(15);
  });

  it('without fetch: globalThis.fetch is never called, and network-dependent checks are skip/warn with a code', async () => {
    for (const c of cases) {
      const report = await withGlobalFetchSpy(() =>
        verify(c.input as object, { now: NOW, ...(c.challenge ? { challenge: c.challenge } : {}) }),
      );
      expectReport(report);
      // A check that needed the network is never a silent pass.
      for (const check of report.checks) {
        if (check.outcome === 'skip' || check.outcome === 'warn') {
          expect(check.code, `${c.label}: ${check.id}`).toMatch(/^[a-z0-9_]+$/);
        }
      }
    }
  });

  it('with the needed documents given, a fetch that fails the test is never called', async () => {
    for (const c of cases) {
      const fetch = vi.fn(async (url: string): Promise<never> => {
        throw new Error(`fetch called for ${url}`);
      });
      const report = await withGlobalFetchSpy(() =>
        verify(c.input as object, {
          now: NOW,
          fetch,
          documents: { ...(c.documents ?? {}) },
          ...(c.challenge ? { challenge: c.challenge } : {}),
        }),
      );
      expectReport(report);
      const asked = fetch.mock.calls.map((call) => call[0]);
      // Only what is not given may be asked for, and only from the documented kinds.
      for (const url of asked) expect(c.allowed, `${c.label}: ${url}`).toContain(url);
      if (c.documents) {
        for (const url of asked) expect(Object.keys(c.documents)).not.toContain(url);
      }
      if (c.allowed.length === 0) expect(asked, c.label).toEqual([]);
    }
  });

  it('signed inputs that need no network verify without it (control: the pipeline really ran)', async () => {
    const offlineOk = cases.filter((c) => c.allowed.length === 0 && !c.label.includes('remote'));
    expect(offlineOk.length).toBeGreaterThan(4);
    for (const c of offlineOk) {
      const report = await withGlobalFetchSpy(() => verify(c.input as object, { now: NOW }));
      const proof = report.checks.filter((x) => x.id === 'proof');
      expect(
        proof.map((x) => x.outcome),
        c.label,
      ).toContain('pass');
    }
  });
});

describe('with fetch allowed, only the documented kinds of URL are requested', () => {
  it('never a JSON-LD context; only DID documents, key documents, status lists, schemas, refresh and issuer URLs', async () => {
    const contexts = new Set([...listBundledContexts(), REMOTE_CONTEXT]);
    const everything = new Set<string>();
    for (const c of cases) {
      const asked: string[] = [];
      const fetch = async (url: string) => {
        asked.push(url);
        return { ok: false, status: 404, text: async () => 'not found' };
      };
      const report = await withGlobalFetchSpy(() =>
        verify(c.input as object, {
          now: NOW,
          fetch,
          ...(c.challenge ? { challenge: c.challenge } : {}),
        }),
      );
      expectReport(report);
      for (const url of asked) {
        expect(contexts.has(url), `${c.label}: context ${url} was requested`).toBe(false);
        expect(c.allowed, `${c.label}: ${url}`).toContain(url);
        expect(url).toMatch(/^https:\/\//);
        everything.add(url);
      }
    }
    // Control: the network-dependent checks did ask (the fetch was really wired in).
    for (const url of [
      didWebUrl('issuer.example'),
      STATUS,
      SCHEMA,
      'https://keys.example/issuers/1',
    ]) {
      expect(everything.has(url), url).toBe(true);
    }
  });

  it('a did:web DID is resolved only at its https .well-known URL', async () => {
    const c = cases.find((x) => x.label === 'Data Integrity, did:web') as Case;
    const asked: string[] = [];
    const fetch = async (url: string) => {
      asked.push(url);
      return {
        ok: true,
        status: 200,
        text: async () => JSON.stringify(c.documents?.['did:web:issuer.example']),
      };
    };
    const report = await verify(c.input as object, { now: NOW, fetch });
    expect(asked).toEqual(['https://issuer.example/.well-known/did.json']);
    expect(report.checks.filter((x) => x.id === 'proof').map((x) => x.outcome)).toEqual(['pass']);
  });

  it('a status list named by an http:// (or other non-https) URL is never fetched', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://issuer.example/status/1',
      'file:///etc/passwd',
    ]) {
      const c = richCredential(did);
      c.credentialStatus = {
        id: `${url}#1`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '1',
        statusListCredential: url,
      };
      const signed = await signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
      const asked: string[] = [];
      const fetch = async (u: string) => {
        asked.push(u);
        return { ok: false, status: 404, text: async () => '' };
      };
      const report = await withGlobalFetchSpy(() => verify(signed, { now: NOW, fetch }));
      expect(asked).toEqual([]);
      const status = report.checks.filter((x) => x.id === 'status');
      expect(status.map((x) => [x.outcome, x.code])).toEqual([['warn', 'fetch_not_https']]);
      expect(report.verdict).not.toBe('valid');
    }
  });

  it('credentialSchema and refreshService URLs that are not https are never fetched', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
    const asked: string[] = [];
    const fetch = async (u: string) => {
      asked.push(u);
      return { ok: false, status: 404, text: async () => '' };
    };
    const c = richCredential(did);
    c['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
    c.credentialSchema = [
      { id: 'http://10.0.0.1/schema.json', type: '1EdTechJsonSchemaValidator2019' },
    ];
    const withSchema = await signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z' });
    const schemaReport = await withGlobalFetchSpy(() => verify(withSchema, { now: NOW, fetch }));
    expect(schemaReport.checks.filter((x) => x.id === 'schema').map((x) => x.code)).toEqual([
      'fetch_not_https',
    ]);
    // A schema that could not be had is a conformance question left open.
    expect(schemaReport.answers.conformant.value).toBe('unknown');
    const strict = await withGlobalFetchSpy(() =>
      verify(withSchema, { now: NOW, fetch, policy: 'conformance' }),
    );
    expect(strict.verdict).toBe('invalid');

    const r = richCredential(did);
    r['@context'].push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
    r.refreshService = { id: 'http://localhost:9200/_all', type: '1EdTechCredentialRefresh' };
    const withRefresh = await signCredential(r, { key: keyPair, created: '2024-01-01T00:00:00Z' });
    const refreshReport = await withGlobalFetchSpy(() => verify(withRefresh, { now: NOW, fetch }));
    expect(refreshReport.checks.filter((x) => x.id === 'refresh').map((x) => x.code)).toEqual([
      'fetch_not_https',
    ]);
    expect(asked).toEqual([]);
  });
});
