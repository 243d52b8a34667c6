/**
 * Upgrading a verified Open Badges 2.0 assertion to an unsigned Open Badges 3.0 credential, as
 * the Open Badges 3.0 Implementation Guide ("Migrating from OB 2.0") describes it: a new `id`,
 * the original assertion kept as an `Evidence` typed `https://w3id.org/openbadges#Assertion`,
 * the Achievement `related` to the BadgeClass (`version: "Open Badges v2p0"`), the issuer's 2.0
 * `id` in `otherIdentifier`, and the 2.0 fields mapped onto their 3.0 counterparts.
 */

import { sha1 } from '@noble/hashes/legacy.js';
import { Ob3Error } from '../errors.js';
import { toHex, utf8 } from '../internal/bytes.js';
import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { randomUrnUuid } from '../internal/random.js';
import { assertValidCredential } from '../schema/validate.js';
import type { CheckResult, VerificationReport } from '../verify/types.js';
import type { UpgradeOb2Options, UpgradeOb2Result } from './types.js';
import { parseOb2DateTime, readXsdBoolean } from './validate.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The RFC 9562 URL namespace, for name-based (version 5) UUIDs of URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** The name-based (SHA-1, version 5) `urn:uuid` of a name in the URL namespace. */
export function uuidV5Url(name: string): string {
  const ns = Uint8Array.from(URL_NAMESPACE.replace(/-/g, '').match(/../g) ?? [], (h) =>
    Number.parseInt(h, 16),
  );
  const bytes = utf8(name);
  const input = new Uint8Array(ns.length + bytes.length);
  input.set(ns);
  input.set(bytes, ns.length);
  const b = sha1(input).subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = toHex(b);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Codes that do not stand in the way of an upgrade: the hosted copy was verified. */
const HARMLESS = new Set(['ob2_hosted_copy_differs', 'ob2_embedded_issuer_differs']);

/**
 * Why a report does not show a verified, in-force assertion (empty when it does): any failure,
 * and any warning or skip of the proof, issuer, status and validity checks.
 */
export function upgradeBlockers(report: VerificationReport): CheckResult[] {
  const out: CheckResult[] = [];
  let proven = false;
  for (const c of report.checks) {
    if (
      c.id === 'proof' &&
      c.outcome === 'pass' &&
      (c.code === 'ob2_hosted' || c.code === 'ob2_signed')
    )
      proven = true;
    if (c.outcome === 'fail') out.push(c);
    else if (
      (c.outcome === 'warn' || c.outcome === 'skip') &&
      ['proof', 'issuer', 'status', 'validity'].includes(c.id) &&
      !HARMLESS.has(c.code ?? '')
    ) {
      out.push(c);
    }
  }
  if (!proven && out.length === 0) {
    out.push({
      id: 'proof',
      outcome: 'fail',
      code: 'ob2_not_verified',
      message: 'The assertion was not verified',
    });
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** An Open Badges 3.0 DateTime with a time zone, from a 2.0 DateTime. */
function dateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return value;
  const d = parseOb2DateTime(value);
  return d ? d.toISOString().replace('.000Z', 'Z') : undefined;
}

function image(v: unknown): JsonObject | undefined {
  if (typeof v === 'string') return { id: v, type: 'Image' };
  if (isObject(v) && typeof v.id === 'string') {
    return { id: v.id, type: 'Image', ...(str(v.caption) ? { caption: v.caption } : {}) };
  }
  return undefined;
}

/** Open Badges 2.0 recipient identity types and the 3.0 identifier type each becomes. */
const IDENTITY_TYPES: Record<string, string> = {
  email: 'emailAddress',
  url: 'identifier',
  id: 'identifier',
  telephone: 'ext:telephone',
};

function identityObject(recipient: JsonObject): JsonObject {
  const t = typeof recipient.type === 'string' ? recipient.type : 'identifier';
  // `hashed` as a JSON-LD reader takes it ("true" is true): a hash never becomes a plaintext.
  const hashed = recipient.hashed === undefined ? false : readXsdBoolean(recipient.hashed);
  if (hashed === undefined) {
    throw new Ob3Error(
      'ERR_OB2_INCOMPLETE',
      `upgradeOb2: the recipient's "hashed" is ${describeValue(recipient.hashed)}, neither true nor false, so whether its identity is a hash cannot be read`,
    );
  }
  const { salt } = recipient;
  if (hashed && salt !== undefined && salt !== null && typeof salt !== 'string') {
    throw new Ob3Error(
      'ERR_OB2_INCOMPLETE',
      `upgradeOb2: the recipient's "salt" is ${describeValue(salt)}, not a string; without it the hashed identity would name another recipient`,
    );
  }
  return {
    type: 'IdentityObject',
    hashed,
    identityHash: recipient.identity,
    identityType: IDENTITY_TYPES[t] ?? 'identifier',
    ...(typeof salt === 'string' ? { salt } : {}),
  };
}

function profile(issuer: JsonObject, id: string): JsonObject {
  const out: JsonObject = { id, type: ['Profile'] };
  if (str(issuer.name)) out.name = issuer.name;
  if (str(issuer.url)) out.url = issuer.url;
  if (str(issuer.email)) out.email = issuer.email;
  if (str(issuer.telephone)) out.phone = issuer.telephone;
  if (str(issuer.description)) out.description = issuer.description;
  const img = image(issuer.image);
  if (img) out.image = img;
  return out;
}

function evidence(v: unknown): JsonObject | undefined {
  if (typeof v === 'string') return { id: v, type: ['Evidence'] };
  if (!isObject(v)) return undefined;
  const out: JsonObject = { type: ['Evidence'] };
  for (const k of ['id', 'narrative', 'name', 'description', 'genre', 'audience']) {
    if (str(v[k])) out[k] = v[k];
  }
  return out;
}

/**
 * Build the Open Badges 3.0 credential from the badge objects of an Open Badges 2.0
 * verification (no checks; {@link upgradeOb2} decides whether to). `verified` false (a forced
 * upgrade) is said in the description of the original assertion's evidence.
 */
export function buildUpgraded(
  report: VerificationReport,
  options: Pick<UpgradeOb2Options, 'id' | 'achievementId' | 'issuerId' | 'subjectId'>,
  verified = true,
): JsonObject {
  const ob2 = report.ob2;
  const assertion = ob2?.assertion;
  const badge = ob2?.badgeClass;
  const embeddedIssuer = isObject(badge?.issuer) ? (badge?.issuer as JsonObject) : undefined;
  const issuer = ob2?.issuer ?? embeddedIssuer;
  if (!assertion || !badge || !issuer || typeof issuer.id !== 'string') {
    throw new Ob3Error(
      'ERR_OB2_INCOMPLETE',
      `upgradeOb2: the ${!assertion ? 'assertion' : !badge ? 'BadgeClass' : 'issuer Profile'} could not be read, so there is nothing to upgrade it from`,
    );
  }
  // The Achievement's creator is the 2.0 issuer Profile, under its 2.0 id, as in the migration
  // guide's example; the credential's issuer may take a new id (`issuerId`, such as a did:web).
  const creator = profile(issuer, issuer.id);
  const issuerProfile = options.issuerId ? profile(issuer, options.issuerId) : creator;
  const criteria =
    typeof badge.criteria === 'string'
      ? { id: badge.criteria }
      : isObject(badge.criteria)
        ? {
            ...(str(badge.criteria.id) ? { id: badge.criteria.id } : {}),
            ...(str(badge.criteria.narrative) ? { narrative: badge.criteria.narrative } : {}),
          }
        : undefined;
  const achievement: JsonObject = {
    id: options.achievementId ?? uuidV5Url(String(badge.id)),
    type: ['Achievement'],
    name: badge.name,
    description: badge.description,
    ...(criteria ? { criteria } : {}),
  };
  const badgeImage = image(badge.image);
  if (badgeImage) achievement.image = badgeImage;
  const alignment = list(badge.alignment)
    .filter(isObject)
    .map((a) => {
      const out: JsonObject = { type: ['Alignment'] };
      for (const k of [
        'targetName',
        'targetUrl',
        'targetDescription',
        'targetFramework',
        'targetCode',
      ]) {
        if (str(a[k])) out[k] = a[k];
      }
      return out;
    });
  if (alignment.length > 0) achievement.alignment = alignment;
  const tags = list(badge.tags).filter((t): t is string => typeof t === 'string');
  if (tags.length > 0) achievement.tag = tags;
  if (typeof badge.version === 'string' || typeof badge.version === 'number') {
    achievement.version = String(badge.version);
  }
  achievement.creator = creator;
  achievement.related = [
    {
      id: badge.id,
      type: ['Related', 'https://w3id.org/openbadges#BadgeClass'],
      version: 'Open Badges v2p0',
    },
  ];

  const subject: JsonObject = {
    ...(options.subjectId ? { id: options.subjectId } : {}),
    type: ['AchievementSubject'],
    achievement,
  };
  if (isObject(assertion.recipient)) subject.identifier = [identityObject(assertion.recipient)];
  const subjectImage = image(assertion.image);
  if (subjectImage) subject.image = subjectImage;
  if (str(assertion.narrative)) subject.narrative = assertion.narrative;

  const signed = ob2?.jws !== undefined;
  const originalId = signed
    ? `data:application/jose,${ob2?.jws}`
    : String(ob2?.url ?? assertion.id);
  const original: JsonObject = {
    id: originalId,
    type: ['Evidence', 'https://w3id.org/openbadges#Assertion'],
    name: 'Original Open Badges 2.0 assertion',
    description: `${
      signed
        ? 'This credential was first issued as a signed Open Badges 2.0 assertion, whose compact JWS this evidence holds.'
        : 'This credential was first issued as a hosted Open Badges 2.0 assertion, published at this URL.'
    } ${
      verified
        ? 'It was verified and upgraded to Open Badges 3.0; the original can still be verified with the Open Badges 2.0 rules.'
        : 'It was upgraded to Open Badges 3.0 WITHOUT having been verified; verify the original with the Open Badges 2.0 rules before relying on it.'
    }`,
  };
  const validFrom = dateTime(assertion.issuedOn);
  const validUntil = dateTime(assertion.expires);
  const credential: JsonObject = {
    '@context': [VC_V2, OB_V3],
    id: options.id ?? randomUrnUuid(),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerProfile,
    ...(validFrom ? { validFrom, awardedDate: validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    name: badge.name,
    ...(str(badge.description) ? { description: badge.description } : {}),
    credentialSubject: subject,
    evidence: [
      ...list(assertion.evidence)
        .map(evidence)
        .filter((e): e is JsonObject => e !== undefined),
      original,
    ],
  };
  return credential;
}

function checkOptions(options: unknown): UpgradeOb2Options {
  if (options === undefined || options === null) return {};
  if (!isObject(options)) throw new TypeError('upgradeOb2: options must be an object');
  const o = options as UpgradeOb2Options;
  if (o.force !== undefined && typeof o.force !== 'boolean') {
    throw new TypeError('upgradeOb2: options.force must be a boolean');
  }
  for (const k of ['id', 'achievementId', 'issuerId', 'subjectId'] as const) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v))) {
      throw new TypeError(`upgradeOb2: options.${k} must be an absolute URI`);
    }
  }
  return o;
}

/**
 * Upgrade with a verification function (the public {@link upgradeOb2} passes `verifyOb2`).
 * @internal
 */
export async function upgradeWith(
  verifyFn: (input: unknown, options: object) => Promise<VerificationReport>,
  input: unknown,
  options: unknown,
): Promise<UpgradeOb2Result> {
  const o = checkOptions(options);
  const { force, id, achievementId, issuerId, subjectId, ...verifyOptions } = o;
  const report = await verifyFn(input, verifyOptions);
  const blockers = upgradeBlockers(report);
  if (blockers.length > 0 && force !== true) {
    const named = blockers
      .slice(0, 4)
      .map((c) => `${c.id} ${c.outcome}${c.code ? ` (${c.code})` : ''}`)
      .join('; ');
    throw new Ob3Error(
      'ERR_OB2_NOT_VERIFIED',
      `upgradeOb2: the assertion did not verify (${named}${blockers.length > 4 ? '; ...' : ''}); pass force: true to upgrade it anyway`,
      { details: { verdict: report.verdict, codes: blockers.map((c) => c.code ?? c.id), report } },
    );
  }
  const credential = buildUpgraded(
    report,
    {
      ...(id ? { id } : {}),
      ...(achievementId ? { achievementId } : {}),
      ...(issuerId ? { issuerId } : {}),
      ...(subjectId ? { subjectId } : {}),
    },
    blockers.length === 0,
  );
  assertValidCredential(credential);
  return { credential, report };
}
