/**
 * The builders' engine, part three (internal): what the generic walk does not know about some
 * classes (credential validity dates, an Image given as its URI, required identifiers, hashed
 * identities).
 */

import { describeValue } from '../internal/describe.js';
import { joinPath } from '../internal/json.js';
import { formatDateTime, isValidDate } from './dates.js';
import { type Ctx, fail, setOwn } from './engine-context.js';
import { checkDate } from './engine-scalars.js';

/** What a builder may add to the generic handling of one class. */
export interface ClassHooks {
  /** Turn a shorthand value (an Image given as its URI) into the object form. */
  coerce?: (ctx: Ctx, path: string, value: unknown) => unknown;
  /** Rewrite the (already object-checked) input first: rename keys, add generated values. */
  prepare?: (ctx: Ctx, path: string, input: Record<string, unknown>) => Record<string, unknown>;
  /** Default member of each `contains` group to add when none is present (default: the first). */
  typeDefaults?: readonly string[];
  /** Extra checks on the finished object. */
  finish?: (ctx: Ctx, path: string, out: Record<string, unknown>) => void;
}

const DATE_NAMES = { validFrom: 'issuanceDate', validUntil: 'expirationDate' } as const;

/** Credentials: write the validity dates under the chosen VC version's names; default the start. */
function prepareCredential(
  ctx: Ctx,
  path: string,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const v2 = (['validFrom', 'validUntil'] as const).filter((k) => input[k] !== undefined);
  const v1 = (['issuanceDate', 'expirationDate'] as const).filter((k) => input[k] !== undefined);
  if (ctx.vc === '2.0' && v1[0])
    fail(
      ctx,
      'ERR_MODEL_CONFLICT',
      joinPath(path, v1[0]),
      'is a VC 1.1 property',
      `"${v1[0] === 'issuanceDate' ? 'validFrom' : 'validUntil'}" in a VC 2.0 credential, or options.vc '1.1'`,
      input[v1[0]],
      `"${v1[0]}"`,
    );
  if (v1[0] && v2[0])
    fail(
      ctx,
      'ERR_MODEL_CONFLICT',
      joinPath(path, v2[0]),
      `cannot be mixed with "${v1[0]}"`,
      'either validFrom/validUntil or issuanceDate/expirationDate',
      input[v2[0]],
      `both "${v2[0]}" and "${v1[0]}"`,
    );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const isDate =
      key === 'validFrom' ||
      key === 'validUntil' ||
      key === 'issuanceDate' ||
      key === 'expirationDate';
    const target =
      ctx.vc === '1.1' && (key === 'validFrom' || key === 'validUntil') ? DATE_NAMES[key] : key;
    setOwn(out, target, isDate ? checkDate(ctx, joinPath(path, key), value, false) : value);
  }
  const [start, end] =
    ctx.vc === '1.1' ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  let result = out;
  if (out[start] === undefined) {
    const now = ctx.now();
    if (!isValidDate(now))
      throw new TypeError(
        `${ctx.fn}: options.now must give a valid Date (found ${describeValue(now)})`,
      );
    // Written right after the issuer, where a reader looks for it.
    const entries = Object.entries(out);
    const at = entries.findIndex(([k]) => k === 'issuer');
    entries.splice(at < 0 ? entries.length : at + 1, 0, [start, formatDateTime(now)]);
    result = Object.fromEntries(entries);
  }
  const from = result[start];
  const until = result[end];
  if (
    typeof from === 'string' &&
    typeof until === 'string' &&
    Date.parse(until) < Date.parse(from)
  ) {
    const given = v2.length && end === 'expirationDate' ? 'validUntil' : end;
    fail(
      ctx,
      'ERR_MODEL_VALUE',
      joinPath(path, given),
      'is before the start of validity',
      `a date-time not before ${JSON.stringify(from)}`,
      until,
    );
  }
  return result;
}

/** A learner (AchievementSubject, ClrSubject) is identified by an `id` and/or an `identifier`. */
function requireSubjectIdentity(ctx: Ctx, path: string, out: Record<string, unknown>): void {
  const ids = out.identifier;
  if (out.id === undefined && !(Array.isArray(ids) && ids.length > 0))
    fail(
      ctx,
      'ERR_MODEL_REQUIRED',
      joinPath(path, 'id'),
      'is required when there is no "identifier"',
      'an "id" URI or at least one IdentityObject in "identifier"',
      undefined,
      'neither',
    );
}

const IDENTITY_HASH_RE = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;

/** Per-class rules the generic walk does not know. */
export const HOOKS: Record<string, ClassHooks> = {
  Image: {
    coerce: (_ctx, _path, value) => (typeof value === 'string' ? { id: value } : value),
  },
  AchievementCredential: {
    prepare: prepareCredential,
    typeDefaults: ['VerifiableCredential', 'OpenBadgeCredential'],
  },
  EndorsementCredential: { prepare: prepareCredential },
  ClrCredential: { prepare: prepareCredential },
  AchievementSubject: { finish: requireSubjectIdentity },
  ClrSubject: { finish: requireSubjectIdentity },
  IdentityObject: {
    finish: (ctx, path, out) => {
      if (out.hashed === true && !IDENTITY_HASH_RE.test(out.identityHash as string))
        fail(
          ctx,
          'ERR_MODEL_VALUE',
          joinPath(path, 'identityHash'),
          'is not an IdentityHash',
          '"sha256$" and 64 hex digits (or "md5$" and 32) since "hashed" is true',
          out.identityHash,
        );
    },
  },
};
