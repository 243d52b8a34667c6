/**
 * The Node shell of `ob3kit serve`, over real HTTP on ephemeral ports: body limits, rate limits,
 * logs without credential contents, graceful shutdown, TLS; and the command itself as a
 * subprocess (flags, configuration, loopback rule, SIGTERM).
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFileJson } from '../../src/cli/keyfile.js';
import { type RunningServer, startServer } from '../../src/cli/serve-server.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createVcApiHandler, type VcApiHandler } from '../../src/serve/index.js';
import { buildCli, cleanUp, tempDir } from '../cli/helpers.js';

const EXAMPLES_URL = 'https://www.w3.org/ns/credentials/examples/v2';
const EXAMPLES = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } };
const SECRET_CLAIM = 'Alumna of the Secret School';

function credential() {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_URL],
    type: ['VerifiableCredential'],
    credentialSubject: { id: 'did:example:alice', alumniOf: SECRET_CLAIM },
  };
}

/** One raw HTTP request; resolves with the status, headers and body text. */
function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: Buffer[];
    ca?: Buffer;
  } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(options.ca ? { ca: options.ca } : {}),
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else req.end(options.body);
  });
}

describe('the Node shell', () => {
  let key: KeyPair;
  let handler: VcApiHandler;
  const entries: Array<Record<string, unknown>> = [];
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    key = createDidKey(await generateKeyPair()).keyPair;
    handler = createVcApiHandler({
      issuers: [{ name: 'main', key }],
      contexts: { [EXAMPLES_URL]: EXAMPLES },
    });
    server = await startServer({
      handler,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 4096,
      rateLimit: { ratePerSecond: 1, burst: 8 },
      log: (e) => entries.push(e),
    });
    base = server.urls[0] as string;
  });
  afterAll(() => server.close());

  it('issues and verifies over HTTP, logging one entry a request without credential contents', async () => {
    const issued = await fetch(`${base}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: credential() }),
    });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const { verifiableCredential } = (await issued.json()) as { verifiableCredential: object };
    const verified = await fetch(`${base}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential, options: { checks: ['proof'] } }),
    });
    expect(verified.status).toBe(200);
    const requests = entries.filter((e) => e.event === 'request');
    expect(requests.map((e) => [e.method, e.path, e.status, e.code])).toEqual([
      ['POST', '/credentials/issue', 201, 'issued'],
      ['POST', '/credentials/verify', 200, 'valid'],
    ]);
    for (const e of requests) {
      expect(Object.keys(e).sort()).toEqual(
        [
          'bytesIn',
          'bytesOut',
          'client',
          'code',
          'event',
          'id',
          'level',
          'method',
          'ms',
          'path',
          'status',
          'time',
        ].sort(),
      );
    }
    expect(JSON.stringify(entries)).not.toContain(SECRET_CLAIM);
  });

  it('answers 413 for a body over the limit, declared or streamed, without reading it all', async () => {
    const declared = await request(`${base}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100000' },
      body: Buffer.alloc(100000, 0x20),
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).code).toBe('body_too_large');
    const streamed = await request(`${base}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: 10 }, () => Buffer.alloc(1000, 0x20)),
    });
    expect(streamed.status).toBe(413);
  });

  it('limits each client address with a token bucket (429 and Retry-After)', async () => {
    const statuses: number[] = [];
    let retry: string | undefined;
    for (let i = 0; i < 12; i++) {
      const r = await request(`${base}/health`);
      statuses.push(r.status);
      if (r.status === 429) retry = r.headers['retry-after'] as string;
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(8);
    expect(Number(retry)).toBeGreaterThanOrEqual(1);
  });
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, then stops accepting', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: VcApiHandler = async () => {
      await gate;
      return { status: 200, headers: { 'content-type': 'application/json' }, body: { done: true } };
    };
    const log: Array<Record<string, unknown>> = [];
    const s = await startServer({
      handler: slow,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 1024,
      log: (e) => log.push(e),
    });
    const url = s.urls[0] as string;
    const inFlight = request(`${url}/anything`);
    await new Promise((r) => setTimeout(r, 100));
    const closing = s.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(request(`${url}/anything`)).rejects.toThrow();
    release();
    const r = await inFlight;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ done: true });
    await closing;
    expect(log.at(-1)).toMatchObject({ event: 'stopped', outcome: 'drained' });
  });
});

const HAS_OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!HAS_OPENSSL)('the TLS listener', () => {
  it('serves HTTPS with the given certificate', async () => {
    const dir = tempDir();
    const cert = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const { readFileSync } = await import('node:fs');
    const handler = createVcApiHandler({});
    const s = await startServer({
      handler,
      host: '127.0.0.1',
      tls: { host: '127.0.0.1', port: 0, cert: readFileSync(cert), key: readFileSync(keyFile) },
      maxBodyBytes: 1024,
      log: () => {},
    });
    try {
      expect(s.urls).toHaveLength(1);
      expect(s.urls[0]).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const r = await request(`${s.urls[0]}/health`, { ca: readFileSync(cert) });
      expect(r.status).toBe(200);
      // Without trusting the certificate, the client refuses it.
      await expect(request(`${s.urls[0]}/health`)).rejects.toThrow();
    } finally {
      await s.close();
      cleanUp(undefined, dir);
    }
  });
});

describe('ob3kit serve (the command)', () => {
  let bin: string;
  let dir: string;
  beforeAll(async () => {
    bin = await buildCli();
    dir = tempDir();
    const key = createDidKey(await generateKeyPair()).keyPair;
    writeFileSync(path.join(dir, 'key.json'), JSON.stringify(keyFileJson(key, 'multikey')));
    writeFileSync(path.join(dir, 'examples.json'), JSON.stringify(EXAMPLES));
    writeFileSync(path.join(dir, 'token'), 'a-long-enough-test-token-123456\n');
  });
  afterAll(() => cleanUp(bin, dir));

  /** Start the command; resolves once it listens, with its URL and a way to stop it. */
  function start(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [bin, 'serve', ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const listening = new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /listening on (\S+)/.exec(stderr);
        if (m) resolve((m[1] as string).replace(/,$/, ''));
      });
      exited.then(() => reject(new Error(stderr)));
    });
    return { child, listening, exited, out: () => stdout, err: () => stderr };
  }

  it('listens on loopback, issues with --context, and exits 0 on SIGTERM after logging', async () => {
    const s = start([
      '--key',
      'key.json',
      '--port',
      '0',
      '--context',
      `${EXAMPLES_URL}=examples.json`,
    ]);
    const url = await s.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(`${url}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: credential() }),
    });
    expect(r.status).toBe(201);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const lines = s
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.event)).toEqual(['started', 'request', 'stopping', 'stopped']);
    expect(s.out()).not.toContain(SECRET_CLAIM);
  });

  it('requires a token to issue beyond loopback, and then enforces it', async () => {
    const open = start(['--key', 'key.json', '--host', '0.0.0.0', '--port', '0']);
    await expect(open.listening).rejects.toThrow(/beyond loopback\) needs an API token/);
    expect(await open.exited).toBe(2);
    const guarded = start([
      '--key',
      'key.json',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--token-file',
      'token',
      '--log',
      'off',
    ]);
    const url = (await guarded.listening).replace('0.0.0.0', '127.0.0.1');
    const body = JSON.stringify({
      credential: {
        ...credential(),
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        credentialSubject: { id: 'did:example:a' },
      },
    });
    const no = await fetch(`${url}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(no.status).toBe(401);
    const yes = await fetch(`${url}/credentials/issue`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer a-long-enough-test-token-123456',
      },
      body,
    });
    expect(yes.status).toBe(201);
    guarded.child.kill('SIGINT');
    expect(await guarded.exited).toBe(0);
    expect(guarded.out()).toBe('');
  });

  it('refuses a bad configuration with exit code 2 and a message', async () => {
    writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ port: 0, issuers: [], colour: 'blue' }),
    );
    const bad = start(['--config', 'bad.json']);
    await expect(bad.listening).rejects.toThrow(/unknown member "colour"/);
    expect(await bad.exited).toBe(2);
    const noUrl = start(['--key', 'key.json', '--status', '--ledger', 'memory', '--port', '0']);
    await expect(noUrl.listening).rejects.toThrow(/public URL/);
    const priv = start(['--allow-private-addresses', '--port', '0']);
    await expect(priv.listening).rejects.toThrow(/needs --allow-network/);
  });

  it('reads a configuration file (issuers, contexts, status lists) relative to its folder', async () => {
    writeFileSync(
      path.join(dir, 'serve.json'),
      JSON.stringify({
        port: 0,
        publicUrl: 'https://issuer.example',
        issuers: [{ name: 'main', keyFile: 'key.json', status: true }],
        ledger: 'memory',
        contexts: { [EXAMPLES_URL]: 'examples.json' },
        log: 'off',
      }),
    );
    const s = start(['--config', 'serve.json']);
    const url = await s.listening;
    const r = await fetch(`${url}/issuers/main/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: credential() }),
    });
    expect(r.status).toBe(201);
    const vc = (
      (await r.json()) as {
        verifiableCredential: { credentialStatus: Array<{ statusListCredential: string }> };
      }
    ).verifiableCredential;
    const list = vc.credentialStatus[0]?.statusListCredential as string;
    expect(list).toBe('https://issuer.example/status-lists/revocation/1');
    const got = await fetch(`${url}${new URL(list).pathname}`);
    expect(got.status).toBe(200);
    expect(((await got.json()) as { type: string[] }).type).toContain(
      'BitstringStatusListCredential',
    );
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
