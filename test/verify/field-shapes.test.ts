/**
 * Credentials in the shapes real issuers produce, signed by the reference stack
 * (@digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite) as another issuer would, and genuine
 * third-party credentials (the Digital Credentials Consortium's verifier fixtures,
 * fixtures/verify/dcc). Under the default policy each is judged on what matters to someone
 * deciding whether to trust it: authentic, in force, fully checked; conformance findings are
 * warnings for the issuer. Under the `conformance` policy they are errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  type StatusList,
  setStatus,
} from '../../src/status/index.js';
import { type VerificationReport, verify } from '../../src/verify/index.js';
import { referenceIssue, referenceLoader } from '../proof/helpers.js';
import { baseCredential, baseEndorsement, codes, entries, type Loose } from './helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const LIST = 'https://status.example.org/lists/1';
const loader = referenceLoader({});

interface Party {
  did: string;
  key: KeyPair;
}

async function party(): Promise<Party> {
  const { did, keyPair } = createDidKey(await generateKeyPair());
  return { did, key: keyPair };
}

/** Sign with the reference stack, as another issuer's software would. */
function referenceSign(credential: object, by: Party): Promise<Loose> {
  return referenceIssue(credential, by.key, 'eddsa-rdfc-2022', loader);
}

/** A status list credential issued by `by`, signed by the reference stack. */
async function listBy(by: Party, set: number[], length = 131072): Promise<Loose> {
  let list: StatusList = createStatusList({ purpose: 'revocation' });
  if (length !== 131072) {
    list = { length, purpose: 'revocation', bytes: new Uint8Array(length / 8) };
  }
  for (const i of set) setStatus(list, i, true);
  return referenceSign(await createStatusListCredential({ id: LIST, issuer: by.did, list }), by);
}

/** The four answers, in order. */
function answers(r: VerificationReport): string[] {
  const a = r.answers;
  return [a.authentic.value, a.inForce.value, a.fullyChecked.value, a.conformant.value];
}

let issuer: Party;
let other: Party;
let cleanList: Loose;

beforeAll(async () => {
  issuer = await party();
  other = await party();
  cleanList = await listBy(issuer, [9]);
});

/** An Open Badges credential from `issuer` with a status entry at `index`. */
function badge(index = 3): Loose {
  const c = baseCredential();
  c.issuer = { id: issuer.did, type: ['Profile'], name: 'Example College' };
  c.credentialStatus = createStatusEntry({
    statusListCredential: LIST,
    index,
    purpose: 'revocation',
  });
  return c;
}

const SHAPES: Array<[string, (c: Loose) => void, string]> = [
  [
    'a credentialSubject with neither id nor identifier',
    (c) => {
      delete c.credentialSubject.id;
      c.credentialSubject.name = 'Taylor Tuna';
    },
    'subject_unidentified',
  ],
  [
    'issuer as a plain string (VC-allowed, not Open Badges 3.0)',
    (c) => (c.issuer = issuer.did),
    'issuer_type',
  ],
  [
    'issuer.image as a string',
    (c) => (c.issuer.image = 'https://college.example/logo.png'),
    'type',
  ],
  [
    'an achievementType outside the enumeration (Program without ext:)',
    (c) => (c.credentialSubject.achievement.achievementType = 'Program'),
    'one_of',
  ],
];

describe('shapes of real credentials: authentic badges with conformance warnings, never invalid', () => {
  for (const [name, edit, code] of SHAPES) {
    it(name, async () => {
      const c = badge();
      edit(c);
      const signed = await referenceSign(c, issuer);
      const documents = { [LIST]: cleanList };
      const r = await verify(signed, { now: NOW, documents });
      expect(r.verdict, JSON.stringify(r.checks.filter((x) => x.outcome !== 'pass'))).toBe(
        'warning',
      );
      expect(answers(r)).toEqual(['yes', 'yes', 'yes', 'no']);
      const finding = r.checks.find((x) => x.code === code);
      expect(finding).toMatchObject({ outcome: 'warn', category: 'conformance', fixBy: 'issuer' });
      // The conformance policy (1EdTech's view): an error.
      const strict = await verify(signed, { now: NOW, documents, policy: 'conformance' });
      expect(strict.verdict).toBe('invalid');
      expect(strict.checks.find((x) => x.code === code)?.outcome).toBe('fail');
      expect(answers(strict)).toEqual(['yes', 'yes', 'yes', 'no']);
    });
  }

  it('no credentialSchema, and a single proof object (as the reference stack writes it): valid, the proof form noted', async () => {
    const signed = await referenceSign(badge(), issuer);
    expect(signed.credentialSchema).toBeUndefined();
    const r = await verify(signed, { now: NOW, documents: { [LIST]: cleanList } });
    expect(r.checks.filter((x) => x.outcome !== 'pass' && x.outcome !== 'skip')).toEqual([]);
    expect(r.checks.find((x) => x.code === 'schema_plain_json_invalid')?.outcome).toBe('pass');
    expect(r.verdict).toBe('valid');
    expect(answers(r)).toEqual(['yes', 'yes', 'yes', 'yes']);
    // As 1EdTech reports it: a warning under the conformance policy too.
    expect(
      (
        await verify(r.credential!, {
          now: NOW,
          documents: { [LIST]: cleanList },
          policy: 'conformance',
        })
      ).verdict,
    ).toBe('warning');
    const asArray = { ...signed, proof: [signed.proof] };
    const v = await verify(asArray, { now: NOW, documents: { [LIST]: cleanList } });
    expect(v.verdict).toBe('valid');
  });

  it('all of them at once, revoked: the bit is read, and the badge is invalid for that alone', async () => {
    const c = badge(9);
    // The plain-string issuer last (the others edit the issuer object).
    for (const [, edit] of [...SHAPES.slice(2), ...SHAPES.slice(0, 2)]) edit(c);
    const signed = await referenceSign(c, issuer);
    const r = await verify(signed, { now: NOW, documents: { [LIST]: cleanList } });
    expect(codes(r, 'status')).toEqual(['status_revoked']);
    expect(answers(r)).toEqual(['yes', 'no', 'yes', 'no']);
    expect(r.verdict).toBe('invalid');
    const failing = r.checks.filter((x) => x.outcome === 'fail');
    expect(failing.map((x) => x.code)).toEqual(['status_revoked']);
  });
});

describe('status lists as they are published', () => {
  it('a list shorter than 131,072 entries: its entry is read (revoked is revoked), with a finding', async () => {
    const short = await listBy(issuer, [2], 8192);
    for (const [index, inForce, verdict] of [
      [2, 'no', 'invalid'],
      [3, 'yes', 'warning'],
    ] as const) {
      const signed = await referenceSign(badge(index), issuer);
      const r = await verify(signed, { now: NOW, documents: { [LIST]: short } });
      expect(r.answers.inForce.value).toBe(inForce);
      expect(r.verdict).toBe(verdict);
      expect(entries(r, 'status').find((x) => x.code === 'status_list_too_short')).toMatchObject({
        outcome: 'warn',
        category: 'conformance',
      });
    }
  });

  it('a list issued by another party: verified against its own issuer, its bit read, at most a warning', async () => {
    const theirs = await listBy(other, [7]);
    const clear = await verify(await referenceSign(badge(3), issuer), {
      now: NOW,
      documents: { [LIST]: theirs },
    });
    expect(answers(clear)).toEqual(['yes', 'yes', 'yes', 'yes']);
    expect(clear.verdict).toBe('warning');
    expect(entries(clear, 'status').map((x) => [x.code, x.outcome])).toEqual([
      [undefined, 'pass'],
      ['status_issuer_mismatch', 'warn'],
    ]);
    const revoked = await verify(await referenceSign(badge(7), issuer), {
      now: NOW,
      documents: { [LIST]: theirs },
    });
    expect(revoked.answers.inForce.value).toBe('no');
    expect(revoked.verdict).toBe('invalid');
    // The list's proof must verify against the list's issuer: another party's list claiming the
    // credential's issuer is not read.
    const forged = structuredClone(theirs);
    forged.issuer = issuer.did;
    const unreadable = await verify(await referenceSign(badge(7), issuer), {
      now: NOW,
      documents: { [LIST]: forged },
    });
    expect(codes(unreadable, 'status')).toEqual(['status_list_proof_invalid']);
    expect(unreadable.answers.inForce.value).toBe('unknown');
  });

  it('an entry broken in ways that do not hide its bit (an index written as a number) is still read', async () => {
    const c = badge();
    c.credentialStatus.statusListIndex = 9;
    const signed = await referenceSign(c, issuer);
    const r = await verify(signed, { now: NOW, documents: { [LIST]: cleanList } });
    expect(codes(r, 'status')).toEqual(['status_revoked', 'status_entry_nonconformant']);
    expect(r.answers.inForce.value).toBe('no');
  });

  it('a list that could not be checked (its key offline) is "could not be checked", never "does not verify"', async () => {
    const web = 'https://status.example.org/issuers/1';
    const list = structuredClone(cleanList);
    list.proof.verificationMethod = `${web}#key-1`;
    const r = await verify(await referenceSign(badge(), issuer), {
      now: NOW,
      documents: { [LIST]: list },
    });
    const entry = entries(r, 'status')[0];
    expect(entry?.code).toBe('status_list_proof_unchecked');
    expect(entry?.message).toContain('could not be checked');
    expect(entry?.message).not.toContain('does not verify');
    expect(r.answers.inForce.value).toBe('unknown');
    expect(r.answers.fullyChecked.value).toBe('no');
  });
});

describe('endorsements inside a credential', () => {
  it('an expired endorsement: its own report says so; the badge stays authentic and in force', async () => {
    const endorser = await party();
    const e = baseEndorsement();
    e.issuer = { id: endorser.did, type: ['Profile'], name: 'Endorser' };
    e.validUntil = '2020-01-01T00:00:00Z';
    const c = badge();
    // It endorses the achievement it is attached to.
    e.credentialSubject.id = c.credentialSubject.achievement.id;
    c.credentialSubject.achievement.endorsement = [await referenceSign(e, endorser)];
    const signed = await referenceSign(c, issuer);
    const r = await verify(signed, { now: NOW, documents: { [LIST]: cleanList } });
    const nested = r.endorsements![0]!;
    expect(nested.verdict).toBe('invalid');
    expect(codes(nested, 'validity')).toEqual(['expired']);
    expect(nested.answers.inForce.value).toBe('no');
    expect(answers(r)).toEqual(['yes', 'yes', 'yes', 'no']);
    expect(r.verdict).toBe('warning');
    const strict = await verify(signed, {
      now: NOW,
      documents: { [LIST]: cleanList },
      policy: 'conformance',
    });
    expect(strict.verdict).toBe('invalid');
    expect(strict.endorsements![0]!.policy).toBe('conformance');
  });
});

describe("the Digital Credentials Consortium's verifier fixtures (fixtures/verify/dcc)", () => {
  const DIR = path.resolve(__dirname, '../../fixtures/verify/dcc');
  const load = (f: string): Loose => JSON.parse(readFileSync(path.join(DIR, f), 'utf8'));
  const URL =
    'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj';
  const documents = () => ({ [URL]: load('status-list.json') });
  // [file, DCC's result, our answers (authentic, in force, fully checked, conformant), verdict]
  const CASES: Array<[string, string, string[], string]> = [
    ['v2-with-valid-status.json', 'valid', ['yes', 'yes', 'yes', 'no'], 'warning'],
    ['v2-eddsa-with-valid-status.json', 'valid', ['yes', 'yes', 'yes', 'no'], 'warning'],
    ['v1-with-valid-status.json', 'valid', ['yes', 'yes', 'yes', 'no'], 'warning'],
    ['v2-revoked.json', 'revoked', ['yes', 'no', 'yes', 'no'], 'invalid'],
    ['v2-expired.json', 'expired', ['yes', 'no', 'yes', 'yes'], 'invalid'],
  ];
  for (const [file, theirs, ours, verdict] of CASES) {
    it(`${file}: ${theirs} there; ${verdict} here, ${ours.join(', ')}`, async () => {
      const r = await verify(load(file), { now: NOW, documents: documents() });
      expect(answers(r)).toEqual(ours);
      expect(r.verdict).toBe(verdict);
      // Authentic and current badges are never invalid for a conformance reason.
      if (ours[0] === 'yes' && ours[1] === 'yes') expect(r.verdict).not.toBe('invalid');
    });
  }
  it('offline, the revoked one is not accepted either: its status could not be checked', async () => {
    const r = await verify(load('v2-revoked.json'), { now: NOW });
    expect(codes(r, 'status')).toEqual(['status_unchecked_offline']);
    expect(r.answers.inForce.value).toBe('unknown');
    expect(r.answers.fullyChecked.value).toBe('no');
  });
  it('a changed fixture does not verify (the signatures are the DCC issuer’s)', async () => {
    const c = load('v2-with-valid-status.json');
    c.credentialSubject.name = 'Someone Else';
    const r = await verify(c, { now: NOW, documents: documents() });
    expect(codes(r, 'proof')).toEqual(['proof_signature_invalid']);
    expect(r.verdict).toBe('invalid');
  });
});
