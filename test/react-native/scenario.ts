/**
 * What a React Native wallet does with the core, written once and run twice: in Node (imported
 * by the test) and in a `node:vm` context that has only what Hermes and React Native provide
 * (bundled with esbuild, as Metro would bundle the package). Inputs and outputs are plain JSON
 * so the two runs can be compared exactly.
 */
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { fromBase64, fromHex, toBase64 } from '../../src/internal/bytes.js';
import { createDidKey, generateKeyPair } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { signCredential, signCredentialJwt, verifyCredentialJwt } from '../../src/proof/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';

/** A fixed seed, fixed times and two plain badge images. */
export interface RnInput {
  seedHex: string;
  created: string;
  now: string;
  pngBase64: string;
  svg: string;
}

/** A report reduced to what must agree between runtimes. */
export interface RnReport {
  verdict: string;
  format: string;
  failed: Array<{ id: string; code?: string }>;
}

/** Everything the scenario produced. */
export interface RnOutput {
  did: string;
  signed: Record<string, unknown>;
  bakedPngBase64: string;
  bakedSvg: string;
  unbakedPng: unknown;
  unbakedSvg: unknown;
  /** The same badge issued by a P-256 did:key (ecdsa-rdfc-2019). */
  p256Signed: Record<string, unknown>;
  /** The Ed25519 badge as a VC-JWT (EdDSA), and the P-256 one (ES256). */
  jwtEdDSA: string;
  jwtES256: string;
  reports: Record<string, RnReport>;
}

function summarize(report: VerificationReport): RnReport {
  return {
    verdict: report.verdict,
    format: report.format,
    failed: report.checks
      .filter((c) => c.outcome === 'fail')
      .map((c) => ({ id: c.id, ...(c.code === undefined ? {} : { code: c.code }) })),
  };
}

/** Issue, sign, bake, unbake and verify one badge. Deterministic given the input. */
export async function runScenario(input: RnInput): Promise<RnOutput> {
  const seed = fromHex(input.seedHex);
  const png = fromBase64(input.pngBase64);
  if (!seed || !png) throw new Error('bad input');
  const now = new Date(input.now);
  const { did, keyPair } = createDidKey(await generateKeyPair({ seed }));
  const credential = createOpenBadgeCredential({
    id: 'urn:uuid:2f1c8a54-7d0e-4c1b-9f3a-6b5e4d3c2b1a',
    name: 'Mobile Verifier',
    issuer: { id: did, type: ['Profile'], name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:learner-7',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/mobile',
        type: ['Achievement'],
        name: 'Mobile Verifier',
        description: 'Verified an Open Badge on a phone.',
        criteria: { narrative: 'Issue, bake and verify a badge in React Native.' },
      },
    },
  } as Parameters<typeof createOpenBadgeCredential>[0]);
  const signed = (await signCredential(credential, {
    key: keyPair,
    created: input.created,
  })) as Record<string, unknown>;
  const bakedPng = bakeBadge(png, signed) as Uint8Array;
  const bakedSvg = bakeBadge(input.svg, signed) as string;
  const tampered = { ...signed, name: 'Forged' };
  // P-256 and VC-JWT: no crypto.subtle in Hermes, so @noble/curves signs and verifies there;
  // ECDSA signatures use RFC 6979 nonces, so both runs produce the same bytes.
  const p256 = createDidKey(await generateKeyPair({ type: 'P-256', seed }));
  const p256Credential = {
    ...credential,
    issuer: { id: p256.did, type: ['Profile'], name: 'Example University' },
  };
  const p256Signed = (await signCredential(p256Credential, {
    key: p256.keyPair,
    created: input.created,
  })) as Record<string, unknown>;
  const jwtOptions = { now: new Date(input.created) };
  const jwtEdDSA = await signCredentialJwt(credential, { key: keyPair, ...jwtOptions });
  const jwtES256 = await signCredentialJwt(p256Credential, { key: p256.keyPair, ...jwtOptions });
  const [header, payload, signature] = jwtES256.split('.');
  const jwtTampered = `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
  const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]);
  return {
    did,
    signed,
    bakedPngBase64: toBase64(bakedPng),
    bakedSvg,
    unbakedPng: unbakeBadge(bakedPng).credential,
    unbakedSvg: unbakeBadge(bakedSvg).credential,
    p256Signed,
    jwtEdDSA,
    jwtES256,
    reports: {
      json: summarize(await verify(JSON.stringify(signed), { now })),
      png: summarize(await verify(bakedPng, { now })),
      svg: summarize(await verify(bakedSvg, { now })),
      tampered: summarize(await verify(tampered, { now })),
      invalidUtf8: summarize(await verify(invalidUtf8, { now })),
      p256: summarize(await verify(p256Signed, { now })),
      jwtEdDSA: summarize(await verify(jwtEdDSA, { now })),
      jwtES256: summarize(await verify(jwtES256, { now })),
      jwtTampered: summarize(await verify(jwtTampered, { now })),
    },
  };
}

/** A builder that makes its own random id: needs a secure random source. */
export function randomIdBadge(): string {
  const c = createOpenBadgeCredential({
    name: 'Random',
    issuer: { id: 'did:example:issuer', name: 'Example' },
    credentialSubject: {
      id: 'did:example:learner',
      achievement: { name: 'A', description: 'B', criteria: { narrative: 'C' } },
    },
  } as Parameters<typeof createOpenBadgeCredential>[0]) as unknown as { id: string };
  return c.id;
}

/**
 * Verify `input` (a credential, JWT or image) at `now`: the report reduced for comparison, the
 * answer to "authentic?" and the message of the proof check.
 */
export async function verifySummary(
  input: string,
  now: string,
): Promise<RnReport & { authentic?: string; proof?: string }> {
  const report = await verify(input, { now: new Date(now) });
  return {
    ...summarize(report),
    authentic: report.answers?.authentic.value,
    proof: report.checks.find((c) => c.id === 'proof')?.message,
  };
}

/** What `verifyCredentialJwt` throws for `jwt`, or `undefined` when it returns. */
export async function jwtError(jwt: string): Promise<{ name?: string; code?: string } | undefined> {
  try {
    await verifyCredentialJwt(jwt);
    return undefined;
  } catch (e) {
    return { name: (e as Error).name, code: (e as { code?: string }).code };
  }
}
