/**
 * What every signing operation checks before it signs: the document is a valid credential (or
 * presentation) and the key belongs to the party the role names (the issuer of a credential,
 * the holder of a presentation). Shared by Data Integrity and JWT signing.
 *
 * @internal
 */

import { type Issue, ProofError } from '../errors.js';
import { asArray, isObject, type JsonObject } from '../internal/json.js';
import { partyId as onePartyId } from '../internal/roles.js';
import { checkCompactForm } from '../jsonld/compact-form.js';
import type { DocumentLoader } from '../jsonld/index.js';
import { jsonLdRuleIssue } from '../jsonld/rules.js';
import { createDidJwk, createDidKey } from '../keys/did.js';
import { importPublicKeyPair } from '../keys/import-public.js';
import { checkKeyController } from '../keys/resolve.js';
import type { Jwk } from '../keys/types.js';
import {
  invalidError,
  validateVerifiableCredential,
  validateVerifiablePresentation,
} from '../model/vc-data-model.js';
import type { Validator } from '../schema/types.js';
import { openBadgesIssues } from './ob-rules.js';
import { type CheckRelatedResourcesOptions, checkRelatedResources } from './related-resource.js';

/**
 * How a document is validated before it is signed (`validate` option of the signing functions).
 *
 * @example
 * ```ts
 * await signCredential(credential, { key, validate: { lenient: true } });
 * ```
 */
export interface SigningValidationOptions {
  /**
   * Open Badges credentials and CLR 2.0 records: accept the JSON-LD compacted forms 1EdTech's
   * JSON-LD schemas accept (a single value where the strict 2024 schema has an array). Default
   * `false`: the strict schema.
   */
  lenient?: boolean;
  /**
   * Open Badges credentials and CLR 2.0 records: validators for `credentialSchema` URLs (see
   * `createValidator`).
   */
  schemas?: Readonly<Record<string, Validator>>;
  /**
   * `relatedResource` entries: the resources by URL (bytes or text), whose digests must match.
   * A digest that does not match refuses the credential.
   */
  resources?: CheckRelatedResourcesOptions['resources'];
  /** `relatedResource` entries: fetch the resources not in `resources` (https only). */
  fetch?: CheckRelatedResourcesOptions['fetch'];
  /** JSON-LD document loader for the JSON-LD checks (default: the bundled contexts). */
  documentLoader?: DocumentLoader;
  /**
   * Hold the document to the JSON-LD rules every verifier applies, whatever the proof (default
   * `true`, for Data Integrity and JWT alike): valid JSON-LD in safe mode (every term defined,
   * no relative IRI, no protected term redefined) and the one compact form its contexts give.
   * Data Integrity signing checks them while canonicalizing, so that JSON-LD errors keep their
   * own codes; `false` leaves them out.
   */
  compactForm?: boolean;
}

/**
 * The document (without its proofs) is in the one compact form its contexts give, the form
 * verifiers read (see docs/security.md): otherwise its issue, since verifiers would refuse it.
 *
 * @internal
 */
export async function compactFormIssues(
  document: JsonObject,
  documentLoader: DocumentLoader | undefined,
): Promise<Issue[]> {
  const { proof: _signed, ...withoutProofs } = document;
  const form = await checkCompactForm(withoutProofs, { documentLoader });
  return form === undefined ? [] : [{ code: form.code, path: form.path, message: form.message }];
}

/**
 * The JSON-LD rules `verify()` holds every credential and presentation to, whatever its proof
 * (its `jsonld` check): JSON-LD in safe mode under the known contexts (no undefined term, no
 * relative IRI, no protected term redefined), the one compact form, and the members the checks
 * read being what the graph says. A Data Integrity proof finds the first kind when it
 * canonicalizes; a JWT signs bytes, so these rules are checked here, or the signed token would
 * be refused by every verifier. Without the proofs, as {@link compactFormIssues}.
 *
 * @internal
 */
export async function jsonLdIssues(
  document: JsonObject,
  documentLoader: DocumentLoader | undefined,
): Promise<Issue[]> {
  const { proof: _signed, ...withoutProofs } = document;
  const issue = await jsonLdRuleIssue(withoutProofs, { documentLoader });
  return issue === undefined ? [] : [{ ...issue, path: issue.path ?? '$' }];
}

/**
 * The checks options every signing function takes.
 *
 * @example
 * ```ts
 * const checks: SigningChecks = { validate: true, checkIssuer: true };
 * ```
 */
export interface SigningChecks {
  /**
   * Validate the document before signing (default `true`): the W3C VC Data Model rules (2.0 or
   * 1.1) for every credential or presentation, and for Open Badges credentials
   * (`OpenBadgeCredential`, `AchievementCredential`, `EndorsementCredential`) the Open Badges 3.0
   * JSON Schema and data-model rules; for CLR 2.0 records (`ClrCredential`) the CLR 2.0 JSON
   * Schema and record rules (context order, type, ClrSubject, no bundled credential that claims
   * to be a presentation); and the one compact form, bundled credentials included. An invalid
   * document is refused with a `ValidationError`
   * (`ERR_CREDENTIAL_INVALID` / `ERR_PRESENTATION_INVALID`) listing every issue. `false` signs
   * whatever it is given (for test material); an object tunes the checks.
   */
  validate?: boolean | SigningValidationOptions;
  /**
   * Refuse a key that does not belong to the issuer (credentials) or holder (presentations)
   * (default `true`): a DID URL key (the verification method written in the proof, or the JWT
   * `kid`) must be a key of the issuer's DID; an https key must name the issuer as its
   * `controller` (or have the issuer's URL before its `#`); a JWT key without id must be the key
   * of the issuer's did:key or did:jwk. Verifiers reject such a signature anyway. Fails with
   * `ProofError` `ERR_ISSUER_KEY_MISMATCH` (`ERR_PRESENTATION_HOLDER_MISMATCH` for presentations).
   */
  checkIssuer?: boolean;
}

/** The role a document is signed in: it decides which rules apply and whose key must sign. */
export type SigningRole = 'credential' | 'presentation';

const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/**
 * What the key binding looks at: the verification method written, the controller, the public key.
 *
 * @example
 * ```ts
 * const ids: SigningKeyIds = { id: keyPair.id, controller: keyPair.controller };
 * ```
 */
export interface SigningKeyIds {
  id: string | undefined;
  controller: string | undefined;
  publicKeyJwk?: Jwk | undefined;
}

/** The did:key and did:jwk DIDs of a public key (the ones a bare key is known by). */
function ownDids(jwk: Jwk): string[] {
  try {
    const key = importPublicKeyPair(jwk);
    const dids = [createDidJwk(key).did];
    if (key.type !== 'RSA') dids.push(createDidKey(key).did);
    return dids;
  } catch {
    return [];
  }
}

/**
 * Check the options.
 *
 * @internal
 */
export function checkSigningChecks(options: SigningChecks, fn: string): void {
  const v = options.validate;
  if (v !== undefined && typeof v !== 'boolean' && !isObject(v))
    throw new TypeError(`${fn}: options.validate must be a boolean or an object`);
  if (options.checkIssuer !== undefined && typeof options.checkIssuer !== 'boolean')
    throw new TypeError(`${fn}: options.checkIssuer must be a boolean`);
}

/** The id of a party (`issuer` or `holder`): a string, or an object's one `id` / `@id`. */
export function partyId(party: unknown): string | undefined {
  return onePartyId(party) ?? undefined;
}

/**
 * Every issue of a document in a role (VC Data Model, Open Badges, related resources), without
 * throwing. Used by the signing functions and by the command line.
 *
 * @internal
 */
export async function issuesBeforeSigning(
  document: JsonObject,
  role: SigningRole,
  validation: SigningValidationOptions = {},
): Promise<Issue[]> {
  const formIssues =
    validation.compactForm === false ? [] : await jsonLdIssues(document, validation.documentLoader);
  if (role === 'presentation')
    return dedupe([...validateVerifiablePresentation(document).issues, ...formIssues]);
  const issues = [...validateVerifiableCredential(document).issues, ...formIssues];
  const types = asArray(document.type as unknown);
  if (types.includes('ClrCredential')) {
    // CLR 2.0 (its schema validators and rules are loaded only when a record is signed).
    const { proof: _proofs, ...unsigned } = document;
    const located = new Set(issues.map((i) => i.path));
    const { clrIssues } = await import('../clr/rules.js');
    const found = await clrIssues(unsigned, {
      lenient: validation.lenient,
      schemas: validation.schemas,
    });
    issues.push(...found.filter((i) => !located.has(i.path)));
  } else if (types.some((t) => typeof t === 'string' && OB_TYPES.includes(t))) {
    // Without its proofs: the proof being added decides their form (existing proofs are checked above).
    const { proof: _proofs, ...unsigned } = document;
    // One problem, one line: where the data model rules already speak of a member, the Open
    // Badges rules about the same member (a date's `format`, say) add nothing.
    const located = new Set(issues.map((i) => i.path));
    issues.push(
      ...openBadgesIssues(unsigned, {
        lenient: validation.lenient,
        schemas: validation.schemas,
      }).filter((i) => !located.has(i.path)),
    );
  }
  if (Object.hasOwn(document, 'relatedResource')) {
    const results = await checkRelatedResources(document, {
      resources: validation.resources,
      fetch: validation.fetch,
    });
    for (const r of results) {
      if (r.outcome === 'fail') issues.push({ code: r.code, path: r.path, message: r.message });
    }
  }
  return dedupe(issues);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validate (unless `validate: false`) and check the key (unless `checkIssuer: false`); throws
 * when either fails.
 *
 * @internal
 */
export async function preflight(
  document: JsonObject,
  role: SigningRole,
  key: SigningKeyIds,
  checks: SigningChecks,
  compactForm = true,
): Promise<void> {
  if (checks.validate !== false) {
    const validation = {
      documentLoader: (checks as { documentLoader?: DocumentLoader }).documentLoader,
      ...(isObject(checks.validate) ? checks.validate : {}),
      compactForm,
    };
    const issues = await issuesBeforeSigning(document, role, validation);
    if (issues.length > 0) {
      throw invalidError(
        role === 'presentation' ? 'ERR_PRESENTATION_INVALID' : 'ERR_CREDENTIAL_INVALID',
        role,
        issues,
      );
    }
  }
  if (checks.checkIssuer !== false) checkKeyBelongs(document, role, key);
}

/**
 * After {@link preflight} (unless `validate: false`): the JSON-LD rules verifiers hold every
 * document to (see {@link jsonLdIssues}), for a JWT, which is not canonicalized. Checked after
 * the key, as Data Integrity signing checks them while canonicalizing. `view` is what verifiers
 * read as JSON-LD (by default the document itself).
 *
 * @internal
 */
export async function assertJsonLd(
  document: JsonObject,
  role: SigningRole,
  checks: SigningChecks & { documentLoader?: DocumentLoader },
  view: JsonObject = document,
): Promise<void> {
  if (checks.validate === false) return;
  const loader =
    (typeof checks.validate === 'object' ? checks.validate.documentLoader : undefined) ??
    checks.documentLoader;
  const issues = await jsonLdIssues(view, loader);
  if (issues.length > 0) {
    throw invalidError(
      role === 'presentation' ? 'ERR_PRESENTATION_INVALID' : 'ERR_CREDENTIAL_INVALID',
      role,
      issues,
    );
  }
}

/**
 * Why the key does not belong to the party, or `undefined` when it does.
 *
 * @internal
 */
export function keyMismatch(
  partyName: 'issuer' | 'holder',
  party: string | undefined,
  key: SigningKeyIds,
): string | undefined {
  if (party === undefined) {
    return `the document names no ${partyName} id, so the key cannot be bound to one`;
  }
  const vm = key.id;
  if (vm === undefined) {
    // A JWT without kid carries its public key: it belongs to the did:key / did:jwk of that key.
    if (key.publicKeyJwk !== undefined && ownDids(key.publicKeyJwk).includes(party))
      return undefined;
    return `the key has no id (verification method) and is not the key of ${party}`;
  }
  // A DID URL names its controller document: the DID must be the party's, whatever the key says.
  const did = vm.startsWith('did:') ? vm.split('#')[0] : undefined;
  if (did !== undefined) {
    return did === party
      ? undefined
      : `the key ${vm} belongs to ${did}, not to the ${partyName} ${party}`;
  }
  if (checkKeyController({ id: vm, controller: key.controller }, party)) return undefined;
  // An https key without a declared controller: its controller document is the URL before '#'.
  if (
    key.controller === undefined &&
    !vm.startsWith('did:') &&
    vm.includes('#') &&
    vm.slice(0, vm.indexOf('#')) === party
  ) {
    return undefined;
  }
  return key.controller === undefined
    ? `the key ${vm} names no controller; bind it to the ${partyName} (bindKeyPair(key, { controller: '${party}' }), or a Signer's controller)`
    : `the key ${vm} is controlled by ${key.controller}, not by the ${partyName} ${party}`;
}

function checkKeyBelongs(document: JsonObject, role: SigningRole, key: SigningKeyIds): void {
  if (role === 'presentation') {
    // A presentation need not name a holder; when it does, the holder's key signs.
    if (!Object.hasOwn(document, 'holder')) return;
    const holder = partyId(document.holder);
    const why = keyMismatch('holder', holder, key);
    if (why !== undefined) {
      throw new ProofError(
        'ERR_PRESENTATION_HOLDER_MISMATCH',
        `Refusing to sign: ${why}; verifiers would reject the presentation (pass checkIssuer: false to sign anyway)`,
        { holder, verificationMethod: key.id, controller: key.controller },
      );
    }
    return;
  }
  const issuer = partyId(document.issuer);
  const why = keyMismatch('issuer', issuer, key);
  if (why !== undefined) {
    throw new ProofError(
      'ERR_ISSUER_KEY_MISMATCH',
      `Refusing to sign: ${why}; verifiers would reject the credential (pass checkIssuer: false to sign anyway)`,
      { issuer, verificationMethod: key.id, controller: key.controller },
    );
  }
}

/**
 * What signing would refuse in a document, without signing it: the VC Data Model rules, for
 * Open Badges types the OB 3.0 schema and data-model rules, for CLR 2.0 records the CLR 2.0
 * schema and record rules, the one compact form verifiers
 * read, and `relatedResource` digests that can be checked. The signing functions run the same
 * checks (and refuse with `ERR_CREDENTIAL_INVALID` / `ERR_PRESENTATION_INVALID`).
 *
 * @example
 * ```ts
 * import { validateBeforeSigning } from 'ob3kit/proof';
 * const { ok, issues } = await validateBeforeSigning(credential);
 * if (!ok) for (const i of issues) console.log(i.path, i.message, i.code);
 * ```
 */
export async function validateBeforeSigning(
  document: JsonObject,
  options: SigningValidationOptions & { role?: SigningRole } = {},
): Promise<{ ok: boolean; issues: Issue[] }> {
  if (!isObject(document))
    throw new TypeError('validateBeforeSigning(document, options): document must be an object');
  const { role = 'credential', ...validation } = options;
  if (role !== 'credential' && role !== 'presentation')
    throw new TypeError(
      "validateBeforeSigning: options.role must be 'credential' or 'presentation'",
    );
  const issues = await issuesBeforeSigning(document, role, validation);
  return { ok: issues.length === 0, issues };
}

/**
 * Why a key may not sign a document in a role (it does not belong to the credential's issuer,
 * or the presentation's holder), or `undefined` when it may. The signing functions refuse such
 * a key (`ERR_ISSUER_KEY_MISMATCH`, `ERR_PRESENTATION_HOLDER_MISMATCH`).
 *
 * @example
 * ```ts
 * import { signingKeyMismatch } from 'ob3kit/proof';
 * const why = signingKeyMismatch(credential, keyPair);
 * if (why) console.error(`not the issuer's key: ${why}`);
 * ```
 */
export function signingKeyMismatch(
  document: JsonObject,
  key: SigningKeyIds,
  role: SigningRole = 'credential',
): string | undefined {
  if (role === 'presentation') {
    if (!Object.hasOwn(document, 'holder')) return undefined;
    return keyMismatch('holder', partyId(document.holder), key);
  }
  return keyMismatch('issuer', partyId(document.issuer), key);
}
