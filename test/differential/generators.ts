/**
 * fast-check generators of Open Badges 3.0 credentials (and the documents signing and
 * verification canonize: proof configurations, endorsements, presentations), for differential
 * tests of the JSON-LD to RDF fast path against jsonld.js.
 */
import fc from 'fast-check';

const VC1 = 'https://www.w3.org/2018/credentials/v1';
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
];
const EXTRA = [
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://w3id.org/security/data-integrity/v2',
  'https://www.w3.org/ns/credentials/undefined-terms/v2',
];

/** Strings: ASCII, full Unicode, control characters, quotes and backslashes. */
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      'a"b',
      'back\\slash',
      'line\nbreak\ttab\r',
      '\u0000\u007f',
      'é😀',
    ),
  },
);
const iri = fc.oneof(
  fc.constantFrom(
    'https://example.edu/issuers/565049',
    'did:example:ebfeb1f712ebc6f1c276e12ec21',
    'urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002',
    'https://example.com/achievements/a?x=1#frag',
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  ),
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.uuid().map((u) => `urn:uuid:${u}`),
);
const dateTime = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((d) => `${d.toISOString().slice(0, 19)}Z`);
/** Numbers jsonld.js turns into xsd:integer or xsd:double (canonical `1.5E0` form). */
export const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1.5, 0.1, 1e21, 1e-7, 2 ** 53, -3.25, 123456789.125),
);
const oneOrMany = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof(a, fc.array(a, { minLength: 1, maxLength: 3 }));

const image = fc.oneof(
  iri,
  fc.record(
    { id: iri, type: fc.constant('Image'), caption: text },
    { requiredKeys: ['id', 'type'] },
  ),
);
const identifierEntry = fc.record({
  type: fc.constant('IdentifierEntry'),
  identifier: text,
  identifierType: fc.constantFrom('sourcedId', 'systemId', 'ext:Custom', 'identifier'),
});
const address = fc.record(
  {
    type: fc.constant(['Address']),
    addressCountry: text,
    addressLocality: text,
    postalCode: text,
    geo: fc.record({ type: fc.constant('GeoCoordinates'), latitude: number, longitude: number }),
  },
  { requiredKeys: ['type'] },
);
const profile = fc.record(
  {
    id: iri,
    type: fc.constantFrom(['Profile'], 'Profile'),
    name: text,
    url: iri,
    email: text,
    phone: text,
    description: text,
    image,
    address,
    otherIdentifier: fc.array(identifierEntry, { maxLength: 2 }),
    official: text,
  },
  { requiredKeys: ['id', 'type'] },
);
const alignment = fc.record(
  {
    type: fc.constant(['Alignment']),
    targetName: text,
    targetUrl: iri,
    targetDescription: text,
    targetFramework: text,
    targetCode: text,
    targetType: fc.constantFrom('CFItem', 'ceasn:Competency', 'ext:Other'),
  },
  { requiredKeys: ['type', 'targetName', 'targetUrl'] },
);
const rubricLevel = fc.record(
  { id: iri, type: fc.constant(['RubricCriterionLevel']), name: text, level: text, points: text },
  { requiredKeys: ['id', 'type', 'name'] },
);
const resultDescription = fc.record(
  {
    id: iri,
    type: fc.constant(['ResultDescription']),
    name: text,
    resultType: fc.constantFrom(
      'GradePointAverage',
      'LetterGrade',
      'RubricCriterionLevel',
      'ext:X',
    ),
    allowedValue: fc.array(text, { maxLength: 4 }),
    requiredValue: text,
    rubricCriterionLevel: fc.array(rubricLevel, { maxLength: 1 }),
    valueMax: text,
    valueMin: text,
    alignment: fc.array(alignment, { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'type', 'name', 'resultType'] },
);
const achievement = fc.record(
  {
    id: iri,
    type: fc.constantFrom(['Achievement'], 'Achievement'),
    name: text,
    description: text,
    criteria: fc.record({ id: iri, narrative: text }, { requiredKeys: [] }),
    image,
    achievementType: fc.constantFrom('Badge', 'Certificate', 'Course', 'ext:Custom'),
    creator: fc.oneof(iri, profile),
    creditsAvailable: number,
    fieldOfStudy: text,
    humanCode: text,
    inLanguage: fc.constantFrom('en', 'fr-CA'),
    specialization: text,
    tag: oneOrMany(text),
    version: text,
    alignment: fc.array(alignment, { maxLength: 2 }),
    resultDescription: fc.array(resultDescription, { maxLength: 2 }),
    related: fc.array(
      fc.record({ id: iri, type: fc.constant(['Related']), version: text, inLanguage: text }),
      { maxLength: 2 },
    ),
    otherIdentifier: fc.array(identifierEntry, { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'type', 'name', 'criteria'] },
);
const result = fc.record(
  {
    type: fc.constant(['Result']),
    value: text,
    status: fc.constantFrom('Completed', 'Enrolled', 'InProgress'),
    resultDescription: iri,
    achievedLevel: iri,
    alignment: fc.array(alignment, { maxLength: 2 }),
  },
  { requiredKeys: ['type'] },
);
const identityObject = fc.record({
  type: fc.constant('IdentityObject'),
  hashed: fc.boolean(),
  identityHash: text,
  identityType: fc.constantFrom('emailAddress', 'name', 'ext:Other'),
  salt: text,
});
const subject = fc.record(
  {
    id: iri,
    type: fc.constantFrom(['AchievementSubject'], 'AchievementSubject'),
    achievement,
    activityStartDate: dateTime,
    activityEndDate: dateTime,
    creditsEarned: number,
    identifier: fc.array(identityObject, { maxLength: 2 }),
    result: fc.array(result, { maxLength: 2 }),
    role: text,
    term: text,
    licenseNumber: text,
    narrative: text,
    source: fc.oneof(iri, profile),
  },
  { requiredKeys: ['type', 'achievement'] },
);
const evidence = fc.record(
  {
    id: iri,
    type: fc.constant(['Evidence']),
    narrative: text,
    name: text,
    description: text,
    genre: text,
    audience: text,
  },
  { requiredKeys: ['type'] },
);

/** A VC 2.0 or VC 1.1 context list with one OB context, sometimes an extra bundled context. */
const contexts = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant({ v2: true, ob: OB[0] as string }) },
      { weight: 2, arbitrary: fc.constant({ v2: false, ob: OB[0] as string }) },
      { weight: 2, arbitrary: fc.record({ v2: fc.constant(false), ob: fc.constantFrom(...OB) }) },
    ),
    fc.option(fc.constantFrom(...EXTRA), { freq: 5 }),
  )
  .map(([{ v2, ob }, extra]) => ({ v2, context: [v2 ? VC2 : VC1, ob, ...(extra ? [extra] : [])] }));

const endorsement = fc
  .record({
    id: iri,
    name: text,
    issuer: fc.oneof(iri, profile),
    validFrom: dateTime,
    comment: text,
    subjectId: iri,
  })
  .map((e) => ({
    '@context': [VC2, OB[0] as string],
    id: e.id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: e.name,
    issuer: e.issuer,
    validFrom: e.validFrom,
    credentialSubject: {
      id: e.subjectId,
      type: 'EndorsementSubject',
      endorsementComment: e.comment,
    },
  }));

/** An OpenBadgeCredential with a random subset of the optional fields. */
export const credential = fc
  .record(
    {
      ctx: contexts,
      id: iri,
      name: text,
      description: text,
      image,
      issuer: fc.oneof(iri, profile),
      from: dateTime,
      until: dateTime,
      awardedDate: dateTime,
      subject: subject,
      evidence: fc.array(evidence, { maxLength: 2 }),
      endorsement: fc.array(endorsement, { maxLength: 1 }),
      types: fc.constantFrom(
        ['VerifiableCredential', 'OpenBadgeCredential'],
        ['VerifiableCredential', 'AchievementCredential'],
        ['OpenBadgeCredential', 'VerifiableCredential'],
      ),
    },
    { requiredKeys: ['ctx', 'issuer', 'from', 'subject', 'types'] },
  )
  .map((c) => {
    const doc: Record<string, unknown> = { '@context': c.ctx.context };
    if (c.id !== undefined) doc.id = c.id;
    doc.type = c.types;
    if (c.name !== undefined) doc.name = c.name;
    if (c.description !== undefined) doc.description = c.description;
    if (c.image !== undefined) doc.image = c.image;
    doc.issuer = c.issuer;
    doc[c.ctx.v2 ? 'validFrom' : 'issuanceDate'] = c.from;
    if (c.until !== undefined) doc[c.ctx.v2 ? 'validUntil' : 'expirationDate'] = c.until;
    if (c.awardedDate !== undefined) doc.awardedDate = c.awardedDate;
    doc.credentialSubject = c.subject;
    if (c.evidence?.length) doc.evidence = c.evidence;
    if (c.endorsement?.length) doc.endorsement = c.endorsement;
    return doc;
  });

/** A Data Integrity proof (or proof configuration) in a credential's context. */
export const proof = fc
  .record({
    suite: fc.constantFrom('eddsa-rdfc-2022', 'ecdsa-rdfc-2019'),
    created: dateTime,
    vm: iri,
    purpose: fc.constantFrom('assertionMethod', 'authentication'),
    value: fc.option(
      fc.constant(
        'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKT2Ur7CnFqfnKg9CW',
      ),
      { nil: undefined },
    ),
    challenge: fc.option(text, { nil: undefined }),
  })
  .map((p) => ({
    type: 'DataIntegrityProof',
    cryptosuite: p.suite,
    created: p.created,
    verificationMethod: p.vm,
    proofPurpose: p.purpose,
    ...(p.challenge !== undefined ? { challenge: p.challenge } : {}),
    ...(p.value !== undefined ? { proofValue: p.value } : {}),
  }));

/**
 * Small mutations that take a document out of the fast path's subset (or make it invalid):
 * the result must still equal jsonld.js, by going to jsonld.js.
 */
export const mutation = fc.constantFrom(
  (d: Record<string, unknown>) => ({ ...d, undefinedTerm: 'x' }),
  (d: Record<string, unknown>) => ({ ...d, id: 'relative/path' }),
  (d: Record<string, unknown>) => ({ ...d, name: null }),
  (d: Record<string, unknown>) => ({
    ...d,
    '@context': [...(d['@context'] as string[]), { nick: 'https://example.org/nick' }],
    nick: 'n',
  }),
  (d: Record<string, unknown>) => ({ ...d, description: { '@value': 'v', '@language': 'en' } }),
  (d: Record<string, unknown>) => ({ ...d, 'https://example.org/abs': 'absolute property' }),
  (d: Record<string, unknown>) => ({ ...d, id: '_:b7' }),
  (d: Record<string, unknown>) => ({
    ...d,
    '@context': [...(d['@context'] as string[]), 'https://example.org/unknown-context'],
  }),
  (d: Record<string, unknown>) => ({ ...d, type: [...(d.type as string[]), 'UnknownType'] }),
  (d: Record<string, unknown>) => ({
    ...d,
    credentialSubject: [
      d.credentialSubject,
      { id: 'did:example:other', type: 'AchievementSubject' },
    ],
  }),
  (d: Record<string, unknown>) => ({ ...d, name: 12.5 }),
  (d: Record<string, unknown>) => ({ ...d, name: [true, 3, 'x'] }),
  (d: Record<string, unknown>) => ({
    ...d,
    credentialSchema: [
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ],
  }),
  (d: Record<string, unknown>) => ({
    ...d,
    credentialStatus: { id: 'https://example.edu/status/1#3', type: '1EdTechRevocationList' },
  }),
  (d: Record<string, unknown>) => ({
    ...d,
    credentialSubject: { ...(d.credentialSubject as object), achievement: [] },
  }),
  (d: Record<string, unknown>) => ({ ...d, evidence: {} }),
);
