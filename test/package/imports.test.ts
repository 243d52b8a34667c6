/**
 * Internal modules import the module that defines what they use, never a capability's index
 * (`src/<capability>/index.ts`). A barrel import makes everything the barrel re-exports part of
 * the importer's module graph: Node loads it at start-up (a verifier would parse the signing code
 * and all three schema validator forms), and chunks built from dist/ follow it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, SRC, valueImports } from './helpers.js';

describe('internal imports', () => {
  it('recognises value imports and skips type-only ones', () => {
    expect(
      valueImports(
        [
          "import type { A } from './a/index.js';",
          "import { b, type C } from './b/index.js';",
          "import {\n  d,\n} from './d.js';",
          "export type { E } from './e/index.js';",
          "export { f } from './f/index.js';",
          "const g = () => import('./g/index.js');",
        ].join('\n'),
      ),
    ).toEqual(['./b/index.js', './d.js', './f/index.js', './g/index.js']);
  });

  it('no module outside the barrels and the CLI imports a capability index', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (rel.startsWith('cli/') || rel === 'index.ts' || rel.endsWith('/index.ts')) continue;
      for (const spec of valueImports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.') && /(^|\/)index\.js$/.test(spec))
          offenders.push(`${rel}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
