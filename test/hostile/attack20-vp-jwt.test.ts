/**
 * VP-JWT string handling in the VC-JWT 1.1 payload form: the compact JWTs listed in
 * `verifiableCredential` are verified each as a credential, and taken out of the JSON-LD view.
 * Tried, with the holder's genuine signature (made with node:crypto, not ob3kit's signer, which
 * refuses them): a URL, a plain word and a malformed JWT listed beside a genuine credential, and
 * the payload's `vp` claim twice in the raw JSON (a reader taking the first and one taking the
 * last see two presentations). None may pass as a valid presentation; the genuine one does.
 * Nothing was found in this class: these are kept as regression tests.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCredentialJwt } from '../../src/proof/jwt/sign.js';
import { verify } from '../../src/verify/index.js';
import { makePool, NOW, type Party, type Pool, party } from '../pathway/helpers.js';

const b64 = (v: string) => Buffer.from(v).toString('base64url');
const OPTS = { now: NOW, challenge: 'c', domain: 'https://v.example' };

let pool: Pool;
let learner: Party;
let credentialJwt: string;

beforeAll(async () => {
  pool = await makePool();
  learner = await party(77);
  credentialJwt = await signCredentialJwt(
    pool.credentials.sql as never,
    {
      key: pool.school.key,
    } as never,
  );
}, 60_000);

/** A VP-JWT signed with the learner's Ed25519 key (seed of 77s, as `party(77)` makes it). */
function vpJwt(payloadText: string): string {
  const key = createPrivateKey({
    key: Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.alloc(32, 77),
    ]),
    format: 'der',
    type: 'pkcs8',
  });
  const header = { alg: 'EdDSA', typ: 'JWT', kid: `${learner.did}#${learner.did.slice(8)}` };
  const input = `${b64(JSON.stringify(header))}.${b64(payloadText)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

function vp(list: unknown[]): string {
  return JSON.stringify({
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiablePresentation'],
    holder: learner.did,
    verifiableCredential: list,
  });
}

function payload(vpText: string): string {
  return `{"iss":${JSON.stringify(learner.did)},"nonce":"c","aud":"https://v.example","vp":${vpText}}`;
}

describe('VP-JWT (vc-1.1 form) string entries', () => {
  it('the genuine presentation of one credential JWT is valid', async () => {
    const r = await verify(vpJwt(payload(vp([credentialJwt]))), OPTS);
    expect(r.verdict).toBe('valid');
    expect(r.answers.authentic.value).toBe('yes');
  });

  it.each(['https://evil.example/x', 'not-a-jwt', 'a.b.c', ''])(
    'a string %j listed beside it is never a valid presentation',
    async (extra) => {
      const r = await verify(vpJwt(payload(vp([credentialJwt, extra]))), OPTS);
      expect(r.verdict).toBe('invalid');
      expect(r.answers.authentic.value).not.toBe('yes');
    },
  );

  it('a payload with the "vp" claim twice in its text is refused', async () => {
    const text = payload(vp([credentialJwt])).replace(
      '"vp":',
      `"vp":${vp([credentialJwt, 'https://evil.example/x'])},"vp":`,
    );
    expect(text.split('"vp":').length).toBe(3);
    const r = await verify(vpJwt(text), OPTS);
    expect(r.verdict).toBe('invalid');
  });
});
