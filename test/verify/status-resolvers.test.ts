/**
 * A status list signed with a key that only the caller's DID resolver can find (a DID method
 * ob3kit does not resolve itself): `verify()` hands its `resolvers` to the list's proof check as
 * to the credential's, so the list's bit is read (revoked, or in force), where without them it
 * would stay "could not be checked". `checkStatus` takes `resolvers` too. Signed by the reference
 * stack, as another issuer's software would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import {
  checkStatus,
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  setStatus,
} from '../../src/status/index.js';
import { verify } from '../../src/verify/index.js';
import { referenceIssue, referenceLoader } from '../proof/helpers.js';
import { baseCredential, type Loose } from './helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const LIST = 'https://status.example.org/lists/resolvers';
const DID = 'did:example:college-7';
const loader = referenceLoader({});

let key: KeyPair;
let didDocument: object;
const resolvers = {
  example: async (did: string) => {
    if (did !== DID) throw new Error(`unknown ${did}`);
    return didDocument;
  },
};

async function listWith(set: number[]): Promise<Loose> {
  const list = createStatusList({ purpose: 'revocation' });
  for (const i of set) setStatus(list, i, true);
  const vc = await createStatusListCredential({ id: LIST, issuer: DID, list });
  return referenceIssue(vc, key, 'eddsa-rdfc-2022', loader);
}

async function badge(index: number): Promise<Loose> {
  const c = baseCredential();
  c.issuer = { id: DID, type: ['Profile'], name: 'Example College' };
  c.credentialStatus = createStatusEntry({
    statusListCredential: LIST,
    index,
    purpose: 'revocation',
  });
  return referenceIssue(c, key, 'eddsa-rdfc-2022', loader);
}

beforeAll(async () => {
  key = await generateKeyPair({ controller: DID, id: `${DID}#key-1` });
  didDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: DID,
    verificationMethod: [key.toJSON()],
    assertionMethod: [`${DID}#key-1`],
  };
}, 60_000);

describe('the status list proof and the caller resolvers', () => {
  it('verify(): a revoked badge reads revoked, a current one in force', async () => {
    const list = await listWith([5]);
    const revoked = await verify(await badge(5), {
      now: NOW,
      resolvers,
      documents: { [LIST]: list },
    });
    expect(revoked.answers?.authentic.value).toBe('yes');
    expect(revoked.answers?.inForce.value).toBe('no');
    expect(revoked.verdict).toBe('invalid');
    const current = await verify(await badge(6), {
      now: NOW,
      resolvers,
      documents: { [LIST]: list },
    });
    expect(current.answers?.inForce.value).toBe('yes');
    expect(current.answers?.fullyChecked.value).toBe('yes');
  });

  it('checkStatus(): the list verifies with the resolvers, and is unchecked without them', async () => {
    const list = await listWith([5]);
    const c = await badge(5);
    const withResolvers = await checkStatus(c, {
      now: NOW,
      resolvers,
      documents: { [LIST]: list },
    });
    expect(withResolvers.revoked).toBe(true);
    expect(withResolvers.checks.map((x) => x.status)).toEqual(['revoked']);
    const without = await checkStatus(c, { now: NOW, documents: { [LIST]: list } });
    expect(without.revoked).toBe(false);
    expect(without.checks.map((x) => x.status)).toEqual(['unknown']);
  });
});
