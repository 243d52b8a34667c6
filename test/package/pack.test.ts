/**
 * scripts/check-pack.mjs: what the package may hold and weigh. The real package is checked by
 * `npm test` (test:package, after the build); here the rules themselves, on made-up file lists.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { checkPack, cliBundledCopies, MAX_UNPACKED_BYTES } from '../../scripts/check-pack.mjs';

interface PackedFile {
  path: string;
  size: number;
}
const pkg = {
  main: './dist/index.js',
  types: './dist/index.d.ts',
  bin: { ob3kit: './dist/cli/main.js' },
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
};
const base: PackedFile[] = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/verify/index.js',
  'dist/cli/main.js',
].map((p) => ({ path: p, size: 1000 }));
const cliOk = [
  '#!/usr/bin/env node',
  '// src/cli/main.ts',
  'import { verify } from "../verify/index.js";',
  '// package.json',
  'var version = "1.0.0";',
].join('\n');
/** The text of a packed file: the CLI's imports the library; other files import nothing. */
const cliRead = (f: string) => (f === 'dist/cli/main.js' ? cliOk : '');
const run = (
  files: PackedFile[],
  options: { unpackedSize?: number; read?: (f: string) => string } = {},
): string[] =>
  // The bundled contexts and schemas are the real ones, read from disk: leave them out here.
  (checkPack(files, pkg, options) as string[]).filter((p) => !/^(contexts|schemas)\//.test(p));

describe('check-pack', () => {
  it('accepts a package of the expected shape', () => {
    expect(run(base, { unpackedSize: 8000, read: cliRead })).toEqual([]);
  });

  it('refuses a package over the size limit, naming the largest files', () => {
    const big = [...base, { path: 'dist/chunk-A.js', size: 2_900_000 }];
    const problems = run(big, { unpackedSize: MAX_UNPACKED_BYTES + 1, read: cliRead });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^the package is 3\.00 MB unpacked, over 3 MB \(largest: dist\/chunk-A\.js 2900 kB/,
    );
    expect(run(big, { unpackedSize: MAX_UNPACKED_BYTES, read: cliRead })).toEqual([]);
  });

  it('refuses source maps that embed the sources, CommonJS copies and stray files', () => {
    const files = [
      ...base,
      { path: 'dist/index.js.map', size: 10 },
      { path: 'dist/index.cjs', size: 10 },
      { path: 'src/index.ts', size: 10 },
    ];
    const read = (f: string) =>
      f.endsWith('.map')
        ? '{"version":3,"sources":["../src/index.ts"],"sourcesContent":["export"]}'
        : cliRead(f);
    expect(run(files, { read })).toEqual([
      'dist/index.js.map embeds the sources (sourcesContent)',
      'dist/index.cjs is packed but is not something users need',
      'src/index.ts is packed but is TypeScript source',
    ]);
    const mapWithoutSources = (f: string) =>
      f.endsWith('.map')
        ? '{"version":3,"sources":["../src/index.ts"],"mappings":"AAAA"}'
        : cliRead(f);
    expect(
      run([...base, { path: 'dist/index.js.map', size: 10 }], { read: mapWithoutSources }),
    ).toEqual([]);
  });

  it('refuses a command line that bundles a copy of the library or of a dependency', () => {
    const copy = `${cliOk}\n// src/verify/pipeline.ts\nfunction verify() {}\n// node_modules/fflate/esm/index.mjs\n`;
    expect(cliBundledCopies(copy)).toEqual([
      'src/verify/pipeline.ts',
      'node_modules/fflate/esm/index.mjs',
    ]);
    expect(run(base, { read: (f) => (f === 'dist/cli/main.js' ? copy : '') })).toEqual([
      'dist/cli/main.js bundles library code instead of importing dist/: src/verify/pipeline.ts, node_modules/fflate/esm/index.mjs',
    ]);
    expect(cliBundledCopies(cliOk)).toEqual([]);
  });

  it('refuses a built file that imports a file the package lacks (a broken build)', () => {
    const read = (f: string) =>
      f === 'dist/index.js'
        ? "import { a } from './chunk-GONE.js';\nimport './chunk-GONE2.js';\nconst m = () => import('./vc2-GONE.js');"
        : cliRead(f);
    expect(run(base, { read })).toEqual([
      'dist/index.js imports ./chunk-GONE.js, which is not packed',
      'dist/index.js imports ./chunk-GONE2.js, which is not packed',
      'dist/index.js imports ./vc2-GONE.js, which is not packed',
    ]);
  });

  it('names what package.json points at but the package lacks', () => {
    const files = base.filter((f) => f.path !== 'dist/index.d.ts');
    expect(run(files, { read: cliRead })).toEqual([
      'package.json points at dist/index.d.ts but it is not packed',
    ]);
  });
});
