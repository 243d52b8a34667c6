/** Series configuration, the index source, the driver loader and API misuse, without a store. */
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/errors.js';
import { IndexSource, resolveSeries } from '../../src/ledger/allocate.js';
import {
  attachStatus,
  createLedger,
  createMemoryLedgerStore,
  type StatusListSeries,
} from '../../src/ledger/index.js';
import { loadDriver } from '../../src/ledger/sql.js';

function configCode(series: unknown): string | undefined {
  try {
    resolveSeries(series as StatusListSeries, 'lists[0]');
  } catch (e) {
    if (e instanceof LedgerError) return e.code;
    throw e;
  }
  return undefined;
}

describe('status list series', () => {
  it('fills in defaults and numbers lists only with {n}', () => {
    expect(resolveSeries({ url: 'https://e.example/s/{n}', purpose: 'revocation' }, 'x')).toEqual({
      url: 'https://e.example/s/{n}',
      purpose: 'revocation',
      length: 131072,
      type: 'BitstringStatusList',
      numbered: true,
    });
    expect(
      resolveSeries(
        {
          url: 'https://e.example/s',
          purpose: 'suspension',
          length: 262144,
          type: 'StatusList2021',
        },
        'x',
      ).numbered,
    ).toBe(false);
  });

  it('refuses bad series with ERR_LEDGER_CONFIG', () => {
    const bad: unknown[] = [
      null,
      { url: 'ftp://e.example/{n}', purpose: 'revocation' },
      { url: 'not a url', purpose: 'revocation' },
      { url: 'https://e.example/{n}/{n}', purpose: 'revocation' },
      { url: 'https://e.example/{x}', purpose: 'revocation' },
      { url: 'https://e.example/{n}', purpose: 'refresh' },
      { url: 'https://e.example/{n}', purpose: 'revocation', length: 131071 },
      { url: 'https://e.example/{n}', purpose: 'revocation', length: 1024 },
      { url: 'https://e.example/{n}', purpose: 'revocation', length: 2 ** 24 + 8 },
      { url: 'https://e.example/{n}', purpose: 'revocation', length: 131076 },
      { url: 'https://e.example/{n}', purpose: 'revocation', length: 131072.5 },
      { url: 'https://e.example/{n}', purpose: 'revocation', type: 'RevocationList2020' },
    ];
    for (const s of bad) expect(configCode(s), JSON.stringify(s)).toBe('ERR_LEDGER_CONFIG');
  });

  it('refuses two series of one purpose or one URL', () => {
    const store = createMemoryLedgerStore();
    const r = { url: 'https://e.example/r/{n}', purpose: 'revocation' as const };
    expect(() =>
      createLedger(store, { lists: [r, { ...r, url: 'https://e.example/x/{n}' }] }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LEDGER_CONFIG' }));
    expect(() => createLedger(store, { lists: [r, { ...r, purpose: 'suspension' }] })).toThrow(
      expect.objectContaining({ code: 'ERR_LEDGER_CONFIG' }),
    );
  });
});

describe('index source', () => {
  it('rejects the words past the largest multiple of the bound (no modulo bias)', () => {
    // bound 3: 2^32 = 3 * 1431655765 + 1, so only 0xFFFFFFFF is rejected.
    const words = [0xffffffff, 5, 0xfffffffe];
    const bytes = new Uint8Array(1024);
    const view = new DataView(bytes.buffer);
    for (const [i, w] of words.entries()) view.setUint32(i * 4, w);
    const source = new IndexSource(() => bytes);
    expect(source.below(3)).toBe(5 % 3);
    expect(source.below(3)).toBe(0xfffffffe % 3);
  });

  it('refuses a random source that returns too little', () => {
    const source = new IndexSource(() => new Uint8Array(2));
    expect(() => source.below(10)).toThrow(TypeError);
  });

  it('spreads allocations evenly over the list (chi-square over 16 slices)', async () => {
    const ledger = createLedger(createMemoryLedgerStore(), {
      lists: [{ url: 'https://e.example/{n}', purpose: 'revocation' }],
    });
    const counts = new Array<number>(16).fill(0);
    const n = 8000;
    for (const r of await ledger.reserve(Array.from({ length: n }, () => ({})))) {
      const slice = Math.floor(((r.status[0]?.index as number) * 16) / 131072);
      counts[slice] = (counts[slice] as number) + 1;
    }
    const expected = n / 16;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 15 degrees of freedom: above 50 happens with probability about 1e-5 for a uniform source.
    expect(chi2).toBeLessThan(50);
  });
});

describe('driver loading', () => {
  it('names the package to install when it is missing', async () => {
    const err = await loadDriver(
      () => import('ob3kit-no-such-driver-package' as string),
      'better-sqlite3',
      '^12',
      'SQLite',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect(err).toMatchObject({ code: 'ERR_LEDGER_DRIVER_MISSING' });
    expect((err as Error).message).toContain('npm install better-sqlite3@^12');
  });

  it('reports a driver that fails to load', async () => {
    const err = await loadDriver(
      async () => {
        throw new Error('invalid ELF header');
      },
      'better-sqlite3',
      '^12',
      'SQLite',
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_LEDGER_DRIVER' });
  });
});

describe('API misuse', () => {
  const ledger = createLedger(createMemoryLedgerStore(), {
    lists: [{ url: 'https://e.example/{n}', purpose: 'revocation' }],
  });
  it('throws TypeError for wrong argument types', async () => {
    expect(() => createLedger({} as never)).toThrow(TypeError);
    await expect(ledger.reserve('x' as never)).rejects.toThrow(TypeError);
    await expect(ledger.reserve([null as never])).rejects.toThrow(TypeError);
    await expect(ledger.reserve([{ row: -1 }])).rejects.toThrow(TypeError);
    await expect(ledger.reserve(Array.from({ length: 10_001 }, () => ({})))).rejects.toThrow(
      /at most 10000/,
    );
    await expect(ledger.markIssued([1 as never])).rejects.toThrow(TypeError);
    await expect(ledger.revoke({} as never)).rejects.toThrow(TypeError);
    await expect(ledger.revoke({ credentialId: 'urn:x', recipient: 'a' } as never)).rejects.toThrow(
      TypeError,
    );
    await expect(ledger.issue({}, 'x' as never)).rejects.toThrow(TypeError);
    await expect(ledger.publish({ issuer: 'did:example:x' } as never)).rejects.toThrow(TypeError);
    expect(() => attachStatus('x' as never, {} as never)).toThrow(TypeError);
  });

  it('refuses work on a closed store', async () => {
    const closed = createLedger(createMemoryLedgerStore());
    await closed.close();
    await expect(closed.find()).rejects.toMatchObject({ code: 'ERR_LEDGER_CLOSED' });
  });
});
