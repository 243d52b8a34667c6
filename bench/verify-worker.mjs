// Worker for the batch benchmark: verifies `count` credentials (round-robin over `credentials`)
// with ob3kit's verifyCredentialProof and reports how long that took.
import { parentPort, workerData } from 'node:worker_threads';

const { distProof, credentials, documents, count } = workerData;
const { verifyCredentialProof } = await import(distProof);
// Warm up (JIT, context tables) before the clock starts.
for (let i = 0; i < 20; i++)
  await verifyCredentialProof(credentials[i % credentials.length], { documents });
parentPort.postMessage({ ready: true });
parentPort.once('message', async () => {
  const t0 = performance.now();
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const r = await verifyCredentialProof(credentials[i % credentials.length], { documents });
    if (!r.verified) failed++;
  }
  parentPort.postMessage({ ms: performance.now() - t0, failed });
});
