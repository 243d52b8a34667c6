/**
 * Maps errors raised by jsonld.js and rdf-canonize to ob3kit errors with stable codes. Loaded
 * when such an error is thrown (src/jsonld/canonize.ts): a successful canonicalization does not
 * carry it.
 *
 * @internal
 */
import { JsonLdError, LimitError, Ob3Error } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { abortedError } from './aborted.js';

/** Safe-mode events about a term or IRI that does not expand to an absolute IRI. */
const TERM_EVENTS: Record<string, string> = {
  'invalid property': 'property',
  'relative @type reference': 'type',
  'relative @id reference': 'id',
  'relative @vocab reference': 'vocab',
  'reserved term': 'term',
  'reserved @id value': 'id',
  'reserved @reverse value': 'reverse',
  'relative subject reference': 'subject',
  'relative predicate reference': 'predicate',
  'relative object reference': 'object',
  'relative graph reference': 'graph',
  'blank node predicate': 'property',
};

interface JsonLdJsError {
  name?: unknown;
  message?: unknown;
  details?: {
    code?: unknown;
    term?: unknown;
    url?: unknown;
    cause?: unknown;
    event?: { code?: unknown; message?: unknown; details?: Record<string, unknown> };
  };
  cause?: unknown;
}

function asRecord(e: unknown): JsonLdJsError | undefined {
  return typeof e === 'object' && e !== null ? (e as JsonLdJsError) : undefined;
}

/** Find an ob3kit error (for example the loader's ERR_CONTEXT_UNKNOWN) inside wrapped causes. */
function findOb3Error(e: unknown, depth = 0): Ob3Error | undefined {
  if (e instanceof Ob3Error) return e;
  const r = asRecord(e);
  if (!r || depth > 8) return undefined;
  return findOb3Error(r.details?.cause, depth + 1) ?? findOb3Error(r.cause, depth + 1);
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Most characters of a found value a message shows (the value may be a document's whole string). */
const MAX_FOUND = 200;

/** `text` cut to {@link MAX_FOUND} characters (marked with `...`). */
function shortened(text: string | undefined): string | undefined {
  return text !== undefined && text.length > MAX_FOUND
    ? `${text.slice(0, MAX_FOUND - 3)}...`
    : text;
}

/**
 * Convert anything thrown while turning a document into quads or canonizing them into an
 * ob3kit error.
 */
export function mapJsonLdError(e: unknown, signal?: AbortSignal): Ob3Error {
  const inner = findOb3Error(e);
  if (inner) return inner;
  if (signal?.aborted) return abortedError(signal);

  const r = asRecord(e);
  const name = typeof r?.name === 'string' ? r.name : '';
  const message = typeof r?.message === 'string' ? r.message : String(e);
  const details = r?.details;
  const jsonldCode = typeof details?.code === 'string' ? details.code : undefined;

  // Safe mode: jsonld.js reports the event that would have lost or changed data.
  const event = details?.event;
  if (name === 'jsonld.ValidationError' && event && typeof event.code === 'string') {
    const eventDetails = event.details ?? {};
    const field = TERM_EVENTS[event.code];
    if (field !== undefined) {
      const term = stringOf(eventDetails[field]) ?? '';
      const what = event.code.startsWith('relative ')
        ? `${describeValue(term)} is a relative IRI reference (${event.code}), not an absolute IRI`
        : `${describeValue(term)} is not defined by the document's @context (${event.code})`;
      return new JsonLdError(
        'ERR_JSONLD_UNDEFINED_TERM',
        `JSON-LD safe mode: ${what}, so it would be dropped from or misrepresented in the ` +
          'signed data. Define it in a context, use an absolute IRI, or remove it.',
        { term, event: event.code, ...eventDetails },
        e,
      );
    }
    return new JsonLdError(
      'ERR_JSONLD_SAFE_MODE',
      `JSON-LD safe mode: ${event.code} (${stringOf(event.message) ?? 'data would be lost'}); ` +
        `found ${shortened(stringOf(eventDetails)) ?? 'no details'}`,
      { event: event.code, ...eventDetails },
      e,
    );
  }

  if (jsonldCode === 'protected term redefinition') {
    const term = stringOf(details?.term) ?? '';
    return new JsonLdError(
      'ERR_JSONLD_PROTECTED_TERM',
      `JSON-LD: the protected term ${describeValue(term)} is redefined by a later context; a context may not ` +
        'change the meaning of a term another context protects.',
      { term },
      e,
    );
  }

  if (jsonldCode === 'loading remote context failed' || name === 'jsonld.InvalidUrl') {
    const url = stringOf(details?.url) ?? '';
    return new JsonLdError(
      'ERR_CONTEXT_LOAD',
      `JSON-LD: the document loader failed for "${url}": ${stringOf(asRecord(details?.cause)?.message) ?? message}`,
      { url, jsonldCode },
      e,
    );
  }

  // rdf-canonize guards.
  if (/^Maximum deep iterations exceeded/.test(message)) {
    return new LimitError(
      'ERR_CANONIZE_LIMIT',
      `RDF canonicalization exceeded its work limit (${message}); the document has too many ` +
        'indistinguishable blank nodes. Raise maxWorkFactor only for trusted input.',
      { limit: 'maxWorkFactor' },
      e,
    );
  }
  if (/^Abort signal received/.test(message)) {
    return new Ob3Error('ERR_ABORTED', `Canonicalization aborted: ${message}`, { cause: e });
  }

  if (e instanceof RangeError && /call stack/i.test(message)) {
    return new LimitError(
      'ERR_CANONIZE_LIMIT',
      'JSON-LD processing ran out of stack: the document is nested too deeply (or is not a tree ' +
        'of JSON values, for example an object that contains itself)',
      { limit: 'depth' },
      e,
    );
  }

  return new JsonLdError(
    'ERR_JSONLD',
    `JSON-LD processing failed: ${message}${jsonldCode ? ` (${jsonldCode})` : ''}`,
    { ...(name ? { jsonldError: name } : {}), ...(jsonldCode ? { jsonldCode } : {}) },
    e,
  );
}
