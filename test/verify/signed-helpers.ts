/** Signing helpers for the verify tests: real keys, real signatures, made in the test. */
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { type SuiteName, signCredential } from '../../src/proof/index.js';
import { signCredentialJwt } from '../../src/proof/jwt/index.js';
import { baseCredential, baseEndorsement, type Loose } from './helpers.js';

/** A did:key issuer: its DID, key pair (bound to the verification method) and a Profile. */
export interface TestIssuer {
  did: string;
  keyPair: KeyPair;
  profile: Record<string, Loose>;
}

/** Make a did:key issuer (Ed25519 unless told). */
export async function makeIssuer(
  name = 'Example Corp',
  type: 'Ed25519' | 'P-256' | 'P-384' = 'Ed25519',
): Promise<TestIssuer> {
  const created = createDidKey(await generateKeyPair({ type }));
  return {
    did: created.did,
    keyPair: created.keyPair,
    profile: { id: created.did, type: ['Profile'], name },
  };
}

/** An unsigned badge issued by `issuer`. */
export function credentialFrom(issuer: TestIssuer, edit?: (c: Loose) => void): Loose {
  const c = baseCredential();
  c.issuer = { ...issuer.profile };
  edit?.(c);
  return c;
}

/** An unsigned endorsement issued by `issuer`. */
export function endorsementFrom(issuer: TestIssuer, id: string, edit?: (c: Loose) => void): Loose {
  const c = baseEndorsement(id);
  c.issuer = { ...issuer.profile };
  edit?.(c);
  return c;
}

/** Sign as a VC-JWT with the issuer's key. */
export function signJwt(credential: Loose, issuer: TestIssuer): Promise<string> {
  return signCredentialJwt(credential, { key: issuer.keyPair });
}

/** Flip one character of a JWT's signature. */
export function tamperJwt(jwt: string): string {
  const i = jwt.lastIndexOf('.') + 5;
  const c = jwt[i] === 'A' ? 'B' : 'A';
  return jwt.slice(0, i) + c + jwt.slice(i + 1);
}

/**
 * Sign with an embedded Data Integrity proof (eddsa-rdfc-2022 unless told). The proof is put in
 * an array, as the 2024 Open Badges JSON Schema requires (`proof` is not part of the signed
 * data, so this does not change the signature); `asObject` keeps the single object.
 */
export async function signDi(
  credential: Loose,
  issuer: TestIssuer,
  suite?: SuiteName,
  asObject = false,
): Promise<Loose> {
  const signed: Loose = await signCredential(credential, {
    key: issuer.keyPair,
    ...(suite ? { suite } : {}),
    proofForm: asObject ? 'object' : 'array',
  });
  return signed;
}

/** A did:web issuer: key pair bound to `did:web:<host>#key-1`, its DID document, and the URL the document is served from. */
export async function makeDidWebIssuer(
  host: string,
): Promise<TestIssuer & { document: Loose; url: string }> {
  const did = `did:web:${host}`;
  const id = `${did}#key-1`;
  const keyPair = await generateKeyPair({ type: 'Ed25519', controller: did, id });
  const document = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [keyPair.toJSON()],
    assertionMethod: [id],
  };
  return {
    did,
    keyPair,
    profile: { id: did, type: ['Profile'], name: `Issuer at ${host}` },
    document,
    url: `https://${host}/.well-known/did.json`,
  };
}
