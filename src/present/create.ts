/** Building a verifiable presentation. */
import { isObject } from '../internal/json.js';
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../internal/urls.js';
import type { CreatePresentationOptions } from './types.js';

/**
 * The media type of a JWT-secured credential in an `EnvelopedVerifiableCredential`'s `data:` URL
 * (VC-JOSE-COSE).
 *
 * @example
 * ```ts
 * import { VC_JWT_MEDIA_TYPE } from 'ob3kit/present';
 * const id = `data:${VC_JWT_MEDIA_TYPE},${jwt}`; // 'data:application/vc+jwt,eyJ...'
 * ```
 */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

/**
 * Build an unsigned verifiable presentation holding credentials.
 *
 * VC 2.0 form (default): `@context` `https://www.w3.org/ns/credentials/v2`, `type`
 * `VerifiablePresentation`; a credential given as a JWT string is embedded as an
 * `EnvelopedVerifiableCredential` whose `id` is `data:application/vc+jwt,<jwt>` (VC Data Model
 * 2.0 section 4.13, VC-JOSE-COSE). VC 1.1 form (`version: '1.1'`): JWT strings go into
 * `verifiableCredential` as they are, as VC-JWT 1.1 presentations carry them (sign such a
 * presentation with `signPresentationJwt`). Credentials are copied, never changed.
 *
 * Throws `TypeError` for misuse (no `credentials` array, an entry that is neither an object nor
 * a compact JWT string, a non-string `holder` or `id`).
 *
 * @example
 * ```ts
 * import { createPresentation } from 'ob3kit/present';
 * const vp = createPresentation({ holder: 'did:key:z6Mk...', credentials: [signedCredential, jwt] });
 * vp.verifiableCredential[1]; // { '@context': '...v2', type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,eyJ...' }
 * ```
 */
export function createPresentation(options: CreatePresentationOptions): Record<string, unknown> {
  const fn = 'createPresentation(options)';
  if (!isObject(options)) throw new TypeError(`${fn}: options must be an object with credentials`);
  const { holder, credentials, id } = options;
  const version = options.version ?? '2.0';
  if (version !== '2.0' && version !== '1.1')
    throw new TypeError(`${fn}: options.version must be '2.0' or '1.1'`);
  if (!Array.isArray(credentials))
    throw new TypeError(`${fn}: options.credentials must be an array of credentials or JWTs`);
  if (holder !== undefined && (typeof holder !== 'string' || holder === ''))
    throw new TypeError(`${fn}: options.holder must be a non-empty string`);
  if (id !== undefined && (typeof id !== 'string' || id === ''))
    throw new TypeError(`${fn}: options.id must be a non-empty string`);

  const embedded = credentials.map((c, i) => {
    if (typeof c === 'string') {
      if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(c))
        throw new TypeError(`${fn}: options.credentials[${i}] is a string but not a compact JWT`);
      return version === '2.0'
        ? {
            '@context': VC_V2_CONTEXT,
            type: 'EnvelopedVerifiableCredential',
            id: `data:${VC_JWT_MEDIA_TYPE},${c}`,
          }
        : c;
    }
    if (!isObject(c))
      throw new TypeError(`${fn}: options.credentials[${i}] must be a credential object or a JWT`);
    return JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
  });

  const vp: Record<string, unknown> = {
    '@context': [version === '2.0' ? VC_V2_CONTEXT : VC_V1_CONTEXT],
    type: ['VerifiablePresentation'],
  };
  if (id !== undefined) vp.id = id;
  if (holder !== undefined) vp.holder = holder;
  vp.verifiableCredential = embedded;
  return vp;
}
