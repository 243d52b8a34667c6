import { createMemoryLedgerStore } from '../../src/ledger/index.js';
import { ledgerContract } from './contract.js';

ledgerContract('memory', { fresh: async () => createMemoryLedgerStore() }, 25);
