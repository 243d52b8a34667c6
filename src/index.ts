/**
 * ob3kit: Open Badges 3.0 on W3C Verifiable Credentials.
 *
 * The curated root export. Capability subpaths (`ob3kit/model`, `ob3kit/proof`, ...) export more.
 *
 * @packageDocumentation
 */
export * from './errors.js';
