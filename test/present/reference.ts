/** The reference stack (@digitalbazaar/vc + eddsa-rdfc-2022) as an oracle for presentations. */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader } from '../../src/jsonld/index.js';
import { exportKeyPair, type KeyPair } from '../../src/keys/index.js';

type Json = Record<string, unknown>;

/** Bundled contexts, plus DID documents (and their verification methods by URL). */
export function referenceLoader(documents: Record<string, Json>) {
  const contexts = createDocumentLoader();
  return async (url: string) => {
    const [base] = url.split('#');
    const doc = documents[base as string];
    if (doc) {
      if (url.includes('#')) {
        const vms = (doc.verificationMethod ?? []) as Array<{ id: string }>;
        const vm = vms.find((m) => m.id === url);
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

function suite(signer?: unknown, date?: string) {
  return new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date });
}

/** Sign a presentation with the reference stack (eddsa-rdfc-2022, authentication). */
export async function referenceSignPresentation(
  presentation: Json,
  key: KeyPair,
  challenge: string,
  domain: string | undefined,
  documents: Record<string, Json>,
): Promise<Json> {
  const multikey = await Ed25519Multikey.from({
    ...exportKeyPair(key, { includeSecret: true, includeContext: true }),
    id: key.id,
    controller: key.controller,
  });
  return vc.signPresentation({
    presentation: structuredClone(presentation),
    suite: suite(multikey.signer(), '2024-01-01T00:00:00Z'),
    challenge,
    domain,
    documentLoader: referenceLoader(documents),
  });
}

/** Verify a presentation (and its credentials) with the reference stack. */
export async function referenceVerifyPresentation(
  presentation: Json,
  challenge: string,
  domain: string | undefined,
  documents: Record<string, Json>,
): Promise<{ verified: boolean; error?: unknown }> {
  return vc.verify({
    presentation,
    challenge,
    domain,
    suite: suite(),
    documentLoader: referenceLoader(documents),
  });
}
