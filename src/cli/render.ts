/** Rendering the library's verification report for a person, with optional colour. */

import type { VerificationReport } from '../verify/index.js';
import { formatReport } from '../verify/index.js';
import type { Palette } from './color.js';

/**
 * The library's plain-text report, with outcome tags and the verdict coloured when the palette
 * is enabled (never otherwise: the text is exactly `formatReport`'s).
 *
 * @example
 * ```ts
 * io.out(renderReport(report, createPalette(false)));
 * ```
 */
export function renderReport(report: VerificationReport, c: Palette): string {
  const text = formatReport(report);
  if (!c.enabled) return text;
  return text
    .replace(/\[PASS\]/g, c.green('[PASS]'))
    .replace(/\[FAIL\]/g, c.red('[FAIL]'))
    .replace(/\[WARN\]/g, c.yellow('[WARN]'))
    .replace(/\[SKIP\]/g, c.dim('[SKIP]'))
    .replace(/\bVALID\b/g, c.bold(c.green('VALID')))
    .replace(/\bINVALID\b/g, c.bold(c.red('INVALID')))
    .replace(/\bWARNING\b/g, c.bold(c.yellow('WARNING')));
}
