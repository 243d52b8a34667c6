/**
 * Shared machinery of the browser tests: find headless Chromium (skip outside CI when it is
 * missing), launch it offline with a throw-away profile, bundle library code for the browser
 * with esbuild, and serve pages from a local HTTP server on 127.0.0.1 (nothing is fetched from
 * the network).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import type { BrowserContext } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.OB3KIT_CHROMIUM ?? '/usr/bin/chromium';
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * Whether the browser tests run here. Outside CI a missing Chromium skips them with a message
 * (run `scripts/setup-browser.sh`); in CI they always run, so a missing browser fails loudly.
 */
export const HAS_BROWSER = existsSync(CHROMIUM) || IN_CI;
export const SKIP_REASON = `headless Chromium not found at ${CHROMIUM} (and CI is not set): run scripts/setup-browser.sh to install it; the browser tests are skipped`;
if (!HAS_BROWSER) console.warn(`[browser tests] ${SKIP_REASON}`);

/** Chromium flags that keep it offline, quiet and fast to start in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running Chromium with a fresh profile; `close()` also deletes the profile. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch headless Chromium with a fresh `--user-data-dir`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is required in CI but ${CHROMIUM} does not exist: run scripts/setup-browser.sh before the tests`,
    );
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'ob3kit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 900 },
  });
  // Nothing leaves 127.0.0.1: any other request is aborted (and counted by the tests that care).
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The result of {@link bundle}: the code and esbuild's metafile. */
export interface Bundle {
  code: string;
  metafile: Metafile;
}

/** Bundle one entry file for the browser (ESM, minified) into memory. */
export async function bundle(entry: string, options: BuildOptions = {}): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    ...options,
  });
  const out = result.outputFiles?.[0];
  if (out === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return { code: out.text, metafile: result.metafile as Metafile };
}

/** One file the test server answers with. */
export interface Route {
  body: string | Uint8Array;
  type: string;
  headers?: Record<string, string>;
}

/** A local HTTP server on 127.0.0.1. */
export interface LocalServer {
  origin: string;
  /** Paths requested so far (to prove nothing unexpected was asked for). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serve fixed routes (path -> file) from 127.0.0.1 on a free port; anything else is a 404
 * (except an unlisted `/favicon.ico`, answered with an empty 204).
 */
export async function serve(routes: Record<string, Route>): Promise<LocalServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    if (route === undefined && url.pathname === '/favicon.ico') {
      // A browser may ask for one on its own; answer quietly and leave it out of `requests`.
      res.writeHead(204).end();
      return;
    }
    requests.push(url.pathname);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': route.type,
      'cache-control': 'no-store',
      ...route.headers,
    });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Node built-in module names, bare and `node:`-prefixed. */
export async function nodeBuiltins(): Promise<Set<string>> {
  const { builtinModules } = await import('node:module');
  const names = new Set<string>();
  for (const m of builtinModules) {
    names.add(m);
    names.add(`node:${m}`);
  }
  return names;
}
