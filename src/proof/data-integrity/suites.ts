/** The Data Integrity suites ob3kit signs and verifies. */
import type { KeyType } from '../../keys/types.js';

/** `DataIntegrityProof` with the `eddsa-rdfc-2022` cryptosuite (Ed25519; the Open Badges 3.0 default). */
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';
/** `DataIntegrityProof` with the `ecdsa-rdfc-2019` cryptosuite (P-256 with SHA-256, P-384 with SHA-384). */
export const ECDSA_RDFC_2019 = 'ecdsa-rdfc-2019';
/** `DataIntegrityProof` with the `eddsa-jcs-2022` cryptosuite (Ed25519 over JCS, RFC 8785). */
export const EDDSA_JCS_2022 = 'eddsa-jcs-2022';
/** `DataIntegrityProof` with the `ecdsa-jcs-2019` cryptosuite (P-256 / P-384 over JCS, RFC 8785). */
export const ECDSA_JCS_2019 = 'ecdsa-jcs-2019';
/** The `Ed25519Signature2020` proof type (its own suite context). */
export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';
/** `DataIntegrityProof` with the legacy `eddsa-2022` cryptosuite name (verification only). */
export const EDDSA_2022 = 'eddsa-2022';

/** A suite name: a Data Integrity cryptosuite or a legacy proof type. */
export type SuiteName =
  | typeof EDDSA_RDFC_2022
  | typeof ECDSA_RDFC_2019
  | typeof EDDSA_JCS_2022
  | typeof ECDSA_JCS_2019
  | typeof ED25519_SIGNATURE_2020
  | typeof EDDSA_2022;

/** Suites `signCredential` can create. */
export const SIGNING_SUITES: readonly SuiteName[] = [
  EDDSA_RDFC_2022,
  ECDSA_RDFC_2019,
  ED25519_SIGNATURE_2020,
  EDDSA_JCS_2022,
  ECDSA_JCS_2019,
];
/** Suites `verifyCredentialProof` can verify. */
export const VERIFYING_SUITES: readonly SuiteName[] = [
  EDDSA_RDFC_2022,
  ECDSA_RDFC_2019,
  ED25519_SIGNATURE_2020,
  EDDSA_2022,
  EDDSA_JCS_2022,
  ECDSA_JCS_2019,
];

/** Data Integrity v2 context: added when a document's context defines `DataIntegrityProof` by none of VC 2.0, Data Integrity v2 or v1. */
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
/** Data Integrity v1 context (legacy, with `eddsa-2022`-era definitions). */
export const DATA_INTEGRITY_V1_CONTEXT = 'https://w3id.org/security/data-integrity/v1';
/** VC Data Model 2.0 context (defines DataIntegrityProof). */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** Ed25519Signature2020 suite context. */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

/** How a suite is recognized and what it needs. */
export interface SuiteInfo {
  name: SuiteName;
  proofType: 'DataIntegrityProof' | 'Ed25519Signature2020';
  cryptosuite?: string;
  /** The first of `keyTypes` (for messages). */
  keyType: KeyType;
  /** The key types the suite signs with. */
  keyTypes: readonly KeyType[];
  /** How the document and proof options become bytes: RDFC-1.0 N-Quads, or JCS (RFC 8785) JSON. */
  canonicalization: 'rdfc' | 'jcs';
  canSign: boolean;
}

const INFO: Record<SuiteName, SuiteInfo> = {
  [EDDSA_RDFC_2022]: {
    name: EDDSA_RDFC_2022,
    proofType: 'DataIntegrityProof',
    cryptosuite: EDDSA_RDFC_2022,
    keyType: 'Ed25519',
    keyTypes: ['Ed25519'],
    canonicalization: 'rdfc',
    canSign: true,
  },
  [ECDSA_RDFC_2019]: {
    name: ECDSA_RDFC_2019,
    proofType: 'DataIntegrityProof',
    cryptosuite: ECDSA_RDFC_2019,
    keyType: 'P-256',
    keyTypes: ['P-256', 'P-384'],
    canonicalization: 'rdfc',
    canSign: true,
  },
  [EDDSA_JCS_2022]: {
    name: EDDSA_JCS_2022,
    proofType: 'DataIntegrityProof',
    cryptosuite: EDDSA_JCS_2022,
    keyType: 'Ed25519',
    keyTypes: ['Ed25519'],
    canonicalization: 'jcs',
    canSign: true,
  },
  [ECDSA_JCS_2019]: {
    name: ECDSA_JCS_2019,
    proofType: 'DataIntegrityProof',
    cryptosuite: ECDSA_JCS_2019,
    keyType: 'P-256',
    keyTypes: ['P-256', 'P-384'],
    canonicalization: 'jcs',
    canSign: true,
  },
  [ED25519_SIGNATURE_2020]: {
    name: ED25519_SIGNATURE_2020,
    proofType: 'Ed25519Signature2020',
    keyType: 'Ed25519',
    keyTypes: ['Ed25519'],
    canonicalization: 'rdfc',
    canSign: true,
  },
  [EDDSA_2022]: {
    name: EDDSA_2022,
    proofType: 'DataIntegrityProof',
    cryptosuite: EDDSA_2022,
    keyType: 'Ed25519',
    keyTypes: ['Ed25519'],
    canonicalization: 'rdfc',
    canSign: false,
  },
};

/** The suite of a suite name, or undefined. */
export function suiteByName(name: unknown): SuiteInfo | undefined {
  return typeof name === 'string' && Object.hasOwn(INFO, name)
    ? INFO[name as SuiteName]
    : undefined;
}

/** The suite a proof object uses, or undefined when ob3kit does not know it. */
export function suiteOfProof(proof: {
  type?: unknown;
  cryptosuite?: unknown;
}): SuiteInfo | undefined {
  if (proof.type === 'Ed25519Signature2020') return INFO[ED25519_SIGNATURE_2020];
  if (proof.type === 'DataIntegrityProof') {
    const s = suiteByName(proof.cryptosuite);
    return s && s.proofType === 'DataIntegrityProof' ? s : undefined;
  }
  return undefined;
}
