/**
 * Presentations use the JWT machinery of `proof/jwt` (one shared envelope with credential JWTs),
 * importing the modules that define it rather than a barrel (so verifying carries no signing
 * code), and that envelope stays out of the public `ob3kit/proof` surface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as proof from '../../src/proof/index.js';
import * as jwtIndex from '../../src/proof/jwt/index.js';

describe('layout', () => {
  it('src/present uses the JWT envelope of proof/jwt, through the modules that define it', () => {
    const dir = path.resolve(__dirname, '../../src/present');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    const used = new Set<string>();
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const specifiers = [...text.matchAll(/(?:from\s+|import\()'([^']+)'/g)].map(
        (m) => m[1] as string,
      );
      const intoJwt = specifiers.filter((s) => s.includes('proof/jwt/'));
      for (const s of intoJwt) used.add(s);
      // Never a barrel: `proof/jwt/index.js` would bring signing into every verifier.
      expect(
        intoJwt.filter((s) => s.endsWith('/index.js')),
        f,
      ).toEqual([]);
    }
    // Signing and verifying presentations go through the shared envelope.
    expect([...used]).toEqual(
      expect.arrayContaining(['../proof/jwt/envelope.js', '../proof/jwt/verifying.js']),
    );
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
