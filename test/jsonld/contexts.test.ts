import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getBundledContext, listBundledContexts } from '../../src/jsonld/index.js';
import { hasShared, readShared, repoRoot, SKIP_SHARED } from './helpers.js';

interface ManifestEntry {
  url: string;
  file: string;
  sha256: string;
  source: { package: string; version: string; path: string } | { written: string };
  aliasOf?: string;
}

const contextsDir = path.join(repoRoot, 'contexts');
const manifest = JSON.parse(
  readFileSync(path.join(contextsDir, 'manifest.json'), 'utf8'),
) as ManifestEntry[];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Official copies in the shared reference folder, by the URL they are served at. */
const OFFICIAL: Record<string, string> = {
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json': 'ob_v3p0_context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json': 'ob_v3p0_context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': 'ob_v3p0_context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob_v3p0_context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': 'ob_v3p0_extensions.json',
  // The copy captured from purl (vocabulary under spec/vc/clr/), not the 2022-09 generation.
  'https://purl.imsglobal.org/spec/clr/v2p0/context.json': 'clr_v2p0_context.json',
  // Two revisions exist; the 2025-03 one (adds ClrCredential.partial) is 1EdTech's current one.
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json':
    'clr_v2p0_context-2.0.1_2025-03.json',
};

describe('contexts/manifest.json', () => {
  it('pins every entry: the file exists and its bytes match the sha256', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(20);
    for (const entry of manifest) {
      const bytes = readFileSync(path.join(contextsDir, entry.file));
      expect(sha256(bytes), entry.file).toBe(entry.sha256);
    }
  });

  it('covers every file in contexts/ and lists each URL once', () => {
    const files = readdirSync(contextsDir).filter((f) => f !== 'manifest.json');
    expect(new Set(manifest.map((e) => e.file))).toEqual(new Set(files));
    const urls = manifest.map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('gives every entry a source: an npm package and path, or the facts it was written from', () => {
    for (const entry of manifest) {
      if ('written' in entry.source) {
        expect(entry.source.written.length, entry.url).toBeGreaterThan(20);
      } else {
        expect(entry.source.package, entry.url).toMatch(/^(@[\w-]+\/)?[\w.-]+$/);
        expect(entry.source.version, entry.url).toMatch(/^\d+\.\d+\.\d+/);
        const pkgJson = path.join(repoRoot, 'node_modules', entry.source.package, 'package.json');
        expect(JSON.parse(readFileSync(pkgJson, 'utf8')).version, entry.url).toBe(
          entry.source.version,
        );
      }
    }
  });

  it('is what the library bundles: the same URLs, each JSON-equal to its file', () => {
    expect(new Set(listBundledContexts())).toEqual(new Set(manifest.map((e) => e.url)));
    for (const entry of manifest) {
      const file = JSON.parse(readFileSync(path.join(contextsDir, entry.file), 'utf8'));
      expect(getBundledContext(entry.url), entry.url).toEqual(file);
    }
  });

  it('bundles the contexts Open Badges 3.0 credentials use', () => {
    const urls = new Set(listBundledContexts());
    for (const url of [
      'https://www.w3.org/2018/credentials/v1',
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://w3id.org/security/data-integrity/v1',
      'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/suites/ed25519-2020/v1',
      'https://w3id.org/security/multikey/v1',
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/vc/status-list/2021/v1',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://w3id.org/security/v1',
      'https://w3id.org/security/v2',
    ]) {
      expect(urls.has(url), url).toBe(true);
    }
  });

  it('serves an alias with the same document as the URL it aliases', () => {
    const aliases = manifest.filter((e) => e.aliasOf);
    expect(aliases.length).toBeGreaterThan(0);
    for (const alias of aliases) {
      const primary = manifest.find((e) => e.url === alias.aliasOf);
      expect(primary?.file, alias.url).toBe(alias.file);
    }
    expect(
      getBundledContext('https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld'),
    ).toBe(getBundledContext('https://purl.imsglobal.org/spec/ob/v3p0/context.json'));
  });

  it('returns undefined for a URL that is not bundled, and frozen documents otherwise', () => {
    expect(getBundledContext('https://example.com/not-bundled')).toBeUndefined();
    const v2 = getBundledContext('https://www.w3.org/ns/credentials/v2') as Record<string, unknown>;
    expect(Object.isFrozen(v2)).toBe(true);
    expect(Object.isFrozen(v2['@context'])).toBe(true);
    expect(() => {
      (v2 as Record<string, unknown>).extra = 1;
    }).toThrow(TypeError);
  });
});

describe('docs/contexts.md', () => {
  it('lists every bundled URL', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/contexts.md'), 'utf8');
    const cells = new Set(doc.split('|').map((cell) => cell.trim()));
    for (const url of listBundledContexts()) expect(cells.has(url), url).toBe(true);
  });
});

describe.skipIf(!hasShared)('bundled contexts equal the official copies', () => {
  if (!hasShared) console.warn(SKIP_SHARED);
  for (const [url, official] of Object.entries(OFFICIAL)) {
    it(`${url} is JSON-equal to contexts/${official}`, () => {
      const expected = JSON.parse(readShared(`contexts/${official}`));
      expect(getBundledContext(url)).toEqual(expected);
    });
  }

  it('the older CLR 2.0.1 revision (2024-02) is not what we bundle', () => {
    const old = JSON.parse(readShared('contexts/clr_v2p0_context-2.0.1_2024-02.json'));
    expect(
      getBundledContext('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'),
    ).not.toEqual(old);
  });
});

describe('scripts/contexts.mjs', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'ob3kit-contexts-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('regenerates contexts/ byte for byte', () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/contexts.mjs'), out], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    const generated = readdirSync(out).sort();
    expect(generated).toEqual(readdirSync(contextsDir).sort());
    for (const file of generated) {
      expect(
        readFileSync(path.join(out, file)).equals(readFileSync(path.join(contextsDir, file))),
        file,
      ).toBe(true);
    }
  });
});
