/** Shared test helpers: the reference stack (oracle) and fixtures. */
import fs from 'node:fs';
import path from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, type DocumentLoader } from '../../src/jsonld/index.js';
import { exportKeyPair, type KeyPair } from '../../src/keys/index.js';

/** Free-form JSON test data (credentials, controller documents). */
// biome-ignore lint/suspicious/noExplicitAny: test documents are arbitrary JSON
export type Json = any;

export const ROOT = path.resolve(__dirname, '../..');
export const OB3 = path.resolve(ROOT, '../shared/ob3');
export const VECTORS = path.join(ROOT, 'fixtures/vectors');

export function readJson<T = Json>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

/** Our loader plus the W3C examples context (not bundled by ob3kit). */
export function vectorLoader(): DocumentLoader {
  return createDocumentLoader({
    contexts: {
      [EXAMPLES_V2]: readJson(path.join(VECTORS, 'contexts/credentials-examples-v2.json')),
    },
  });
}

/** A controller document (DID-context first, as the reference stack's fast path expects). */
export function controllerDocument(
  id: string,
  vms: Array<Record<string, unknown>>,
  extraContext?: string,
) {
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      ...(extraContext ? [extraContext] : []),
    ],
    id,
    verificationMethod: vms,
    assertionMethod: vms.map((v) => v.id),
    authentication: vms.map((v) => v.id),
  };
}

/**
 * A documentLoader for the reference stack: our bundled contexts (+ examples), and the given
 * controller documents; a verification method URL answers the method with the document's context.
 */
export function referenceLoader(documents: Record<string, Json>): DocumentLoader {
  const contexts = vectorLoader();
  return async (url: string) => {
    const [base] = url.split('#');
    const doc = documents[base as string];
    if (doc) {
      if (url.includes('#')) {
        const vm = (doc.verificationMethod ?? []).find((m: { id: string }) => m.id === url);
        if (vm)
          return {
            contextUrl: null,
            documentUrl: url,
            document: { '@context': doc['@context'], ...vm },
          };
      }
      return { contextUrl: null, documentUrl: url, document: doc };
    }
    return contexts(url);
  };
}

/** Reference-stack key objects for one of our keys (same key material). */
export async function referenceSigner(
  key: KeyPair,
  suite: 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020',
) {
  const multikey = {
    ...exportKeyPair(key, { includeSecret: true, includeContext: true }),
    id: key.id,
    controller: key.controller,
  };
  if (suite === 'ecdsa-rdfc-2019') return EcdsaMultikey.from(multikey);
  if (suite === 'Ed25519Signature2020') {
    const exported = exportKeyPair(key, {
      format: 'Ed25519VerificationKey2020',
      includeSecret: true,
      includeContext: true,
    });
    return Ed25519VerificationKey2020.from(exported);
  }
  return Ed25519Multikey.from(multikey);
}

function suiteFor(name: string, signer?: unknown, date?: string): unknown {
  if (name === 'Ed25519Signature2020') return new Ed25519Signature2020({ key: signer, date });
  const cryptosuite =
    name === 'ecdsa-rdfc-2019'
      ? ecdsaRdfc2019
      : name === 'eddsa-2022'
        ? { ...eddsaRdfc2022, name: 'eddsa-2022' }
        : eddsaRdfc2022;
  return new DataIntegrityProof({ signer, cryptosuite, date });
}

/** Sign with the reference stack (`vc.issue`). */
export async function referenceIssue(
  credential: object,
  key: KeyPair,
  suite: 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020' | 'eddsa-2022',
  documentLoader: DocumentLoader,
): Promise<Json> {
  const refKey = await referenceSigner(key, suite === 'eddsa-2022' ? 'eddsa-rdfc-2022' : suite);
  const s = suiteFor(
    suite,
    suite === 'Ed25519Signature2020' ? refKey : refKey.signer(),
    '2024-01-01T00:00:00Z',
  );
  return vc.issue({ credential: structuredClone(credential), suite: s, documentLoader });
}

/** Verify with the reference stack (`vc.verifyCredential`). */
export async function referenceVerify(
  credential: object,
  suite: RefSuite | RefSuite[],
  documentLoader: DocumentLoader,
): Promise<{ verified: boolean; error?: unknown; results?: Array<{ verified: boolean }> }> {
  const suites = Array.isArray(suite) ? suite.map((s) => suiteFor(s)) : suiteFor(suite);
  return vc.verifyCredential({ credential, suite: suites, documentLoader });
}

type RefSuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020' | 'eddsa-2022';

/** A minimal Open Badges 3.0 credential (VC 2.0). */
export function obCredential(issuer: string): Record<string, Json> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:2f6e3d8e-7c0e-4f7c-9c3e-0d1c8c1d2a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/teamwork',
        type: ['Achievement'],
        name: 'Teamwork',
        description: 'Collaborates within a group.',
        criteria: { narrative: 'Nominated by peers.' },
      },
    },
  };
}

/** The same badge as a VC 1.1 credential. */
export function obCredentialV1(issuer: string): Record<string, Json> {
  const { validFrom: _v, ...rest } = obCredential(issuer);
  return {
    ...rest,
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    issuanceDate: '2024-01-01T00:00:00Z',
  };
}
