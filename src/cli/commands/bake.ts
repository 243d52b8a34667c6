/** `ob3kit bake` and `ob3kit unbake`: put a credential into a badge image, or take it out. */
import { bakeBadge, unbakeBadge } from '../../bake/index.js';
import { parseJsonText as parseBounded } from '../../jsonld/index.js';
import { readBakedOb2 } from '../../ob2/index.js';
import { type Command, requireOpt, stringOpt } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { bytesToText, emit, parseJsonText, readInput, writeOutput } from '../io.js';

/**
 * Read a credential file for baking: a JSON object, or a compact JWT as text.
 *
 * @example
 * ```ts
 * const credential = await readCredentialForBaking(io, 'signed.json');
 * ```
 */
async function readCredential(
  io: Parameters<typeof readInput>[0],
  file: string,
): Promise<Record<string, unknown> | string> {
  const text = bytesToText(await readInput(io, file, 'credential')).trim();
  if (text.startsWith('{')) {
    return parseJsonText(text, `credential '${file}'`) as Record<string, unknown>;
  }
  return text;
}

function tryJson(text: string): unknown {
  const parsed = parseBounded(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Why a credential is not signed, or `undefined` when it carries a signature. */
function unsignedReason(credential: Record<string, unknown> | string): string | undefined {
  if (typeof credential === 'string') {
    const parts = credential.split('.');
    if (parts.length !== 3) return 'neither a JSON credential nor a compact JWT';
    return parts[2] === '' ? 'a JWT without a signature' : undefined;
  }
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const signed = proofs.some(
    (p) =>
      typeof p === 'object' &&
      p !== null &&
      (typeof (p as { proofValue?: unknown }).proofValue === 'string' ||
        typeof (p as { jws?: unknown }).jws === 'string'),
  );
  if (signed) return undefined;
  return credential.proof === undefined ? 'it has no proof' : 'its proof holds no signature';
}

/**
 * The `bake` command.
 *
 * @example
 * ```ts
 * // ob3kit bake badge.png signed.json -o baked.png
 * await runCli(['bake', 'badge.png', 'signed.json', '-o', 'baked.png']);
 * ```
 */
export const bakeCommand: Command = {
  name: 'bake',
  summary: 'Embed a signed credential into a PNG or SVG badge image',
  usage: ['bake <image> <credential> -o <out> [--force]'],
  description: [
    'Embeds the credential (JSON, or a JWT text file) as the Open Badges 3.0 baking rules say:',
    "a PNG 'iTXt' chunk with keyword 'openbadgecredential', or an SVG <openbadges:credential>.",
    'An unsigned credential (no proof, or a JWT without a signature) is refused: a baked badge',
    'is shared as proof of an achievement and must be verifiable. --force bakes it anyway.',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o', value: '<out>', description: 'The baked image to write' },
    force: { type: 'boolean', description: 'Bake even an unsigned credential' },
  },
  positionals: { min: 2, max: 2, names: '<image> and <credential>' },
  examples: ['ob3kit bake badge.png signed.json -o baked.png'],
  async run({ values, positionals, io, name }) {
    const out = requireOpt(values, 'output', name);
    const image = await readInput(io, positionals[0] as string, 'image');
    const credential = await readCredential(io, positionals[1] as string);
    const unsigned = unsignedReason(credential);
    if (unsigned !== undefined && values.force !== true) {
      throw new UsageError(
        `'${positionals[1]}' is not signed (${unsigned}); a baked badge must carry a signed credential`,
        "Sign it first with 'ob3kit issue', or pass --force to bake it anyway.",
      );
    }
    const baked = bakeBadge(image, credential);
    const full = writeOutput(io, out, baked);
    io.err(`Wrote ${full}\n`);
    return EXIT_OK;
  },
};

/**
 * The `unbake` command.
 *
 * @example
 * ```ts
 * // ob3kit unbake baked.png > credential.json
 * await runCli(['unbake', 'baked.png']);
 * ```
 */
export const unbakeCommand: Command = {
  name: 'unbake',
  summary: 'Print the credential baked into a PNG or SVG badge image',
  usage: ['unbake <image> [-o <file>]'],
  options: {
    output: { type: 'string', short: 'o', value: '<file>', description: 'Write it here' },
  },
  positionals: { min: 1, max: 1, names: '<image>' },
  examples: ['ob3kit unbake baked.png > credential.json'],
  async run({ values, positionals, io }) {
    const image = await readInput(io, positionals[0] as string, 'image');
    const found = unbakeBadge(image);
    if (found.version === 'ob2') {
      // An Open Badges 2.0 assertion: its JSON when baked (the SVG hosted form has both), else its
      // JWS or hosted URL.
      const baked = readBakedOb2(image);
      const form = baked?.jws
        ? 'signed, a JWS'
        : baked?.url
          ? `hosted at ${baked.url}`
          : 'its JSON';
      io.err(
        `ob3kit unbake: '${positionals[0]}' holds an Open Badges 2.0 assertion (${form}); 'ob3kit verify' checks it, 'ob3kit upgrade' makes an Open Badges 3.0 credential of it.\n`,
      );
      const json = baked?.json === undefined ? undefined : tryJson(baked.json);
      const text = json
        ? `${JSON.stringify(json, null, 2)}\n`
        : `${baked?.jws ?? baked?.url ?? found.text}\n`;
      emit(io, stringOpt(values, 'output'), text);
      return EXIT_OK;
    }
    if (found.version === 'clr') {
      io.err(
        `ob3kit unbake: '${positionals[0]}' holds a CLR 2.0 record (${found.kind}); 'ob3kit verify' checks it and each credential it bundles.\n`,
      );
    }
    const text = found.credential
      ? `${JSON.stringify(found.credential, null, 2)}\n`
      : `${found.jwt ?? found.text}\n`;
    emit(io, stringOpt(values, 'output'), text);
    return EXIT_OK;
  },
};
