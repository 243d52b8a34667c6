/**
 * Attack: a status list whose GZIP trailer lies. RFC 1952 (section 2.3.1) ends every GZIP member
 * with the CRC-32 and the length of its uncompressed data; fflate inflates without comparing
 * them, so ob3kit read a list whose data does not match its own checksum (a corrupted or
 * tampered list) and answered from its bits, where zlib and pako (the reference stack's
 * decoder) refuse it. A list is now read only when every member's CRC-32 and length match
 * (several members, as RFC 1952 allows, are still read one after the other, as zlib reads them).
 * Also tried, nothing found: data after the last member (refused), members that
 * inflate past `maxBytes` (refused before the output is kept), a truncated member (refused).
 * Expected values come from node:zlib (`gunzipSync`), an independent implementation.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkStatus,
  createStatusEntry,
  decodeStatusList,
  type StatusList,
} from '../../src/status/index.js';
import { fuzzRuns } from './helpers.js';

/** The multibase form of GZIP bytes, as a Bitstring Status List writes its encodedList. */
const multibase = (gz: Uint8Array) => `u${Buffer.from(gz).toString('base64url')}`;

/** What ob3kit makes of GZIP bytes: the list's bytes, or an error code. */
async function ours(gz: Uint8Array): Promise<Uint8Array | string> {
  try {
    const list: StatusList = await decodeStatusList(multibase(gz), { minLength: 0 });
    return list.bytes;
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
}

/** What node:zlib makes of them. */
function reference(gz: Uint8Array): Uint8Array | 'refused' {
  try {
    return new Uint8Array(gunzipSync(gz));
  } catch {
    return 'refused';
  }
}

/** Concatenated GZIP members, and where each member's 8-byte trailer starts. */
function members(parts: Uint8Array[]): { gz: Uint8Array; trailers: number[] } {
  const out: Buffer[] = [];
  const trailers: number[] = [];
  let at = 0;
  for (const p of parts) {
    const one = gzipSync(p);
    out.push(one);
    at += one.length;
    trailers.push(at - 8);
  }
  return { gz: new Uint8Array(Buffer.concat(out)), trailers };
}

/** `gz` with the byte at `at` XOR-ed with `mask`. */
function flipped(gz: Uint8Array, at: number, mask = 1): Uint8Array {
  const out = gz.slice();
  out[at] = (out[at] as number) ^ mask;
  return out;
}

describe('GZIP trailers of an encodedList', () => {
  it('a list whose CRC-32 does not match its data is refused, as zlib refuses it', async () => {
    const bits = new Uint8Array(16384);
    bits[100] = 0x80;
    const { gz, trailers } = members([bits]);
    expect(await ours(gz)).toEqual(bits); // control
    const tampered = flipped(gz, trailers[0] as number);
    expect(reference(tampered)).toBe('refused');
    expect(await ours(tampered)).toBe('ERR_STATUS_LIST_ENCODING');
  });

  it('a list whose length field does not match its data is refused, as zlib refuses it', async () => {
    const { gz, trailers } = members([new Uint8Array(16384)]);
    const tampered = flipped(gz, (trailers[0] as number) + 4);
    expect(reference(tampered)).toBe('refused');
    expect(await ours(tampered)).toBe('ERR_STATUS_LIST_ENCODING');
  });

  it('any member, any trailer byte, any split: ob3kit and zlib agree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 3 }),
        fc.option(
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 255 })),
        ),
        async (parts, flip) => {
          const { gz: sound, trailers } = members(parts);
          const gz = flip
            ? flipped(sound, (trailers[flip[0] % trailers.length] as number) + flip[1], flip[2])
            : sound;
          const expected = reference(gz);
          const got = await ours(gz);
          if (expected === 'refused') expect(got).toBe('ERR_STATUS_LIST_ENCODING');
          else expect(got).toEqual(expected);
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  });

  it('checkStatus: a corrupted list gives no answer for a clear entry (status_list_malformed)', async () => {
    const url = 'https://issuer.example/status/gz';
    const { gz: sound, trailers } = members([new Uint8Array(16384)]);
    const gz = flipped(sound, trailers[0] as number);
    const list = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: multibase(gz),
      },
    };
    const credential = {
      issuer: 'did:example:issuer',
      credentialStatus: createStatusEntry({
        statusListCredential: url,
        index: 5,
        purpose: 'revocation',
      }),
    };
    const result = await checkStatus(credential, {
      documents: { [url]: list },
      verifyListCredential: async () => ({ verified: true }),
    });
    expect(result.checks.map((c) => [c.status, c.code])).toEqual([
      ['unknown', 'status_list_malformed'],
    ]);
  });
});
