/**
 * Agreement with 1EdTech's validator on fixtures from its own test suite
 * (fixtures/verify/1edtech, see the README there). Expected verdicts are 1EdTech's (OB30Tests /
 * Endorsement30Tests); the proof outcome of each fixture is also checked against the reference
 * stack (@digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite) as an oracle. Differences are
 * explained in docs/conformance.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { bakeBadge } from '../../src/bake/index.js';
import { getBundledContext } from '../../src/jsonld/index.js';
import { verify } from '../../src/verify/index.js';
import { codes, entries, fakeFetch, forbiddenFetch, type Loose, outcomes } from './helpers.js';

const DIR = path.resolve(__dirname, '../../fixtures/verify/1edtech');
const NOW = new Date('2025-06-01T00:00:00Z');
/** A 1×1 PNG (the badge artwork does not matter) to bake 1EdTech's JWT into. */
const PNG = readFileSync(path.resolve(__dirname, '../../fixtures/images/plain.png'));

function load(name: string): Loose {
  return JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
}

/**
 * The controller document 1EdTech's fixtures imply: the key named `https://issuer#z6Mk...`
 * belongs to `https://issuer` and is listed under `assertionMethod`.
 */
function controllerDocuments(credential: Loose): Record<string, unknown> {
  const proof = Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
  const vm: string = proof.verificationMethod;
  const [controller, multibase] = vm.split('#') as [string, string];
  return {
    [controller]: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: controller,
      verificationMethod: [{ id: vm, type: 'Multikey', controller, publicKeyMultibase: multibase }],
      assertionMethod: [vm],
    },
  };
}

/** The reference stack's view of the proof alone (status and dates left out). */
async function oracleProofVerified(
  credential: Loose,
  documents: Record<string, unknown>,
  options: { legacyName?: 'eddsa-2022' } = {},
): Promise<boolean> {
  const documentLoader = async (url: string) => {
    const ctx = getBundledContext(url);
    if (ctx) return { contextUrl: null, documentUrl: url, document: structuredClone(ctx) };
    const base = url.split('#')[0] as string;
    const doc = documents[base] as Loose;
    if (!doc) throw new Error(`oracle loader: no ${url}`);
    if (url.includes('#')) {
      const vm = doc.verificationMethod.find((m: Loose) => m.id === url);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': 'https://w3id.org/security/multikey/v1', ...vm },
      };
    }
    return { contextUrl: null, documentUrl: url, document: doc };
  };
  // The legacy name is the same algorithm (the reference's eddsa-rdfc-2022 cryptosuite under it),
  // with the reference's legacy Data Integrity v1 context.
  const suite =
    options.legacyName === undefined
      ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
      : new DataIntegrityProof({
          cryptosuite: { ...eddsaRdfc2022, name: options.legacyName },
          legacyContext: true,
        });
  const copy = structuredClone(credential);
  // Judge the signature only: give the oracle a clock inside the validity period.
  const r = await vc.verifyCredential({
    credential: copy,
    suite,
    documentLoader,
    now: new Date(copy.validFrom ?? copy.issuanceDate ?? '2010-01-01T00:00:00Z'),
  });
  return r.verified === true;
}

/**
 * Under the `conformance` policy the verdicts are 1EdTech's (its tests' expectations), except for
 * the documented, security-motivated differences (docs/conformance.md).
 */
describe('1EdTech validator fixtures', () => {
  it('simple-context-version.json: an older OB context version is a warning (1EdTech ContextPropertyProbe)', async () => {
    const c = load('simple-context-version.json');
    const documents = controllerDocuments(c);
    expect(await oracleProofVerified(c, documents)).toBe(true);
    const r = await verify(c, {
      now: NOW,
      documents,
      fetch: forbiddenFetch as never,
      policy: 'conformance',
    });
    expect(codes(r, 'context')).toEqual(['context_ob_version']);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(r.verdict).toBe('warning');
  });
  it('simple-err-context.json: a missing VC context is invalid (1EdTech ContextPropertyProbe)', async () => {
    const r = await verify(load('simple-err-context.json'), { now: NOW });
    expect(codes(r, 'context')).toEqual(['context_vc_missing', 'context_ob_missing']);
    expect(r.verdict).toBe('invalid');
  });
  it('simple-err-expired.json: expired is invalid (1EdTech ExpirationProbe), the proof itself verifies', async () => {
    const c = load('simple-err-expired.json');
    const documents = controllerDocuments(c);
    expect(await oracleProofVerified(c, documents)).toBe(true);
    const r = await verify(c, { now: NOW, documents, policy: 'conformance' });
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(codes(r, 'validity')).toEqual(['expired']);
    expect(r.verdict).toBe('invalid');
  });
  it('simple-err-proof-value.json: a bad signature is invalid (1EdTech EmbeddedProofProbe)', async () => {
    const c = load('simple-err-proof-value.json');
    const documents = controllerDocuments(c);
    expect(await oracleProofVerified(c, documents)).toBe(false);
    const r = await verify(c, { now: NOW, documents, policy: 'conformance' });
    expect(codes(r, 'proof')).toEqual(['proof_signature_invalid']);
    expect(r.verdict).toBe('invalid');
  });
  it('endorsement-valid.json: a valid EndorsementCredential on its own is valid', async () => {
    const c = load('endorsement-valid.json');
    const documents = controllerDocuments(c);
    expect(await oracleProofVerified(c, documents)).toBe(true);
    const r = await verify(c, { now: NOW, documents, policy: 'conformance' });
    expect(outcomes(r, 'type')).toEqual(['pass']);
    expect(outcomes(r, 'subject')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');
  });
  it('the same fixtures without their key documents are warnings offline, not errors (docs/conformance.md #1)', async () => {
    const c = load('endorsement-valid.json');
    const r = await verify(c, { now: NOW, fetch: undefined, policy: 'conformance' });
    expect(codes(r, 'proof')).toEqual(['proof_unchecked_offline']);
    expect(r.verdict).toBe('warning');
  });
  it('endorsement-err-schema-status-refresh.json: invalid (the VC 1.1 schema requires name); unreachable documents are warnings offline, failures once fetching is allowed (docs/conformance.md #1)', async () => {
    const c = load('endorsement-err-schema-status-refresh.json');
    const offline = await verify(c, { now: NOW, policy: 'conformance' });
    expect(codes(offline, 'context')).toEqual(['context_vc_v1', 'context_ob_version']);
    expect(codes(offline, 'schema')).toEqual(['credential_schema_unchecked_offline', 'required']);
    expect(codes(offline, 'proof')).toEqual(['proof_unchecked_offline']);
    expect(offline.verdict).toBe('invalid');
    const { fetch, requested } = fakeFetch({});
    const online = await verify(c, { now: NOW, fetch, policy: 'conformance' });
    expect(codes(online, 'proof')).toEqual(['fetch_status']);
    expect(outcomes(online, 'proof')).toEqual(['fail']);
    // Only the key document is requested: the credential is not authentic so far, so its
    // credentialSchema, revocation list and refresh service are not (no request oracle).
    expect(requested).toEqual(['https://state.gov/issuers/565049']);
    expect(codes(online, 'schema')).toEqual(['credential_schema_not_fetched', 'required']);
    expect(codes(online, 'status')).toEqual(['status_not_fetched']);
    expect(online.verdict).toBe('invalid');
    // Under the default policy: a conformance error and an unverifiable key are warnings; the
    // credential is not known to be authentic, and not fully checked.
    const trusting = await verify(c, { now: NOW });
    expect(trusting.answers.authentic.value).toBe('unknown');
    expect(trusting.answers.conformant.value).toBe('no');
    expect(trusting.answers.fullyChecked.value).toBe('no');
    expect(trusting.verdict).toBe('warning');
  });
  // 1EdTech: warning (OB30Tests.testEddsa2022Warning). Its signer kept the document's own
  // @context (VC 1.1, OB 3.0.1, Data Integrity v1) for the proof options: Data Integrity v1 defines
  // DataIntegrityProof, so nothing is appended (docs/proofs.md, "Context handling").
  it('simple-eddsa-2022.json: the legacy eddsa-2022 suite verifies with a warning', async () => {
    const c = load('simple-eddsa-2022.json');
    const documents = controllerDocuments(c);
    expect(await oracleProofVerified(c, documents, { legacyName: 'eddsa-2022' })).toBe(true);
    const r = await verify(c, { now: NOW, documents, policy: 'conformance' });
    expect(codes(r, 'proof')).toEqual(['proof_suite_legacy']);
    expect(entries(r, 'proof').map((e) => e.outcome)).toEqual(['pass', 'warn']);
    expect(r.answers.authentic.value).toBe('yes');
    expect(r.verdict).toBe('warning');
  });
  it('simple-eddsa-2022.json: the same proof under a changed value or proof option fails', async () => {
    const c = load('simple-eddsa-2022.json');
    const documents = controllerDocuments(c);
    const changed = structuredClone(c);
    changed.name = 'Another name';
    expect(
      codes(await verify(changed, { now: NOW, documents, policy: 'conformance' }), 'proof'),
    ).toEqual(['proof_signature_invalid']);
    const later = structuredClone(c);
    later.proof.created = '2023-05-29T08:42:27Z';
    expect(
      codes(await verify(later, { now: NOW, documents, policy: 'conformance' }), 'proof'),
    ).toEqual(['proof_signature_invalid']);
  });
  // 1EdTech: valid. A bare did:key is its one key (did:key:z...#z...), so the signature is
  // checked and verifies; the issuer, a urn:uuid, is not that key's DID, so the key binding
  // fails as for any key the issuer does not control (docs/conformance.md #3).
  it('simple-did-key-method.json: a bare did:key names its key; the signature verifies, the issuer binding does not', async () => {
    const c = load('simple-did-key-method.json');
    const r = await verify(c, { now: NOW, fetch: forbiddenFetch as never, policy: 'conformance' });
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(codes(r, 'issuer')).toContain('issuer_key_mismatch');
    expect(r.verdict).toBe('invalid');
  });

  // 1EdTech: invalid (CredentialSubjectProbe). Its signature does not verify either (the
  // reference stack agrees), so both policies say invalid; the subject finding alone would be a
  // conformance error (see test/verify/field-shapes.test.ts for a signed one).
  it('simple-err-credential-subject-no-id-no-identifier.json: invalid (CredentialSubjectProbe)', async () => {
    const c = load('simple-err-credential-subject-no-id-no-identifier.json');
    const documents = controllerDocuments(c);
    const oracle = await oracleProofVerified(c, documents);
    const r = await verify(c, { now: NOW, documents, policy: 'conformance' });
    expect(codes(r, 'subject')).toEqual(['subject_unidentified']);
    expect(outcomes(r, 'subject')).toEqual(['fail']);
    expect(outcomes(r, 'proof')).toEqual([oracle ? 'pass' : 'fail']);
    expect(r.verdict).toBe('invalid');
    const trusting = await verify(c, { now: NOW, documents });
    expect(outcomes(trusting, 'subject')).toEqual(['warn']);
    expect(trusting.answers.conformant.value).toBe('no');
    expect(trusting.answers.authentic.value).toBe(oracle ? 'yes' : 'no');
  });
  // 1EdTech: invalid (IssuerProbe: otherIdentifier entries must be IdentifierEntry, the data
  // model's type). The first entry is an IdentifierEntry and passes; the second is not.
  it('simple-err-issuer-otheridentifier-type.json: an IdentifierEntry passes, another type is invalid (IssuerProbe)', async () => {
    const c = load('simple-err-issuer-otheridentifier-type.json');
    const r = await verify(c, {
      now: NOW,
      documents: controllerDocuments(c),
      policy: 'conformance',
    });
    expect(entries(r, 'issuer').map((e) => [e.code, e.path])).toEqual([
      ['issuer_other_identifier_type', '$.issuer.otherIdentifier[1]'],
    ]);
    expect(r.verdict).toBe('invalid');
    // Its second entry's type is no term of any context: refused in JSON-LD safe mode too.
    expect(codes(r, 'jsonld')).toEqual(['jsonld_undefined_term']);
    const fixed = structuredClone(c);
    fixed.issuer.otherIdentifier[1].type = 'IdentifierEntry';
    const ok = await verify(fixed, { now: NOW, policy: 'conformance' });
    expect(codes(ok, 'issuer')).not.toContain('issuer_other_identifier_type');
  });
  // 1EdTech: valid. A VC 2.0 credential with issuanceDate, which the VC 2.0 context does not
  // define: JSON-LD safe mode refuses it (an undefined member is not signed, and the validity
  // check would read it). A security-motivated difference (docs/conformance.md #13).
  it('simple-context-alias.json: an issuanceDate the VC 2.0 context does not define is refused', async () => {
    const c = load('simple-context-alias.json');
    const r = await verify(c, {
      now: NOW,
      documents: controllerDocuments(c),
      policy: 'conformance',
    });
    expect(codes(r, 'jsonld')).toEqual(['jsonld_undefined_term']);
    expect(entries(r, 'jsonld')[0]?.category).toBe('security');
    expect(r.verdict).toBe('invalid');
    expect((await verify(c, { now: NOW, documents: controllerDocuments(c) })).verdict).toBe(
      'invalid',
    );
  });
  // 1EdTech: warning (OB30Tests.testSimpleV1JsonSVGJWTValid: outdated context, schema). Its
  // VC-JWT carries no "sub" although credentialSubject.id is set: a conformance warning, not a
  // failed proof. The key is the header's jwk; 1EdTech takes it as it is, ob3kit requires the
  // issuer to list it (docs/conformance.md #2): the issuer document 1EdTech's fixture implies is
  // given.
  it('simple-jwt_v1.svg: a VC-JWT without sub is a warning, as 1EdTech reports it', async () => {
    const svg = readFileSync(path.join(DIR, 'simple-jwt_v1.svg'), 'utf8');
    const jwt = /verify="([^"]+)"/.exec(svg)?.[1] as string;
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
    expect(payload.sub).toBeUndefined();
    expect(payload.vc.credentialSubject.id).toBe('did:example:ebfeb1f712ebc6f1c276e12ec21');
    const ISSUER = 'https://example.edu/issuers/565049';
    const documents = {
      [ISSUER]: {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jws/v1'],
        id: ISSUER,
        verificationMethod: [
          {
            id: `${ISSUER}#key-1`,
            type: 'JsonWebKey2020',
            controller: ISSUER,
            publicKeyJwk: header.jwk,
          },
        ],
        assertionMethod: [`${ISSUER}#key-1`],
      },
    };
    // The reference JOSE library (jose) agrees that the signature holds.
    const jose = await import('jose');
    const { payload: checked } = await jose.compactVerify(
      jwt,
      await jose.importJWK(header.jwk, 'RS256'),
    );
    expect(checked.length).toBeGreaterThan(0);
    for (const input of [svg, bakeBadge(PNG, jwt)]) {
      const r = await verify(input, { now: NOW, documents, policy: 'conformance' });
      expect(entries(r, 'proof').map((e) => [e.outcome, e.code])).toEqual([
        ['pass', undefined],
        ['warn', 'jwt_claim_missing'],
      ]);
      expect(entries(r, 'proof')[1]?.message).toContain('"sub"');
      expect(r.verdict).toBe('warning');
      expect(r.answers.authentic.value).toBe('yes');
    }
    // Without the issuer's document the header key is not tied to the issuer: not checked.
    const alone = await verify(svg, { now: NOW });
    expect(alone.answers.authentic.value).toBe('unknown');
    expect(alone.answers.fullyChecked.value).toBe('no');
  });
});
