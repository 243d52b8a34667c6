/** Terminal colour, only on a terminal and never when NO_COLOR is set (https://no-color.org). */

/**
 * A set of colour functions; each is the identity when colour is off.
 *
 * @example
 * ```ts
 * const c: Palette = createPalette(true);
 * c.green('valid');
 * ```
 */
export interface Palette {
  enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
}

/**
 * Decide whether to colour a stream: it must be a TTY and NO_COLOR must be unset or empty.
 *
 * @example
 * ```ts
 * const c = createPalette(shouldColor(process.stdout, process.env));
 * console.log(c.green('valid'));
 * ```
 */
export function shouldColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') {
    return true;
  }
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * Build a palette; with `enabled` false every function returns its input unchanged.
 *
 * @example
 * ```ts
 * createPalette(false).red('x'); // 'x'
 * ```
 */
export function createPalette(enabled: boolean): Palette {
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
