/**
 * The core under React Native: bundled by esbuild from the sources with the package's own build
 * options (as Metro bundles the package), it runs in a `node:vm` context that holds only what
 * Hermes and React Native give an app (`HERMES_GLOBALS` below; docs/react-native.md lists the
 * same). Loading touches nothing a Hermes app lacks; issuing, signing (Ed25519 and P-256 through
 * @noble/curves: there is no `crypto.subtle`; Data Integrity and VC-JWT), baking, unbaking and
 * verifying give exactly what Node gives; RS256, which needs WebCrypto, is never passed; without
 * `crypto.getRandomValues` a builder that needs randomness fails with `ERR_NO_SECURE_RANDOM`.
 */
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidJwk, generateKeyPair } from '../../src/keys/index.js';
import { signCredentialJwt } from '../../src/proof/index.js';
import { COMPAT_BUILD_OPTIONS } from '../../tsup.config.js';
import {
  type RnInput,
  type RnOutput,
  type RnReport,
  runScenario,
  verifySummary,
} from './scenario.js';

const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const ROOT = path.resolve(__dirname, '../..');

const INPUT: RnInput = {
  seedHex: '5e'.repeat(32),
  created: '2024-03-01T09:00:00Z',
  now: '2025-06-01T12:00:00Z',
  pngBase64: readFileSync(path.join(ROOT, 'fixtures/images/plain.png')).toString('base64'),
  svg: readFileSync(path.join(ROOT, 'fixtures/images/plain.svg'), 'utf8'),
};

/**
 * What the context gives the code besides the ECMAScript built-ins of the engine: React
 * Native's runtime globals (timers, microtasks, console, a TextEncoder since 0.74, a URL class
 * whose parts are "not implemented") and, as an app installs it, `crypto` with only
 * `getRandomValues` (react-native-get-random-values). Absent, as on Hermes: TextDecoder (before
 * React Native 0.85), structuredClone, crypto.subtle, Object.hasOwn, atob/btoa, Buffer,
 * process, WebAssembly, fetch (never used offline). docs/react-native.md lists the same.
 */
const HERMES_GLOBALS = [
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'TextEncoder',
  'URL',
  'crypto',
];

/** React Native's URL: the constructor keeps the string; the parts are "not implemented". */
const RN_URL = `
class URL {
  constructor(url, base) {
    if (base !== undefined) throw new Error('URL with a base is not implemented');
    this._url = String(url);
  }
  get href() { return this._url; }
  toString() { return this._url; }
  toJSON() { return this._url; }
}
for (const part of ['protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin', 'username', 'password', 'searchParams']) {
  Object.defineProperty(URL.prototype, part, { get() { throw new Error('URL.' + part + ' is not implemented'); } });
}
globalThis.URL = URL;
`;

type Options = { random: boolean; textDecoder?: 'none' | 'refuses-fatal' };

/** A context with Hermes' globals; `host` functions cross the realm boundary as plain values. */
function hermesContext({ random, textDecoder = 'none' }: Options): vm.Context {
  const context = vm.createContext({
    __host: {
      log: (...args: unknown[]) => console.log('[hermes]', ...args),
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      setImmediate,
      clearImmediate,
      queueMicrotask,
      encode: (s: string) => Array.from(new TextEncoder().encode(s)),
      decodeUtf8: (bytes: number[]) => new TextDecoder().decode(Uint8Array.from(bytes)),
      random: (n: number) => Array.from(randomFillSync(new Uint8Array(n))),
    },
  });
  vm.runInContext(
    `
    const host = globalThis.__host;
    delete globalThis.__host;
    globalThis.console = { log: host.log, warn: host.log, error: host.log, info: host.log, debug() {} };
    for (const t of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask']) {
      globalThis[t] = host[t];
    }
    globalThis.TextEncoder = class TextEncoder {
      get encoding() { return 'utf-8'; }
      encode(s = '') { return new Uint8Array(host.encode(String(s))); }
    };
    ${
      textDecoder === 'refuses-fatal'
        ? `globalThis.TextDecoder = class TextDecoder {
      constructor(label = 'utf-8', options = {}) {
        if (!/^utf-?8$/i.test(label)) throw new RangeError('Failed to construct TextDecoder: encoding not supported');
        if (options.fatal) throw new RangeError("Failed to construct TextDecoder: the 'fatal' option is unsupported");
      }
      decode(bytes) { return host.decodeUtf8(Array.from(bytes ?? [])); }
    };`
        : ''
    }
    ${RN_URL}
    ${
      random
        ? `globalThis.crypto = { getRandomValues(a) { a.set(host.random(a.length)); return a; } };`
        : ''
    }
    delete Object.hasOwn;
    delete globalThis.WebAssembly;
    `,
    context,
  );
  return context;
}

let bundleCode = '';
beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(__dirname, 'scenario.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'scenario',
    platform: 'browser',
    conditions: ['react-native'],
    target: 'es2022',
    logLevel: 'silent',
    define: COMPAT_BUILD_OPTIONS.define,
    inject: COMPAT_BUILD_OPTIONS.inject,
  });
  bundleCode = result.outputFiles[0]?.text ?? '';
});

/** Load the bundle in a fresh Hermes-like context; what the module load itself threw, if anything. */
function load(options: Options): { context: vm.Context; loadError?: unknown } {
  const context = hermesContext(options);
  try {
    vm.runInContext(bundleCode, context, { filename: 'ob3kit-react-native.js' });
    return { context };
  } catch (e) {
    return { context, loadError: e };
  }
}

/** Run `expression` (using `scenario` and `input`) in the context; JSON across the boundary. */
async function run<T>(context: vm.Context, expression: string): Promise<T> {
  context.__input = JSON.stringify(INPUT);
  const json = await vm.runInContext(
    `(async () => { const input = JSON.parse(globalThis.__input); return JSON.stringify(await (${expression})); })()`,
    context,
  );
  return JSON.parse(json as string) as T;
}

describe('the core in a Hermes-like React Native context', () => {
  it('the context has exactly the globals listed, and lacks what Hermes lacks', () => {
    const engine = new Set(
      vm.runInContext('Object.getOwnPropertyNames(globalThis)', vm.createContext({})) as string[],
    );
    const { context } = load({ random: true });
    const added = (
      vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[]
    ).filter((g) => !engine.has(g) && g !== 'scenario');
    // (V8 gives every context a console of its own; the context's is React Native's.)
    expect(added.sort()).toEqual(HERMES_GLOBALS.filter((g) => !engine.has(g)).sort());
    expect(vm.runInContext('typeof console.log', context)).toBe('function');
    const missing = vm.runInContext(
      `['TextDecoder', 'structuredClone', 'atob', 'btoa', 'Buffer', 'process', 'fetch', 'DecompressionStream', 'WebAssembly']
        .filter((g) => typeof globalThis[g] !== 'undefined')
        .concat(typeof crypto.subtle === 'undefined' ? [] : ['crypto.subtle'])
        .concat(typeof Object.hasOwn === 'undefined' ? [] : ['Object.hasOwn'])`,
      context,
    );
    expect(Array.from(missing as string[])).toEqual([]);
    expect(() => vm.runInContext("new URL('https://example.edu/a').hostname", context)).toThrow(
      /not implemented/,
    );
    // And the bundle is the whole core: no Object.hasOwn left in it, noble's curves included.
    expect(bundleCode).not.toContain('Object.hasOwn');
    expect(bundleCode).toContain('ob3kitHasOwn');
  });

  for (const textDecoder of ['none', 'refuses-fatal'] as const) {
    it(`loads, issues, signs, bakes, unbakes and verifies as Node does (TextDecoder: ${textDecoder})`, async () => {
      const { context, loadError } = load({ random: true, textDecoder });
      expect(loadError).toBeUndefined();
      const inHermes = await run<RnOutput>(context, 'scenario.runScenario(input)');
      const inNode = JSON.parse(JSON.stringify(await runScenario(INPUT))) as RnOutput;
      expect(inHermes).toEqual(inNode);
      // What the scenario found, spelled out.
      expect(inHermes.reports.json?.verdict).toBe('valid');
      expect(inHermes.reports.png).toMatchObject({ verdict: 'valid', format: 'png' });
      expect(inHermes.reports.svg).toMatchObject({ verdict: 'valid', format: 'svg' });
      expect(inHermes.reports.tampered?.verdict).toBe('invalid');
      expect(inHermes.reports.tampered?.failed.map((f) => f.id)).toContain('proof');
      expect(inHermes.reports.invalidUtf8?.failed).toEqual([
        { id: 'parse', code: 'encoding_invalid' },
      ]);
      // P-256 (ecdsa-rdfc-2019) and VC-JWT (EdDSA, ES256) without crypto.subtle.
      expect(
        [inHermes.p256Signed.proof].flat().map((p) => (p as { cryptosuite?: string }).cryptosuite),
      ).toEqual(['ecdsa-rdfc-2019']);
      expect(inHermes.reports.p256).toEqual({ verdict: 'valid', format: 'json', failed: [] });
      expect(inHermes.reports.jwtEdDSA).toEqual({ verdict: 'valid', format: 'jwt', failed: [] });
      expect(inHermes.reports.jwtES256).toEqual({ verdict: 'valid', format: 'jwt', failed: [] });
      expect(inHermes.reports.jwtTampered?.verdict).toBe('invalid');
      expect(inHermes.reports.jwtTampered?.failed.map((f) => f.id)).toContain('proof');
      expect(inHermes.unbakedPng).toEqual(inHermes.signed);
      expect(inHermes.unbakedSvg).toEqual(inHermes.signed);
    });
  }

  it('RS256 without crypto.subtle: verifyCredentialJwt throws ERR_CRYPTO_UNAVAILABLE, verify() does not pass it', async () => {
    // Made in Node (which has WebCrypto); valid there.
    const { did, keyPair } = createDidJwk(await generateKeyPair({ type: 'RSA' }));
    const jwt = await signCredentialJwt(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2', OB_CONTEXT],
        id: 'urn:uuid:6a1e0c52-0f0b-4a49-9a57-3f7d0c2b8e11',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'RSA',
        issuer: { id: did, type: ['Profile'], name: 'Example University' },
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: {
          id: 'did:example:learner-7',
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://example.edu/achievements/rsa',
            type: ['Achievement'],
            name: 'RSA',
            description: 'Signed with RS256.',
            criteria: { narrative: 'Sign with an RSA key.' },
          },
        },
      },
      { key: keyPair, now: new Date(INPUT.created) },
    );
    expect(await verifySummary(jwt, INPUT.now)).toMatchObject({
      verdict: 'valid',
      format: 'jwt',
      failed: [],
      authentic: 'yes',
    });
    const { context } = load({ random: true });
    context.__jwt = jwt;
    expect(await run(context, 'scenario.jwtError(globalThis.__jwt)')).toEqual({
      name: 'KeyError',
      code: 'ERR_CRYPTO_UNAVAILABLE',
    });
    // No verdict on the signature: authentic "unknown", the proof check naming the cause.
    const report = await run<RnReport & { authentic?: string; proof?: string }>(
      context,
      'scenario.verifySummary(globalThis.__jwt, input.now)',
    );
    expect(report.format).toBe('jwt');
    expect(report.verdict).not.toBe('valid');
    expect(report.authentic).toBe('unknown');
    expect(report.failed).toContainEqual({ id: 'proof', code: 'internal_error' });
    expect(report.proof).toContain('RSA needs WebCrypto');
  });

  it('a builder that needs randomness gets it from crypto.getRandomValues', async () => {
    const { context } = load({ random: true });
    const id = await run<string>(context, 'scenario.randomIdBadge()');
    expect(id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('without crypto.getRandomValues: loads, verifies, and a builder fails with ERR_NO_SECURE_RANDOM', async () => {
    const { context, loadError } = load({ random: false });
    expect(loadError).toBeUndefined();
    // Verification needs no randomness: the deterministic scenario runs.
    const out = await run<RnOutput>(context, 'scenario.runScenario(input)');
    expect(out.reports.png?.verdict).toBe('valid');
    const error = await run<{ code?: string; name?: string; message?: string }>(
      context,
      `(() => { try { scenario.randomIdBadge(); return {}; } catch (e) { return { code: e.code, name: e.name, message: e.message }; } })()`,
    );
    expect(error.code).toBe('ERR_NO_SECURE_RANDOM');
    expect(error.name).toBe('Ob3Error');
    expect(error.message).toContain('react-native-get-random-values');
  });
});
