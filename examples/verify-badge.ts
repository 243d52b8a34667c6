/**
 * Verify whatever arrives — a baked PNG or SVG, JSON, a VC-JWT — offline, with the documents a
 * verifier already holds (a status list credential, say), and print the report.
 *
 * Run: npx tsx examples/verify-badge.ts badge.png [status-list.json ...]
 */
// In your project, import from 'ob3kit' (and its subpaths); here the examples use the sources.
import { readFileSync } from 'node:fs';
import { formatReport, type VerificationReport, verify } from '../src/index.js';

const [file, ...documentFiles] = process.argv.slice(2);
if (file === undefined) {
  console.error(
    'usage: verify-badge <badge.png|badge.svg|credential.json|credential.jwt> [document.json ...]',
  );
  process.exit(2);
}

// Each document is used for the URL in its `id` (status lists, DID documents, issuer profiles).
const documents: Record<string, unknown> = {};
for (const f of documentFiles) {
  const doc = JSON.parse(readFileSync(f, 'utf8')) as { id?: unknown };
  if (typeof doc.id === 'string') documents[doc.id] = doc;
}

const report: VerificationReport = await verify(new Uint8Array(readFileSync(file)), {
  documents,
  // recipient: 'learner@example.com',   // check the badge was awarded to this person
  // fetch: globalThis.fetch,            // allow did:web, status lists and profiles online
});
console.log(formatReport(report));
process.exitCode = report.verdict === 'invalid' ? 1 : 0;
