/** `POST /credentials/issue`: validate, allocate status entries, sign (internal). */
import { isObject, type JsonObject } from '../internal/json.js';
import { randomUrnUuid } from '../internal/random.js';
import { partyId } from '../internal/roles.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { isKeyPair } from '../keys/key-pair.js';
import { isSigner, type Signer } from '../keys/signer.js';
import type { KeyPair, KeyType } from '../keys/types.js';
import { invalidError, isAbsoluteUrl } from '../model/vc-data-model.js';
import { signCredential } from '../proof/data-integrity/sign.js';
import {
  ECDSA_RDFC_2019,
  EDDSA_RDFC_2022,
  type SuiteName,
} from '../proof/data-integrity/suites.js';
import { signCredentialJwt } from '../proof/jwt/sign.js';
import { signingKeyMismatch, validateBeforeSigning } from '../proof/preflight.js';
import { fail, onlyMembers } from './http.js';
import type { StatusLedger, VcApiIssuer } from './types.js';

/** An issuer with its settings resolved. */
export interface ResolvedIssuer {
  name: string;
  id: string;
  /** Sign with the library's rails: validation before signing and the key bound to the issuer. */
  sign: (unsigned: JsonObject) => Promise<JsonObject | string>;
  status: boolean;
  /** The one series an Open Badge or CLR credential gets an entry in. */
  badgeStatusPurpose: 'revocation' | 'suspension';
  format: 'di' | 'jwt';
}

const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];
/** Credentials that carry at most one `credentialStatus` (Open Badges 3.0, CLR 2.0). */
const ONE_STATUS_TYPES = [...OB_TYPES, 'ClrCredential'];
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The key type of a `KeyPair` or a `Signer` (by its algorithm). */
const SIGNER_KEY_TYPES: Record<Signer['algorithm'], KeyType> = {
  EdDSA: 'Ed25519',
  Ed25519: 'Ed25519',
  ES256: 'P-256',
  ES384: 'P-384',
  RS256: 'RSA',
};

function defaultSuite(keyType: KeyType): SuiteName {
  if (keyType === 'Ed25519') return EDDSA_RDFC_2022;
  if (keyType === 'P-256' || keyType === 'P-384') return ECDSA_RDFC_2019;
  throw new TypeError(
    `createVcApiHandler: a ${keyType} key has no Data Integrity suite; give the issuer format 'jwt'`,
  );
}

/** The issuer a key stands for: its controller, or the DID of a DID URL key. */
function keyIssuer(key: KeyPair | Signer): string | undefined {
  if (typeof key.controller === 'string') return key.controller;
  const id = key.id;
  return typeof id === 'string' && id.startsWith('did:') ? id.split('#')[0] : undefined;
}

/** Check an issuer's options (misuse throws `TypeError`) and build its signing function. */
export function resolveIssuer(
  issuer: VcApiIssuer,
  index: number,
  documentLoader: DocumentLoader,
  now: () => Date,
): ResolvedIssuer {
  const at = `createVcApiHandler: options.issuers[${index}]`;
  if (!isObject(issuer)) throw new TypeError(`${at} must be an object`);
  if (typeof issuer.name !== 'string' || !NAME.test(issuer.name)) {
    throw new TypeError(`${at}.name must be 1-64 letters, digits, '.', '_' or '-'`);
  }
  const format = issuer.format ?? 'di';
  if (format !== 'di' && format !== 'jwt')
    throw new TypeError(`${at}.format must be 'di' or 'jwt'`);
  const key = issuer.key;
  let keyType: KeyType;
  if (isKeyPair(key)) {
    if (!key.hasSecretKey) throw new TypeError(`${at}.key has no secret part to sign with`);
    if (typeof key.id !== 'string' || typeof key.controller !== 'string') {
      throw new TypeError(
        `${at}.key needs an id (its verification method) and a controller (the issuer's DID)`,
      );
    }
    keyType = key.type;
  } else if (isSigner(key)) {
    keyType = SIGNER_KEY_TYPES[key.algorithm];
  } else {
    throw new TypeError(
      `${at}.key must be a KeyPair or a Signer ({ algorithm, id, controller?, publicKeyJwk?, sign })`,
    );
  }
  const id = issuer.id ?? keyIssuer(key);
  if (!isAbsoluteUrl(id)) {
    throw new TypeError(
      `${at}.id must be a URL (a DID or https URL)${issuer.id === undefined ? ": give it, or a key whose controller is the issuer's" : ''}`,
    );
  }
  // The key must be the issuer's, as verifiers require: refused once, at start, not per request.
  const mismatch = signingKeyMismatch(
    { issuer: id },
    { id: key.id, controller: key.controller, publicKeyJwk: key.publicKeyJwk },
  );
  if (mismatch !== undefined)
    throw new TypeError(`${at}: the key is not the issuer's: ${mismatch}`);
  let sign: ResolvedIssuer['sign'];
  if (format === 'jwt') {
    sign = (unsigned) => signCredentialJwt(unsigned, { key, documentLoader, now: now() });
  } else {
    const suite = issuer.suite ?? defaultSuite(keyType);
    sign = (unsigned) =>
      signCredential(unsigned, {
        key,
        suite,
        documentLoader,
        created: now(),
      }) as Promise<JsonObject>;
  }
  const badgeStatusPurpose = issuer.badgeStatusPurpose ?? 'revocation';
  if (badgeStatusPurpose !== 'revocation' && badgeStatusPurpose !== 'suspension') {
    throw new TypeError(`${at}.badgeStatusPurpose must be 'revocation' or 'suspension'`);
  }
  return {
    name: issuer.name,
    id,
    sign,
    status: issuer.status === true,
    badgeStatusPurpose,
    format,
  };
}

/** The issuer id a credential names (string issuer or `issuer.id`), or why it names none. */
function claimedIssuer(credential: JsonObject, issuer: ResolvedIssuer): JsonObject {
  const out = { ...credential };
  const value = out.issuer;
  if (value === undefined) {
    out.issuer = issuer.id;
    return out;
  }
  if (isObject(value) && !('id' in value) && !('@id' in value)) {
    out.issuer = { ...value, id: issuer.id };
    return out;
  }
  // `@id` names the issuer as `id` does (signing reads either, and refuses both at once).
  const named = partyId(value);
  if (typeof named === 'string' && isAbsoluteUrl(named) && named !== issuer.id) {
    fail(
      400,
      'issuer_mismatch',
      `The credential names the issuer ${named}; this endpoint issues as ${issuer.id}`,
    );
  }
  // Other malformed issuers are reported by the data model validation.
  return out;
}

/**
 * Issue: the request is `{ credential, options? }` with `options.credentialId` the only option.
 * The credential gets this issuer (when it names none), an Open Badge a `urn:uuid` id (when it
 * has none); it must pass the library's validation before signing (`validateBeforeSigning`: the
 * VC Data Model, for an Open Badge the OB 3.0 schema and rules, the one compact form,
 * `relatedResource` entries) before a status entry is reserved in the ledger (when the issuer
 * has status lists); then it is signed, and signing validates the final document again.
 * Answers 201 `{ verifiableCredential }`.
 */
export async function issueCredential(
  body: JsonObject,
  issuer: ResolvedIssuer,
  ledger: StatusLedger | undefined,
  documentLoader: DocumentLoader,
): Promise<JsonObject> {
  onlyMembers(body, ['credential', 'options'], 'The request');
  if (!isObject(body.credential)) {
    fail(400, 'credential_missing', 'The request must have a "credential" object');
  }
  let credential = claimedIssuer(body.credential, issuer);
  if (body.options !== undefined) {
    if (!isObject(body.options)) fail(400, 'options_invalid', '"options" must be an object');
    onlyMembers(body.options, ['credentialId'], 'options');
    const wanted = body.options.credentialId;
    if (wanted !== undefined) {
      if (!isAbsoluteUrl(wanted)) {
        fail(400, 'credential_id_invalid', 'options.credentialId must be a URL');
      }
      if (credential.id !== undefined && credential.id !== wanted) {
        fail(
          400,
          'credential_id_conflict',
          `options.credentialId ${wanted} differs from the credential's id ${JSON.stringify(credential.id)}`,
        );
      }
      credential = { ...credential, id: wanted };
    }
  }
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  const isBadge = types.some((t) => OB_TYPES.includes(t as string));
  // An Open Badge has an id (the OB 3.0 schema requires one): a new urn:uuid when it has none.
  if (isBadge && credential.id === undefined) {
    credential = { ...credential, id: randomUrnUuid() };
  }
  let reserved: string | undefined;
  if (issuer.status) {
    // Nothing is reserved for a credential signing would refuse. (Signing checks again, the
    // status entries included; the issuer id and the key were matched at start.)
    const { ok, issues } = await validateBeforeSigning(credential, { documentLoader });
    if (!ok) throw invalidError('ERR_CREDENTIAL_INVALID', 'credential', issues);
    if (!ledger)
      fail(500, 'ledger_missing', 'This issuer allocates status entries but has no ledger');
    if (credential.credentialStatus !== undefined) {
      fail(
        400,
        'credential_status_conflict',
        'This issuer assigns credentialStatus itself; the credential already has one',
      );
    }
    // An Open Badge or CLR gets one entry (OB 3.0 forbids an array): its series is chosen here,
    // before anything is reserved, not refused by signing after.
    const oneStatus = types.some((t) => ONE_STATUS_TYPES.includes(t as string));
    const [record] = await ledger.reserve(
      [typeof credential.id === 'string' ? { credentialId: credential.id } : {}],
      oneStatus ? { purpose: issuer.badgeStatusPurpose } : undefined,
    );
    if (!record) fail(500, 'ledger_failed', 'The ledger reserved no entry');
    credential = ledger.attachStatus(credential, record);
    reserved = record.credentialId;
  }
  const signed = await issuer.sign(credential);
  if (reserved !== undefined) await ledger?.markIssued([reserved]);
  if (typeof signed === 'string') {
    return {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${signed}`,
    };
  }
  return signed;
}
