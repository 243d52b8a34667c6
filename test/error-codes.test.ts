/**
 * The error codes are a closed union (`Ob3ErrorCode`): every code src/ gives is in it, every
 * code in it is given somewhere, and docs/errors.md lists exactly them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ob3Error, type Ob3ErrorCode } from '../src/errors.js';

const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(`${dir}/${e.name}`)
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [`${dir}/${e.name}`]
        : [],
  );
}

/** Codes of Node.js that src/ compares errors against (never given by ob3kit). */
const NODE_CODES = [
  'ERR_MODULE_NOT_FOUND',
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
];

/** The keys of `interface Ob3ErrorCodes` in src/errors.ts. */
function unionCodes(): string[] {
  const text = readFileSync(path.join(root, 'src/errors.ts'), 'utf8');
  const body = /export interface Ob3ErrorCodes \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
  return [...body.matchAll(/^\s+(ERR_[A-Z0-9_]+): true;$/gm)].map((m) => m[1] as string);
}

/** Every quoted `ERR_*` literal in the code of src/ (comments left out), with how it is used. */
function literals(): Array<{ code: string; file: string; prefix: boolean }> {
  const out: Array<{ code: string; file: string; prefix: boolean }> = [];
  for (const file of sources('src')) {
    if (file === 'src/errors.ts') continue;
    const code = readFileSync(path.join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(startsWith\(\s*|slice\(\s*)?['"`](ERR_[A-Z0-9_]*)['"`]/g)) {
      out.push({ code: m[2] as string, file, prefix: m[1] !== undefined });
    }
  }
  return out;
}

describe('error codes', () => {
  const union = unionCodes();
  const found = literals();

  it('are read from src/errors.ts', () => {
    expect(union.length).toBeGreaterThan(90);
    expect(new Set(union).size).toBe(union.length);
  });

  it('every code src/ gives is in the Ob3ErrorCode union', () => {
    const missing = found
      .filter((f) => !f.prefix && !NODE_CODES.includes(f.code) && !union.includes(f.code))
      .map((f) => `${f.file}: ${f.code}`);
    expect(missing).toEqual([]);
    // A prefix test (`code.startsWith('ERR_PNG')`) names a family of codes that exists.
    for (const f of found.filter((x) => x.prefix)) {
      expect(
        union.some((c) => c.startsWith(f.code)),
        `${f.file}: ${f.code}`,
      ).toBe(true);
    }
  });

  it('every code of the union is given somewhere in src/', () => {
    const given = new Set(found.map((f) => f.code));
    expect(union.filter((c) => !given.has(c))).toEqual([]);
  });

  it('docs/errors.md lists exactly the codes of the union', () => {
    const doc = readFileSync(path.join(root, 'docs/errors.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `(ERR_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...union].sort());
  });

  it('is checked by TypeScript where an error is made', () => {
    const e = new Ob3Error('ERR_ABORTED', 'stopped');
    const code: Ob3ErrorCode = e.code;
    expect(code).toBe('ERR_ABORTED');
    // @ts-expect-error: not a code of the union (npm run typecheck fails if this compiles)
    expect(new Ob3Error('ERR_NOT_A_CODE', 'x').code).toBe('ERR_NOT_A_CODE');
  });
});
