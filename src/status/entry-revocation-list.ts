/**
 * A `1EdTechRevocationList` entry (internal): the list at the entry's `id` revokes the credential
 * when its `revokedCredentials` names the credential's `id`. The list is plain JSON (no proof).
 */

import { describeValue } from '../internal/describe.js';
import { isObject, type JsonObject } from '../internal/json.js';
import type { StatusCheck, StatusCheckCode, StatusFinding } from './check.js';
import { idOf, isUrl } from './entry-bitstring.js';
import type { StatusRun } from './run.js';

/** Look the credential up in a 1EdTech Revocation List. */
export async function checkRevocationList(
  credential: JsonObject,
  entry: JsonObject,
  base: StatusCheck,
  run: StatusRun,
): Promise<StatusCheck> {
  const findings: StatusFinding[] = [];
  const done = (check: StatusCheck): StatusCheck =>
    findings.length > 0 ? { ...check, findings } : check;
  const unknown = (code: StatusCheckCode, message: string): StatusCheck =>
    done({ ...base, status: 'unknown', code, message });
  base.purpose = 'revocation';
  const url = entry.id;
  if (typeof url !== 'string' || !isUrl(url)) {
    return unknown(
      'status_entry_malformed',
      `${base.path}.id must be the URL of the revocation list; found ${describeValue(url)}`,
    );
  }
  base.listId = url;
  const credentialId = credential.id;
  if (typeof credentialId !== 'string') {
    return unknown(
      'status_credential_id_missing',
      'A 1EdTechRevocationList names revoked credentials by id, and the credential has no id: its status cannot be looked up',
    );
  }
  const loaded = await run.load(url);
  if (!loaded.ok) return unknown(loaded.code, loaded.message);
  const doc = loaded.document;
  const where = `the revocation list ${url}`;
  if (!isObject(doc)) return unknown('status_list_malformed', `${where} is not a JSON object`);
  const revoked = doc.revokedCredentials;
  if (revoked !== undefined && !Array.isArray(revoked)) {
    return unknown('status_list_malformed', `${where}: revokedCredentials must be an array`);
  }
  if (doc.issuer !== undefined) {
    const mine = idOf(credential.issuer);
    const theirs = idOf(doc.issuer);
    if (mine !== theirs) {
      const message = `${where} belongs to ${theirs ?? '(unreadable issuer)'}, not to the credential's issuer ${mine ?? '(no issuer)'}`;
      if (run.options.requireSameIssuer === true) return unknown('status_issuer_mismatch', message);
      findings.push({
        code: 'status_issuer_mismatch',
        message: `${message}; the credential names this list, and it was read`,
      });
    }
  }
  for (const item of revoked ?? []) {
    if (isObject(item) && item.id === credentialId && item.revoked !== false) {
      const reason = typeof item.revocationReason === 'string' ? item.revocationReason : undefined;
      return done({
        ...base,
        status: 'revoked',
        code: 'status_revoked',
        message: reason
          ? `${where} lists the credential as revoked: ${reason}`
          : `${where} lists the credential as revoked`,
      });
    }
  }
  return done({ ...base, status: 'ok' });
}
