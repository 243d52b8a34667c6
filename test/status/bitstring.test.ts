import { gzipSync } from 'node:zlib';
import * as bsl from '@digitalbazaar/vc-bitstring-status-list';
import * as sl2021 from '@digitalbazaar/vc-status-list';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../src/errors.js';
import {
  createStatusEntry,
  createStatusList,
  createStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  getStatus,
  setStatus,
} from '../../src/status/index.js';
import { codeOf } from '../helpers.js';

/** The code of the StatusError `fn` throws or rejects with. */
const code = (fn: () => unknown) => codeOf(fn, StatusError);

/** Example 3 of the W3C Bitstring Status List v1.0 Recommendation: an all-clear 16 KiB list. */
const W3C_EXAMPLE = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

describe('published values', () => {
  it('decodes the W3C example to 131,072 clear entries, as the reference library does', async () => {
    const list = await decodeStatusList(W3C_EXAMPLE);
    expect(list.length).toBe(131072);
    expect(list.bytes.every((b) => b === 0)).toBe(true);
    const ref = await bsl.decodeList({ encodedList: W3C_EXAMPLE });
    expect(ref.length).toBe(list.length);
  });

  it('decodes the StatusList2021 form (no multibase prefix) only as StatusList2021', async () => {
    const list = await decodeStatusList(W3C_EXAMPLE.slice(1), { type: 'StatusList2021' });
    expect(list.length).toBe(131072);
    expect(await code(() => decodeStatusList(W3C_EXAMPLE.slice(1)))).toBe(
      'ERR_STATUS_LIST_ENCODING',
    );
  });

  it("reads 1EdTech's test list: entry 23 is the only one set", async () => {
    const list = await decodeStatusList(
      'uH4sIAAAAAAAA_-3BMQEAAAzDoMy_6cnoA9QFAAAAAAAAAAAAAAAAAAAAbD3uPa2cAEAAAA',
    );
    const set = [];
    for (let i = 0; i < list.length; i++) if (getStatus(list, i)) set.push(i);
    expect(set).toEqual([23]);
  });
});

describe('bit order (index 0 is the left-most bit of the first byte)', () => {
  it('matches the reference library, both ways', async () => {
    for (const index of [0, 1, 7, 8, 9, 23, 131071]) {
      const ours = createStatusList({ purpose: 'revocation' });
      setStatus(ours, index, true);
      const ref = await bsl.createList({ length: 131072 });
      ref.setStatus(index, true);
      expect(b64url(ours.bytes)).toBe(b64url(ref.bitstring.bits));
    }
    const list = createStatusList({ purpose: 'revocation' });
    setStatus(list, 0, true);
    setStatus(list, 15, true);
    expect([list.bytes[0], list.bytes[1]]).toEqual([0x80, 0x01]);
  });
});

describe('encode and decode agree with the reference libraries', () => {
  const indexes = fc.uniqueArray(fc.integer({ min: 0, max: 262143 }), { maxLength: 40 });

  it('BitstringStatusList: ours -> @digitalbazaar/vc-bitstring-status-list and back', async () => {
    await fc.assert(
      fc.asyncProperty(indexes, fc.integer({ min: 0, max: 2 }), async (set, extra) => {
        const length = 131072 * (1 + extra);
        const ours = createStatusList({ purpose: 'revocation', length });
        for (const i of set) if (i < length) setStatus(ours, i, true);
        const encoded = await encodeStatusList(ours);
        expect(encoded.startsWith('uH4sI')).toBe(true);
        const ref = await bsl.decodeList({ encodedList: encoded });
        expect(ref.length).toBe(length);
        for (const i of set) if (i < length) expect(ref.getStatus(i)).toBe(true);
        expect(b64url(ref.bitstring.bits)).toBe(b64url(ours.bytes));
        // The other way: the reference encodes, we decode.
        const theirs = await bsl.createList({ length });
        for (const i of set) if (i < length) theirs.setStatus(i, true);
        const back = await decodeStatusList(await theirs.encode());
        expect(b64url(back.bytes)).toBe(b64url(ours.bytes));
      }),
      { numRuns: 25 },
    );
  });

  it('StatusList2021: ours -> @digitalbazaar/vc-status-list and back', async () => {
    await fc.assert(
      fc.asyncProperty(indexes, async (set) => {
        const ours = createStatusList({ purpose: 'suspension' });
        for (const i of set) if (i < 131072) setStatus(ours, i, true);
        const encoded = await encodeStatusList(ours, { type: 'StatusList2021' });
        expect(encoded.startsWith('H4sI')).toBe(true);
        const ref = await sl2021.decodeList({ encodedList: encoded });
        expect(b64url(ref.bitstring.bits)).toBe(b64url(ours.bytes));
        const theirs = await sl2021.createList({ length: 131072 });
        for (const i of set) if (i < 131072) theirs.setStatus(i, true);
        const back = await decodeStatusList(await theirs.encode(), { type: 'StatusList2021' });
        expect(b64url(back.bytes)).toBe(b64url(ours.bytes));
      }),
      { numRuns: 25 },
    );
  });

  it('round-trips random bitsets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 16384, maxLength: 16384 + 64 }),
        async (bytes) => {
          const list = createStatusList({ purpose: 'revocation', length: bytes.length * 8 });
          bytes.forEach((b, at) => {
            for (let bit = 0; bit < 8; bit++)
              if (b & (0x80 >> bit)) setStatus(list, at * 8 + bit, true);
          });
          expect(Buffer.from(list.bytes).equals(bytes)).toBe(true);
          const back = await decodeStatusList(await encodeStatusList(list));
          expect(Buffer.from(back.bytes).equals(bytes)).toBe(true);
          for (let i = 0; i < 64; i++) expect(getStatus(back, i)).toBe(getStatus(list, i));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('encodes deterministically', async () => {
    const a = createStatusList({ purpose: 'revocation' });
    setStatus(a, 5, true);
    expect(await encodeStatusList(a)).toBe(await encodeStatusList(a));
  });
});

describe('lists of a million entries', () => {
  it('set, encode, decode and read stay fast and exact', async () => {
    const list = createStatusList({ purpose: 'revocation', length: 1_000_000 });
    const set = new Set<number>();
    let s = 12345;
    for (let k = 0; k < 20_000; k++) {
      s = (s * 1103515245 + 12345) >>> 0;
      set.add(s % 1_000_000);
    }
    for (const i of set) setStatus(list, i, true);
    const back = await decodeStatusList(await encodeStatusList(list));
    expect(back.length).toBe(1_000_000);
    let count = 0;
    for (let i = 0; i < back.length; i++) if (getStatus(back, i)) count++;
    expect(count).toBe(set.size);
  });
});

describe('errors', () => {
  it('refuses lists that are too short, badly encoded, or decompression bombs', async () => {
    expect(await code(() => decodeStatusList('H4sI'))).toBe('ERR_STATUS_LIST_ENCODING');
    expect(await code(() => decodeStatusList('u!!!'))).toBe('ERR_STATUS_LIST_ENCODING');
    expect(await code(() => decodeStatusList('u'))).toBe('ERR_STATUS_LIST_ENCODING');
    expect(
      await code(() => decodeStatusList(`u${b64url(new TextEncoder().encode('not gzip data'))}`)),
    ).toBe('ERR_STATUS_LIST_ENCODING');
    const truncated = gzipSync(Buffer.alloc(16384)).subarray(0, 20);
    expect(await code(() => decodeStatusList(`u${b64url(truncated)}`))).toBe(
      'ERR_STATUS_LIST_ENCODING',
    );
    const short = `u${b64url(gzipSync(Buffer.alloc(1000)))}`;
    expect(await code(() => decodeStatusList(short))).toBe('ERR_STATUS_LIST_LENGTH');
    expect((await decodeStatusList(short, { minLength: 8000 })).length).toBe(8000);
    // 24 MiB of zeros gzip to about 24 KB.
    const bomb = gzipSync(Buffer.alloc(24 << 20), { level: 9 });
    expect(await code(() => decodeStatusList(`u${b64url(bomb)}`))).toBe(
      'ERR_STATUS_LIST_TOO_LARGE',
    );
    // The same bomb with a lying size trailer is still stopped while inflating.
    const lying = Buffer.from(bomb);
    lying.writeUInt32LE(16384, lying.length - 4);
    expect(await code(() => decodeStatusList(`u${b64url(lying)}`))).toBe(
      'ERR_STATUS_LIST_TOO_LARGE',
    );
    expect(await code(() => decodeStatusList(W3C_EXAMPLE, { maxBytes: 1000 }))).toBe(
      'ERR_STATUS_LIST_TOO_LARGE',
    );
  });

  it('checks list lengths and indexes', async () => {
    expect(await code(() => createStatusList({ purpose: 'revocation', length: 1000 }))).toBe(
      'ERR_STATUS_LIST_LENGTH',
    );
    expect(await code(() => createStatusList({ purpose: 'revocation', length: 131073 }))).toBe(
      'ERR_STATUS_LIST_LENGTH',
    );
    const list = createStatusList({ purpose: 'revocation' });
    expect(await code(() => setStatus(list, 131072, true))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
    expect(await code(() => getStatus(list, 1e9))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
  });

  it('throws TypeError for misuse', async () => {
    const list = createStatusList({ purpose: 'revocation' });
    expect(() => createStatusList({} as never)).toThrow(TypeError);
    expect(() => createStatusList({ purpose: 'revoke' as never })).toThrow(TypeError);
    expect(() => setStatus(list, -1, true)).toThrow(TypeError);
    expect(() => setStatus(list, 1.5, true)).toThrow(TypeError);
    expect(() => setStatus(list, 1, 1 as never)).toThrow(TypeError);
    expect(() => getStatus({ length: 8, bytes: new Uint8Array(2) } as never, 0)).toThrow(TypeError);
    await expect(decodeStatusList(42 as never)).rejects.toThrow(TypeError);
    await expect(encodeStatusList(list, { type: 'Other' as never })).rejects.toThrow(TypeError);
  });
});

describe('createStatusListCredential and createStatusEntry', () => {
  it('builds the BitstringStatusListCredential of the W3C data model, readable by the reference library', async () => {
    const list = createStatusList({ purpose: 'revocation' });
    setStatus(list, 94567 % 131072, true);
    const vc = await createStatusListCredential({
      id: 'https://example.com/credentials/status/3',
      issuer: 'did:example:12345',
      list,
      validFrom: '2021-04-05T14:27:40Z',
      ttl: 86400000,
    });
    expect(vc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://example.com/credentials/status/3',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:example:12345',
      validFrom: '2021-04-05T14:27:40Z',
      credentialSubject: {
        id: 'https://example.com/credentials/status/3#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        ttl: 86400000,
      },
    });
    const subject = vc.credentialSubject as { encodedList: string };
    const ref = await bsl.decodeList({ encodedList: subject.encodedList });
    expect(ref.getStatus(94567 % 131072)).toBe(true);
    // The reference library makes the same shape (minus the optional fields).
    const refVc = await bsl.createCredential({
      id: 'https://example.com/credentials/status/3',
      list: ref,
      statusPurpose: 'revocation',
    });
    expect(Object.keys(refVc.credentialSubject).sort()).toEqual(
      Object.keys(subject)
        .filter((k) => k !== 'ttl')
        .sort(),
    );
    expect(refVc.type).toEqual(vc.type);
  });

  it('builds a StatusList2021Credential like the reference library', async () => {
    const list = createStatusList({ purpose: 'suspension' });
    const vc = await createStatusListCredential({
      id: 'https://example.com/status/2021',
      issuer: { id: 'did:example:12345', type: ['Profile'] },
      list,
      type: 'StatusList2021',
      now: new Date('2024-01-02T03:04:05.678Z'),
    });
    const ref = await sl2021.createCredential({
      id: 'https://example.com/status/2021',
      list: await sl2021.createList({ length: 131072 }),
      statusPurpose: 'suspension',
    });
    expect(vc['@context']).toEqual(ref['@context']);
    expect(vc.type).toEqual(ref.type);
    const { encodedList, ...subject } = vc.credentialSubject as Record<string, string>;
    const { encodedList: refList, ...refSubject } = ref.credentialSubject;
    expect(subject).toEqual(refSubject);
    // Same bits (the GZIP bytes differ between deflate implementations, which is fine).
    const a = await sl2021.decodeList({ encodedList: encodedList as string });
    const b = await decodeStatusList(refList, { type: 'StatusList2021' });
    expect(b64url(a.bitstring.bits)).toBe(b64url(b.bytes));
    expect(vc.issuanceDate).toBe('2024-01-02T03:04:05Z');
  });

  it('builds status entries', () => {
    expect(
      createStatusEntry({
        statusListCredential: 'https://example.com/credentials/status/3',
        index: 94567,
        purpose: 'revocation',
      }),
    ).toEqual({
      id: 'https://example.com/credentials/status/3#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://example.com/credentials/status/3',
    });
    expect(
      createStatusEntry({
        statusListCredential: 'https://example.com/s',
        index: 0,
        purpose: 'suspension',
        type: 'StatusList2021',
        id: null,
      }),
    ).toEqual({
      type: 'StatusList2021Entry',
      statusPurpose: 'suspension',
      statusListIndex: '0',
      statusListCredential: 'https://example.com/s',
    });
  });

  it('throws TypeError for misuse', async () => {
    const list = createStatusList({ purpose: 'revocation' });
    await expect(
      createStatusListCredential({ id: 'not a url', issuer: 'did:x:y', list }),
    ).rejects.toThrow(TypeError);
    await expect(
      createStatusListCredential({ id: 'https://e.com/s', issuer: 42 as never, list }),
    ).rejects.toThrow(TypeError);
    await expect(
      createStatusListCredential({
        id: 'https://e.com/s',
        issuer: 'did:x:y',
        list,
        validFrom: '2024-01-01',
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      createStatusListCredential({ id: 'https://e.com/s', issuer: 'did:x:y', list: {} as never }),
    ).rejects.toThrow(TypeError);
    expect(() =>
      createStatusEntry({ statusListCredential: 'x', index: 1, purpose: 'revocation' }),
    ).toThrow(TypeError);
    expect(() =>
      createStatusEntry({
        statusListCredential: 'https://e.com/s',
        index: -1,
        purpose: 'revocation',
      }),
    ).toThrow(TypeError);
    expect(() =>
      createStatusEntry({
        statusListCredential: 'https://e.com/s',
        index: 1,
        purpose: 'revocation',
        id: 'https://e.com/s',
      }),
    ).toThrow(TypeError);
  });
});
