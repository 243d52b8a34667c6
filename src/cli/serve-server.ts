/**
 * The Node HTTP shell of `ob3kit serve` around the VC-API handler: listeners (HTTP, optional
 * TLS), body size and rate limits, one structured log line per request, graceful shutdown.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { RateLimiter, type VcApiHandler, type VcApiResponse } from '../serve/index.js';

/**
 * Where and how the shell listens.
 *
 * @example
 * ```ts
 * const options: ServerOptions = { handler, host: '127.0.0.1', port: 0, maxBodyBytes: 1 << 20, log: () => {} };
 * ```
 */
export interface ServerOptions {
  handler: VcApiHandler;
  /** Address of the HTTP listener (`127.0.0.1` by default in the CLI). */
  host: string;
  /** Port of the HTTP listener (0: any free port); `undefined`: no HTTP listener. */
  port?: number;
  /** A TLS listener as well (or instead). */
  tls?: { host: string; port: number; cert: Uint8Array; key: Uint8Array };
  /** Largest request body in bytes; larger ones get 413 without being read. */
  maxBodyBytes: number;
  /** Requests per second and burst per client address; `undefined`: no limit. */
  rateLimit?: { ratePerSecond: number; burst?: number };
  /** Receives one object per event (request, start, stop); the CLI prints each as a JSON line. */
  log: (entry: Record<string, unknown>) => void;
  /** Time a client has to send the whole request, in ms (default 30,000). */
  requestTimeoutMs?: number;
  /** Time in-flight requests get to finish on shutdown before connections are cut (default 10,000). */
  shutdownTimeoutMs?: number;
}

/**
 * A running server.
 *
 * @example
 * ```ts
 * const server = await startServer(options);
 * console.log(server.urls); // ['http://127.0.0.1:8080']
 * await server.close();
 * ```
 */
export interface RunningServer {
  /** The base URL of each listener. */
  urls: string[];
  /** Stop accepting, let in-flight requests finish (up to the shutdown timeout), then close. */
  close(): Promise<void>;
}

function send(res: ServerResponse, response: VcApiResponse, head = false): number {
  const hasBody = response.body !== undefined && response.status !== 204;
  const bytes = hasBody ? Buffer.from(JSON.stringify(response.body)) : undefined;
  const headers: Record<string, string | number> = {
    'x-content-type-options': 'nosniff',
    ...response.headers,
  };
  if (bytes) headers['content-length'] = bytes.length;
  res.writeHead(response.status, headers);
  res.end(head ? undefined : bytes);
  return bytes?.length ?? 0;
}

function tooLarge(max: number): VcApiResponse {
  return {
    status: 413,
    headers: { 'content-type': 'application/problem+json', connection: 'close' },
    body: {
      title: 'Content Too Large',
      status: 413,
      code: 'body_too_large',
      detail: `The body is larger than ${max} bytes`,
    },
    code: 'body_too_large',
  };
}

/** Read the body up to `max` bytes; `undefined` when it is larger (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(new Uint8Array(Buffer.concat(chunks)));
      }
    });
    req.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
  });
}

/**
 * Start the listeners. Each request is rate-limited by client address (429 with `Retry-After`),
 * its body read up to `maxBodyBytes` (413 beyond, from `Content-Length` before reading when it
 * says so), passed to the handler, and logged as one entry without credential contents.
 *
 * @example
 * ```ts
 * const server = await startServer({ handler, host: '127.0.0.1', port: 8080, maxBodyBytes: 1048576, log: (e) => console.log(JSON.stringify(e)) });
 * ```
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  let inFlight = 0;
  let closing = false;
  let idle: (() => void) | undefined;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    inFlight++;
    const id = randomUUID();
    const client = req.socket.remoteAddress ?? 'unknown';
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] as string;
    let status = 500;
    let code: string | undefined;
    let bytesIn = 0;
    let bytesOut = 0;
    try {
      res.setHeader('x-request-id', id);
      if (closing) res.setHeader('connection', 'close');
      let response: VcApiResponse | undefined;
      const limited = limiter?.take(client);
      if (limited && !limited.allowed) {
        response = {
          status: 429,
          headers: {
            'content-type': 'application/problem+json',
            'retry-after': String(limited.retryAfterSeconds),
          },
          body: {
            title: 'Too Many Requests',
            status: 429,
            code: 'rate_limited',
            detail: `Too many requests from this address; retry in ${limited.retryAfterSeconds} s`,
          },
          code: 'rate_limited',
        };
      }
      const declared = Number(req.headers['content-length']);
      if (!response && Number.isFinite(declared) && declared > options.maxBodyBytes) {
        response = tooLarge(options.maxBodyBytes);
      }
      let body: Uint8Array | undefined;
      if (!response && method !== 'GET' && method !== 'HEAD') {
        body = await readBody(req, options.maxBodyBytes);
        if (body === undefined) response = tooLarge(options.maxBodyBytes);
        else bytesIn = body.length;
      }
      if (!response) {
        response = await options.handler({
          method: method === 'HEAD' ? 'GET' : method,
          path: req.url ?? '/',
          headers: req.headers,
          ...(body !== undefined && body.length > 0 ? { body } : {}),
        });
      }
      status = response.status;
      code = response.code;
      bytesOut = send(res, response, method === 'HEAD');
      if (response.status === 413) req.resume();
    } catch (e) {
      status = 500;
      code = 'internal_error';
      if (!res.headersSent) {
        bytesOut = send(res, {
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
          body: { title: 'Internal Server Error', status: 500, code, detail: 'The request failed' },
        });
      } else res.destroy();
      options.log({
        level: 'error',
        event: 'error',
        id,
        message: (e as Error)?.message ?? String(e),
      });
    } finally {
      inFlight--;
      options.log({
        level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
        event: 'request',
        time: new Date().toISOString(),
        id,
        method,
        path,
        status,
        ...(code !== undefined ? { code } : {}),
        ms: Math.round((performance.now() - started) * 10) / 10,
        client,
        bytesIn,
        bytesOut,
      });
      if (inFlight === 0 && idle) idle();
    }
  }

  const handlerFn = (req: IncomingMessage, res: ServerResponse) => {
    void onRequest(req, res);
  };
  const servers: Array<{ server: http.Server | https.Server; scheme: string; host: string }> = [];
  const timeout = options.requestTimeoutMs ?? 30_000;
  if (options.port !== undefined) {
    const s = http.createServer(
      { requestTimeout: timeout, headersTimeout: Math.min(timeout, 10_000) },
      handlerFn,
    );
    servers.push({ server: s, scheme: 'http', host: options.host });
    await listen(s, options.host, options.port);
  }
  if (options.tls) {
    const s = https.createServer(
      {
        cert: Buffer.from(options.tls.cert),
        key: Buffer.from(options.tls.key),
        requestTimeout: timeout,
        headersTimeout: Math.min(timeout, 10_000),
      },
      handlerFn,
    );
    servers.push({ server: s, scheme: 'https', host: options.tls.host });
    await listen(s, options.tls.host, options.tls.port);
  }
  const urls = servers.map(({ server, scheme, host }) => {
    const port = (server.address() as AddressInfo).port;
    const shown = host.includes(':') ? `[${host}]` : host;
    return `${scheme}://${shown}:${port}`;
  });

  let closed: Promise<void> | undefined;
  async function close(): Promise<void> {
    closed ??= (async () => {
      closing = true;
      const stopped = Promise.all(
        servers.map(({ server }) => new Promise<void>((r) => server.close(() => r()))),
      );
      for (const { server } of servers) server.closeIdleConnections();
      const drained = new Promise<void>((r) => {
        if (inFlight === 0) r();
        else idle = r;
      });
      const limit = options.shutdownTimeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), limit);
      });
      const outcome = await Promise.race([drained.then(() => 'drained' as const), timedOut]);
      for (const { server } of servers) {
        if (outcome === 'timeout') server.closeAllConnections();
        else server.closeIdleConnections();
      }
      await Promise.race([stopped, timedOut]);
      for (const { server } of servers) server.closeAllConnections();
      clearTimeout(timer);
      options.log({ level: 'info', event: 'stopped', time: new Date().toISOString(), outcome });
    })();
    return closed;
  }
  return { urls, close };
}

function listen(server: http.Server | https.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
