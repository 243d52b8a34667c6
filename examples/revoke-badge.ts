/**
 * Revocation with a Bitstring Status List: publish a list, point a badge at an entry, revoke it
 * by setting the entry, and see a verifier notice.
 *
 * Run: npx tsx examples/revoke-badge.ts
 */
// In your project, import from 'ob3kit' (and its subpaths); here the examples use the sources.
import {
  createDidKey,
  createOpenBadgeCredential,
  generateKeyPair,
  signCredential,
  verify,
} from '../src/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../src/status/index.js';

const LIST_URL = 'https://example.edu/status/1';
const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));

const badge = await signCredential(
  {
    ...createOpenBadgeCredential({
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
    }),
    credentialStatus: createStatusEntry({
      statusListCredential: LIST_URL,
      index: 42,
      purpose: 'revocation',
    }),
  },
  { key: keyPair },
);

/** Sign and "publish" the list as it is now (here: a document the verifier is given). */
async function publish(list: ReturnType<typeof createStatusList>) {
  const unsigned = await createStatusListCredential({ id: LIST_URL, issuer: did, list });
  return signCredential(unsigned, { key: keyPair });
}

const list = createStatusList({ purpose: 'revocation' });
const before = await verify(badge, { documents: { [LIST_URL]: await publish(list) } });
console.log(`before: ${before.verdict}`);

setStatus(list, 42, true); // revoke: set the badge's entry, then re-sign and republish the list
const after = await verify(badge, { documents: { [LIST_URL]: await publish(list) } });
const status = after.checks.find((c) => c.id === 'status');
console.log(`after: ${after.verdict} (${status?.code})`);
