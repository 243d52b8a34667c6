/** The status endpoints: set a credential's status, serve and publish status lists (internal). */

import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { fail, onlyMembers } from './http.js';
import type { ResolvedIssuer } from './issue.js';
import type { StatusLedger } from './types.js';

const PURPOSES: readonly string[] = ['revocation', 'suspension'];
const ENTRY_TYPES: Record<string, string> = {
  BitstringStatusListEntry: 'BitstringStatusList',
  StatusList2021Entry: 'StatusList2021',
};

/**
 * `POST /credentials/status`: `{ credentialId, credentialStatus: { type, statusPurpose }, status }`.
 * Sets (`status: true`) or clears (`false`) the credential's entry of that purpose in the ledger.
 * Revocation is final: clearing it is refused. Unknown credential: 404.
 */
export async function setCredentialStatus(body: JsonObject, ledger: StatusLedger): Promise<void> {
  onlyMembers(body, ['credentialId', 'credentialStatus', 'status'], 'The request');
  const id = body.credentialId;
  if (typeof id !== 'string' || id === '') {
    fail(400, 'credential_id_missing', 'The request must name the credential ("credentialId")');
  }
  const cs = body.credentialStatus;
  if (!isObject(cs)) {
    fail(400, 'credential_status_missing', 'The request must have a "credentialStatus" object');
  }
  onlyMembers(
    cs,
    ['type', 'statusPurpose', 'id', 'statusListIndex', 'statusListCredential'],
    'credentialStatus',
  );
  const purpose = cs.statusPurpose;
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
    fail(
      400,
      'status_purpose_unsupported',
      `credentialStatus.statusPurpose must be revocation or suspension, found ${describeValue(purpose)}`,
    );
  }
  const listType = typeof cs.type === 'string' ? ENTRY_TYPES[cs.type] : undefined;
  if (listType === undefined) {
    fail(
      400,
      'status_type_unsupported',
      `credentialStatus.type must be BitstringStatusListEntry or StatusList2021Entry, found ${describeValue(cs.type)}`,
    );
  }
  if (typeof body.status !== 'boolean') {
    fail(400, 'status_value_missing', '"status" must be true (set) or false (clear)');
  }
  const [record] = await ledger.find({ credentialId: id });
  if (!record) fail(404, 'credential_unknown', `This service issued no credential ${id}`);
  const entry = record.status.find((e) => e.purpose === purpose);
  if (!entry) {
    fail(409, 'status_entry_missing', `Credential ${id} has no ${purpose} entry`);
  }
  if (entry.type !== listType) {
    fail(
      409,
      'status_type_mismatch',
      `Credential ${id}'s ${purpose} entry is a ${entry.type} entry`,
    );
  }
  for (const [k, v] of [
    ['statusListCredential', entry.list],
    ['statusListIndex', String(entry.index)],
  ] as const) {
    if (cs[k] !== undefined && cs[k] !== v) {
      fail(409, 'status_entry_mismatch', `credentialStatus.${k} is not the credential's (${v})`);
    }
  }
  const target = { credentialId: id };
  if (purpose === 'revocation') {
    if (!body.status) {
      if (entry.set)
        fail(409, 'revocation_final', `Credential ${id} is revoked; revocation is final`);
      return;
    }
    await ledger.revoke(target);
  } else if (body.status) await ledger.suspend(target);
  else await ledger.unsuspend(target);
}

/**
 * The status lists this service serves: the ledger's lists whose URL has the request's path
 * (and the public origin, when one is configured). Each is built from the ledger and signed by
 * the status issuer; the signed copy is reused until the list's bits change.
 */
export class StatusLists {
  private readonly cache = new Map<string, { encodedList: unknown; signed: JsonObject }>();

  constructor(
    private readonly ledger: StatusLedger,
    private readonly issuer: ResolvedIssuer,
    private readonly publicOrigin: string | undefined,
    private readonly now: () => Date,
  ) {}

  /** The list URL a request path names, or `undefined`. */
  async urlOf(path: string): Promise<string | undefined> {
    const lists = await this.ledger.lists();
    const found = lists.filter((l) => {
      let u: URL;
      try {
        u = new URL(l.url);
      } catch {
        return false;
      }
      if (this.publicOrigin !== undefined && u.origin !== this.publicOrigin) return false;
      return u.pathname === path;
    });
    if (found.length > 1) {
      fail(500, 'status_list_ambiguous', `Two status lists have the path ${path}; set publicUrl`);
    }
    return found[0]?.url;
  }

  /** The signed list credential, re-signed when its bits changed (or when `fresh`). */
  async get(url: string, fresh = false): Promise<JsonObject> {
    const [built] = await this.ledger.statusListCredentials({
      issuer: this.issuer.id,
      lists: [url],
      validFrom: this.now(),
    });
    if (!built) fail(404, 'status_list_unknown', `No status list ${url}`);
    const subject = built.credential.credentialSubject;
    const encodedList = isObject(subject) ? subject.encodedList : undefined;
    const cached = this.cache.get(url);
    if (!fresh && cached && cached.encodedList === encodedList) return cached.signed;
    const signed = await this.issuer.sign(built.credential);
    if (!isObject(signed)) fail(500, 'status_issuer_format', 'Status lists are signed as JSON');
    this.cache.set(url, { encodedList, signed });
    return signed;
  }
}
