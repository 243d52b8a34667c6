/**
 * The build writes each bundled JSON-LD context as its JSON text, which src/jsonld/bundled.ts
 * parses on first read (tsup.config.ts, `contextsAsJsonText`). Built here the way the package
 * is built, the map must serve, at every URL of contexts/manifest.json, the document of that
 * URL's file (hash-checked), frozen, one object for the URLs that alias one file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextsAsJsonText } from '../../tsup.config.js';

const ROOT = path.resolve(__dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'ob3kit-contexts-'));

interface ManifestEntry {
  url: string;
  file: string;
  sha256: string;
}
const manifest = JSON.parse(
  readFileSync(path.join(ROOT, 'contexts/manifest.json'), 'utf8'),
) as ManifestEntry[];

let built: ReadonlyMap<string, object>;
let builtText: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(ROOT, 'src/jsonld/bundled.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [contextsAsJsonText],
  });
  builtText = result.outputFiles[0]?.text ?? '';
  const file = path.join(tmp, 'bundled.mjs');
  writeFileSync(file, builtText);
  built = (await import(pathToFileURL(file).href)).BUNDLED_CONTEXTS;
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bundled contexts in the build', () => {
  it('are written as JSON text, not as object literals', () => {
    const declared = [...builtText.matchAll(/^var \w+_default = (.)/gm)].map((m) => m[1]);
    expect(declared).toHaveLength(new Set(manifest.map((e) => e.file)).size);
    // A string literal (either quote), where an object literal would start with `{`.
    for (const first of declared) expect(['"', "'"]).toContain(first);
  });

  it('serve, at every URL of the manifest, the document of its file', () => {
    expect(manifest.length).toBeGreaterThan(10);
    for (const entry of manifest) {
      const bytes = readFileSync(path.join(ROOT, 'contexts', entry.file));
      expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
      const served = built.get(entry.url);
      expect(served, entry.url).toEqual(JSON.parse(bytes.toString('utf8')));
      expect(Object.isFrozen(served), entry.url).toBe(true);
      expect(Object.isFrozen((served as { '@context': object })['@context']), entry.url).toBe(true);
    }
    expect([...built.keys()].sort()).toEqual(manifest.map((e) => e.url).sort());
  });

  it('serve one object for the URLs that alias one file, through get and iteration alike', () => {
    const byFile = new Map<string, object>();
    for (const entry of manifest) {
      const served = built.get(entry.url) as object;
      const first = byFile.get(entry.file);
      if (first === undefined) byFile.set(entry.file, served);
      else expect(served, entry.url).toBe(first);
    }
    expect(byFile.size).toBeLessThan(manifest.length);
    for (const [url, doc] of built) expect(doc, url).toBe(built.get(url));
  });
});
