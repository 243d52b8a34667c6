/**
 * Presentations use the JWT machinery of `proof/jwt` through its index (one shared envelope with
 * credential JWTs), and that envelope stays out of the public `ob3kit/proof` surface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as proof from '../../src/proof/index.js';
import * as jwtIndex from '../../src/proof/jwt/index.js';

describe('layout', () => {
  it('src/present imports proof/jwt only through its index', () => {
    const dir = path.resolve(__dirname, '../../src/present');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] as string);
      const intoJwt = specifiers.filter((s) => s.includes('proof/jwt/'));
      expect(
        intoJwt.filter((s) => s !== '../proof/jwt/index.js'),
        f,
      ).toEqual([]);
    }
  });

  it('ob3kit/proof exports the credential JWT functions, not the envelope', () => {
    expect(Object.keys(proof)).toEqual(
      expect.arrayContaining(['signCredentialJwt', 'verifyCredentialJwt']),
    );
    for (const internal of [
      'openJwt',
      'verifyJwtKey',
      'prepareJwtSigning',
      'sealJwt',
      'assertRole',
    ])
      expect(Object.keys(proof), internal).not.toContain(internal);
    expect(typeof jwtIndex.openJwt).toBe('function');
  });
});
