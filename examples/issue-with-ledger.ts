/**
 * Issuing with the issuance ledger: every badge gets a random, never reused status entry recorded
 * before it is signed; revoke by recipient; publish the list the ledger builds; a verifier notices.
 *
 * Run: npx tsx examples/issue-with-ledger.ts   (needs better-sqlite3: npm install better-sqlite3@12)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// In your project, import from 'ob3kit' (and its subpaths); here the examples use the sources.
import {
  createDidKey,
  createOpenBadgeCredential,
  generateKeyPair,
  signCredential,
  verify,
} from '../src/index.js';
import { createLedger } from '../src/ledger/index.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ob3kit-example-'));
const { did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' }));
const ledger = createLedger(await openSqliteLedgerStore(path.join(dir, 'ledger.sqlite')), {
  lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
});

const learners = [
  { email: 'ada@example.com', did: 'did:example:ada' },
  { email: 'grace@example.com', did: 'did:example:grace' },
];
const badges = [];
for (const { email, did: learner } of learners) {
  const unsigned = createOpenBadgeCredential({
    issuer: { id: did, type: ['Profile'], name: 'Example University' },
    validFrom: new Date(),
    credentialSubject: {
      id: learner,
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
  // Reserve (id and entry recorded), sign, store, then marked issued.
  const { id: _builderId, ...withoutId } = unsigned;
  const { record, result } = await ledger.issue(
    { key: `teamwork/${email}`, recipient: email, subjectId: learner },
    (r) => signCredential(ledger.attachStatus(withoutId, r), { key: keyPair }),
  );
  console.log(
    `${email}: ${record.credentialId}, entry ${record.status[0]?.index} of ${record.status[0]?.list}`,
  );
  badges.push(result);
}

await ledger.revoke({ recipient: 'grace@example.com' }, { reason: 'example' });
const [list] = await ledger.publish({
  issuer: did,
  sign: (c) => signCredential(c, { key: keyPair }),
});
const documents = { [list?.url as string]: list?.credential };
for (const [i, badge] of badges.entries()) {
  const report = await verify(badge, { documents });
  const status = report.checks.find((c) => c.id === 'status');
  console.log(`${learners[i]?.email}: ${report.verdict}${status?.code ? ` (${status.code})` : ''}`);
}
await ledger.close();
rmSync(dir, { recursive: true, force: true });
