/**
 * Issue an Open Badge: make a did:key issuer, build the credential, sign it (Data Integrity
 * eddsa-rdfc-2022, and as a VC-JWT), bake it into an SVG, and check the result.
 *
 * Run: npx tsx examples/issue-badge.ts
 */
// In your project, import from 'ob3kit' (and its subpaths); here the examples use the sources.
import {
  bakeBadge,
  createDidKey,
  createOpenBadgeCredential,
  generateKeyPair,
  signCredential,
  signCredentialJwt,
  verify,
} from '../src/index.js';

const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));

const credential = createOpenBadgeCredential({
  name: 'Teamwork',
  issuer: { id: did, type: ['Profile'], name: 'Example University' },
  validFrom: new Date(),
  credentialSubject: {
    id: 'did:example:learner-42',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.edu/achievements/teamwork',
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by three peers.' },
    },
  },
});

const signed = await signCredential(credential, { key: keyPair });
const jwt = await signCredentialJwt(credential, { key: keyPair });

const svg = bakeBadge(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>',
  signed,
);

const report = await verify(svg);
console.log(`baked SVG: ${report.verdict}`);
console.log(`VC-JWT (${jwt.length} characters): ${(await verify(jwt)).verdict}`);
