/** Set-up shared by the tests of the package's shape: the source files and what they import. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The package's `src/` folder. */
export const SRC = path.resolve(__dirname, '../../src');

/** Every TypeScript module under `dir` (declaration files left out), as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(path.join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/**
 * The specifiers a module imports from: static `import`/`export ... from`, side-effect imports
 * and `import('...')` with a literal. Type-only statements (`import type`, `export type`, erased
 * by the compiler) are left out unless `types` is set.
 */
export function moduleSpecifiers(text: string, { types = false } = {}): string[] {
  const out: string[] = [];
  const statements = /(?:^|\n)\s*(import|export)\s+([^;]*?)\s+from\s+'([^']+)'/g;
  for (const m of text.matchAll(statements)) {
    const clause = (m[2] as string).trim();
    if (clause.startsWith('type ') && !types) continue;
    out.push(m[3] as string);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) out.push(m[1] as string);
  return out;
}

/** Specifiers a module imports values from (`import type` and `export type` are erased). */
export const valueImports = (text: string): string[] => moduleSpecifiers(text);
