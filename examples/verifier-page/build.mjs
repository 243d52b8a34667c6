#!/usr/bin/env node
// Build the verifier page's script: bundles main.ts (and the ob3kit code it imports, straight
// from ../../src) into app.js next to index.html.
// Usage: node examples/verifier-page/build.mjs [outfile]   then serve examples/verifier-page/
// statically (for example `npx http-server examples/verifier-page` or `python3 -m http.server`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Build options shared with the page's end-to-end test. */
export const pageBuildOptions = {
  entryPoints: [path.join(here, 'main.ts')],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  tsconfig: path.join(here, '..', 'tsconfig.json'),
  legalComments: 'none',
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outfile = path.resolve(process.argv[2] ?? path.join(here, 'app.js'));
  const result = await build({ ...pageBuildOptions, outfile, metafile: true });
  const bytes = Object.values(result.metafile.outputs)[0]?.bytes;
  console.log(`built ${outfile}${bytes ? ` (${bytes} bytes)` : ''}`);
}
