import { createHmac, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  exportKeyPair,
  generateKeyPair,
  type KeyPair,
  type KeyType,
} from '../../../src/keys/index.js';

export const SHARED = path.resolve(__dirname, '../../../../shared/ob3');
const EXAMPLE = path.join(SHARED, 'spec/examples/basicOpenBadgeCredential.html');
export const HAS_EXAMPLE = existsSync(EXAMPLE);
export const SKIP_REASON = `1EdTech spec example not found at ${EXAMPLE}`;

/** The spec's "Sample OpenBadgeCredential" (basicOpenBadgeCredential.html). */
export function loadBasicCredential(): Record<string, unknown> {
  const html = readFileSync(EXAMPLE, 'utf8');
  const m = /<pre[^>]*>([\s\S]*?)<\/pre>/.exec(html);
  if (!m?.[1]) throw new Error('no <pre> in the example');
  return JSON.parse(m[1]) as Record<string, unknown>;
}

export const ISSUER = 'https://example.com/issuers/876543';

/** A key controlled by the example issuer, and the issuer's controller document. */
export async function issuerKey(
  type: KeyType,
  opts: { id?: string; purposes?: string[] } = {},
): Promise<{ key: KeyPair; documents: Record<string, unknown> }> {
  const id = opts.id ?? `${ISSUER}#key-${type}`;
  const key = await generateKeyPair({ type, controller: ISSUER, id });
  const doc: Record<string, unknown> = {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: ISSUER,
    verificationMethod: [key.toJSON()],
  };
  for (const p of opts.purposes ?? ['assertionMethod']) doc[p] = [id];
  return { key, documents: { [ISSUER]: doc } };
}

export function b64u(value: unknown): string {
  const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(JSON.stringify(value));
  return bytes.toString('base64url');
}

/**
 * A JWT built independently of ob3kit: node:crypto signs base64url(header).base64url(payload).
 */
export function handJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyPair,
): string {
  const input = `${b64u(header)}.${b64u(payload)}`;
  const jwk = exportKeyPair(key, { format: 'jwk', includeSecret: true }) as Record<string, unknown>;
  const priv = createPrivateKey({ key: jwk as never, format: 'jwk' });
  let sig: Buffer;
  if (key.type === 'Ed25519') sig = nodeSign(null, Buffer.from(input), priv);
  else if (key.type === 'P-256')
    sig = nodeSign('sha256', Buffer.from(input), { key: priv, dsaEncoding: 'ieee-p1363' });
  else sig = nodeSign('sha256', Buffer.from(input), priv);
  return `${input}.${sig.toString('base64url')}`;
}

/** An HMAC-SHA256 JWT keyed with the given secret (the classic "public key as secret" attack). */
export function hmacJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | Buffer,
): string {
  const input = `${b64u(header)}.${b64u(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Decode a JWT segment. */
export function decodeSegment(jwt: string, i: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[i] as string, 'base64url').toString('utf8'));
}

/** Codes of a result's issues. */
export function codes(r: { issues: Array<{ code: string }> }): string[] {
  return r.issues.map((i) => i.code);
}
