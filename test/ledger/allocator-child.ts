/**
 * A separate process that allocates status entries from a shared ledger (used by
 * processes.test.ts): `node child.js <sqlite-file|postgresql-url> <count> <seed>`. Prints one
 * line per allocation (`<list>#<index> <credential id>`), reserving in chunks of varying size.
 */
import { createLedger, type LedgerStore } from '../../src/ledger/index.js';
import { openPostgresLedgerStore } from '../../src/ledger/postgres.js';
import { openSqliteLedgerStore } from '../../src/ledger/sqlite.js';

const [spec, countText, seedText] = process.argv.slice(2);
let seed = Number(seedText) >>> 0 || 1;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};

async function main(): Promise<void> {
  const store: LedgerStore = /^postgres/.test(spec as string)
    ? await openPostgresLedgerStore(spec as string)
    : await openSqliteLedgerStore(spec as string);
  const ledger = createLedger(store, {
    lists: [{ url: 'https://example.edu/status/{n}', purpose: 'revocation' }],
  });
  let left = Number(countText);
  const out: string[] = [];
  while (left > 0) {
    const n = Math.min(left, 1 + Math.floor(rand() * 37));
    for (const r of await ledger.reserve(Array.from({ length: n }, () => ({})))) {
      out.push(`${r.status[0]?.list}#${r.status[0]?.index} ${r.credentialId}`);
    }
    left -= n;
  }
  await ledger.close();
  process.stdout.write(`${out.join('\n')}\ndone\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
