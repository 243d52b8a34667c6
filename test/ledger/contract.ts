/**
 * What every ledger store must do, as one suite the memory, SQLite and PostgreSQL tests run:
 * unique random indexes, a new list when one is full, idempotent keys, atomic status changes,
 * and published lists whose bits an independent decoder (@digitalbazaar/vc-bitstring-status-list)
 * reads back as the ledger recorded them.
 */
import * as bsl from '@digitalbazaar/vc-bitstring-status-list';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/errors.js';
import {
  createLedger,
  type IssuanceRecord,
  type LedgerStore,
  type StatusListSeries,
} from '../../src/ledger/index.js';

const L = 131072;
const REV: StatusListSeries = { url: 'https://example.edu/status/r/{n}', purpose: 'revocation' };
const SUS: StatusListSeries = { url: 'https://example.edu/status/s/{n}', purpose: 'suspension' };
const ISSUER = 'did:example:issuer';

/** A store factory: each call a fresh, empty store; `reopen` opens the same data again. */
export interface StoreMaker {
  fresh(): Promise<LedgerStore>;
  reopen?(store: LedgerStore): Promise<LedgerStore>;
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e.code;
    throw e;
  }
  return undefined;
}

/** Bits of a published list, read by the reference implementation. */
async function referenceBits(credential: Record<string, unknown>, indexes: number[]) {
  const subject = credential.credentialSubject as { encodedList: string };
  const list = await bsl.decodeList({ encodedList: subject.encodedList });
  return indexes.map((i) => list.getStatus(i) as boolean);
}

function allEntries(records: IssuanceRecord[]): string[] {
  return records.flatMap((r) => r.status.map((s) => `${s.list}#${s.index}`));
}

export function ledgerContract(name: string, maker: StoreMaker, fuzzRuns = 10): void {
  describe(`${name} ledger store`, () => {
    it('hands out unique random indexes within the list, one entry per series', async () => {
      const ledger = createLedger(await maker.fresh(), { lists: [REV, SUS] });
      try {
        const records: IssuanceRecord[] = [];
        for (let i = 0; i < 5; i++) {
          records.push(...(await ledger.reserve(Array.from({ length: 200 }, () => ({})))));
        }
        expect(records).toHaveLength(1000);
        for (const r of records) {
          expect(r.state).toBe('reserved');
          expect(r.credentialId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
          expect(r.status.map((s) => s.purpose)).toEqual(['revocation', 'suspension']);
          for (const s of r.status) {
            expect(Number.isInteger(s.index) && s.index >= 0 && s.index < L).toBe(true);
            expect(s.set).toBe(false);
          }
        }
        const keys = allEntries(records);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(records.map((r) => r.credentialId)).size).toBe(1000);
        // Random, not sequential: 1,000 draws from 131,072 spread over the whole list.
        const rev = records.map((r) => r.status[0]?.index as number);
        expect(Math.max(...rev) - Math.min(...rev)).toBeGreaterThan(L / 2);
        expect(rev.slice(1).filter((v, i) => v === (rev[i] as number) + 1).length).toBeLessThan(5);
        const lists = await ledger.lists();
        expect(lists.map((l) => [l.url, l.allocated, l.set])).toEqual([
          ['https://example.edu/status/r/1', 1000, 0],
          ['https://example.edu/status/s/1', 1000, 0],
        ]);
      } finally {
        await ledger.close();
      }
    });

    it('returns the first record for a repeated key and refuses conflicting ones', async () => {
      const ledger = createLedger(await maker.fresh(), { lists: [REV] });
      try {
        const [a] = await ledger.reserve([
          { key: 'row-1', recipient: 'ada@example.com', achievement: 'https://example.edu/a/1' },
        ]);
        const [b, c] = await ledger.reserve([
          { key: 'row-1', recipient: 'ada@example.com' },
          { key: 'row-2', credentialId: 'https://example.edu/credentials/2' },
        ]);
        expect(b).toEqual(a);
        expect(c?.credentialId).toBe('https://example.edu/credentials/2');
        expect(await code(ledger.reserve([{ key: 'row-1', recipient: 'eve@example.com' }]))).toBe(
          'ERR_LEDGER_CONFLICT',
        );
        expect(await code(ledger.reserve([{ key: 'x' }, { key: 'x' }]))).toBe(
          'ERR_LEDGER_CONFLICT',
        );
        expect(
          await code(ledger.reserve([{ credentialId: 'https://example.edu/credentials/2' }])),
        ).toBe('ERR_LEDGER_CONFLICT');
        expect(await code(ledger.reserve([{ credentialId: 'not a url' }]))).toBe(
          'ERR_LEDGER_CONFIG',
        );
        await expect(ledger.reserve([{ key: '' }])).rejects.toThrow(TypeError);
        // The refused requests took nothing.
        expect((await ledger.lists())[0]?.allocated).toBe(2);
        expect(await ledger.find()).toHaveLength(2);
      } finally {
        await ledger.close();
      }
    });

    it('reserves in one series only when asked (one credentialStatus for an Open Badge)', async () => {
      const ledger = createLedger(await maker.fresh(), { lists: [REV, SUS] });
      try {
        const [a, b] = await ledger.reserve([{ key: 'badge-1' }, {}], { purpose: 'revocation' });
        expect(a?.status.map((s) => s.purpose)).toEqual(['revocation']);
        expect(b?.status.map((s) => s.purpose)).toEqual(['revocation']);
        const [c] = await ledger.reserve([{}], { purpose: 'suspension' });
        expect(c?.status.map((s) => s.purpose)).toEqual(['suspension']);
        const { record } = await ledger.issue({}, async () => 'signed', { purpose: 'suspension' });
        expect(record.status.map((s) => s.purpose)).toEqual(['suspension']);
        // The same key again for the same series: the same record; for the other one: refused.
        expect((await ledger.reserve([{ key: 'badge-1' }], { purpose: 'revocation' }))[0]).toEqual(
          a,
        );
        expect(await code(ledger.reserve([{ key: 'badge-1' }], { purpose: 'suspension' }))).toBe(
          'ERR_LEDGER_CONFLICT',
        );
        // Nothing is taken in a series the credential does not get an entry in.
        const lists = await ledger.lists();
        expect(lists.find((l) => l.purpose === 'revocation')?.allocated).toBe(2);
        expect(lists.find((l) => l.purpose === 'suspension')?.allocated).toBe(2);
        // A credential without a suspension entry cannot be suspended.
        expect(await code(ledger.suspend({ credentialId: a?.credentialId as string }))).toBe(
          'ERR_LEDGER_NO_STATUS',
        );
        await expect(
          // biome-ignore lint/suspicious/noExplicitAny: a wrong option on purpose
          ledger.reserve([{}], { purpose: 'both' as any }),
        ).rejects.toThrow(TypeError);
      } finally {
        await ledger.close();
      }
      const one = createLedger(await maker.fresh(), { lists: [REV] });
      try {
        expect(await code(one.reserve([{}], { purpose: 'suspension' }))).toBe('ERR_LEDGER_CONFIG');
        expect(await one.find()).toHaveLength(0);
      } finally {
        await one.close();
      }
    });

    it('records issuance, and refuses to mark an unknown credential', async () => {
      const ledger = createLedger(await maker.fresh(), { lists: [REV] });
      try {
        const { record, result } = await ledger.issue(
          { recipient: 'ada@example.com', subjectId: 'did:example:ada', batch: 'b1', row: 2 },
          async (r) => ledger.attachStatus({ '@context': ['x'], name: 'n' }, r),
        );
        expect(record.state).toBe('issued');
        expect(result.id).toBe(record.credentialId);
        expect(Object.keys(result)[1]).toBe('id');
        expect(result.credentialStatus).toEqual({
          id: `${record.status[0]?.list}#${record.status[0]?.index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: String(record.status[0]?.index),
          statusListCredential: record.status[0]?.list,
        });
        const [found] = await ledger.find({ credentialId: record.credentialId });
        expect(found).toMatchObject({
          state: 'issued',
          recipient: 'ada@example.com',
          subjectId: 'did:example:ada',
          batch: 'b1',
          row: 2,
        });
        expect(found?.issuedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(await ledger.find({ recipient: 'did:example:ada' })).toHaveLength(1);
        expect(await ledger.find({ batch: 'b2' })).toHaveLength(0);
        expect(
          await code(ledger.markIssued(['urn:uuid:00000000-0000-4000-8000-000000000000'])),
        ).toBe('ERR_LEDGER_NOT_FOUND');
        // A failed issuance keeps its reservation: the index is never handed out again.
        await expect(
          ledger.issue({ key: 'fails' }, async () => {
            throw new Error('disk full');
          }),
        ).rejects.toThrow('disk full');
        const [kept] = await ledger.find({ key: 'fails' });
        expect(kept?.state).toBe('reserved');
        expect(() => ledger.attachStatus({ id: 'https://other.example/1' }, record)).toThrowError(
          expect.objectContaining({ code: 'ERR_LEDGER_CONFLICT' }),
        );
        expect(() => ledger.attachStatus({ credentialStatus: {} }, record)).toThrowError(
          expect.objectContaining({ code: 'ERR_LEDGER_CONFLICT' }),
        );
      } finally {
        await ledger.close();
      }
    });

    it('revokes and suspends by id or recipient, atomically, with an audit trail', async () => {
      const ledger = createLedger(await maker.fresh(), { lists: [REV, SUS] });
      const revOnly = createLedger(ledger.store, { lists: [REV] });
      try {
        const recs = await ledger.reserve([
          { recipient: 'ada@example.com' },
          { recipient: 'ada@example.com', subjectId: 'did:example:ada' },
          { recipient: 'bob@example.com' },
        ]);
        const [plain] = await revOnly.reserve([{ recipient: 'carol@example.com' }]);
        const byRecipient = await ledger.revoke({ recipient: 'ada@example.com' }, { reason: 'r' });
        expect(byRecipient.map((c) => [c.credentialId, c.changed])).toEqual([
          [recs[0]?.credentialId, true],
          [recs[1]?.credentialId, true],
        ]);
        const again = await ledger.revoke({ recipient: 'did:example:ada' });
        expect(again.map((c) => c.changed)).toEqual([false]);
        expect(await ledger.suspend({ credentialId: recs[2]?.credentialId as string })).toEqual([
          {
            credentialId: recs[2]?.credentialId,
            purpose: 'suspension',
            list: recs[2]?.status[1]?.list,
            index: recs[2]?.status[1]?.index,
            changed: true,
          },
        ]);
        await ledger.unsuspend({ credentialId: recs[2]?.credentialId as string });
        expect(await code(ledger.suspend({ recipient: 'carol@example.com' }))).toBe(
          'ERR_LEDGER_NO_STATUS',
        );
        expect(await code(ledger.revoke({ recipient: 'nobody@example.com' }))).toBe(
          'ERR_LEDGER_NOT_FOUND',
        );
        // All or nothing: dana's first credential has a suspension entry, her second none.
        const [dana1] = await ledger.reserve([{ recipient: 'dana@example.com' }]);
        await revOnly.reserve([{ recipient: 'dana@example.com' }]);
        expect(await code(ledger.suspend({ recipient: 'dana@example.com' }))).toBe(
          'ERR_LEDGER_NO_STATUS',
        );
        const [dana1After] = await ledger.find({ credentialId: dana1?.credentialId as string });
        expect(dana1After?.status.map((s) => s.set)).toEqual([false, false]);
        expect(await ledger.history(dana1?.credentialId as string)).toEqual([]);
        const history = await ledger.history(recs[2]?.credentialId as string);
        expect(history.map((e) => e.action)).toEqual(['suspend', 'unsuspend']);
        expect((await ledger.history(recs[0]?.credentialId as string))[0]).toMatchObject({
          action: 'revoke',
          purpose: 'revocation',
          reason: 'r',
        });
        const [found] = await ledger.find({ credentialId: recs[0]?.credentialId as string });
        expect(found?.status.map((s) => s.set)).toEqual([true, false]);
        // The published lists, read by the reference decoder.
        const lists = await ledger.statusListCredentials({ issuer: ISSUER });
        const r1 = lists.find((l) => l.purpose === 'revocation')?.credential as Record<
          string,
          unknown
        >;
        const s1 = lists.find((l) => l.purpose === 'suspension')?.credential as Record<
          string,
          unknown
        >;
        expect(r1.id).toBe('https://example.edu/status/r/1');
        expect(r1.issuer).toBe(ISSUER);
        const revIdx = [...recs, plain].map((r) => r?.status[0]?.index as number);
        expect(await referenceBits(r1, revIdx)).toEqual([true, true, false, false]);
        expect(await referenceBits(s1, [recs[2]?.status[1]?.index as number])).toEqual([false]);
        await ledger.suspend({ recipient: 'bob@example.com' });
        const [s2] = await ledger.statusListCredentials({
          issuer: ISSUER,
          lists: ['https://example.edu/status/s/1'],
        });
        expect(
          await referenceBits(s2?.credential as Record<string, unknown>, [
            recs[2]?.status[1]?.index as number,
          ]),
        ).toEqual([true]);
        expect(
          await code(
            ledger.statusListCredentials({ issuer: ISSUER, lists: ['https://x.example/9'] }),
          ),
        ).toBe('ERR_LEDGER_NOT_FOUND');
        const signed = await ledger.publish({
          issuer: ISSUER,
          sign: async (c) => ({ ...c, proof: { type: 'test' } }),
        });
        expect(signed.map((s) => s.credential.proof)).toEqual([{ type: 'test' }, { type: 'test' }]);
      } finally {
        await ledger.close();
      }
    });

    it('fills a list completely, every index once, then starts the next one', async () => {
      const ledger = createLedger(await maker.fresh(), { lists: [REV] });
      try {
        const seen = new Uint8Array(L);
        const lists = new Set<string>();
        let n = 0;
        while (n < L) {
          const take = Math.min(10_000, L - n);
          for (const r of await ledger.reserve(Array.from({ length: take }, () => ({})))) {
            const s = r.status[0] as { list: string; index: number };
            lists.add(s.list);
            seen[s.index] = (seen[s.index] as number) + 1;
          }
          n += take;
        }
        expect([...lists]).toEqual(['https://example.edu/status/r/1']);
        expect(seen.every((v) => v === 1)).toBe(true);
        const next = await ledger.reserve([{}, {}, {}]);
        expect(next.map((r) => r.status[0]?.list)).toEqual([
          'https://example.edu/status/r/2',
          'https://example.edu/status/r/2',
          'https://example.edu/status/r/2',
        ]);
        expect((await ledger.lists()).map((l) => l.allocated)).toEqual([L, 3]);
        // A series without {n} is one list: full means full.
        const single = createLedger(ledger.store, {
          lists: [{ url: 'https://example.edu/status/only', purpose: 'suspension' }],
        });
        const [first] = await single.reserve([{}]);
        // Fill the rest directly (allocation itself was covered above).
        await ledger.store.transaction(async (tx) => {
          const list = (await tx.lists('https://example.edu/status/only'))[0];
          if (!list) throw new Error('no list');
          for (let m = 0; m < L; m += 16_384) {
            const rows = [];
            const entries = [];
            for (let i = m; i < m + 16_384; i++) {
              if (i === first?.status[0]?.index) continue;
              const credentialId = `urn:x:${i}`;
              rows.push({
                credentialId,
                state: 'reserved' as const,
                reservedAt: '2025-01-01T00:00:00Z',
              });
              entries.push({
                ...list,
                credentialId,
                listId: list.id,
                list: list.url,
                index: i,
                set: false,
              });
            }
            await tx.addCredentials(rows, entries);
          }
        });
        expect((await single.lists()).find((l) => l.url.endsWith('/only'))?.allocated).toBe(L);
        expect(await code(single.reserve([{}]))).toBe('ERR_LEDGER_LIST_FULL');
      } finally {
        await ledger.close();
      }
    }, 120_000);

    it('refuses a list URL that another series (or purpose) already owns', async () => {
      const store = await maker.fresh();
      const a = createLedger(store, {
        lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
      });
      try {
        await a.reserve([{}]);
        const b = createLedger(store, {
          lists: [{ url: 'https://example.edu/status/1', purpose: 'suspension' }],
        });
        expect(await code(b.reserve([{}]))).toBe('ERR_LEDGER_CONFLICT');
        expect(await a.find()).toHaveLength(1);
      } finally {
        await a.close();
      }
    });

    if (maker.reopen) {
      const reopen = maker.reopen;
      it('keeps everything across a reopen and never reuses an index afterwards', async () => {
        let ledger = createLedger(await maker.fresh(), { lists: [REV] });
        const id = ledger.store.id;
        expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        const first = await ledger.reserve(
          Array.from({ length: 300 }, (_, i) => ({ key: `k${i}` })),
        );
        await ledger.markIssued(first.slice(0, 100).map((r) => r.credentialId));
        await ledger.revoke({ credentialId: first[7]?.credentialId as string });
        ledger = createLedger(await reopen(ledger.store), { lists: [REV] });
        try {
          // The same ledger, whatever connection: the same id; another ledger, another id.
          expect(ledger.store.id).toBe(id);
          const other = await maker.fresh();
          expect(other.id).not.toBe(id);
          await other.close();
          const back = await ledger.find();
          expect(back).toHaveLength(300);
          expect(back.filter((r) => r.state === 'issued')).toHaveLength(100);
          expect(back.find((r) => r.key === 'k7')?.status[0]?.set).toBe(true);
          const more = await ledger.reserve(
            Array.from({ length: 400 }, (_, i) => ({ key: `k${i}` })),
          );
          expect(more.slice(0, 300).map((r) => r.credentialId)).toEqual(
            first.map((r) => r.credentialId),
          );
          const all = allEntries(await ledger.find());
          expect(all).toHaveLength(400);
          expect(new Set(all).size).toBe(400);
        } finally {
          await ledger.close();
        }
      });
    }

    it('agrees with a model over random operation sequences', async () => {
      type Op =
        | { kind: 'reserve'; n: number }
        | { kind: 'revoke' | 'suspend' | 'unsuspend'; pick: number }
        | { kind: 'mark'; pick: number };
      const op: fc.Arbitrary<Op> = fc.oneof(
        fc.record({ kind: fc.constant('reserve' as const), n: fc.integer({ min: 1, max: 40 }) }),
        fc.record({
          kind: fc.constantFrom('revoke' as const, 'suspend' as const, 'unsuspend' as const),
          pick: fc.nat(),
        }),
        fc.record({ kind: fc.constant('mark' as const), pick: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
          const ledger = createLedger(await maker.fresh(), { lists: [REV, SUS] });
          try {
            const model = new Map<string, { rev: boolean; sus: boolean; issued: boolean }>();
            const ids: string[] = [];
            for (const o of ops) {
              if (o.kind === 'reserve') {
                for (const r of await ledger.reserve(Array.from({ length: o.n }, () => ({})))) {
                  ids.push(r.credentialId);
                  model.set(r.credentialId, { rev: false, sus: false, issued: false });
                }
                continue;
              }
              if (ids.length === 0) continue;
              const id = ids[o.pick % ids.length] as string;
              const m = model.get(id) as { rev: boolean; sus: boolean; issued: boolean };
              if (o.kind === 'mark') {
                await ledger.markIssued([id]);
                m.issued = true;
              } else {
                const changes = await ledger[o.kind]({ credentialId: id });
                const before = o.kind === 'revoke' ? m.rev : m.sus;
                const after = o.kind !== 'unsuspend';
                expect(changes[0]?.changed).toBe(before !== after);
                if (o.kind === 'revoke') m.rev = true;
                else m.sus = after;
              }
            }
            const records = await ledger.find();
            expect(records.map((r) => r.credentialId)).toEqual(ids);
            const entries = allEntries(records);
            expect(new Set(entries).size).toBe(entries.length);
            const lists = await ledger.statusListCredentials({ issuer: ISSUER });
            for (const r of records) {
              const m = model.get(r.credentialId);
              expect(r.state).toBe(m?.issued ? 'issued' : 'reserved');
              for (const s of r.status) {
                const cred = lists.find((l) => l.url === s.list)?.credential as Record<
                  string,
                  unknown
                >;
                const [bit] = await referenceBits(cred, [s.index]);
                expect(bit).toBe(s.purpose === 'revocation' ? m?.rev : m?.sus);
                expect(s.set).toBe(bit);
              }
            }
          } finally {
            await ledger.close();
          }
        }),
        { numRuns: Number(process.env.OB3KIT_FUZZ_RUNS ?? fuzzRuns) },
      );
    }, 120_000);
  });
}
