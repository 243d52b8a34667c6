import { describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { signCredential, verifyCredentialProof } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { obCredential, obCredentialV1 } from './helpers.js';

const CREATED = '2024-01-01T00:00:00Z';

describe('signCredential proofForm', () => {
  it('writes a first proof as an array for VC 2.0 Open Badges credentials, as the 2024 schema wants', async () => {
    const { did, keyPair } = createDidKey(
      await generateKeyPair({ seed: new Uint8Array(32).fill(3) }),
    );
    const signed = await signCredential(obCredential(did), { key: keyPair, created: CREATED });
    expect(Array.isArray(signed.proof)).toBe(true);
    expect((signed.proof as unknown[]).length).toBe(1);
    // An ob3kit badge, verified by ob3kit with nothing left to warn about, is `valid`.
    const report = await verify(signed, { now: new Date('2025-01-01T00:00:00Z') });
    expect(report.checks.filter((c) => c.outcome === 'warn' || c.outcome === 'fail')).toEqual([]);
    expect(report.verdict).toBe('valid');
  });

  it('writes an object for VC 1.1 credentials and when asked; both forms carry the same signature', async () => {
    const { did, keyPair } = createDidKey(
      await generateKeyPair({ seed: new Uint8Array(32).fill(4) }),
    );
    const v1 = await signCredential(obCredentialV1(did), { key: keyPair, created: CREATED });
    expect(Array.isArray(v1.proof)).toBe(false);
    const asArray = await signCredential(obCredential(did), { key: keyPair, created: CREATED });
    const asObject = await signCredential(obCredential(did), {
      key: keyPair,
      created: CREATED,
      proofForm: 'object',
    });
    expect(Array.isArray(asObject.proof)).toBe(false);
    // eddsa-rdfc-2022 is deterministic: the same canonical form gives the same proofValue.
    expect((asArray.proof as Array<{ proofValue: string }>)[0]?.proofValue).toBe(
      (asObject.proof as { proofValue: string }).proofValue,
    );
    expect((await verifyCredentialProof(asObject)).verified).toBe(true);
    expect((await verifyCredentialProof(asArray)).verified).toBe(true);
  });

  it('refuses an unknown proofForm', async () => {
    const { did, keyPair } = createDidKey(await generateKeyPair());
    await expect(
      signCredential(obCredential(did), { key: keyPair, proofForm: 'list' as never }),
    ).rejects.toThrow(TypeError);
  });
});
