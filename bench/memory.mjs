// Memory benchmark (run by bench/run.mjs as `node --expose-gc bench/memory.mjs <n> <dir>`):
// heapUsed after a warm-up, then after n more verifications, each after a full GC.
import fs from 'node:fs';
import path from 'node:path';

const n = Number(process.argv[2] ?? 100_000);
const dir = process.argv[3];
const { verifyCredentialProof } = await import(process.argv[4]);
const credential = JSON.parse(fs.readFileSync(path.join(dir, 'cred.json'), 'utf8'));
const controller = JSON.parse(fs.readFileSync(path.join(dir, 'controller.json'), 'utf8'));
const documents = { [controller.id]: controller };
const gcHeap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
for (let i = 0; i < 2000; i++) await verifyCredentialProof(credential, { documents });
const before = gcHeap();
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  // A fresh copy each time, as a verifier receiving credentials would have.
  const r = await verifyCredentialProof(structuredClone(credential), { documents });
  if (!r.verified) process.exit(3);
}
const ms = performance.now() - t0;
const after = gcHeap();
process.stdout.write(JSON.stringify({ n, before, after, delta: after - before, ms }));
