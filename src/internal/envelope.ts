/**
 * The credential an `EnvelopedVerifiableCredential` carries: its `id` is a `data:` URL
 * (RFC 2397) whose media type names the enveloping scheme. ob3kit reads VC-JWTs only, so the
 * media type must be a JWT's and carry no parameter (`;base64` would mean the data is base64 of
 * the JWT, not the JWT). One reading for `verifyPresentation`, `verify()`'s presentations and
 * CLRs, so that no entry point takes what another refuses.
 *
 * @internal
 */

/** The media types of a VC-JWT in an envelope's `data:` URL (compared case-insensitively). */
export const ENVELOPED_JWT_MEDIA_TYPES: readonly string[] = [
  'application/vc+jwt',
  'application/vc-ld+jwt',
  'application/jwt',
];

/** What an envelope's `id` holds. @internal */
export type EnvelopeContent =
  | { jwt: string }
  | { problem: 'not_data_url' }
  | { problem: 'unsupported'; mediaType: string };

/**
 * Read an envelope's `id`: the JWT of a `data:` URL of a JWT media type, or why there is none
 * (`not_data_url`; `unsupported`, with the media type and parameters as written). @internal
 */
export function envelopeContent(id: unknown): EnvelopeContent {
  const m = typeof id === 'string' ? /^data:([^,;]*)((?:;[^,]*)?),(.*)$/s.exec(id) : null;
  if (!m) return { problem: 'not_data_url' };
  const mediaType = m[1] as string;
  const parameters = m[2] as string;
  if (!ENVELOPED_JWT_MEDIA_TYPES.includes(mediaType.toLowerCase()) || parameters !== '') {
    return { problem: 'unsupported', mediaType: `${mediaType}${parameters}` };
  }
  return { jwt: m[3] as string };
}
