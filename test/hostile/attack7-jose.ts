/**
 * Compact JWS built with node:crypto, byte for byte as a test writes it (any header, any payload
 * text), independently of ob3kit's signer; and the parties and badge the attack7 tests share.
 */
import { generateKeyPairSync, type KeyObject, sign as nodeSign } from 'node:crypto';
import type { Io } from '../../src/cli/process-io.js';
import { runCli } from '../../src/cli/run.js';
import type { VerificationReport } from '../../src/verify/index.js';
import { type Loose, NOW, richCredential } from './helpers.js';

/** An Ed25519 party named by a did:jwk (resolved offline). */
export interface JoseParty {
  did: string;
  kid: string;
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  privateKey: KeyObject;
}

const b64u = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');

/** A new Ed25519 party. */
export function joseParty(): JoseParty {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  const publicJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
  const did = `did:jwk:${b64u(JSON.stringify(publicJwk))}`;
  return { did, kid: `${did}#0`, publicJwk, privateKey };
}

/** A compact JWS over the header and the payload (an object, or its JSON text as given). */
export function compactJws(party: JoseParty, header: Loose, payload: Loose | string): string {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${b64u(JSON.stringify(header))}.${b64u(text)}`;
  return `${input}.${b64u(nodeSign(null, Buffer.from(input), party.privateKey))}`;
}

/**
 * A VC-JWT (VC 2.0 form) of the hostile tests' badge, issued by `issuer` (to `learner` when
 * given), with `claims` added.
 */
export function badgeJwt(issuer: JoseParty, claims: Loose = {}, learner?: string): string {
  const c = richCredential(issuer.did);
  if (learner !== undefined) c.credentialSubject.id = learner;
  const payload = {
    ...c,
    iss: issuer.did,
    sub: c.credentialSubject.id,
    jti: c.id,
    nbf: Date.parse(c.validFrom) / 1000,
    exp: Date.parse(c.validUntil) / 1000,
    ...claims,
  };
  return compactJws(issuer, { alg: 'EdDSA', kid: issuer.kid, typ: 'vc+jwt' }, payload);
}

/** An enveloped credential (VC 2.0) holding `jwt` under the media type `mediaType`. */
export function envelope(jwt: string, mediaType = 'application/vc+jwt'): Loose {
  return {
    '@context': 'https://www.w3.org/ns/credentials/v2',
    type: 'EnvelopedVerifiableCredential',
    id: `data:${mediaType},${jwt}`,
  };
}

/** A VP-JWT (VC 2.0 form) of `vp`, signed by `signer` with `header`, answering `nonce`. */
export function presentationJwt(
  signer: JoseParty,
  vp: Loose,
  claims: Loose,
  header: Loose = { alg: 'EdDSA', kid: signer.kid, typ: 'vp+jwt' },
): string {
  return compactJws(signer, header, { ...vp, iat: Math.floor(NOW.getTime() / 1000), ...claims });
}

/** A VC 2.0 presentation of `credentials`. */
export function presentation(credentials: Loose[], extra: Loose = {}): Loose {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    verifiableCredential: credentials,
    ...extra,
  };
}

/** The codes of a report's entries that did not pass. */
export function problems(report: VerificationReport): string[] {
  return report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}:${c.code}`);
}

/** `ob3kit verify` exit code for an input (a JSON object or text) read from stdin, offline, at NOW. */
export async function cliExit(input: unknown, extra: string[] = []): Promise<number> {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const io: Io = {
    out: () => {},
    err: () => {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: '/',
    readStdin: async () => new TextEncoder().encode(text),
  };
  return runCli(['verify', '-', '--now', NOW.toISOString(), ...extra], io);
}
