/**
 * One scenario of the library's core, written once and run twice: in Node (imported by the
 * test) and in headless Chromium (bundled with esbuild). Inputs and outputs are plain JSON so
 * the two runs can be compared exactly.
 */
import { bakeBadge, unbakeBadge } from '../../src/bake/index.js';
import { fromBase64, fromHex, toBase64 } from '../../src/internal/bytes.js';
import {
  createDidJwk,
  createDidKey,
  importKeyPair,
  importRawKeyPair,
  type KeyPair,
} from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import {
  createPresentation,
  signPresentation,
  verifyPresentation,
} from '../../src/present/index.js';
import { signCredential, signCredentialJwt } from '../../src/proof/index.js';
import {
  checkStatus,
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  getStatus,
  type StatusResult,
  setStatus,
} from '../../src/status/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';

/** What the scenario needs: a fixed seed, fixed times and two plain badge images. */
export interface ScenarioInput {
  /** 32-byte Ed25519 seed, hex. */
  seedHex: string;
  /** `created` of the Data Integrity proof. */
  created: string;
  /** The verifier's clock (and the JWT's `iat`). */
  now: string;
  /** A plain PNG, base64. */
  pngBase64: string;
  /** A plain SVG. */
  svg: string;
  /** 32-byte P-256 secret scalar, hex (ecdsa-rdfc-2019). */
  p256SecretHex: string;
  /** An RSA private JWK (RS256 through WebCrypto). */
  rsaJwk: Record<string, unknown>;
}

/** A report reduced to what must agree between runtimes. */
export interface ReportSummary {
  verdict: string;
  format: string;
  checks: Array<{ id: string; outcome: string; code?: string }>;
}

/** Everything the scenario produced. */
export interface ScenarioOutput {
  did: string;
  credential: Record<string, unknown>;
  signed: Record<string, unknown>;
  proofValue: string;
  jwt: string;
  bakedPngBase64: string;
  bakedSvg: string;
  unbakedPngCredential: unknown;
  unbakedSvgJwt: string | undefined;
  reports: Record<string, ReportSummary>;
  status: StatusOutput;
  /** ecdsa-rdfc-2019 (P-256) signed credential and its report. */
  ecdsa: { signed: Record<string, unknown>; report: ReportSummary };
  /** RS256 VC-JWT (WebCrypto in the browser) and its report. */
  rsa: { jwt: string; report: ReportSummary };
  /** A Data Integrity presentation for a challenge and domain, and what verifying it found. */
  presentation: {
    signed: Record<string, unknown>;
    verified: boolean;
    issues: string[];
    wrongChallenge: { verified: boolean; issues: string[] };
  };
}

function summarize(report: VerificationReport): ReportSummary {
  return {
    verdict: report.verdict,
    format: report.format,
    checks: report.checks.map((c) => ({
      id: c.id,
      outcome: c.outcome,
      ...(c.code === undefined ? {} : { code: c.code }),
    })),
  };
}

/** The (first) embedded proof of a signed document: `proof` may be one object or an array. */
export function firstProof(document: Record<string, unknown>): Record<string, unknown> {
  const proof = Array.isArray(document.proof) ? document.proof[0] : document.proof;
  if (typeof proof !== 'object' || proof === null) throw new Error('the document has no proof');
  return proof as Record<string, unknown>;
}

/** An Open Badge issued by `did` to a fixed learner. */
export function badgeFor(did: string, validFrom: string): Record<string, unknown> {
  return createOpenBadgeCredential({
    id: 'urn:uuid:6e3e4f0c-1b3c-4b8e-9a51-2f7a2d1c0b01',
    name: 'Browser Runner',
    issuer: { id: did, type: ['Profile'], name: 'Example University' },
    validFrom,
    credentialSubject: {
      id: 'did:example:learner-42',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/browser-runner',
        type: ['Achievement'],
        name: 'Browser Runner',
        description: 'Ran the Open Badges core in a web browser.',
        criteria: { narrative: 'Sign, verify, bake and unbake a badge in Chromium.' },
      },
    },
  } as Parameters<typeof createOpenBadgeCredential>[0]) as unknown as Record<string, unknown>;
}

/** Run the scenario. Every step is deterministic given the input. */
export async function runScenario(input: ScenarioInput): Promise<ScenarioOutput> {
  const now = new Date(input.now);
  const seed = fromHex(input.seedHex);
  if (seed === undefined) throw new Error('seedHex is not hex');
  const key = importRawKeyPair({ type: 'Ed25519', secretKey: seed });
  const { did, keyPair } = createDidKey(key);
  const credential = badgeFor(did, '2024-01-01T00:00:00Z');

  const signed = (await signCredential(credential, {
    key: keyPair,
    created: input.created,
  })) as Record<string, unknown>;
  const proofValue = String(firstProof(signed).proofValue);
  const jwt = await signCredentialJwt(credential, { key: keyPair, now });

  const png = fromBase64(input.pngBase64);
  if (png === undefined) throw new Error('pngBase64 is not base64');
  const bakedPng = bakeBadge(png, signed);
  const bakedSvg = bakeBadge(input.svg, jwt);
  const unbakedPng = unbakeBadge(bakedPng);
  const unbakedSvg = unbakeBadge(bakedSvg);

  const tampered = structuredClone(signed);
  tampered.name = 'Browser Runner (edited)';
  const tamperedJwt = `${jwt.slice(0, -4)}${jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;

  const reports: Record<string, ReportSummary> = {
    dataIntegrity: summarize(await verify(signed, { now })),
    dataIntegrityText: summarize(await verify(JSON.stringify(signed), { now })),
    jwt: summarize(await verify(jwt, { now })),
    bakedPng: summarize(await verify(bakedPng, { now })),
    bakedSvg: summarize(await verify(bakedSvg, { now })),
    tampered: summarize(await verify(tampered, { now })),
    tamperedJwt: summarize(await verify(tamperedJwt, { now })),
  };

  // P-256: ecdsa-rdfc-2019 (noble's RFC 6979 signatures are deterministic).
  const p256Secret = fromHex(input.p256SecretHex);
  if (p256Secret === undefined) throw new Error('p256SecretHex is not hex');
  const p256 = createDidKey(importRawKeyPair({ type: 'P-256', secretKey: p256Secret }));
  const ecdsaSigned = (await signCredential(badgeFor(p256.did, '2024-01-01T00:00:00Z'), {
    key: p256.keyPair,
    suite: 'ecdsa-rdfc-2019',
    created: input.created,
  })) as Record<string, unknown>;

  // RSA: RS256 through WebCrypto (PKCS #1 v1.5 signatures are deterministic).
  const rsa = createDidJwk(importKeyPair(input.rsaJwk));
  const rsaJwt = await signCredentialJwt(badgeFor(rsa.did, '2024-01-01T00:00:00Z'), {
    key: rsa.keyPair,
    now,
  });

  // A presentation of the VC-JWT, signed by the holder for a verifier's challenge and domain.
  const vp = createPresentation({
    id: 'urn:uuid:2f1d6c7e-3b8a-4c9d-8e0f-1a2b3c4d5e6f',
    holder: did,
    credentials: [jwt],
  });
  const signedVp = await signPresentation(vp, {
    key: keyPair,
    challenge: 'c-7f3a',
    domain: 'verifier.example',
    created: input.created,
  });
  const vpResult = await verifyPresentation(signedVp, {
    challenge: 'c-7f3a',
    domain: 'verifier.example',
    now,
  });
  const vpWrong = await verifyPresentation(signedVp, {
    challenge: 'c-0000',
    domain: 'verifier.example',
    now,
  });

  return {
    ecdsa: { signed: ecdsaSigned, report: summarize(await verify(ecdsaSigned, { now })) },
    rsa: { jwt: rsaJwt, report: summarize(await verify(rsaJwt, { now })) },
    presentation: {
      signed: signedVp,
      verified: vpResult.verified,
      issues: vpResult.issues.map((i) => i.code),
      wrongChallenge: { verified: vpWrong.verified, issues: vpWrong.issues.map((i) => i.code) },
    },
    did,
    credential,
    signed,
    proofValue,
    jwt,
    bakedPngBase64: toBase64(bakedPng),
    bakedSvg,
    unbakedPngCredential: unbakedPng.credential,
    unbakedSvgJwt: unbakedSvg.jwt,
    reports,
    status: await statusScenario(keyPair, did, now, input.created),
  };
}

/** What the status part of the scenario produced. */
export interface StatusOutput {
  encodedList: string;
  listProofValue: string;
  decodedBits: boolean[];
  revoked: StatusResult;
  active: StatusResult;
  offline: StatusResult;
  revokedReport: ReportSummary;
  activeReport: ReportSummary;
}

/**
 * Status lists: a revocation list with entry 3 set, signed by the issuer; two badges pointing
 * at entries 3 (revoked) and 4 (active), checked with `checkStatus` and through `verify`.
 */
async function statusScenario(
  keyPair: KeyPair,
  did: string,
  now: Date,
  created: string,
): Promise<StatusOutput> {
  const url = 'https://example.edu/status/1';
  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, 3, true);
  const encodedList = await encodeStatusList(list);
  const decoded = await decodeStatusList(encodedList);
  const listCredential = await createStatusListCredential({
    id: url,
    issuer: did,
    list,
    validFrom: '2024-01-01T00:00:00Z',
  });
  const signedList = (await signCredential(listCredential, { key: keyPair, created })) as Record<
    string,
    unknown
  >;
  const withStatus = async (index: number) =>
    (await signCredential(
      {
        ...badgeFor(did, '2024-01-01T00:00:00Z'),
        credentialStatus: createStatusEntry({
          statusListCredential: url,
          index,
          purpose: 'revocation',
        }),
      },
      { key: keyPair, created },
    )) as Record<string, unknown>;
  const revoked = await withStatus(3);
  const active = await withStatus(4);
  const documents = { [url]: signedList };
  return {
    encodedList,
    listProofValue: String(firstProof(signedList).proofValue),
    decodedBits: [2, 3, 4].map((i) => getStatus(decoded, i)),
    revoked: await checkStatus(revoked, { documents, now }),
    active: await checkStatus(active, { documents, now }),
    offline: await checkStatus(active, { now }),
    revokedReport: summarize(await verify(revoked, { now, documents })),
    activeReport: summarize(await verify(active, { now, documents })),
  };
}
