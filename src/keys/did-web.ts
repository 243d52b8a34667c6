/**
 * did:web identifiers: the grammar of the did:web method specification, and nothing looser,
 * and the https URL of a DID's document.
 */
import { KeyError } from '../errors.js';

/** Longest did:web DID accepted, in characters. */
const MAX_DID_WEB_LENGTH = 2048;

/** One DNS label: letters, digits and inner hyphens, 1 to 63 characters, lower case. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A path segment: DID Core `idchar` without percent-encoding. */
const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * A did:web DID taken apart: its host (lower case, ASCII; IDNA names in punycode), its port
 * when one is given, and its path segments.
 *
 * @example
 * ```ts
 * import { parseDidWeb } from 'ob3kit/keys';
 * parseDidWeb('did:web:example.com%3A8443:users:alice');
 * // { host: 'example.com', port: 8443, path: ['users', 'alice'], url: 'https://example.com:8443/users/alice/did.json' }
 * ```
 */
export interface DidWebParts {
  host: string;
  port?: number;
  path: string[];
  /** The https URL of the DID document. */
  url: string;
}

/**
 * Take a did:web DID apart, following the did:web method specification exactly:
 * `did:web:` host [`%3A` port] *(`:` segment), where
 *
 * - the host is a domain name (RFC 1035/1123 labels: letters, digits, inner hyphens, 1–63
 *   characters each, at most 253 in all), in lower case, ASCII only (internationalised names in
 *   their punycode `xn--` form), and not an IP address (the specification forbids them);
 * - the port follows `%3A` (the only percent-encoding allowed; upper-case hex), as 1–65535
 *   without leading zeros;
 * - each path segment is one or more DID Core `idchar`s (`A-Z a-z 0-9 . - _`), never `.` or
 *   `..`, never empty, never percent-encoded.
 *
 * A DID URL part (`/path`, `?query`, `#fragment`) is not part of the DID and is refused here.
 * Anything else throws `KeyError` `ERR_DID_INVALID` with `details.reason`.
 *
 * @example
 * ```ts
 * import { parseDidWeb } from 'ob3kit/keys';
 * parseDidWeb('did:web:w3c-ccg.github.io:user:alice').url; // 'https://w3c-ccg.github.io/user/alice/did.json'
 * parseDidWeb('did:web:example.com:%2e%2e'); // throws ERR_DID_INVALID (reason 'path')
 * ```
 */
export function parseDidWeb(did: string): DidWebParts {
  if (typeof did !== 'string') throw new TypeError('parseDidWeb(did): did must be a string');
  const fail = (reason: string, why: string): never => {
    throw new KeyError('ERR_DID_INVALID', `Malformed did:web "${shorten(did)}": ${why}`, {
      did: shorten(did),
      reason,
    });
  };
  if (did.length > MAX_DID_WEB_LENGTH) {
    fail('length', `longer than ${MAX_DID_WEB_LENGTH} characters`);
  }
  if (!did.startsWith('did:web:')) fail('method', 'it does not start with "did:web:"');
  const id = did.slice('did:web:'.length);
  const [authority = '', ...path] = id.split(':');

  let hostText = authority;
  let port: number | undefined;
  const pct = authority.indexOf('%');
  if (pct >= 0) {
    const portText = authority.slice(pct + 3);
    if (authority.slice(pct, pct + 3) !== '%3A') {
      fail(
        'percent_encoding',
        `only the port colon may be percent-encoded, as "%3A"; found "${authority.slice(pct, pct + 3)}" in the host`,
      );
    }
    if (!/^[1-9][0-9]{0,4}$/.test(portText) || Number(portText) > 65535) {
      fail(
        'port',
        `the port after "%3A" must be a number from 1 to 65535 without leading zeros, found "${shorten(portText)}"`,
      );
    }
    hostText = authority.slice(0, pct);
    port = Number(portText);
  }
  if (hostText.length === 0) fail('host', 'the host is empty');
  if (hostText.length > 253) fail('host', 'the host is longer than 253 characters');
  if (hostText !== hostText.toLowerCase()) {
    fail('host_case', `the host "${shorten(hostText)}" must be written in lower case`);
  }
  const labels = hostText.split('.');
  for (const label of labels) {
    if (!LABEL.test(label)) {
      fail(
        'host',
        label === ''
          ? `the host "${shorten(hostText)}" has an empty label`
          : `"${shorten(label)}" is not a domain name label (letters, digits and inner hyphens, at most 63)`,
      );
    }
  }
  const last = labels[labels.length - 1] as string;
  if (/^(?:[0-9]+|0x[0-9a-f]*)$/.test(last)) {
    fail('ip_address', `"${shorten(hostText)}" is an IP address; did:web names a domain`);
  }
  // IDNA: an xn-- label must be valid punycode; the URL parser applies UTS 46 and would
  // change or refuse a bad one.
  let canonical: string | undefined;
  try {
    canonical = new URL(`https://${hostText}`).hostname;
  } catch {
    canonical = undefined;
  }
  if (canonical !== hostText) fail('host', `"${shorten(hostText)}" is not a valid domain name`);

  for (const segment of path) {
    if (segment === '') fail('path', 'a path segment is empty');
    if (segment === '.' || segment === '..') {
      fail('path', `the path segment "${segment}" is not allowed`);
    }
    if (!SEGMENT.test(segment)) {
      fail(
        segment.includes('%') ? 'percent_encoding' : 'path',
        `the path segment "${shorten(segment)}" may only hold letters, digits, ".", "-" and "_" (no percent-encoding)`,
      );
    }
  }
  const origin = `https://${hostText}${port === undefined ? '' : `:${port}`}`;
  const url =
    path.length === 0 ? `${origin}/.well-known/did.json` : `${origin}/${path.join('/')}/did.json`;
  return { host: hostText, ...(port === undefined ? {} : { port }), path, url };
}

/**
 * The https URL of a did:web DID's document: `did:web:example.com` →
 * `https://example.com/.well-known/did.json`; `did:web:example.com:user:alice` →
 * `https://example.com/user/alice/did.json`; `did:web:example.com%3A8443` →
 * `https://example.com:8443/.well-known/did.json`. The DID must follow the did:web grammar
 * ({@link parseDidWeb}), else `KeyError` `ERR_DID_INVALID`.
 *
 * @example
 * ```ts
 * import { didWebToUrl } from 'ob3kit/keys';
 * didWebToUrl('did:web:example.com:issuers:1'); // 'https://example.com/issuers/1/did.json'
 * ```
 */
export function didWebToUrl(did: string): string {
  if (typeof did !== 'string') throw new TypeError('didWebToUrl(did): did must be a string');
  return parseDidWeb(did).url;
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
