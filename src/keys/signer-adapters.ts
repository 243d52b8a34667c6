/**
 * Signers for keys ob3kit does not hold: a WebCrypto `CryptoKey` (non-extractable keys
 * included), a key held by another thread or process (over a message channel), and the DER to
 * raw conversion that KMS and HSM ECDSA signatures need.
 */
import { KeyError } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';
import { isObject } from '../internal/json.js';
import { createDidJwk, createDidKey } from './did.js';
import { importPublicKeyPair } from './import-public.js';
import { isKeyPair } from './key-pair.js';
import { isSigner, type Signer, type SignerAlgorithm, toSigningKey } from './signer.js';
import type { Jwk, JwsAlgorithm, KeyPair } from './types.js';

/** Scalar sizes of the NIST curves, in bytes. */
const EC_BYTES = { 'P-256': 32, 'P-384': 48 } as const;

/**
 * Convert a DER-encoded ECDSA signature (`SEQUENCE { INTEGER r, INTEGER s }`, what AWS KMS,
 * Google Cloud KMS, Azure Key Vault's EC keys in some SDKs, PKCS #11 wrappers and OpenSSL
 * return) into the raw `r || s` form (IEEE P1363) that Data Integrity proofs and JWS use: 64
 * bytes for P-256, 96 for P-384. Strict DER: minimal lengths and integers, positive values
 * below 2^(8*size), nothing after the sequence; anything else throws `KeyError`
 * `ERR_SIGNATURE_FORMAT`.
 *
 * @example
 * ```ts
 * import { derToRawEcdsa } from 'ob3kit/keys';
 * const raw = derToRawEcdsa(kmsResponse.Signature, 'P-256'); // 64 bytes
 * ```
 */
export function derToRawEcdsa(der: Uint8Array, curve: 'P-256' | 'P-384'): Uint8Array {
  if (!(der instanceof Uint8Array))
    throw new TypeError('derToRawEcdsa(der, curve): der must be a Uint8Array');
  const size = EC_BYTES[curve];
  if (size === undefined)
    throw new TypeError("derToRawEcdsa(der, curve): curve must be 'P-256' or 'P-384'");
  const fail = (why: string): never => {
    throw new KeyError('ERR_SIGNATURE_FORMAT', `Not a DER ECDSA ${curve} signature: ${why}`, {
      curve,
    });
  };
  // The largest: 0x30 len(1-2) + 2 * (0x02 len 0x00 + size bytes).
  if (der.length < 8 || der.length > 2 + 2 + 2 * (3 + size)) fail(`${der.length} bytes`);
  let i = 0;
  const readLength = (): number => {
    const first = der[i++];
    if (first === undefined) return fail('truncated');
    if (first < 0x80) return first;
    if (first !== 0x81) return fail('a length longer than one byte');
    const n = der[i++];
    if (n === undefined || n < 0x80) return fail('a non-minimal length');
    return n;
  };
  if (der[i++] !== 0x30) fail('no SEQUENCE');
  const seqLength = readLength();
  if (i + seqLength !== der.length) fail('the SEQUENCE length does not match the bytes');
  const out = new Uint8Array(2 * size);
  for (const [k, name] of [
    [0, 'r'],
    [1, 's'],
  ] as const) {
    if (der[i++] !== 0x02) fail(`no INTEGER ${name}`);
    const len = readLength();
    if (len === 0 || i + len > der.length) fail(`a bad INTEGER ${name} length`);
    let value = der.subarray(i, i + len);
    i += len;
    if ((value[0] as number) & 0x80) fail(`a negative ${name}`);
    if (value[0] === 0 && value.length > 1) {
      if (((value[1] as number) & 0x80) === 0) fail(`a non-minimal INTEGER ${name}`);
      value = value.subarray(1);
    }
    if (value.length > size) fail(`${name} is longer than ${size} bytes`);
    if (value.every((b) => b === 0)) fail(`${name} is zero`);
    out.set(value, k * size + size - value.length);
  }
  if (i !== der.length) fail('bytes after the signature');
  return out;
}

/** The WebCrypto parameters and JOSE algorithm of a private CryptoKey. */
function webCryptoAlgorithm(key: CryptoKey): {
  algorithm: JwsAlgorithm;
  params: AlgorithmIdentifier | EcdsaParams;
} {
  const alg = key.algorithm as { name?: string; namedCurve?: string; hash?: { name?: string } };
  if (alg.name === 'Ed25519') return { algorithm: 'EdDSA', params: { name: 'Ed25519' } };
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-256')
    return { algorithm: 'ES256', params: { name: 'ECDSA', hash: 'SHA-256' } };
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-384')
    return { algorithm: 'ES384', params: { name: 'ECDSA', hash: 'SHA-384' } };
  if (alg.name === 'RSASSA-PKCS1-v1_5' && alg.hash?.name === 'SHA-256')
    return { algorithm: 'RS256', params: { name: 'RSASSA-PKCS1-v1_5' } };
  throw new KeyError(
    'ERR_KEY_TYPE_UNSUPPORTED',
    `signerFromCryptoKey: a ${alg.name ?? 'unknown'}${alg.namedCurve ? ` ${alg.namedCurve}` : ''}${alg.hash?.name ? ` ${alg.hash.name}` : ''} key cannot sign a proof; use Ed25519, ECDSA P-256 / P-384, or RSASSA-PKCS1-v1_5 with SHA-256`,
    { algorithm: alg.name },
  );
}

function isCryptoKey(v: unknown): v is CryptoKey {
  return (
    isObject(v) &&
    typeof (v as { type?: unknown }).type === 'string' &&
    isObject((v as { algorithm?: unknown }).algorithm) &&
    Array.isArray((v as { usages?: unknown }).usages)
  );
}

/** Public JWK members only. */
function publicMembers(jwk: JsonWebKey): Jwk {
  const { kty, crv, x, y, n, e } = jwk;
  const out: Record<string, unknown> = { kty };
  for (const [k, v] of Object.entries({ crv, x, y, n, e })) if (v !== undefined) out[k] = v;
  return out as Jwk;
}

/**
 * Options of {@link signerFromCryptoKey}.
 *
 * @example
 * ```ts
 * const options: SignerFromCryptoKeyOptions = { id: 'did:web:badges.example.edu#key-1', controller: 'did:web:badges.example.edu' };
 * ```
 */
export interface SignerFromCryptoKeyOptions {
  /** The verification method id. Default (with a key pair): the key's did:key method (did:jwk for RSA). */
  id?: string;
  /** The controller (the issuer's DID or URL). Default: the DID of the default id. */
  controller?: string;
}

/**
 * A {@link Signer} for a WebCrypto key: a `CryptoKeyPair` (its public key is exported, as
 * public keys always can be, to verify every signature and to name the key's did:key when no
 * `id` is given), or a private `CryptoKey` alone (then `options.id` is required). The private
 * key never leaves WebCrypto, so it may be non-extractable (`extractable: false`). Ed25519,
 * ECDSA P-256 / P-384 (WebCrypto signs with SHA-256 / SHA-384 and returns `r || s`, as the
 * proofs want) and RSASSA-PKCS1-v1_5 SHA-256.
 *
 * @example
 * ```ts
 * import { signerFromCryptoKey } from 'ob3kit/keys';
 * const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
 * const signer = await signerFromCryptoKey(pair); // id: did:key:zDn...#zDn...
 * const signed = await signCredential({ ...credential, issuer: { ...issuer, id: signer.controller } }, { key: signer });
 * ```
 */
export async function signerFromCryptoKey(
  key: CryptoKey | CryptoKeyPair,
  options: SignerFromCryptoKeyOptions = {},
): Promise<Signer> {
  const fn = 'signerFromCryptoKey(key, options)';
  if (!isObject(options as unknown)) throw new TypeError(`${fn}: options must be an object`);
  const pair = isObject(key) && 'privateKey' in key ? (key as CryptoKeyPair) : undefined;
  const privateKey = pair ? pair.privateKey : key;
  if (!isCryptoKey(privateKey) || privateKey.type !== 'private') {
    throw new TypeError(`${fn}: key must be a private CryptoKey or a CryptoKeyPair`);
  }
  if (!privateKey.usages.includes('sign')) {
    throw new TypeError(`${fn}: the private key was not created with the 'sign' usage`);
  }
  const { algorithm, params } = webCryptoAlgorithm(privateKey);
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle === undefined) throw new TypeError(`${fn}: this runtime has no WebCrypto`);
  let publicKeyJwk: Jwk | undefined;
  let derived: { id: string; controller: string } | undefined;
  if (pair !== undefined) {
    if (!isCryptoKey(pair.publicKey) || pair.publicKey.type !== 'public')
      throw new TypeError(`${fn}: the key pair has no public CryptoKey`);
    publicKeyJwk = publicMembers(await subtle.exportKey('jwk', pair.publicKey));
    const imported: KeyPair = importPublicKeyPair(publicKeyJwk);
    const made = imported.type === 'RSA' ? createDidJwk(imported) : createDidKey(imported);
    derived = { id: made.verificationMethodId, controller: made.did };
  }
  const id = options.id ?? derived?.id;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(
      `${fn}: options.id (the verification method id) is required when only the private key is given`,
    );
  }
  const controller =
    options.controller ?? (options.id === undefined ? derived?.controller : undefined);
  return {
    algorithm,
    id,
    ...(controller !== undefined ? { controller } : {}),
    ...(publicKeyJwk !== undefined ? { publicKeyJwk } : {}),
    async sign(data: Uint8Array): Promise<Uint8Array> {
      return new Uint8Array(await subtle.sign(params, privateKey, data.slice()));
    },
  };
}

/**
 * A message channel between the signing code and a key holder: a `MessagePort`, a `Worker`, a
 * worker's `parentPort`, or a child process (`send` and `on('message')`). Messages are plain
 * JSON (bytes travel as base64url), so any channel that carries JSON works.
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * const port: SignerPort = new Worker('./key-holder.js');
 * ```
 */
export interface SignerPort {
  postMessage?(message: unknown): void;
  send?(message: unknown): unknown;
  on?(event: 'message', listener: (message: unknown) => void): unknown;
  off?(event: 'message', listener: (message: unknown) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: DOM, Node and React Native type their events differently
  addEventListener?(type: 'message', listener: (event: any) => void): void;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  removeEventListener?(type: 'message', listener: (event: any) => void): void;
}

/** The tag of the signing protocol's messages. */
const TAG = 'ob3kit-sign';
/** Largest data a request may carry (a JWT is at most 1 MiB), and largest signature accepted. */
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 1024;

function post(port: SignerPort, message: unknown): void {
  if (typeof port.postMessage === 'function') port.postMessage(message);
  else if (typeof port.send === 'function') port.send(message);
  else throw new TypeError('the port has neither postMessage nor send');
}

function listen(port: SignerPort, handler: (message: unknown) => void): () => void {
  if (typeof port.on === 'function') {
    port.on('message', handler);
    return () => port.off?.('message', handler);
  }
  if (typeof port.addEventListener === 'function') {
    const l = (event: { data: unknown }) => handler(event.data);
    port.addEventListener('message', l);
    return () => port.removeEventListener?.('message', l);
  }
  throw new TypeError('the port has neither on(message) nor addEventListener(message)');
}

/**
 * Options of {@link signerFromPort}.
 *
 * @example
 * ```ts
 * const options: SignerFromPortOptions = { algorithm: 'EdDSA', id: 'did:key:z6Mk...#z6Mk...', timeoutMs: 5000 };
 * ```
 */
export interface SignerFromPortOptions {
  /** The algorithm of the key the other side holds. */
  algorithm: SignerAlgorithm;
  /** Its verification method id. */
  id: string;
  /** Its controller (the issuer), when the id is not a DID URL. */
  controller?: string;
  /** Its public key, to verify each signature before it is used (recommended). */
  publicKeyJwk?: Jwk;
  /** How long to wait for each signature, in milliseconds. Default 30,000. */
  timeoutMs?: number;
}

/**
 * A {@link Signer} whose key is held on the other side of a message channel (a worker thread, a
 * child process, an iframe, a service worker): each `sign(data)` posts the bytes and waits for
 * the signature that {@link serveSigner} (or any program speaking the same JSON messages) sends
 * back. Requests are numbered, so concurrent signatures do not mix; a missing answer fails with
 * `KeyError` `ERR_SIGNER_TIMEOUT`, a refusal with `ERR_SIGNER_FAILED`.
 *
 * Messages: `{ type: 'ob3kit-sign', n, data }` one way, `{ type: 'ob3kit-sign', n, signature }`
 * or `{ type: 'ob3kit-sign', n, error }` back; `data` and `signature` are base64url.
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { signerFromPort } from 'ob3kit/keys';
 * const worker = new Worker('./key-holder.js'); // runs serveSigner(parentPort, key)
 * const signer = signerFromPort(worker, { algorithm: 'EdDSA', id: verificationMethodId, publicKeyJwk });
 * const signed = await signCredential(credential, { key: signer });
 * ```
 */
export function signerFromPort(
  port: SignerPort,
  options: SignerFromPortOptions,
): Signer & {
  /** Stop listening (pending requests fail). */
  close(): void;
} {
  const fn = 'signerFromPort(port, options)';
  if (!isObject(port as unknown))
    throw new TypeError(`${fn}: port must be a message port, worker or process`);
  if (!isObject(options as unknown)) throw new TypeError(`${fn}: options must be an object`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0))
    throw new TypeError(`${fn}: options.timeoutMs must be a positive number`);
  const probe: Signer = {
    algorithm: options.algorithm,
    id: options.id,
    sign: async () => new Uint8Array(),
  };
  if (!isSigner(probe))
    throw new TypeError(`${fn}: options.algorithm and options.id must name the key (see Signer)`);
  const pending = new Map<
    number,
    {
      resolve: (s: Uint8Array) => void;
      reject: (e: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }
  >();
  let next = 1;
  const stop = listen(port as SignerPort, (message) => {
    if (!isObject(message) || message.type !== TAG || typeof message.n !== 'number') return;
    const waiting = pending.get(message.n);
    if (waiting === undefined || Object.hasOwn(message, 'data')) return;
    pending.delete(message.n);
    clearTimeout(waiting.timer);
    if (typeof message.error === 'string') {
      waiting.reject(
        new KeyError(
          'ERR_SIGNER_FAILED',
          `The key holder for ${options.id} refused: ${message.error.slice(0, 500)}`,
          {
            id: options.id,
          },
        ),
      );
      return;
    }
    const signature =
      typeof message.signature === 'string' &&
      message.signature.length <= (MAX_SIGNATURE_BYTES * 4) / 3 + 4
        ? fromBase64Url(message.signature)
        : undefined;
    if (signature === undefined) {
      waiting.reject(
        new KeyError(
          'ERR_SIGNER_OUTPUT',
          `The key holder for ${options.id} sent no usable signature`,
          {
            id: options.id,
          },
        ),
      );
      return;
    }
    waiting.resolve(signature);
  });
  return {
    algorithm: options.algorithm,
    id: options.id,
    ...(options.controller !== undefined ? { controller: options.controller } : {}),
    ...(options.publicKeyJwk !== undefined ? { publicKeyJwk: options.publicKeyJwk } : {}),
    sign(data: Uint8Array): Promise<Uint8Array> {
      if (!(data instanceof Uint8Array))
        return Promise.reject(new TypeError('sign(data): data must be a Uint8Array'));
      if (data.length > MAX_REQUEST_BYTES)
        return Promise.reject(new TypeError(`sign(data): at most ${MAX_REQUEST_BYTES} bytes`));
      const n = next++;
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(n);
          reject(
            new KeyError(
              'ERR_SIGNER_TIMEOUT',
              `The key holder for ${options.id} did not answer within ${timeoutMs} ms`,
              {
                id: options.id,
              },
            ),
          );
        }, timeoutMs);
        pending.set(n, { resolve, reject, timer });
        try {
          post(port as SignerPort, { type: TAG, n, data: toBase64Url(data) });
        } catch (e) {
          pending.delete(n);
          clearTimeout(timer);
          reject(e);
        }
      });
    },
    close(): void {
      stop();
      for (const [n, p] of pending) {
        clearTimeout(p.timer);
        p.reject(
          new KeyError('ERR_SIGNER_FAILED', `The signer for ${options.id} was closed`, {
            id: options.id,
          }),
        );
        pending.delete(n);
      }
    },
  };
}

/**
 * The key holder's side of {@link signerFromPort}: answer every signing request arriving on
 * `port` with `key` (a `KeyPair` with its secret, or any `Signer`). Returns a function that
 * stops listening. The holder signs whatever bytes it is sent: expose the port only to code
 * that may issue in the key's name.
 *
 * @example
 * ```ts
 * // key-holder.js, in a worker thread
 * import { parentPort, workerData } from 'node:worker_threads';
 * import { importKeyPair, serveSigner } from 'ob3kit/keys';
 * serveSigner(parentPort, importKeyPair(workerData.keyFile));
 * ```
 */
export function serveSigner(port: SignerPort, key: KeyPair | Signer): () => void {
  const fn = 'serveSigner(port, key)';
  if (!isObject(port as unknown))
    throw new TypeError(`${fn}: port must be a message port, worker or process`);
  if (!isKeyPair(key) && !isSigner(key))
    throw new TypeError(`${fn}: key must be a KeyPair or a Signer`);
  const signing = toSigningKey(key, fn, 'key');
  return listen(port, (message) => {
    if (!isObject(message) || message.type !== TAG || typeof message.n !== 'number') return;
    if (!Object.hasOwn(message, 'data')) return; // an answer, not a request
    const n = message.n;
    const data =
      typeof message.data === 'string' && message.data.length <= (MAX_REQUEST_BYTES * 4) / 3 + 4
        ? fromBase64Url(message.data)
        : undefined;
    if (data === undefined) {
      post(port, { type: TAG, n, error: 'the request holds no base64url data' });
      return;
    }
    signing.sign(data).then(
      (signature) => post(port, { type: TAG, n, signature: toBase64Url(signature) }),
      (e: unknown) =>
        post(port, { type: TAG, n, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}
