/**
 * Attack: the canonicalization work budget (`maxCanonizeWork`, 4,000,000 units, documented as
 * "0.3 to 0.6 s of CPU whatever the shape") is given afresh to every canonicalization, and one
 * `verify()` run canonicalizes many documents: the input itself (the `jsonld` check, then the
 * proof), and again each embedded endorsement (up to `maxEndorsements`, 100) and each credential
 * of a presentation (up to `maxCredentials`, 100), each twice. Nothing bounds the sum.
 *
 * A credential of about 1.2 MB (93,000 JSON values, inside `maxJsonValues`) carrying 90 copies
 * of one small attacker-signed endorsement (about 1,000 JSON values: an inline context with two
 * type-scoped contexts of 200 terms, used alternately by 200 nodes) took 103 s of CPU and 253 MiB
 * in one `verify()` call (measured with `tsx`, load average 10 on 2 cores; about 1 s an
 * endorsement). Each endorsement stays below the budget on its own, so each is verified in
 * full; the outer document fails `jsonld_too_large` after one budget, yet its endorsements are
 * still verified.
 *
 * Where: `src/jsonld/canonize.ts` (`new WorkBudget(...)` per call), `src/verify/pipeline.ts`
 * (`verifyEndorsements`, `verifyPresentationDoc`: every nested verification converts its
 * document for the `jsonld` check and again for the proof, with a fresh budget each time).
 *
 * Expected: like `maxFetches` / `maxFetchBytes`, one run shares one canonicalization budget
 * (nested verifications included), so that the whole `verify()` does a bounded multiple of
 * `maxCanonizeWork`; past it, the remaining documents are reported (`jsonld_too_large`, or an
 * endorsement / credential limit warning), not canonicalized.
 *
 * The test measures work in the library's own units (`WorkBudget.charge`), never time. Once the
 * run has spent the bound the spy refuses further work, so a failing test ends quickly.
 *
 * Now one run shares one budget, `limits.maxCanonizeWorkTotal` (twice `maxCanonizeWork` by
 * default): every conversion and canonicalization of the run spends from it as well as from its
 * own, and the documents left once it is spent fail `jsonld_too_large` before any work.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LimitError } from '../../src/errors.js';
import { DEFAULT_MAX_CANONIZE_WORK } from '../../src/internal/limits.js';
import { WorkBudget } from '../../src/jsonld/work.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

/** What one whole `verify()` run may spend, in canonicalization units (generous). */
const RUN_BOUND = 3 * DEFAULT_MAX_CANONIZE_WORK;

let did = '';
let keyPair: KeyPair;

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
});

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * An EndorsementCredential of about 1,000 JSON values whose JSON-LD to RDF costs about a quarter
 * of the budget: an inline context with two type-scoped contexts of `k` terms, and `nodes`
 * nodes switching between them (each switch copies the active context).
 */
function costlyEndorsement(k = 200, nodes = 100): Loose {
  const terms: Record<string, string> = {};
  for (let j = 0; j < k; j++) terms[`x${j}`] = `https://attacker.example/x${j}`;
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      {
        A: { '@id': 'https://attacker.example/A', '@context': terms },
        B: { '@id': 'https://attacker.example/B', '@context': { ...terms, z: 'urn:z' } },
        c: { '@id': 'https://attacker.example/c' },
      },
    ],
    id: 'urn:uuid:7d1b3c9e-0000-4000-8000-00000000e001',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: did, type: ['Profile'], name: 'Endorser' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Endorsement',
    credentialSubject: {
      id: 'https://issuer.example/achievements/safe-handling',
      type: ['EndorsementSubject'],
      c: Array.from({ length: nodes }, (_, i) => ({
        type: i % 2 ? 'A' : 'B',
        x0: 'v',
        c: { type: i % 2 ? 'B' : 'A', x1: 'w' },
      })),
    },
  };
}

/** Count every unit charged to any canonicalization budget; refuse work past `RUN_BOUND`. */
function meterRun(): { total: () => number } {
  let total = 0;
  const original = WorkBudget.prototype.charge;
  vi.spyOn(WorkBudget.prototype, 'charge').mockImplementation(function (
    this: WorkBudget,
    units: number,
    why: string,
  ) {
    total += units;
    if (total > RUN_BOUND) {
      // Stop the run here (the test has its answer); the code is the one a budget throws.
      throw new LimitError('ERR_CANONIZE_LIMIT', `test meter: run past ${RUN_BOUND} units`, {
        limit: 'maxCanonizeWork',
      });
    }
    original.call(this, units, why);
  });
  return { total: () => total };
}

describe('one verify() run: canonicalization work is bounded as a whole', () => {
  it('20 costly endorsements in one credential', async () => {
    const endorsement = await signCredential(costlyEndorsement(), {
      key: keyPair,
      validate: false,
      created: '2024-01-01T00:00:00Z',
    });
    const c = richCredential(did);
    c.endorsement = Array.from({ length: 20 }, () => structuredClone(endorsement));
    const meter = meterRun();
    const report = await verifyOffline(c, { now: NOW });
    expect(report.verdict).toBe('invalid');
    // The outer document spends one budget (jsonld_too_large), its proof another; what remains
    // of the run's is spent by the first endorsements, and the rest are refused before any work.
    expect(meter.total()).toBeLessThanOrEqual(RUN_BOUND);
    const refused = (report.endorsements ?? []).filter((e) =>
      e.checks.some(
        (x) => x.code === 'jsonld_too_large' && x.message?.includes('limits.maxCanonizeWorkTotal'),
      ),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.verdict === 'invalid')).toBe(true);
  }, 60_000);

  it('20 costly credentials in one (unsigned) presentation', async () => {
    const one = costlyEndorsement();
    one.type = ['VerifiableCredential', 'OpenBadgeCredential'];
    one.credentialSubject = {
      ...richCredential(did).credentialSubject,
      c: one.credentialSubject.c,
    };
    const signed = await signCredential(one, {
      key: keyPair,
      validate: false,
      created: '2024-01-01T00:00:00Z',
    });
    const vp = createPresentation({
      credentials: Array.from({ length: 20 }, () => structuredClone(signed)),
    }) as Loose;
    const meter = meterRun();
    const report = await verifyOffline(vp, { now: NOW });
    expect(meter.total()).toBeLessThanOrEqual(RUN_BOUND);
    expect(report.verdict).toBe('invalid');
    expect(
      report.credentials?.some((c) => c.checks.some((x) => x.code === 'jsonld_too_large')),
    ).toBe(true);
  }, 60_000);

  it('one costly endorsement alone stays within the bound (the meter measures the run)', async () => {
    // Control: the same endorsement once is verified within the bound, so the failures above
    // come from the number of nested verifications, not from one document.
    const endorsement = await signCredential(costlyEndorsement(), {
      key: keyPair,
      validate: false,
      created: '2024-01-01T00:00:00Z',
    });
    const meter = meterRun();
    const report = await verifyOffline(endorsement, { now: NOW });
    expect(report.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    expect(meter.total()).toBeGreaterThan(DEFAULT_MAX_CANONIZE_WORK / 8);
    expect(meter.total()).toBeLessThanOrEqual(RUN_BOUND);
  }, 60_000);
});
