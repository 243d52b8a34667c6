/** `ob3kit validate`: JSON Schema validation only, with located issues. */
import { unbakeBadge } from '../../bake/index.js';
import { validateCredential } from '../../schema/index.js';
import { createPalette, shouldColor } from '../color.js';
import type { Command } from '../command.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js';
import { bytesToText, parseJsonText, readInput } from '../io.js';

/**
 * The `validate` command.
 *
 * @example
 * ```ts
 * // ob3kit validate unsigned.json
 * await runCli(['validate', 'unsigned.json']);
 * ```
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a credential against the Open Badges 3.0 JSON Schema (no proof check)',
  usage: ['validate <file|-> [--lenient] [--json]'],
  description: [
    'Validates the JSON (or the credential baked into a PNG/SVG) against the schema only and',
    'lists every issue with its JSON path. Exit code 1 when there are issues. The strict (2024)',
    'schemas are the default; --lenient accepts what JSON-LD compaction produces, such as a',
    'single proof object where the strict schema has an array.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'Print { ok, issues } as JSON' },
    lenient: {
      type: 'boolean',
      description:
        'Accept JSON-LD compacted forms (single values for arrays), as 1EdTech JSON-LD schemas do',
    },
  },
  positionals: { min: 1, max: 1, names: '<file> (or - for stdin)' },
  examples: ['ob3kit validate unsigned.json'],
  async run({ values, positionals, io }) {
    const file = positionals[0] as string;
    const bytes = await readInput(io, file, 'credential');
    let credential: unknown;
    const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
    const text = isPng ? '' : bytesToText(bytes).trim();
    if (isPng || text.startsWith('<')) {
      const found = unbakeBadge(bytes);
      if (!found.credential) {
        throw new UsageError(
          `the badge '${file}' holds ${found.version === 'ob2' ? 'an Open Badges 2.0 assertion' : 'a JWT'}, not a JSON credential`,
          `Run 'ob3kit verify ${file}' to check it.`,
        );
      }
      credential = found.credential;
    } else if (text.startsWith('{')) {
      credential = parseJsonText(text, `credential '${file}'`);
    } else {
      throw new UsageError(
        `'${file}' is not a JSON credential (validate checks JSON; a JWT is checked by verify)`,
        `Run 'ob3kit verify ${file}' to check a JWT.`,
      );
    }
    const result = validateCredential(credential, { lenient: values.lenient === true });
    if (values.json === true) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const c = createPalette(shouldColor({ isTTY: io.stdoutIsTTY }, io.env));
      if (result.ok) {
        io.out(`${c.green('valid')}: '${file}' matches the Open Badges 3.0 schema\n`);
      } else {
        io.out(`${c.red('invalid')}: ${result.issues.length} issue(s) in '${file}'\n`);
        for (const i of result.issues) io.out(`  ${i.path}: ${i.message} (${i.code})\n`);
      }
    }
    return result.ok ? EXIT_OK : EXIT_INVALID;
  },
};
