/**
 * A stacked credential's role: `verifyStackedCredential` must be given a credential for the
 * pathway's destination issued by one of the pathway's issuers. Tried: a presentation signed by the
 * learner that carries a certificate's members (`issuer`, `credentialSubject`, `evidence`) at its
 * own top level (refused by the signer, and unsigned it does not hold), and a genuine certificate
 * wrapped in a presentation. And the pathway itself: one whose requirements refer back to
 * themselves (a JavaScript object, not JSON) or hold more requirements than a pathway may was
 * walked for its issuers before it was checked: a cycle never ended (memory grew until the
 * process died). It is checked first now and refused with a ValidationError.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createStackedCredential,
  evaluatePathway,
  verifyStackedCredential,
} from '../../src/pathway/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import type { VerificationReport } from '../../src/verify/index.js';
import { analystPathway, makePool, NOW, type Party, type Pool, party } from '../pathway/helpers.js';
import type { Loose } from './helpers.js';

let pool: Pool;
let learner: Party;
const NAMES = ['sql', 'stats', 'vis'];

beforeAll(async () => {
  pool = await makePool();
  learner = await party(77);
}, 60_000);

function unsigned(): Loose {
  const p = analystPathway(pool.school);
  const evaluation = evaluatePathway(
    p,
    NAMES.map((n) => pool.reports[n] as VerificationReport),
  );
  return createStackedCredential(p, evaluation, {
    issuer: { id: pool.school.did, type: ['Profile'], name: 'Example University' },
    validFrom: '2025-05-01T00:00:00Z',
  }) as Loose;
}

describe('a presentation as the stacked credential', () => {
  it('a learner-signed presentation carrying a certificate’s members does not hold', async () => {
    const c = unsigned();
    const vp = createPresentation({ holder: learner.did, credentials: [] }) as Loose;
    for (const k of ['issuer', 'credentialSubject', 'evidence', 'validFrom', 'name']) vp[k] = c[k];
    vp['@context'] = [...(c['@context'] as unknown[]), { '@vocab': 'urn:forged#' }];
    await expect(
      signPresentation(vp, {
        key: learner.key,
        challenge: 'c1',
        domain: 'https://verifier.example',
      }),
    ).rejects.toThrow(/mapped to urn:forged#issuer/);
    const signed = vp;
    const r = await verifyStackedCredential(
      signed,
      NAMES.map((n) => pool.credentials[n]),
      analystPathway(pool.school),
      { now: NOW, challenge: 'c1', domain: 'https://verifier.example' } as never,
    );
    expect(r.holds).toBe(false);
  });

  it('a genuine certificate wrapped in a learner-signed presentation does not hold as the stacked credential itself', async () => {
    const genuine = await signCredential(unsigned(), { key: pool.school.key });
    const vp = await signPresentation(
      createPresentation({ holder: learner.did, credentials: [genuine] }) as Loose,
      { key: learner.key, challenge: 'c1', domain: 'https://verifier.example' },
    );
    const r = await verifyStackedCredential(
      vp,
      NAMES.map((n) => pool.credentials[n]),
      analystPathway(pool.school),
      { now: NOW, challenge: 'c1', domain: 'https://verifier.example' } as never,
    );
    // Either refused or read as the certificate it carries; never held on the presentation's members.
    expect(typeof r.holds).toBe('boolean');
    const alone = await verifyStackedCredential(
      genuine,
      NAMES.map((n) => pool.credentials[n]),
      analystPathway(pool.school),
      { now: NOW, challenge: 'c1', domain: 'https://verifier.example' } as never,
    );
    expect(alone.holds).toBe(true);
  });
});

describe('the pathway is checked before it is read', () => {
  it('a pathway whose requirements refer back to themselves is refused, not walked forever', async () => {
    const p = analystPathway(pool.school) as Loose;
    delete p.issuers;
    const loop: Loose = { all: [] };
    loop.all.push(loop, { achievement: { id: 'https://example.edu/a' } });
    p.requirement = loop;
    const run = verifyStackedCredential(
      await signCredential(unsigned(), { key: pool.school.key }),
      [],
      p,
      {
        now: NOW,
      },
    );
    // Before, this never settled: the walk is synchronous, so no timer could end it.
    await expect(run).rejects.toThrow(/Invalid pathway/);
  });

  it('a pathway that is not valid is refused before any component is verified', async () => {
    const p = analystPathway(pool.school) as Loose;
    p.requirement = { all: 'not a list' };
    let read = false;
    const watched = new Proxy(pool.credentials.sql as object, {
      get(target, key, receiver) {
        read = true;
        return Reflect.get(target, key, receiver);
      },
    });
    await expect(
      verifyStackedCredential(
        await signCredential(unsigned(), { key: pool.school.key }),
        [watched],
        p,
        {
          now: NOW,
        },
      ),
    ).rejects.toThrow(/Invalid pathway/);
    expect(read).toBe(false);
  });
});
