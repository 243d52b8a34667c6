/**
 * Badges for the verifier page test, made in Node: a fixed Ed25519 issuer (did:key), a badge
 * with its pictures as data: URIs, baked as PNG and SVG; a tampered one; and a revoked one with
 * its signed Bitstring Status List credential.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bakeBadge } from '../../src/bake/index.js';
import { createDidKey, importRawKeyPair } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { signCredential, signCredentialJwt } from '../../src/proof/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { ROOT } from './helpers.js';

type Json = Record<string, unknown>;

const ACHIEVEMENT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#4f8cff"/><stop offset="1" stop-color="#1c4fb8"/></linearGradient></defs>
<path d="M40 80 26 116 44 107 54 120 62 86Z" fill="#e0a800"/><path d="M80 80 94 116 76 107 66 120 58 86Z" fill="#c98f00"/>
<circle cx="60" cy="50" r="44" fill="url(#g)" stroke="#f2c230" stroke-width="6"/>
<path d="M60 21l8.5 17.5 19 2.5-14 13 3.5 19L60 64l-17 9 3.5-19-14-13 19-2.5z" fill="#fff"/>
</svg>`;

const ISSUER_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<circle cx="32" cy="32" r="32" fill="#1d2430"/><path d="M14 44 32 14 50 44Z" fill="#f2c230"/><rect x="14" y="46" width="36" height="5" fill="#f2c230"/>
</svg>`;

function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export const ACHIEVEMENT_IMAGE = svgDataUri(ACHIEVEMENT_SVG);
export const STATUS_LIST_URL = 'https://example.edu/status/1';
export const NOW = new Date('2025-06-01T12:00:00Z');

/** Everything the page test drops, picks or pastes. */
export interface PageBadges {
  did: string;
  issuerName: string;
  achievementName: string;
  achievementDescription: string;
  /** A VC-JWT baked into a PNG. */
  validPng: Uint8Array;
  /** A Data Integrity credential baked into an SVG. */
  validSvg: string;
  /** The compact VC-JWT. */
  jwt: string;
  /** A Data Integrity credential edited after signing, baked into a PNG. */
  tamperedPng: Uint8Array;
  /** A Data Integrity credential whose status list entry is set, baked into a PNG. */
  revokedPng: Uint8Array;
  /** The signed BitstringStatusListCredential saying so. */
  statusList: Json;
  /** The same list credential, secured as a VC-JWT instead. */
  statusListJwt: string;
  /** A holder's signed presentation carrying the VC-JWT. */
  presentation: Json;
}

function badge(did: string, extra: Json = {}): Json {
  return createOpenBadgeCredential({
    id: 'urn:uuid:0b5a3c1e-7d2f-4e8a-9c6b-1a2b3c4d5e6f',
    name: 'Web Verifier Pioneer',
    issuer: {
      id: did,
      type: ['Profile'],
      name: 'Example University',
      image: { id: svgDataUri(ISSUER_SVG), type: 'Image' },
    },
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:learner-42',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/web-verifier-pioneer',
        type: ['Achievement'],
        name: 'Web Verifier Pioneer',
        description: 'Verified an Open Badge in the browser, offline, with no server involved.',
        criteria: { narrative: 'Drop a baked badge on the verifier page and read its report.' },
        image: { id: ACHIEVEMENT_IMAGE, type: 'Image', caption: 'A blue medal' },
      },
    },
    ...extra,
  } as Parameters<typeof createOpenBadgeCredential>[0]) as unknown as Json;
}

/** Make the page test's badges (deterministic: fixed key, dates and ids). */
export async function makePageBadges(): Promise<PageBadges> {
  const key = importRawKeyPair({ type: 'Ed25519', secretKey: new Uint8Array(32).fill(0xa1) });
  const { did, keyPair } = createDidKey(key);
  const png = new Uint8Array(readFileSync(path.join(ROOT, 'fixtures/images/plain.png')));
  const svg = readFileSync(path.join(ROOT, 'fixtures/images/plain.svg'), 'utf8');
  const created = '2024-01-01T00:00:00Z';

  const credential = badge(did);
  const jwt = await signCredentialJwt(credential, { key: keyPair, now: NOW });
  const signed = (await signCredential(credential, { key: keyPair, created })) as Json;
  const tampered = { ...structuredClone(signed), name: 'Web Verifier Grandmaster' };

  const list = createStatusList({ purpose: 'revocation' });
  setStatus(list, 7, true);
  const listCredential = await createStatusListCredential({
    id: STATUS_LIST_URL,
    issuer: did,
    list,
    validFrom: '2024-01-01T00:00:00Z',
  });
  const statusList = (await signCredential(listCredential, { key: keyPair, created })) as Json;
  const statusListJwt = await signCredentialJwt(listCredential, { key: keyPair, now: NOW });
  const revocable = badge(did, {
    id: 'urn:uuid:0b5a3c1e-7d2f-4e8a-9c6b-1a2b3c4d5e70',
    credentialStatus: createStatusEntry({
      statusListCredential: STATUS_LIST_URL,
      index: 7,
      purpose: 'revocation',
    }),
  });
  const revoked = (await signCredential(revocable, { key: keyPair, created })) as Json;

  const presentation = await signPresentation(
    createPresentation({
      holder: did,
      credentials: [jwt],
      id: 'urn:uuid:5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    }),
    { key: keyPair, challenge: 'page-challenge', created },
  );

  return {
    presentation,
    did,
    issuerName: 'Example University',
    achievementName: 'Web Verifier Pioneer',
    achievementDescription:
      'Verified an Open Badge in the browser, offline, with no server involved.',
    validPng: bakeBadge(png, jwt),
    validSvg: bakeBadge(svg, signed),
    jwt,
    tamperedPng: bakeBadge(png, tampered),
    revokedPng: bakeBadge(png, revoked),
    statusList,
    statusListJwt,
  };
}
