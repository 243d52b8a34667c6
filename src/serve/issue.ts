/** `POST /credentials/issue`: validate, allocate status entries, sign (internal). */
import { isObject, type JsonObject } from '../internal/json.js';
import { randomUrnUuid } from '../internal/random.js';
import { isAbsoluteUrl, validateVcDataModel } from '../internal/vc-data-model.js';
import type { DocumentLoader } from '../jsonld/index.js';
import type { KeyPair } from '../keys/index.js';
import {
  ECDSA_RDFC_2019,
  EDDSA_RDFC_2022,
  type SuiteName,
  signCredential,
  signCredentialJwt,
} from '../proof/index.js';
import { validateCredential } from '../schema/index.js';
import { fail, onlyMembers } from './http.js';
import type { CredentialSigner, StatusLedger, VcApiIssuer } from './types.js';

/** An issuer with its settings resolved. */
export interface ResolvedIssuer {
  name: string;
  id: string;
  sign: CredentialSigner;
  status: boolean;
  format: 'di' | 'jwt';
}

const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

function defaultSuite(key: KeyPair): SuiteName {
  if (key.type === 'Ed25519') return EDDSA_RDFC_2022;
  if (key.type === 'P-256' || key.type === 'P-384') return ECDSA_RDFC_2019;
  throw new TypeError(
    `createVcApiHandler: a ${key.type} key has no Data Integrity suite; give the issuer format 'jwt'`,
  );
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
  if ((issuer.key === undefined) === (issuer.sign === undefined)) {
    throw new TypeError(`${at} needs exactly one of key (a KeyPair) and sign (a function)`);
  }
  let sign: CredentialSigner;
  let id = issuer.id;
  if (issuer.sign !== undefined) {
    if (typeof issuer.sign !== 'function') throw new TypeError(`${at}.sign must be a function`);
    if (id === undefined) throw new TypeError(`${at}.id is required with a sign function`);
    sign = issuer.sign;
  } else {
    const key = issuer.key as KeyPair;
    if (!isObject(key) || typeof (key as KeyPair).type !== 'string') {
      throw new TypeError(`${at}.key must be a KeyPair`);
    }
    if (!key.hasSecretKey) throw new TypeError(`${at}.key has no secret part to sign with`);
    if (typeof key.id !== 'string' || typeof key.controller !== 'string') {
      throw new TypeError(
        `${at}.key needs an id (its verification method) and a controller (the issuer's DID)`,
      );
    }
    id ??= key.controller;
    if (format === 'jwt') {
      sign = (unsigned) => signCredentialJwt(unsigned, { key, now: now() });
    } else {
      const suite = issuer.suite ?? defaultSuite(key);
      sign = (unsigned) =>
        signCredential(unsigned, {
          key,
          suite,
          documentLoader,
          created: now(),
        }) as Promise<JsonObject>;
    }
  }
  if (!isAbsoluteUrl(id)) throw new TypeError(`${at}.id must be a URL (a DID or https URL)`);
  return { name: issuer.name, id, sign, status: issuer.status === true, format };
}

/** The issuer id a credential names (string issuer or `issuer.id`), or why it names none. */
function claimedIssuer(credential: JsonObject, issuer: ResolvedIssuer): JsonObject {
  const out = { ...credential };
  const value = out.issuer;
  if (value === undefined) {
    out.issuer = issuer.id;
    return out;
  }
  if (isObject(value) && !('id' in value)) {
    out.issuer = { ...value, id: issuer.id };
    return out;
  }
  const named = isObject(value) ? value.id : value;
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
 * has none), and it must obey the VC Data Model (and, for
 * an Open Badge, the OB 3.0 schema); a status entry is reserved in the ledger when the issuer
 * has status lists; then it is signed. Answers 201 `{ verifiableCredential }`.
 */
export async function issueCredential(
  body: JsonObject,
  issuer: ResolvedIssuer,
  ledger: StatusLedger | undefined,
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
  const model = validateVcDataModel(credential, { role: 'credential' });
  const issues = [...model.issues];
  if (model.ok && isBadge) {
    issues.push(...validateCredential(credential).issues);
  }
  if (issues.length > 0) {
    fail(
      400,
      'credential_invalid',
      `The credential is not valid: ${issues[0]?.message} at ${issues[0]?.path}${
        issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
      }`,
      { issues: issues.map((i) => ({ ...i })) },
    );
  }
  let reserved: string | undefined;
  if (issuer.status) {
    if (!ledger)
      fail(500, 'ledger_missing', 'This issuer allocates status entries but has no ledger');
    if (credential.credentialStatus !== undefined) {
      fail(
        400,
        'credential_status_conflict',
        'This issuer assigns credentialStatus itself; the credential already has one',
      );
    }
    const [record] = await ledger.reserve([
      typeof credential.id === 'string' ? { credentialId: credential.id } : {},
    ]);
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
