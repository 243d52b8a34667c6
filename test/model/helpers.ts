/** Shared test helpers: the reference folder, the spec's examples, and small utilities. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const OB3 = path.resolve(here, '../../../shared/ob3');
export const HAVE_OB3 = existsSync(path.join(OB3, 'spec', 'examples'));
export const SKIP_NOTE = HAVE_OB3 ? '' : ` (skipped: ${OB3} not found)`;

/**
 * The JSON example inside the `<pre>` of one of the spec's example files. The files are
 * JavaScript template literals (`var x = \`...\``), so template escapes (`\\`, `` \` ``, `\$`) are
 * undone first, as the spec's own page does when it renders them.
 */
export function readExample(name: string): Record<string, unknown> {
  const html = readFileSync(path.join(OB3, 'spec', 'examples', `${name}.html`), 'utf8');
  const m = /<pre[^>]*>([\s\S]*?)<\/pre\s*>/.exec(html);
  if (!m?.[1]) throw new Error(`No <pre> in ${name}.html`);
  const json = m[1].replace(/\\([\\`$])/g, '$1');
  return JSON.parse(json) as Record<string, unknown>;
}

/** Names of all example files. */
export function exampleNames(): string[] {
  return readdirSync(path.join(OB3, 'spec', 'examples'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Read a JSON file of the reference folder. */
export function readShared(rel: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(OB3, rel), 'utf8')) as Record<string, unknown>;
}

/** Read a text file of the reference folder. */
export function readSharedText(rel: string): string {
  return readFileSync(path.join(OB3, rel), 'utf8');
}

/** Freeze a value deeply (to prove a builder does not mutate its input). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A copy of an object without some keys. */
export function omit<T extends Record<string, unknown>>(
  obj: T,
  ...keys: string[]
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** Loose access into parsed JSON in tests. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON of known shape, read in tests only
export type Json = any;
