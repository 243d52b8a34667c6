import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Repository root. */
export const repoRoot = path.resolve(here, '../..');
/** Shared Open Badges reference material (read-only, may be absent). */
export const sharedDir = path.resolve(here, '../../../shared/ob3');
/** True when the shared reference material is there. */
export const hasShared = existsSync(path.join(sharedDir, 'README.md'));
/** Message printed when tests are skipped for lack of it. */
export const SKIP_SHARED = `skipped: ${sharedDir} (Open Badges reference material) is absent`;

export function readShared(rel: string): string {
  return readFileSync(path.join(sharedDir, rel), 'utf8');
}

/** The JSON of every `<pre>` block whose title attribute matches, in document order. */
export function preBlocks(html: string, title?: RegExp): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<pre([^>]*)>([\s\S]*?)<\/pre\s*>/g)) {
    const attrs = m[1] ?? '';
    if (title && !title.test(attrs)) continue;
    out.push((m[2] ?? '').trim());
  }
  return out;
}
