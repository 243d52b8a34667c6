/**
 * Stackable micro-credentials: define a three-badge pathway, issue the badges one by one and
 * watch the learner's progress, then issue the stacked certificate (an Open Badges 3.0
 * credential naming its parts) and a CLR 2.0 record carrying the parts and the certificate, and
 * verify both. Everything issued is plain Open Badges 3.0 or CLR 2.0.
 *
 * Run: npx tsx examples/stacking-pathway.ts
 */
// In your project, import from 'ob3kit' (and its subpaths); here the examples use the sources.
import {
  createClrForPathway,
  createDidKey,
  createOpenBadgeCredential,
  createStackedCredential,
  evaluatePathway,
  generateKeyPair,
  type Pathway,
  signCredential,
  type VerificationReport,
  verify,
  verifyStackedCredential,
} from '../src/index.js';

const { did, keyPair } = createDidKey(await generateKeyPair());
const issuer = { id: did, type: ['Profile'], name: 'Example University' };
const learner = 'did:example:ada';

// 1. The pathway: three component badges earn the Data Analyst certificate.
const components = [
  { id: 'https://example.edu/achievements/sql', name: 'SQL' },
  { id: 'https://example.edu/achievements/statistics', name: 'Statistics' },
  { id: 'https://example.edu/achievements/visualisation', name: 'Visualisation' },
];
const pathway: Pathway = {
  type: 'Pathway',
  formatVersion: 1,
  id: 'https://example.edu/pathways/data-analyst',
  name: 'Data Analyst',
  issuers: [did],
  destination: {
    id: 'https://example.edu/achievements/data-analyst',
    name: 'Data Analyst Certificate',
    description: 'Awarded for the SQL, Statistics and Visualisation badges.',
    achievementType: 'Certificate',
  },
  requirement: { all: components.map((c) => ({ name: c.name, achievement: { id: c.id } })) },
};

// 2. Issue the badges one at a time; evaluate after each.
const reports: VerificationReport[] = [];
for (const component of components) {
  const badge = await signCredential(
    createOpenBadgeCredential({
      name: component.name,
      issuer,
      credentialSubject: {
        id: learner,
        achievement: {
          id: component.id,
          name: component.name,
          description: `The ${component.name} course.`,
          criteria: { narrative: 'Pass the final project.' },
        },
      },
    }),
    { key: keyPair },
  );
  reports.push(await verify(badge));
  const progress = evaluatePathway(pathway, reports, { learner });
  const { achieved, required, ratio } = progress.progress;
  console.log(
    `after ${component.name}: ${achieved}/${required} (${Math.round(ratio * 100)}%)${
      progress.met ? ' met' : `, still needed: ${progress.missing.map((m) => m.label).join(', ')}`
    }`,
  );
}

// 3. Issue the stacked certificate and the CLR that carries its parts.
const evaluation = evaluatePathway(pathway, reports, { learner });
const certificate = await signCredential(createStackedCredential(pathway, evaluation, { issuer }), {
  key: keyPair,
});
const record = await signCredential(
  createClrForPathway(pathway, evaluation, reports, { issuer, stacked: certificate }),
  { key: keyPair },
);

const recordReport = await verify(record);
console.log(`certificate: ${(await verify(certificate)).verdict}`);
console.log(
  `CLR record: ${recordReport.verdict}, bundling ${recordReport.credentials?.map((r) => r.verdict).join(', ')}`,
);

// 4. Later: does the certificate still hold? (Its parts are re-verified and re-evaluated.)
const badges = reports.map((r) => r.credential as Record<string, unknown>);
const still = await verifyStackedCredential(certificate, badges, pathway);
console.log(`certificate still holds: ${still.holds}`);
