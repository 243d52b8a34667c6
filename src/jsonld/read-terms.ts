/**
 * What verification reads: the members and types the checks look up by name, each with every
 * IRI a bundled context gives that name (internal). The compact-form walk refuses any other
 * spelling of these IRIs, and a read name mapped to another IRI; the graph comparison reads the
 * same IRIs from the signed graph. `test/jsonld/compact-form.test.ts` recomputes both tables
 * from the bundled contexts, so they cannot drift from them.
 *
 * @internal
 */

/** Members the checks read (`credential.validUntil`, `proof.expires`, ...) and their IRIs. */
export const READ_MEMBERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['id', ['@id']],
  ['type', ['@type']],
  ['issuer', ['https://www.w3.org/2018/credentials#issuer']],
  ['holder', ['https://www.w3.org/2018/credentials#holder']],
  ['validFrom', ['https://www.w3.org/2018/credentials#validFrom']],
  ['validUntil', ['https://www.w3.org/2018/credentials#validUntil']],
  ['issuanceDate', ['https://www.w3.org/2018/credentials#issuanceDate']],
  ['expirationDate', ['https://www.w3.org/2018/credentials#expirationDate']],
  ['credentialStatus', ['https://www.w3.org/2018/credentials#credentialStatus']],
  ['credentialSubject', ['https://www.w3.org/2018/credentials#credentialSubject']],
  ['credentialSchema', ['https://www.w3.org/2018/credentials#credentialSchema']],
  ['refreshService', ['https://www.w3.org/2018/credentials#refreshService']],
  ['evidence', ['https://www.w3.org/2018/credentials#evidence']],
  ['proof', ['https://w3id.org/security#proof']],
  [
    'endorsement',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#endorsement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsement',
    ],
  ],
  [
    'verifiableCredential',
    [
      'https://purl.imsglobal.org/spec/vc/clr/vocab.html#verifiableCredential',
      'https://www.w3.org/2018/credentials#verifiableCredential',
    ],
  ],
  ['otherIdentifier', ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#otherIdentifier']],
  [
    'parentOrg',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#parentOrg',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#parentOrg',
    ],
  ],
  [
    'identifier',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Identifier',
      'https://purl.imsglobal.org/spec/vc/clr/vocab.html#identifier-1',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier',
    ],
  ],
  [
    'result',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Result',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#result',
    ],
  ],
  [
    'achievement',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Achievement',
      'https://purl.imsglobal.org/spec/vc/clr/vocab.html#achievement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement-0',
    ],
  ],
  [
    'resultDescription',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#resultDescription',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#resultDescription',
    ],
  ],
  [
    'criteria',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#criteria',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria',
    ],
  ],
  [
    'narrative',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#narrative',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative',
    ],
  ],
  ['source', ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#source']],
  [
    'identityHash',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#identityHash',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash',
    ],
  ],
  ['identityType', ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityType']],
  [
    'hashed',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#hashed',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed',
    ],
  ],
  [
    'salt',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#salt',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#salt',
      'https://w3id.org/security#salt',
    ],
  ],
  [
    'statusPurpose',
    [
      'https://w3id.org/vc/status-list#statusPurpose',
      'https://www.w3.org/ns/credentials/status#statusPurpose',
    ],
  ],
  [
    'statusListIndex',
    [
      'https://w3id.org/vc/status-list#statusListIndex',
      'https://www.w3.org/ns/credentials/status#statusListIndex',
    ],
  ],
  [
    'statusListCredential',
    [
      'https://w3id.org/vc/status-list#statusListCredential',
      'https://www.w3.org/ns/credentials/status#statusListCredential',
    ],
  ],
  ['statusSize', ['https://www.w3.org/ns/credentials/status#statusSize']],
  [
    'encodedList',
    [
      'https://w3id.org/vc/status-list#encodedList',
      'https://www.w3.org/ns/credentials/status#encodedList',
    ],
  ],
  ['cryptosuite', ['https://w3id.org/security#cryptosuite']],
  ['proofPurpose', ['https://w3id.org/security#proofPurpose']],
  ['verificationMethod', ['https://w3id.org/security#verificationMethod']],
  ['proofValue', ['https://w3id.org/security#proofValue']],
  ['created', ['http://purl.org/dc/terms/created']],
  ['expires', ['https://w3id.org/security#expiration']],
  ['challenge', ['https://w3id.org/security#challenge']],
  ['domain', ['https://w3id.org/security#domain']],
]);

/** Types the checks test for (`type` includes `"OpenBadgeCredential"`, ...) and their IRIs. */
export const READ_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ['VerifiableCredential', ['https://www.w3.org/2018/credentials#VerifiableCredential']],
  ['VerifiablePresentation', ['https://www.w3.org/2018/credentials#VerifiablePresentation']],
  [
    'EnvelopedVerifiableCredential',
    ['https://www.w3.org/2018/credentials#EnvelopedVerifiableCredential'],
  ],
  [
    'OpenBadgeCredential',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#OpenBadgeCredential',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
    ],
  ],
  [
    'AchievementCredential',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#OpenBadgeCredential',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
    ],
  ],
  [
    'EndorsementCredential',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#EndorsementCredential',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementCredential',
    ],
  ],
  [
    'Profile',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Profile',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile',
    ],
  ],
  [
    'AchievementSubject',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#AchievementSubject',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject',
    ],
  ],
  [
    'EndorsementSubject',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#EndorsementSubject',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementSubject',
    ],
  ],
  [
    'IdentityObject',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#IdentityObject',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#IdentityObject',
    ],
  ],
  [
    'Result',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Result',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Result',
    ],
  ],
  [
    'ResultDescription',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#ResultDescription',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#ResultDescription',
    ],
  ],
  [
    'Achievement',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Achievement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement',
    ],
  ],
  [
    'Criteria',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Criteria',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria',
    ],
  ],
  [
    'Evidence',
    [
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#Evidence',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Evidence',
    ],
  ],
  [
    'BitstringStatusListEntry',
    ['https://www.w3.org/ns/credentials/status#BitstringStatusListEntry'],
  ],
  [
    'BitstringStatusListCredential',
    ['https://www.w3.org/ns/credentials/status#BitstringStatusListCredential'],
  ],
  ['BitstringStatusList', ['https://www.w3.org/ns/credentials/status#BitstringStatusList']],
  ['StatusList2021Entry', ['https://w3id.org/vc/status-list#StatusList2021Entry']],
  ['StatusList2021Credential', ['https://w3id.org/vc/status-list#StatusList2021Credential']],
  ['StatusList2021', ['https://w3id.org/vc/status-list#StatusList2021']],
  [
    '1EdTechRevocationList',
    ['https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList'],
  ],
  [
    '1EdTechCredentialRefresh',
    ['https://purl.imsglobal.org/spec/vccr/v1p0/context.json#1EdTechCredentialRefresh'],
  ],
  [
    '1EdTechJsonSchemaValidator2019',
    ['https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019'],
  ],
  ['DataIntegrityProof', ['https://w3id.org/security#DataIntegrityProof']],
  ['Ed25519Signature2020', ['https://w3id.org/security#Ed25519Signature2020']],
]);

function byIri(table: ReadonlyMap<string, readonly string[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [name, iris] of table) {
    for (const iri of iris) {
      const names = out.get(iri);
      if (names === undefined) out.set(iri, new Set([name]));
      else names.add(name);
    }
  }
  return out;
}

/** For each IRI of {@link READ_MEMBERS}, the names the checks read it by. */
export const READ_MEMBER_NAMES: ReadonlyMap<string, ReadonlySet<string>> = byIri(READ_MEMBERS);

/** For each IRI of {@link READ_TYPES}, the names the checks test it by. */
export const READ_TYPE_NAMES: ReadonlyMap<string, ReadonlySet<string>> = byIri(READ_TYPES);

/**
 * Members the checks read as one IRI string (a key to resolve, a list to fetch): a node reference
 * (`{ "id": ... }`) there is another spelling of that string.
 */
export const READ_AS_IRI: ReadonlySet<string> = new Set([
  'verificationMethod',
  'statusListCredential',
]);
