/** The progress view of `ob3kit pathway check`: a tree with ticks, a bar, what satisfied what. */
import type { CredentialRef, PathwayEvaluation, RequirementResult } from '../pathway/index.js';
import type { Palette } from './color.js';

const BAR = 24;

/**
 * A progress bar of `ratio` (0..1), 24 cells wide, coloured when the palette is.
 *
 * @example
 * ```ts
 * progressBar(0.5, createPalette(false)); // '████████████░░░░░░░░░░░░'
 * ```
 */
export function progressBar(ratio: number, c: Palette): string {
  const full = Math.round(Math.max(0, Math.min(1, ratio)) * BAR);
  return `${c.green('█'.repeat(full))}${c.dim('░'.repeat(BAR - full))}`;
}

function percent(ratio: number): string {
  return `${Math.floor(ratio * 100 + 1e-9)}%`;
}

function amount(r: RequirementResult): string {
  const p = r.progress;
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  return `${n(p.achieved)}/${n(p.required)}${p.unit === 'credits' ? ' credits' : ''}`;
}

/**
 * Render an evaluation for a person. `labels[i]` names the input behind credential `i` (its
 * file, and its place in a presentation or CLR).
 *
 * @example
 * ```ts
 * io.out(renderPathway(evaluation, ['sql.json', 'stats.png'], createPalette(false)));
 * ```
 */
export function renderPathway(
  evaluation: PathwayEvaluation,
  labels: readonly string[],
  c: Palette,
  destination?: string,
): string {
  const lines: string[] = [];
  const name = (ref: CredentialRef) => labels[ref.index] ?? `#${ref.index + 1}`;
  const tick = (met: boolean) => (met ? c.green('✓') : c.red('✗'));
  const p = evaluation.progress;
  lines.push(`${c.bold(evaluation.pathway.name)}${destination ? c.dim(`  → ${destination}`) : ''}`);
  lines.push(
    `${progressBar(p.ratio, c)} ${c.bold(percent(p.ratio))}  ${evaluation.met ? c.green(c.bold('MET')) : c.yellow('not met yet')}`,
  );
  lines.push('');
  const walk = (r: RequirementResult, indent: string) => {
    const head = `${indent}${tick(r.met)} ${r.label}`;
    const pad = Math.max(2, 48 - indent.length - r.label.length);
    lines.push(`${head}${' '.repeat(pad)}${c.dim(amount(r))}`);
    if (r.kind === 'achievement') {
      for (const s of r.satisfiedBy) {
        const what = [s.achievementName, s.issuerName ?? s.issuer].filter(Boolean).join(', ');
        lines.push(`${indent}    ${c.green('←')} ${name(s)}${what ? c.dim(` (${what})`) : ''}`);
      }
      for (const x of r.rejected ?? []) {
        lines.push(
          `${indent}    ${c.red('×')} ${name(x.credential)}: ${c.yellow(x.reason)} ${c.dim(x.message)}`,
        );
      }
    }
    for (const ch of r.children ?? []) walk(ch, `${indent}  `);
  };
  walk(evaluation.requirement, '');
  if (evaluation.missing.length > 0) {
    lines.push('');
    lines.push(c.bold('Still needed'));
    for (const m of evaluation.missing) {
      lines.push(`  • ${m.needed}${m.options.length > 0 ? `: ${m.options.join(' | ')}` : ''}`);
    }
  }
  if (evaluation.credentials.length > 0) {
    lines.push('');
    lines.push(c.bold('Credentials'));
    for (const s of evaluation.credentials) {
      const what = s.achievementName ?? s.name ?? s.id ?? '';
      lines.push(
        `  ${tick(s.counts)} ${name(s)}${what ? `  ${what}` : ''}${s.counts ? '' : `  ${c.yellow(s.reason ?? '')}: ${c.dim(s.message ?? '')}`}`,
      );
    }
  }
  if (evaluation.learner) {
    lines.push('');
    lines.push(
      c.dim(
        `Learner: ${evaluation.learner.id ?? `${evaluation.learner.identifier?.length ?? 0} identifier(s)`}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
