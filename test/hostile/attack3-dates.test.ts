/**
 * Dates at the edges, read exactly against a millisecond clock. A fraction of a second finer than
 * a millisecond must not move a period's start earlier: `validFrom` 0.5 ms after now has not
 * begun (truncating it to the millisecond made it valid half a millisecond early), and an end
 * 0.5 ms after now has not ended. Leap seconds and the widest offsets name the instant they say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDateTime } from '../../src/internal/datetime.js';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { signCredential } from '../../src/proof/index.js';
import { type Loose, NOW, richCredential, verifyOffline } from './helpers.js';

let did = '';
let keyPair: KeyPair;
const sign = (c: Loose) =>
  signCredential(c, { key: keyPair, created: '2024-01-01T00:00:00Z', validate: false });
const validity = (r: Awaited<ReturnType<typeof verifyOffline>>) =>
  r.checks.filter((c) => c.id === 'validity').map((c) => c.code ?? c.outcome);
/** NOW as written, with `frac` after the seconds. */
const at = (frac: string) => NOW.toISOString().replace('.000Z', `.${frac}Z`);

beforeAll(async () => {
  ({ did, keyPair } = createDidKey(await generateKeyPair({ type: 'Ed25519' })));
});

describe('sub-millisecond fractions', () => {
  it('validFrom half a millisecond after now has not begun', async () => {
    const c = richCredential(did);
    c.validFrom = at('0005');
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['not_yet_valid']);
    c.validFrom = at('000');
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['pass']);
  });

  it('validUntil half a millisecond after now has not ended; at now it has', async () => {
    const c = richCredential(did);
    c.validUntil = at('0005');
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['pass']);
    c.validUntil = at('0000000');
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['expired']);
  });

  it('an instant is read to the next millisecond when finer digits are not zero', () => {
    const base = Date.parse('2024-01-01T00:00:00.123Z');
    expect(parseDateTime('2024-01-01T00:00:00.123Z')).toBe(base);
    expect(parseDateTime('2024-01-01T00:00:00.123000Z')).toBe(base);
    expect(parseDateTime('2024-01-01T00:00:00.1230001Z')).toBe(base + 1);
    expect(parseDateTime('2024-01-01T00:00:00.9999Z')).toBe(base - 123 + 1000);
  });
});

describe('leap seconds and offsets', () => {
  it('23:59:60 UTC (or at +14:00) is the next day at 00:00:00: an end there has ended at it', async () => {
    const c = richCredential(did);
    // NOW is 2025-06-01T00:00:00Z.
    for (const end of ['2025-05-31T23:59:60Z', '2025-06-01T13:59:60+14:00']) {
      expect(parseDateTime(end)).toBe(NOW.getTime());
      c.validUntil = end;
      expect(validity(await verifyOffline(await sign(c)))).toEqual(['expired']);
    }
    // A leap second that is not the last second of a UTC day is refused.
    c.validUntil = '2025-06-01T23:59:60+14:00';
    expect(validity(await verifyOffline(await sign(c)))).toEqual(['date_invalid']);
  });
});
