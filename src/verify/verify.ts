/** `verify()` and `verifyCredential()`: the public entry points. */
import { hasPngSignature } from '../bake/signatures.js';
import type { UnbakeResult } from '../bake/types.js';
import { fromUtf8 } from '../internal/bytes.js';
import { isObject } from '../internal/json.js';
import { onDemand } from '../internal/lazy.js';
import { decodeUtf8 } from '../internal/text.js';
import { typesOf } from './checks/util.js';
import { assertInputType, type DecodedInput, decodeText, fail, fromObject } from './input.js';
import { asCredentialInput, makeReport, verifyDecoded } from './pipeline.js';
import { createRunState, errorCode, errorMessage, type RunState } from './state.js';
import type { CheckResult, VerificationReport, VerifyOptions } from './types.js';

/** The image decoders, loaded when the input is a PNG or an SVG. */
const imageCode = /* @__PURE__ */ onDemand(() =>
  Promise.all([import('../bake/read.js'), import('../bake/ob2.js')]).then(([read, ob2]) => ({
    looksLikeSvg: read.looksLikeSvg,
    unbakeBadge: read.readBadge,
    readBakedOb2: ob2.readBakedOb2,
  })),
);
type ImageCode = Awaited<ReturnType<typeof imageCode>>;

/**
 * `'png'` or `'svg'` when `sniffFormat` says the input is one, else `undefined`, by the same
 * rules; the SVG test (the XML scanner) is loaded only for text that starts with `<`.
 */
export async function imageKind(input: string | Uint8Array): Promise<'png' | 'svg' | undefined> {
  if (input instanceof Uint8Array && hasPngSignature(input)) return 'png';
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('<')) return undefined;
  return (await imageCode()).looksLikeSvg(t) ? 'svg' : undefined;
}

/** Detect the input's form and decode it (internal). */
export async function decodeAny(
  input: string | Uint8Array | object,
  state: RunState,
): Promise<DecodedInput> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size > state.limits.maxInputBytes) {
      return fail(
        'json',
        'input_too_large',
        `The input is larger than limits.maxInputBytes (${state.limits.maxInputBytes})`,
      );
    }
    const kind = await imageKind(input);
    if (kind !== undefined) return decodeImage(input, kind, state, await imageCode());
    let text: string;
    if (typeof input === 'string') text = input;
    else {
      try {
        text = fromUtf8(input);
      } catch {
        return fail('json', 'encoding_invalid', 'The input bytes are not valid UTF-8');
      }
    }
    return decodeText(text, undefined, state);
  }
  return fromObject(input, 'json', state);
}

const IMAGE_CODES: Record<string, string> = {
  ERR_BAKE_NO_CREDENTIAL: 'image_no_credential',
  ERR_BAKE_PAYLOAD: 'image_payload_invalid',
  ERR_IMAGE_TOO_LARGE: 'input_too_large',
  ERR_BAKE_AMBIGUOUS: 'image_ambiguous',
};

/** Take the credential out of a baked PNG or SVG (with `unbakeBadge`) and decode it. */
function decodeImage(
  input: string | Uint8Array,
  kind: 'png' | 'svg',
  state: RunState,
  code: ImageCode,
): DecodedInput {
  let found: UnbakeResult;
  try {
    found = code.unbakeBadge(
      input,
      { maxImageBytes: state.limits.maxInputBytes },
      { maxJsonDepth: state.limits.maxJsonDepth },
    );
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined || !code.startsWith('ERR_')) throw e;
    // JSON text refused before parsing: the code JSON text given directly would get.
    const reason = (e as { details?: { reason?: unknown } }).details?.reason;
    const reported = typeof reason === 'string' ? reason : IMAGE_CODES[code];
    return fail(kind, reported ?? 'image_invalid', errorMessage(e));
  }
  if (found.version === 'ob2') return decodeOb2Image(input, kind, state, code);
  // The baked text itself, so that JSON text gets the same checks as JSON given directly (one
  // member name twice in an object is refused, not read last-wins).
  const decoded = decodeText(found.jwt ?? found.text, kind, state);
  if (decoded.presentation) {
    // One credential an image: a presentation holds any number (unbakeBadge refuses it too).
    return fail(
      kind,
      'image_payload_invalid',
      `The ${kind.toUpperCase()} carries a verifiable presentation; an image carries one credential`,
    );
  }
  // A CLR travels under its own carrier (clrcredential, <clr:credential>), a badge under its own.
  const clr =
    isObject(decoded.document) && typesOf(decoded.document.type).includes('ClrCredential');
  if (decoded.document && clr !== (found.version === 'clr')) {
    decoded.checks.push({
      id: 'parse',
      outcome: 'warn',
      code: 'image_carrier_mismatch',
      message:
        found.version === 'clr'
          ? `The ${kind.toUpperCase()} carries it as a CLR 2.0 record, but it is not a ClrCredential`
          : `The ${kind.toUpperCase()} carries a ClrCredential where an Open Badges 3.0 credential goes; CLR readers look for the CLR 2.0 carrier`,
    });
  }
  if (found.compressed && decoded.checks.every((c) => c.outcome !== 'fail')) {
    decoded.checks.push({
      id: 'parse',
      outcome: 'warn',
      code: 'image_chunk_compressed',
      message: 'The iTXt chunk is compressed; Open Badges 3.0 says compression MUST NOT be used',
    });
  }
  return decoded;
}

/**
 * An image baked with an Open Badges 2.0 assertion: its hosted URL (with the SVG's JSON copy),
 * its JSON, or its JWS, handed to Open Badges 2.0 verification.
 */
function decodeOb2Image(
  input: string | Uint8Array,
  kind: 'png' | 'svg',
  state: RunState,
  code: ImageCode,
): DecodedInput {
  let baked: ReturnType<ImageCode['readBakedOb2']>;
  try {
    baked = code.readBakedOb2(input, { maxImageBytes: state.limits.maxInputBytes });
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined || !code.startsWith('ERR_')) throw e;
    return fail(kind, IMAGE_CODES[code] ?? 'image_invalid', errorMessage(e));
  }
  if (!baked) return fail(kind, 'image_invalid', 'The Open Badges 2.0 assertion could not be read');
  const checks: CheckResult[] = baked.compressed
    ? [
        {
          id: 'parse',
          outcome: 'warn',
          code: 'image_chunk_compressed',
          message: 'The iTXt chunk is compressed; the baking specification says it must not be',
        },
      ]
    : [];
  if (baked.jws !== undefined) {
    const decoded = decodeText(baked.jws, kind, state);
    return { ...decoded, checks: [...checks, ...decoded.checks] };
  }
  let copy: DecodedInput | undefined;
  if (baked.json !== undefined) {
    copy = decodeText(baked.json, kind, state);
    if (copy.checks.some((c) => c.outcome === 'fail')) return copy;
    if (copy.ob2?.kind !== 'json') {
      return fail(
        kind,
        'image_payload_invalid',
        `${baked.where} holds JSON that is not an Open Badges 2.0 assertion`,
      );
    }
  }
  const assertion = copy?.ob2?.kind === 'json' ? copy.ob2.assertion : undefined;
  const ob2 =
    baked.url !== undefined
      ? { kind: 'url' as const, url: baked.url, ...(assertion ? { copy: assertion } : {}) }
      : assertion
        ? { kind: 'json' as const, assertion }
        : undefined;
  if (!ob2) return fail(kind, 'image_payload_invalid', `${baked.where} holds no assertion`);
  return { format: kind, presentation: false, checks, ob2 };
}

/**
 * Verify an Open Badges 3.0 credential in any form — a credential object, JSON text, a compact
 * VC-JWT, a baked PNG (bytes) or SVG (text or bytes), or a verifiable presentation — following
 * the Open Badges 3.0 verification algorithm, and return a report. An Open Badges 2.0 assertion
 * (its JSON, a signed JWS, a baked image, or a hosted assertion's URL) is verified by the 2.0
 * rules in the same report shape, with `report.ob2` (see `ob3kit/ob2`). Nothing is fetched unless
 * `options.fetch` is given; a check that needs a document it cannot get is reported as `skip`
 * or `warn` with a code, never as a pass. A bad credential never makes it throw; misuse of the
 * API (for example `verify(42)`) throws `TypeError`.
 *
 * @param input The credential, in any supported format.
 * @param options Clock, network, documents, recipient, limits.
 * @returns The verification report.
 * @example
 * ```ts
 * import { verify, formatReport } from 'ob3kit/verify';
 * const report = await verify(pngBytes, { now: new Date(), recipient: 'learner@example.com' });
 * if (report.verdict === 'invalid') console.log(formatReport(report));
 * ```
 */
export async function verify(input: unknown, options?: VerifyOptions): Promise<VerificationReport> {
  return run(input, options, undefined);
}

/**
 * Check the input's type, make the run's state and decode the input; anything unexpected while
 * decoding is an `internal_error` entry (`verify()` and `verifyOb2()` start here).
 *
 * @internal
 */
export async function readInput(
  input: unknown,
  options: VerifyOptions | undefined,
): Promise<{ state: RunState; decoded: DecodedInput }> {
  assertInputType(input);
  const state = createRunState(options);
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  try {
    return { state, decoded: await decodeAny(bytes as string | Uint8Array | object, state) };
  } catch (e) {
    const message = `Unexpected error while reading the input: ${errorMessage(e)}`;
    return { state, decoded: fail('json', 'internal_error', message) };
  }
}

/**
 * Decode and verify. `asCredential`: the caller expects a credential, so a presentation is
 * verified as one (and fails closed: `type_role_mismatch`), never as a presentation.
 */
async function run(
  input: unknown,
  options: VerifyOptions | undefined,
  asCredential: true | undefined,
): Promise<VerificationReport> {
  const read = await readInput(input, options);
  const { state } = read;
  let { decoded } = read;
  if (asCredential) decoded = asCredentialInput(decoded);
  try {
    return await verifyDecoded(decoded, state);
  } catch (e) {
    return makeReport(
      decoded,
      [
        ...decoded.checks,
        {
          id: 'verify',
          outcome: 'fail',
          code: 'internal_error',
          message: `Unexpected error: ${errorMessage(e)}`,
        },
      ],
      state.policy,
    );
  }
}

/**
 * Verify an already-parsed credential object: {@link verify} without format detection, in the
 * role of a credential. A presentation passed here is verified as a credential and fails
 * (`type_role_mismatch`): use {@link verify} or `verifyPresentation` for presentations. Throws
 * `TypeError` when `credential` is not an object.
 *
 * @example
 * ```ts
 * import { verifyCredential } from 'ob3kit/verify';
 * const report = await verifyCredential(signedCredential, { documents: { [statusListUrl]: list } });
 * console.log(report.verdict); // 'valid' | 'warning' | 'invalid'
 * ```
 */
export async function verifyCredential(
  credential: object,
  options?: VerifyOptions,
): Promise<VerificationReport> {
  if (!isObject(credential)) {
    throw new TypeError('verifyCredential: expected a credential object');
  }
  return run(credential, options, true);
}
