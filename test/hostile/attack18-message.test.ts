/**
 * Attack (report size): a JSON-LD safe-mode failure other than an undefined term (jsonld.js's
 * "object with only @id", "object with only @value", ...) put the whole value jsonld.js found
 * into the error message and the report's check message: a presentation listing one 500,000
 * character string as a credential in the VC 2.0 form made a 500 KB check message, copied again
 * into every log line that prints it. Found and closed: the value is shown shortened (as
 * `describeValue` shows terms), its place stays in `details`.
 */
import { expect, it } from 'vitest';
import { createPresentation } from '../../src/present/index.js';
import { verify } from '../../src/verify/index.js';
import { NOW } from './helpers.js';

it('a safe-mode failure on a huge value gives a short message', async () => {
  for (const huge of ['x'.repeat(500_000), `eyJ${'a'.repeat(500_000)}.e30.`]) {
    const vp = {
      ...createPresentation({ holder: 'did:example:holder', credentials: [] }),
      verifiableCredential: [huge],
    };
    const report = await verify(vp, { now: NOW });
    expect(report.verdict).toBe('invalid');
    const jsonld = report.checks.find((c) => c.id === 'jsonld');
    expect(jsonld?.outcome).toBe('fail');
    // The message names the event, never the whole value (500,000 characters).
    expect((jsonld?.message ?? '').length).toBeLessThan(1_000);
    for (const c of report.checks) {
      expect([c.id, (c.message ?? '').length < 1_000]).toEqual([c.id, true]);
    }
  }
});
