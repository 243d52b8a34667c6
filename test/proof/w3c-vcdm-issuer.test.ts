/**
 * The issuer side of the W3C VC Data Model 2.0 test suite (../shared/w3c-suites/
 * vc-data-model-2.0-test-suite): every input the suite expects an issuer to refuse is refused by
 * signCredential, with the issue the rule calls for, and every input it expects an issuer to
 * accept is signed. The expected code of each negative input is our reading of the suite test
 * that uses it (its `it(...)` title names the rule), listed in docs/validation.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ob3Error } from '../../src/errors.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { validateVerifiablePresentation } from '../../src/model/index.js';
import { signPresentation } from '../../src/present/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { type Json, ROOT, vectorLoader } from './helpers.js';

const SUITE = path.resolve(ROOT, '../shared/w3c-suites/vc-data-model-2.0-test-suite/tests');
const INPUT = path.join(SUITE, 'input');
const read = (file: string): Json => JSON.parse(fs.readFileSync(path.join(INPUT, file), 'utf8'));

/** The issuer-side negative inputs and the rule (issue code or error code) that refuses each. */
const REFUSED: Record<string, string> = {
  // 4.3 Contexts
  'credential-no-context-fail-or-inject.json': 'context_missing',
  'credential-missing-base-context-fail-or-inject.json': 'context_vc_missing',
  'credential-context-combo3-fail.json': 'context_invalid',
  'credential-context-combo4-fail.json': 'context_invalid',
  // 4.4 Identifiers
  'credential-id-nonidentifier-fail.json': 'id_invalid',
  'credential-id-multi-fail.json': 'id_invalid',
  'credential-id-subject-multi-fail.json': 'id_invalid',
  'credential-id-not-url-fail.json': 'id_invalid',
  // 4.5 Types
  'credential-no-type-fail.json': 'type_missing',
  'credential-missing-required-type-fail.json': 'type_not_vc',
  'credential-type-mapped-nonurl-fail.json': 'ERR_JSONLD',
  'credential-type-unmapped-fail.json': 'ERR_JSONLD_UNDEFINED_TERM',
  'credential-status-missing-type-fail.json': 'entry_type_missing',
  'credential-termsofuse-missing-type-fail.json': 'entry_type_missing',
  'credential-termsofuse-no-type-fail.json': 'entry_type_missing',
  'credential-evidence-missing-type-fail.json': 'entry_type_missing',
  'credential-refresh-no-type-fail.json': 'entry_type_missing',
  'credential-schema-no-type-fail.json': 'entry_type_missing',
  // 4.6 Names and descriptions (11.1 language value objects)
  'names-and-descriptions/credential-name-extra-prop-en-fail.json': 'language_value_invalid',
  'names-and-descriptions/credential-description-extra-prop-en-fail.json': 'language_value_invalid',
  'names-and-descriptions/issuer-name-extra-prop-en-fail.json': 'language_value_invalid',
  'names-and-descriptions/issuer-description-extra-prop-en-fail.json': 'language_value_invalid',
  // 4.7 Issuer
  'credential-issuer-no-url-fail.json': 'issuer_invalid',
  'credential-issuer-null-fail.json': 'issuer_invalid',
  'credential-issuer-object-id-null-fail.json': 'issuer_invalid',
  'credential-issuer-object-id-no-url-fail.json': 'issuer_invalid',
  // Posted with the issuer filled in, as the suite does; its empty subject remains.
  'credential-no-issuer-fail.json': 'subject_empty',
  // 4.8 Credential subject
  'credential-no-subject-fail.json': 'subject_missing',
  'credential-subject-no-claims-fail.json': 'subject_empty',
  'credential-subject-multiple-empty-fail.json': 'subject_empty',
  // 4.9 Validity period
  'credential-validfrom-invalid-fail.json': 'date_invalid',
  'credential-validuntil-invalid-fail.json': 'date_invalid',
  'credential-validUntil-validFrom-fail.json': 'validity_inverted',
  // 4.10 Status
  'credential-status-multiple-id-fail.json': 'id_invalid',
  'credential-status-nonurl-id-fail.json': 'id_invalid',
  'credential-status-type-nonurl-fail.json': 'type_invalid',
  // 4.11 Data schemas
  'credential-schema-no-id-fail.json': 'entry_id_missing',
  'credential-schema-non-url-id-fail.json': 'id_invalid',
  // 4.12 Securing mechanisms (a proof already there must have a type)
  'credential-proof-missing-type-fail.json': 'proof_type_missing',
  // 5.2 Extensibility: protected terms
  'credential-redef-type-fail.json': 'ERR_JSONLD_PROTECTED_TERM',
  'credential-redef-type2-fail.json': 'ERR_JSONLD_PROTECTED_TERM',
};

/** The same suite's presentation inputs a verifier must reject, as data-model rules. */
const PRESENTATIONS_REFUSED: Record<string, string> = {
  'presentation-no-context-fail-or-inject.json': 'context_missing',
  'presentation-missing-base-context-fail.json': 'context_vc_missing',
  'presentation-context-order-fail.json': 'context_vc_missing',
  'presentation-no-type-fail.json': 'type_missing',
  'presentation-missing-required-type-fail.json': 'type_not_vp',
  'presentation-holder-fail.json': 'holder_invalid',
  'presentation-holder-object-fail.json': 'holder_invalid',
  'presentation-holder-name-fail.json': 'holder_id_missing',
  'presentation-vc-as-string-fail.json': 'presentation_credential_invalid',
  'presentation-vc-missing-required-type-fail.json': 'type_invalid',
  'presentation-enveloped-vc-missing-type-fail.json': 'type_missing',
};

function allInputs(): string[] {
  const top = fs.readdirSync(INPUT).filter((f) => f.endsWith('.json'));
  const names = fs
    .readdirSync(path.join(INPUT, 'names-and-descriptions'))
    .map((f) => `names-and-descriptions/${f}`);
  return [...top, ...names];
}

const timestamp = (years: number) =>
  new Date(Date.UTC(new Date().getUTCFullYear() + years, 0, 1)).toISOString().replace('.000', '');

let did: string;
let key: KeyPair;

/** What the suite posts to an issuer: the input with the issuer's id filled in (mock.data.js). */
function asPosted(file: string): Json {
  const credential = read(file);
  if (credential.issuer !== null && typeof credential.issuer === 'object') {
    if (!('id' in credential.issuer && credential.issuer.id === null))
      credential.issuer.id = credential.issuer.id || did;
  } else if (!('issuer' in credential && credential.issuer === null)) {
    credential.issuer = credential.issuer || did;
  }
  if (file.startsWith('credential-validUntil-validFrom-')) {
    const ok = file.endsWith('-ok.json');
    credential.validFrom = timestamp(ok ? -1 : 1);
    credential.validUntil = timestamp(ok ? 1 : -1);
  }
  return credential;
}

beforeAll(async () => {
  ({ did, keyPair: key } = createDidKey(await generateKeyPair()));
});

describe('W3C VC Data Model 2.0 suite: issuer-side inputs', () => {
  const documentLoader = vectorLoader();

  it('the checklist covers every credential input marked fail (and no ok input)', () => {
    const fails = allInputs().filter(
      (f) => !f.startsWith('presentation-') && /-fail(-or-inject)?\.json$/.test(f),
    );
    expect(Object.keys(REFUSED).sort()).toEqual(fails.sort());
  });

  it.each(Object.entries(REFUSED))('refuses %s (%s)', async (file, expected) => {
    const error = await signCredential(asPosted(file), { key, documentLoader }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Ob3Error);
    const e = error as Ob3Error & { issues?: Array<{ code: string; path: string }> };
    if (expected.startsWith('ERR_')) {
      expect(e.code).toBe(expected);
    } else {
      expect(e.code).toBe('ERR_CREDENTIAL_INVALID');
      expect(e.issues?.map((i) => i.code)).toContain(expected);
      for (const issue of e.issues ?? []) expect(issue.path.startsWith('$')).toBe(true);
    }
  });

  const accepted = allInputs().filter(
    (f) => !f.startsWith('presentation-') && f.endsWith('-ok.json'),
  );

  it.each(accepted)('signs %s, and the proof verifies', async (file) => {
    const posted = asPosted(file);
    const signed: Json = await signCredential(posted, { key, documentLoader });
    if (posted.proof !== undefined) {
      // The suite's own proof is a placeholder: check that ours was added to it.
      expect(signed.proof).toEqual([
        posted.proof,
        expect.objectContaining({ cryptosuite: 'eddsa-rdfc-2022' }),
      ]);
      return;
    }
    const r = await verifyCredentialProof(signed, { documentLoader });
    expect(r.issues).toEqual([]);
    expect(r.verified).toBe(true);
  });

  it('without the issuer the suite fills in, a credential without issuer is refused for it', async () => {
    const bare = read('credential-no-issuer-fail.json');
    await expect(
      signCredential(bare, { key, documentLoader, checkIssuer: false }),
    ).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_INVALID',
      issues: [
        {
          code: 'issuer_missing',
          path: '$',
          message: 'A verifiable credential must have an issuer',
        },
        {
          code: 'subject_empty',
          path: '$.credentialSubject',
          message: 'A credential subject must make at least one claim, found an empty object',
        },
      ],
    });
  });

  it.each(Object.entries(PRESENTATIONS_REFUSED))(
    'presentation %s breaks a data model rule (%s); signPresentation refuses it',
    async (file, expected) => {
      const vp = read(file);
      const r = validateVerifiablePresentation(vp);
      expect(r.issues.map((i) => i.code)).toContain(expected);
      await expect(
        signPresentation(vp, { key, challenge: 'c-1', documentLoader }),
      ).rejects.toMatchObject({ code: 'ERR_PRESENTATION_INVALID' });
    },
  );

  it('presentation inputs marked ok pass the presentation rules', () => {
    const ok = allInputs().filter((f) => f.startsWith('presentation-') && f.endsWith('-ok.json'));
    expect(ok.length).toBeGreaterThan(8);
    for (const file of ok) {
      expect(validateVerifiablePresentation(read(file)).issues, file).toEqual([]);
    }
  });
});
