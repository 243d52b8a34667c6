/** Verify a VC-JWT. */
import { partyId } from '../../internal/roles.js';
import { reconcileClaims } from './claims.js';
import { checkTime, checkVerifyOptions, openJwt, verifyJwtKey } from './envelope.js';
import type { CredentialJwtVerificationResult, VerifyCredentialJwtOptions } from './types.js';

/** `verifyCredentialJwt` (public: jwt/api.ts); ob3kit's own modules call this one. @internal */
export async function verifyCredentialJwt(
  jwt: string,
  options: VerifyCredentialJwtOptions = {},
): Promise<CredentialJwtVerificationResult> {
  const fn = 'verifyCredentialJwt(jwt, options)';
  if (typeof jwt !== 'string') throw new TypeError(`${fn}: jwt must be a string`);
  const checked = checkVerifyOptions(options, fn);
  const opened = openJwt(jwt, 'credential', checked);
  const { parsed, issues } = opened;
  if (!parsed) return { verified: false, issues };
  const { header, payload } = parsed;
  const result: CredentialJwtVerificationResult = { verified: false, header, payload, issues };
  const credential = opened.document;
  if (credential === undefined) return result;
  result.credential = credential;
  if (opened.form) result.payloadForm = opened.form;
  issues.push(...reconcileClaims(payload, credential));

  // Key and signature (only when the header and the role are acceptable). The key must be the
  // issuer's: the credential's one issuer id (filled in from "iss" when the credential leaves
  // it out), never anyone else's.
  if (opened.proceed) {
    const found = await verifyJwtKey(
      parsed,
      partyId(credential.issuer) ?? null,
      'credential',
      {
        documents: options.documents,
        fetch: options.fetch,
        resolvers: options.resolvers,
        signal: options.signal,
        now: checked.now,
        ...(options.webJwkBinding ? { webJwkBinding: options.webJwkBinding } : {}),
      },
      'credential.issuer',
    );
    issues.push(...found.issues);
    if (found.verificationMethod !== undefined)
      result.verificationMethod = found.verificationMethod;
  }

  issues.push(...checkTime(payload, checked.now, checked.clockTolerance));
  result.verified = issues.length === 0;
  return result;
}
