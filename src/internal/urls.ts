/** Well-known URLs shared across capabilities. */

/** W3C Verifiable Credentials Data Model 2.0 context. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** W3C Verifiable Credentials Data Model 1.1 context. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
/** Open Badges 3.0 context, current version (3.0.3). */
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Open Badges 3.0 extensions context (1EdTechJsonSchemaValidator2019, 1EdTechRevocationList, ...). */
export const OB_V3_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
/** Pattern every Open Badges 3.0 context URL matches (unversioned and versioned forms). */
export const OB_V3_CONTEXT_PATTERN =
  /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/;
/** Data Integrity v2 context (needed with VC 1.1 documents carrying a DataIntegrityProof). */
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
/** Ed25519Signature2020 suite context. */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';
/** Multikey context. */
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/** DID Core v1 context. */
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
/** StatusList2021 context. */
export const STATUS_LIST_2021_CONTEXT = 'https://w3id.org/vc/status-list/2021/v1';
/** CLR 2.0 context, current version (2.0.1). */
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
/** Pattern every CLR 2.0 context URL matches (unversioned and versioned forms). */
export const CLR_V2_CONTEXT_PATTERN =
  /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.\d\.\d)*\.json$/;
