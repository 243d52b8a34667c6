// Worker for the batch benchmark: verifies `count` credentials (round-robin over `credentials`)
// with ob3kit's verifyCredentialProof, `concurrency` at a time, and reports how long that took.
import { parentPort, workerData } from 'node:worker_threads';

const { distProof, credentials, documents, count, concurrency } = workerData;
const { verifyCredentialProof } = await import(distProof);
// Warm up (JIT, context tables, imported keys) before the clock starts.
for (let i = 0; i < 50; i++) {
  await verifyCredentialProof(credentials[i % credentials.length], { documents });
}
parentPort.postMessage({ ready: true });
parentPort.once('message', async () => {
  const t0 = performance.now();
  let failed = 0;
  let next = 0;
  async function lane() {
    while (next < count) {
      const i = next++;
      const r = await verifyCredentialProof(credentials[i % credentials.length], { documents });
      if (!r.verified) failed++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  parentPort.postMessage({ ms: performance.now() - t0, failed });
});
