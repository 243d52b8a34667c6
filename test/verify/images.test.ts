/** verify() on baked PNG and SVG badges (baked in the test with bakeBadge; real signatures). */
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge } from '../../src/bake/index.js';
import { verify } from '../../src/verify/index.js';
import { codes, forbiddenFetch, outcomes } from './helpers.js';
import { credentialFrom, makeIssuer, signDi, signJwt, type TestIssuer } from './signed-helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
/** A 1x1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
});

describe('baked badges', () => {
  it('PNG with a JSON credential (Data Integrity) and with a VC-JWT', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const r = await verify(bakeBadge(PNG, signed), { now: NOW, fetch: forbiddenFetch as never });
    expect(r.format).toBe('png');
    expect(r.credential).toEqual(signed);
    expect(outcomes(r, 'proof')).toEqual(['pass']);
    expect(r.verdict).toBe('valid');

    const jwt = await signJwt(credentialFrom(issuer), issuer);
    const r2 = await verify(bakeBadge(PNG, jwt), { now: NOW });
    expect(r2.format).toBe('png');
    expect(outcomes(r2, 'proof')).toEqual(['pass']);
    expect(r2.verdict).toBe('valid');
  });
  it('SVG as text and as bytes, JSON and JWT', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    const bakedSvg = bakeBadge(SVG, signed);
    const r = await verify(bakedSvg, { now: NOW });
    expect(r.format).toBe('svg');
    expect(r.verdict).toBe('valid');
    const r2 = await verify(new TextEncoder().encode(bakedSvg), { now: NOW });
    expect(r2.format).toBe('svg');
    expect(r2.verdict).toBe('valid');
    const jwt = await signJwt(credentialFrom(issuer), issuer);
    const r3 = await verify(bakeBadge(SVG, jwt), { now: NOW });
    expect(r3.format).toBe('svg');
    expect(outcomes(r3, 'proof')).toEqual(['pass']);
  });
  it('a tampered baked credential is invalid', async () => {
    const signed = await signDi(credentialFrom(issuer), issuer);
    signed.name = 'Changed after signing';
    const r = await verify(bakeBadge(PNG, signed), { now: NOW });
    expect(codes(r, 'proof')).toEqual(['proof_signature_invalid']);
    expect(r.verdict).toBe('invalid');
  });
  it('an image with nothing baked, or a broken image, is a parse failure', async () => {
    const plain = await verify(PNG, { now: NOW });
    expect(plain.format).toBe('png');
    expect(codes(plain, 'parse')).toEqual(['image_no_credential']);
    expect(plain.verdict).toBe('invalid');
    expect(codes(await verify(SVG, { now: NOW }), 'parse')).toEqual(['image_no_credential']);
    const broken = PNG.slice(0, 20);
    const r = await verify(broken, { now: NOW });
    expect(r.format).toBe('png');
    expect(outcomes(r, 'parse')).toEqual(['fail']);
  });
});
