/**
 * Signers: keys ob3kit does not hold (non-extractable WebCrypto keys, a key in another thread
 * or process, a KMS that answers DER), used wherever a KeyPair is; checked by ob3kit's verifier
 * and by independent ones (the reference stack, node:crypto, jose).
 */
import { type ChildProcess, fork } from 'node:child_process';
import {
  createPrivateKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  randomBytes,
} from 'node:crypto';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import fc from 'fast-check';
import * as jose from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createDidKey,
  derToRawEcdsa,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  type Jwk,
  type Signer,
  serveSigner,
  signerFromCryptoKey,
  signerFromPort,
} from '../../src/keys/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import {
  signCredential,
  signCredentialJwt,
  verifyCredentialJwt,
  verifyCredentialProof,
} from '../../src/proof/index.js';
import { fuzzRuns } from '../hostile/helpers.js';
import { type Json, obCredential, referenceLoader, referenceVerify } from '../proof/helpers.js';

const subtle = globalThis.crypto.subtle;

/** Verify with ob3kit and with the reference stack (@digitalbazaar/vc), did:key resolved offline. */
async function verifiedBoth(
  signed: Json,
  did: string,
  suite: 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019',
) {
  const ours = await verifyCredentialProof(signed);
  expect(ours.issues).toEqual([]);
  const publicKey = importKeyPair(
    (await import('../../src/keys/index.js')).resolveDidKey(did).verificationMethod?.[0] as object,
    { publicOnly: true },
  );
  const document = createDidKey(publicKey).document;
  const ref = await referenceVerify(signed, suite, referenceLoader({ [did]: document }));
  expect(ref.error).toBeUndefined();
  expect(ref.verified).toBe(true);
}

describe('signerFromCryptoKey: non-extractable WebCrypto keys', () => {
  it.each([
    ['Ed25519', { name: 'Ed25519' }, 'eddsa-rdfc-2022'],
    ['P-256', { name: 'ECDSA', namedCurve: 'P-256' }, 'ecdsa-rdfc-2019'],
    ['P-384', { name: 'ECDSA', namedCurve: 'P-384' }, 'ecdsa-rdfc-2019'],
  ] as const)(
    '%s: signs a Data Integrity proof both verifiers accept',
    async (_n, algorithm, suite) => {
      const pair = (await subtle.generateKey(algorithm, false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      await expect(subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow(); // really not extractable
      const signer = await signerFromCryptoKey(pair);
      expect(signer.id).toMatch(/^did:key:z[1-9A-HJ-NP-Za-km-z]+#z/);
      const did = signer.controller as string;
      const signed = await signCredential(obCredential(did), { key: signer, suite });
      await verifiedBoth(signed, did, suite);
      // JWT too, checked by jose with the exported public key.
      const jwt = await signCredentialJwt(obCredential(did), { key: signer });
      const { payload } = await jose.compactVerify(jwt, pair.publicKey);
      expect(JSON.parse(new TextDecoder().decode(payload)).issuer.id).toBe(did);
      expect((await verifyCredentialJwt(jwt)).verified).toBe(true);
    },
  );

  it('RSA (RS256): a JWT under did:jwk, checked by jose', async () => {
    const pair = (await subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      false,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const signer = await signerFromCryptoKey(pair);
    expect(signer.algorithm).toBe('RS256');
    expect(signer.controller).toMatch(/^did:jwk:/);
    const jwt = await signCredentialJwt(obCredential(signer.controller as string), { key: signer });
    await expect(jose.compactVerify(jwt, pair.publicKey)).resolves.toBeDefined();
    expect((await verifyCredentialJwt(jwt)).verified).toBe(true);
  });

  it('a private key alone needs an id; presentations take a Signer too', async () => {
    const pair = (await subtle.generateKey({ name: 'Ed25519' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    await expect(signerFromCryptoKey(pair.privateKey)).rejects.toThrow(
      'options.id (the verification method id) is required when only the private key is given',
    );
    const holder = await signerFromCryptoKey(pair);
    const vp = createPresentation({ holder: holder.controller as string, credentials: [] });
    const signed: Json = await signPresentation(vp, { key: holder, challenge: 'c-1' });
    expect(signed.proof.verificationMethod).toBe(holder.id);
    await expect(signerFromCryptoKey(pair.publicKey as never)).rejects.toThrow(TypeError);
    const hmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await expect(signerFromCryptoKey(hmac as CryptoKey, { id: 'did:example:1#k' })).rejects.toThrow(
      'key must be a private CryptoKey or a CryptoKeyPair',
    );
    const p521 = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, false, [
      'sign',
    ])) as CryptoKeyPair;
    await expect(signerFromCryptoKey(p521)).rejects.toMatchObject({
      code: 'ERR_KEY_TYPE_UNSUPPORTED',
      message: expect.stringContaining('a ECDSA P-521 key cannot sign a proof'),
    });
  });
});

describe('Signer checks', () => {
  async function p256Signer(transform: (sig: Uint8Array, data: Uint8Array) => unknown) {
    const key = createDidKey(await generateKeyPair({ type: 'P-256' })).keyPair;
    const nodeKey = createPrivateKey({
      key: exportKeyPair(key, { format: 'jwk', includeSecret: true }) as never,
      format: 'jwk',
    });
    const signer: Signer = {
      algorithm: 'ES256',
      id: key.id as string,
      controller: key.controller as string,
      publicKeyJwk: key.publicKeyJwk,
      sign: async (data) =>
        transform(
          new Uint8Array(nodeSign('sha256', data, { key: nodeKey, dsaEncoding: 'der' })),
          data,
        ) as Uint8Array,
    };
    return { signer, did: key.controller as string };
  }

  it('a KMS-style signer answering DER works through derToRawEcdsa', async () => {
    const { signer, did } = await p256Signer((der) => derToRawEcdsa(der, 'P-256'));
    const signed = await signCredential(obCredential(did), { key: signer });
    await verifiedBoth(signed, did, 'ecdsa-rdfc-2019');
  });

  it('a DER signature passed through is refused, saying what to do', async () => {
    const { signer, did } = await p256Signer((der) => der);
    await expect(signCredential(obCredential(did), { key: signer })).rejects.toMatchObject({
      name: 'KeyError',
      code: 'ERR_SIGNER_OUTPUT',
      message: expect.stringContaining(
        'a P-256 signature is 64 bytes (this looks like a DER-encoded ECDSA signature: convert it with derToRawEcdsa)',
      ),
    });
  });

  it('a signature from another key is caught by the publicKeyJwk check', async () => {
    const other = await generateKeyPair({ type: 'P-256' });
    const { signer, did } = await p256Signer((_der, data) => other.sign(data));
    await expect(signCredential(obCredential(did), { key: signer })).rejects.toMatchObject({
      code: 'ERR_SIGNER_OUTPUT',
      message: expect.stringContaining('does not verify with its publicKeyJwk'),
    });
    // Without publicKeyJwk, sizes are still checked; the verifier catches the rest.
    const { signer: loose, did: looseDid } = await p256Signer(() => 'not bytes');
    const { publicKeyJwk: _p, ...noJwk } = loose;
    await expect(
      signCredential(obCredential(looseDid), { key: noJwk as Signer }),
    ).rejects.toMatchObject({
      code: 'ERR_SIGNER_OUTPUT',
      message: expect.stringContaining('must resolve to a Uint8Array signature'),
    });
  });

  it('misuse: a Signer without an id or with an unknown algorithm; a suite that does not fit', async () => {
    const { signer, did } = await p256Signer((der) => derToRawEcdsa(der, 'P-256'));
    await expect(
      signCredential(obCredential(did), { key: { ...signer, id: '' } as Signer }),
    ).rejects.toThrow('looks like a Signer but its id must be the verification method id');
    await expect(
      signCredential(obCredential(did), { key: { ...signer, algorithm: 'HS256' } as never }),
    ).rejects.toThrow(/looks like a Signer but its algorithm must be one of/);
    await expect(
      signCredential(obCredential(did), { key: signer, suite: 'eddsa-rdfc-2022' }),
    ).rejects.toMatchObject({ code: 'ERR_PROOF_KEY_MISMATCH' });
  });
});

describe('derToRawEcdsa', () => {
  it.each(['P-256', 'P-384'] as const)(
    '%s: the raw form of a node:crypto DER signature verifies as IEEE P1363',
    (curve) => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const hash = curve === 'P-256' ? 'sha256' : 'sha384';
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (message) => {
          const der = nodeSign(hash, message, { key: privateKey, dsaEncoding: 'der' });
          const raw = derToRawEcdsa(new Uint8Array(der), curve);
          expect(raw.length).toBe(curve === 'P-256' ? 64 : 96);
          expect(
            nodeVerify(hash, message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw),
          ).toBe(true);
        }),
        { numRuns: fuzzRuns(50) },
      );
    },
  );

  it('hand-made DER: leading zero bytes, short integers', () => {
    const r = new Uint8Array(32).fill(0x81); // high bit: needs a 0x00 in DER
    const s = new Uint8Array([0x01, 0x02]); // short: padded on the left
    const der = new Uint8Array([0x30, 4 + 33 + 2, 0x02, 33, 0x00, ...r, 0x02, 2, ...s]);
    const raw = derToRawEcdsa(der, 'P-256');
    expect([...raw.subarray(0, 32)]).toEqual([...r]);
    expect([...raw.subarray(32)]).toEqual([...new Uint8Array(30), 1, 2]);
  });

  it('refuses everything that is not strict DER', () => {
    const good = new Uint8Array(
      nodeSign('sha256', randomBytes(8), {
        key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
        dsaEncoding: 'der',
      }),
    );
    const bad: Array<[string, Uint8Array]> = [
      ['no SEQUENCE', Uint8Array.from([0x31, ...good.subarray(1)])],
      ['trailing', Uint8Array.from([...good, 0])],
      ['truncated', good.subarray(0, good.length - 1)],
      ['negative r', new Uint8Array([0x30, 6, 0x02, 1, 0x80, 0x02, 1, 0x01])],
      ['zero r', new Uint8Array([0x30, 6, 0x02, 1, 0x00, 0x02, 1, 0x01])],
      ['non-minimal r', new Uint8Array([0x30, 7, 0x02, 2, 0x00, 0x01, 0x02, 1, 0x01])],
      [
        'r too long',
        new Uint8Array([0x30, 4 + 33 + 3, 0x02, 33, ...new Uint8Array(33).fill(1), 0x02, 1, 0x01]),
      ],
      ['long form length', new Uint8Array([0x30, 0x81, 6, 0x02, 1, 0x01, 0x02, 1, 0x01])],
      ['raw instead of DER', new Uint8Array(64).fill(7)],
    ];
    for (const [what, bytes] of bad) {
      expect(() => derToRawEcdsa(bytes, 'P-256'), what).toThrow(
        expect.objectContaining({ code: 'ERR_SIGNATURE_FORMAT' }),
      );
    }
    expect(() => derToRawEcdsa(good, 'P-521' as never)).toThrow(TypeError);
  });
});

describe('signerFromPort: a key held in another thread or process', () => {
  const children: ChildProcess[] = [];
  const workers: Worker[] = [];
  afterAll(async () => {
    for (const c of children) c.kill();
    await Promise.all(workers.map((w) => w.terminate()));
  });

  it('a worker thread holding the key in node:crypto (an independent holder) signs many proofs at once', async () => {
    const key = createDidKey(await generateKeyPair());
    const jwk = exportKeyPair(key.keyPair, { format: 'jwk', includeSecret: true });
    // The holder speaks the protocol with node:crypto only: no ob3kit code in the worker.
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { createPrivateKey, sign } = require('node:crypto');
       const key = createPrivateKey({ key: workerData.jwk, format: 'jwk' });
       parentPort.on('message', (m) => {
         if (!m || m.type !== 'ob3kit-sign' || typeof m.data !== 'string') return;
         const signature = sign(null, Buffer.from(m.data, 'base64url'), key).toString('base64url');
         parentPort.postMessage({ type: 'ob3kit-sign', n: m.n, signature });
       });`,
      { eval: true, workerData: { jwk } },
    );
    workers.push(worker);
    const signer = signerFromPort(worker, {
      algorithm: 'EdDSA',
      id: key.verificationMethodId,
      publicKeyJwk: key.keyPair.publicKeyJwk,
    });
    const credentials = Array.from({ length: 6 }, (_, i) => {
      const c = obCredential(key.did);
      c.name = `Badge ${i}`;
      return c;
    });
    const signed = await Promise.all(credentials.map((c) => signCredential(c, { key: signer })));
    for (const [i, s] of signed.entries()) {
      expect((s as Json).name).toBe(`Badge ${i}`);
      expect((await verifyCredentialProof(s)).verified).toBe(true);
    }
    signer.close();
  });

  it('a child process running serveSigner holds the key; the parent never sees it', async () => {
    const key = createDidKey(await generateKeyPair({ type: 'P-256' }));
    const secret = exportKeyPair(key.keyPair, { includeSecret: true });
    const child = fork(path.join(__dirname, 'fixtures/key-holder.ts'), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, OB3KIT_TEST_KEY: JSON.stringify(secret) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`key holder exited with ${code}`)));
    });
    const signer = signerFromPort(child, {
      algorithm: 'ES256',
      id: key.verificationMethodId,
      publicKeyJwk: key.keyPair.publicKeyJwk,
    });
    const signed = await signCredential(obCredential(key.did), { key: signer });
    await verifiedBoth(signed, key.did, 'ecdsa-rdfc-2019');
    const jwt = await signCredentialJwt(obCredential(key.did), { key: signer });
    expect((await verifyCredentialJwt(jwt)).verified).toBe(true);
    signer.close();
    child.kill();
  }, 30_000);

  it('no answer times out; a refusal is reported; answers to unknown requests are ignored', async () => {
    const silent = new MessageChannel();
    const signer = signerFromPort(silent.port1, {
      algorithm: 'EdDSA',
      id: 'did:key:z6Mk#z6Mk',
      timeoutMs: 50,
    });
    await expect(signer.sign(new Uint8Array([1]))).rejects.toMatchObject({
      code: 'ERR_SIGNER_TIMEOUT',
      message: 'The key holder for did:key:z6Mk#z6Mk did not answer within 50 ms',
    });
    signer.close();
    silent.port1.close();

    const channel = new MessageChannel();
    const publicOnly = importKeyPair((await generateKeyPair()).publicKeyJwk as Jwk, {
      publicOnly: true,
    });
    // A public key cannot be served at all.
    expect(() => serveSigner(channel.port2, publicOnly)).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_SECRET_MISSING' }),
    );
    // A holder whose signer refuses: the refusal comes back.
    const unwilling: Signer = {
      algorithm: 'EdDSA',
      id: 'did:key:z6Mk#z6Mk',
      sign: async () => {
        throw new Error('HSM is locked');
      },
    };
    const stop = serveSigner(channel.port2, unwilling);
    // A stray answer with an unknown number is ignored, not taken for ours.
    channel.port2.postMessage({ type: 'ob3kit-sign', n: 999, signature: 'AAAA' });
    const refused = signerFromPort(channel.port1, { algorithm: 'EdDSA', id: 'did:key:z6Mk#z6Mk' });
    await expect(refused.sign(new Uint8Array([1]))).rejects.toMatchObject({
      code: 'ERR_SIGNER_FAILED',
      message: 'The key holder for did:key:z6Mk#z6Mk refused: HSM is locked',
    });
    refused.close();
    stop();
    channel.port1.close();
    channel.port2.close();
  });

  it('misuse is a TypeError', () => {
    const { port1 } = new MessageChannel();
    expect(() => signerFromPort(port1, { algorithm: 'none' as never, id: 'x' })).toThrow(TypeError);
    expect(() => signerFromPort(port1, { algorithm: 'EdDSA', id: 'x', timeoutMs: 0 })).toThrow(
      TypeError,
    );
    expect(() => serveSigner(port1, { sign() {} } as never)).toThrow(TypeError);
    port1.close();
  });
});
