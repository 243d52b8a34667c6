/** Builders for a Profile (issuer, creator, endorser, ...) and its address. */
import { build } from './engine.js';
import type { AddressInput, BuildOptions, GeoCoordinatesInput, ProfileInput } from './inputs.js';
import type { Address, GeoCoordinates, Profile } from './types.generated.js';

/**
 * Build a Profile: `type` gets `'Profile'` (first; other types kept). `id` is required: a Profile
 * names an existing entity (an issuer's DID or URL), so none is invented. `dateOfBirth` may be a
 * `Date` (written `YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * import { createProfile } from 'ob3kit/model';
 * const issuer = createProfile({
 *   id: 'https://example.com/issuers/876543',
 *   name: 'Example Corp',
 *   email: 'info@example.com',
 * });
 * console.log(issuer.type); // ['Profile']
 * ```
 */
export function createProfile(subject: ProfileInput, options?: BuildOptions): Profile {
  return build('createProfile', 'Profile', subject, options);
}

/**
 * Build an Address: `type` gets `'Address'`; `geo` is built as GeoCoordinates.
 *
 * @example
 * ```ts
 * import { createAddress } from 'ob3kit/model';
 * const address = createAddress({ streetAddress: '123 First St', addressLocality: 'Austin', addressCountryCode: 'US' });
 * console.log(address.type); // ['Address']
 * ```
 */
export function createAddress(subject: AddressInput, options?: BuildOptions): Address {
  return build('createAddress', 'Address', subject, options);
}

/**
 * Build GeoCoordinates: `type` is `'GeoCoordinates'`; `latitude` and `longitude` are required
 * finite numbers.
 *
 * @example
 * ```ts
 * import { createGeoCoordinates } from 'ob3kit/model';
 * const geo = createGeoCoordinates({ latitude: 30.27, longitude: -97.74 });
 * console.log(geo.type); // 'GeoCoordinates'
 * ```
 */
export function createGeoCoordinates(
  subject: GeoCoordinatesInput,
  options?: BuildOptions,
): GeoCoordinates {
  return build('createGeoCoordinates', 'GeoCoordinates', subject, options);
}
