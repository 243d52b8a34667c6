/**
 * A `BitstringStatusListEntry` or `StatusList2021Entry` (internal): the bit is read whenever the
 * list can be had and its own proof verifies, whatever else is wrong with the entry or the list;
 * what is wrong besides becomes a finding.
 */
import { hasEnded, hasNotBegun, parseDateTime } from '../internal/datetime.js';
import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import type { StatusListType } from './bitstring.js';
import type { StatusCheck, StatusCheckCode, StatusFinding } from './check.js';
import { type StatusRun, uncheckable, verificationMessage } from './run.js';

/** The names of one list format. */
export interface ListKind {
  entry: string;
  credential: string;
  subject: string;
  list: StatusListType;
}

/** Bitstring Status List v1.0. */
export const BITSTRING: ListKind = {
  entry: 'BitstringStatusListEntry',
  credential: 'BitstringStatusListCredential',
  subject: 'BitstringStatusList',
  list: 'BitstringStatusList',
};

/** The older StatusList2021. */
export const SL2021: ListKind = {
  entry: 'StatusList2021Entry',
  credential: 'StatusList2021Credential',
  subject: 'StatusList2021',
  list: 'StatusList2021',
};

const KINDS = [BITSTRING, SL2021];

/** The id of a party given as a string or an object with an `id`. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/** Whether `value` is an object whose `type` is or includes `type`. */
export function hasType(value: unknown, type: string): boolean {
  const t = isObject(value) ? value.type : undefined;
  return t === type || (Array.isArray(t) && t.includes(type));
}

/** Whether `value` parses as an absolute URL. */
export function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function parseTime(value: unknown): number | undefined {
  return parseDateTime(value);
}

/**
 * A member read by its value, as the signed graph reads it: JSON-LD gives `"x"` and `["x"]` one
 * and the same statement, so a one-element array is its element (a holder who re-spells a member
 * keeps the proof, and must not turn a revoked entry into an unreadable one).
 */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** Look one bitstring entry up in its list. */
export async function checkBitstringEntry(
  credential: JsonObject,
  entry: JsonObject,
  base: StatusCheck,
  kind: ListKind,
  run: StatusRun,
): Promise<StatusCheck> {
  const findings: StatusFinding[] = [];
  const done = (check: StatusCheck): StatusCheck =>
    findings.length > 0 ? { ...check, findings } : check;
  const unknown = (code: StatusCheckCode, message: string): StatusCheck =>
    done({ ...base, status: 'unknown', code, message });
  const { statusSize } = entry;
  const statusPurpose = single(entry.statusPurpose);
  const statusListIndex = single(entry.statusListIndex);
  const statusListCredential =
    idOf(single(entry.statusListCredential)) ?? entry.statusListCredential;

  // The entry: what it must say for its bit to be found, and what else it should say.
  const purpose =
    typeof statusPurpose === 'string' && statusPurpose.length > 0 ? statusPurpose : undefined;
  if (purpose === undefined) {
    findings.push({
      code: 'status_entry_nonconformant',
      message: `${base.path}.statusPurpose must be a non-empty string; found ${describeValue(statusPurpose)} (the list's own purpose is used)`,
    });
  } else base.purpose = purpose;
  let index: number;
  if (typeof statusListIndex === 'string' && /^[0-9]+$/.test(statusListIndex)) {
    index = Number(statusListIndex);
  } else if (
    typeof statusListIndex === 'number' &&
    Number.isInteger(statusListIndex) &&
    statusListIndex >= 0
  ) {
    // 1EdTech's own fixtures write a JSON integer; it is read, and reported.
    index = statusListIndex;
    findings.push({
      code: 'status_entry_nonconformant',
      message: `${base.path}.statusListIndex is the number ${statusListIndex}; the specification requires a base-10 string ("${statusListIndex}")`,
    });
  } else {
    return unknown(
      'status_entry_malformed',
      `${base.path}.statusListIndex must be a non-negative integer written as a base-10 string; found ${describeValue(statusListIndex)}, so the entry cannot be looked up`,
    );
  }
  if (!Number.isSafeInteger(index)) {
    return unknown(
      'status_index_out_of_range',
      `${base.path}.statusListIndex ${String(statusListIndex)} is too large`,
    );
  }
  base.index = index;
  if (typeof statusListCredential !== 'string' || !isUrl(statusListCredential)) {
    return unknown(
      'status_entry_malformed',
      `${base.path}.statusListCredential must be the URL of the status list; found ${describeValue(statusListCredential)}`,
    );
  }
  base.listId = statusListCredential;
  // Read by its value, as the signed graph reads it (`xsd:integer`): `1`, `"1"` and `[1]` are
  // one literal, so a holder cannot turn a revoked entry into an unsupported one by re-spelling it
  // (`verify()` also refuses the string spellings as not compact).
  const one = single(statusSize);
  const size = typeof one === 'string' && /^[+-]?[0-9]+$/.test(one) ? Number(one) : one;
  if (size !== undefined && size !== 1) {
    return unknown(
      'status_size_unsupported',
      `${base.path}.statusSize is ${JSON.stringify(statusSize)}; only one-bit entries are supported`,
    );
  }

  // The list: obtainable, and its proof verifies against its own issuer.
  const loaded = await run.list(statusListCredential);
  if (!loaded.ok) return unknown(loaded.code, loaded.message);
  const list = loaded.credential;
  const where = `the status list ${statusListCredential}`;
  if (!loaded.verification) {
    return unknown(
      'status_list_unverified',
      `${where} was not verified (verifyListCredential: false), so its entries are not trusted`,
    );
  }
  if (!loaded.verification.verified) {
    if (uncheckable(loaded.verification)) {
      return unknown(
        'status_list_proof_unchecked',
        `${where} could not be checked: its proof could not be verified here (${verificationMessage(loaded.verification)})`,
      );
    }
    return unknown(
      'status_list_proof_invalid',
      `The proof of ${where} does not verify (${verificationMessage(loaded.verification)}), so its entries are not trusted`,
    );
  }
  const mine = idOf(credential.issuer);
  const theirs = idOf(list.issuer);
  if (!mine || mine !== theirs) {
    const message = `${where} is issued by ${theirs ?? '(no issuer)'}, not by the credential's issuer ${mine ?? '(no issuer)'}`;
    if (run.options.requireSameIssuer === true) return unknown('status_issuer_mismatch', message);
    findings.push({
      code: 'status_issuer_mismatch',
      message: `${message}; the Bitstring Status List specification allows it: the list's proof was verified with its own issuer's key and its entry was read`,
    });
  }
  const subjects = Array.isArray(list.credentialSubject)
    ? list.credentialSubject
    : [list.credentialSubject];
  const subject = subjects.length === 1 ? subjects[0] : undefined;
  const subjectKind = KINDS.find((k) => hasType(subject, k.subject));
  const encodedList = isObject(subject) ? single(subject.encodedList) : undefined;
  if (!isObject(subject) || !subjectKind || typeof encodedList !== 'string') {
    return unknown(
      'status_list_malformed',
      `${where} must have one credentialSubject of type ${kind.subject} with an encodedList`,
    );
  }
  if (subjectKind !== kind || !hasType(list, kind.credential)) {
    findings.push({
      code: 'status_list_type_mismatch',
      message: `${where} is a ${JSON.stringify(list.type) ?? '(untyped credential)'} holding a ${subjectKind.subject}; a ${kind.entry} names a ${kind.credential} (it was read as a ${subjectKind.subject})`,
    });
  }
  const listPurposes = (
    Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose]
  ).filter((p): p is string => typeof p === 'string');
  const listHasPurpose = purpose !== undefined && listPurposes.includes(purpose);
  if (purpose !== undefined && !listHasPurpose) {
    findings.push({
      code: 'status_purpose_mismatch',
      message: `${where} has statusPurpose ${JSON.stringify(subject.statusPurpose)}, the entry ${JSON.stringify(purpose)}`,
    });
  }

  // The bit.
  const bits = await run.decode(statusListCredential, encodedList, subjectKind.list);
  if (!('bytes' in bits)) return unknown(bits.code, bits.message);
  const minLength = run.options.minLength ?? 131072;
  if (bits.length < minLength) {
    findings.push({
      code: 'status_list_too_short',
      message: `${where} has ${bits.length} entries, fewer than the ${minLength} the specification requires (a short list tells more about who holds which credential); its entry was read`,
    });
  }
  if (index >= bits.length) {
    return unknown(
      'status_index_out_of_range',
      `Index ${index} is outside ${where} (${bits.length} entries)`,
    );
  }
  const value = ((bits.bytes[index >>> 3] as number) >>> (7 - (index & 7))) & 1 ? 1 : 0;

  // A set bit means what the list says it means (a revocation is final, whatever the list's
  // validity period); a clear bit is an answer only from a list that is current and holds the
  // entry's purpose.
  if (value === 1) {
    const meaning = listHasPurpose
      ? purpose
      : listPurposes.length === 1
        ? listPurposes[0]
        : listPurposes.find((p) => p === 'revocation' || p === 'suspension');
    if (meaning === 'revocation') {
      return done({
        ...base,
        status: 'revoked',
        value,
        code: 'status_revoked',
        message: `Entry ${index} of ${where} is set: the credential is revoked`,
      });
    }
    if (meaning === 'suspension') {
      return done({
        ...base,
        status: 'suspended',
        value,
        code: 'status_suspended',
        message: `Entry ${index} of ${where} is set: the credential is suspended`,
      });
    }
    return done({
      ...base,
      status: 'ok',
      value,
      code: 'status_flag_set',
      message: `Entry ${index} of ${where} is set for purpose '${meaning ?? purpose ?? 'unknown'}', which does not invalidate the credential`,
    });
  }
  const fromText = list.validFrom ?? list.issuanceDate;
  const untilText = list.validUntil ?? list.expirationDate;
  const from = parseTime(fromText);
  const until = parseTime(untilText);
  const now = run.now.getTime();
  if (
    (fromText !== undefined && from === undefined) ||
    (untilText !== undefined && until === undefined)
  ) {
    return unknown(
      'status_list_malformed',
      `${where} has an unreadable validity date, so its clear entry ${index} says nothing`,
    );
  }
  if (from !== undefined && hasNotBegun(from, now)) {
    return unknown(
      'status_list_not_yet_valid',
      `${where} is not valid before ${String(fromText)}, so its clear entry ${index} says nothing yet`,
    );
  }
  if (until !== undefined && hasEnded(until, now)) {
    return unknown(
      'status_list_expired',
      `${where} expired at ${String(untilText)}, so its clear entry ${index} says nothing now`,
    );
  }
  if (purpose !== undefined && !listHasPurpose) {
    return unknown(
      'status_purpose_unchecked',
      `${where} holds no '${purpose}' entries (its purpose is ${JSON.stringify(subject.statusPurpose)}), so the credential's ${purpose} status is unknown`,
    );
  }
  return done({
    ...base,
    status: 'ok',
    value,
    ...(purpose === undefined ? { purpose: listPurposes[0] } : {}),
  });
}
