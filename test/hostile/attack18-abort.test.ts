/**
 * Attack (signing under an abort signal): a `Signer` (a KMS, a hardware key, another process)
 * that never answers, answers late, or fails, under a caller's `AbortSignal`.
 *
 * Found and closed: `signPresentation` (Data Integrity) took no `signal`: a wallet whose Signer
 * never answers waited forever, and an already aborted signal could not stop the holder's key
 * from signing. It now takes `signal` as `signCredential` does (`ERR_ABORTED`; an aborted signal
 * calls no Signer). A signal aborted while the proof was hashed (after canonicalization, before
 * the Signer) still had the key sign; now no Signer call.
 *
 * Tried, nothing found (kept below): `signCredential` with a signal aborted before the call
 * (RDFC and JCS suites: `ERR_ABORTED`, the Signer is never called); many calls under one live
 * signal with a Signer that answers or rejects (no abort listener left on the signal, counted with
 * node:events `getEventListeners`); an answer arriving after the abort (the call has already
 * ended with `ERR_ABORTED`, the late signature is dropped and the listener is gone).
 */
import { getEventListeners } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDidKey, generateKeyPair, type KeyPair } from '../../src/keys/index.js';
import { createPresentation, signPresentation } from '../../src/present/index.js';
import { signCredential } from '../../src/proof/index.js';
import { verify } from '../../src/verify/index.js';
import { obCredential } from '../proof/helpers.js';
import { NOW } from './helpers.js';

let ed: { did: string; keyPair: KeyPair };
beforeAll(async () => {
  ed = createDidKey(await generateKeyPair({ seed: new Uint8Array(32).fill(187) }));
});

/** A Signer over the key that counts its calls; `answer` decides what each call returns. */
function countingSigner(answer?: (data: Uint8Array) => Promise<Uint8Array>) {
  const signer = {
    calls: 0,
    algorithm: 'EdDSA' as const,
    id: ed.keyPair.id as string,
    controller: ed.did,
    sign: (data: Uint8Array) => {
      signer.calls++;
      return answer ? answer(data) : ed.keyPair.sign(data);
    },
  };
  return signer;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'signed',
    (e: unknown) => (e as { code?: string }).code ?? String(e),
  );
}

const SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const;

describe('signCredential under a signal', () => {
  it('an already aborted signal: ERR_ABORTED, and the Signer is never called', async () => {
    for (const suite of SUITES) {
      const signer = countingSigner();
      const gone = new AbortController();
      gone.abort(new Error('gone'));
      const code = await codeOf(
        signCredential(obCredential(ed.did), { key: signer, suite, signal: gone.signal }),
      );
      expect([suite, code, signer.calls]).toEqual([suite, 'ERR_ABORTED', 0]);
    }
  });

  it('a signal aborted while the proof is hashed: ERR_ABORTED, and the Signer is never called', async () => {
    for (const suite of SUITES) {
      const signer = countingSigner();
      const during = new AbortController();
      const subtle = globalThis.crypto.subtle;
      const digest = subtle.digest.bind(subtle);
      // the abort arrives during the last step before signing: hashing the proof's parts
      const spy = vi.spyOn(subtle, 'digest').mockImplementation((algorithm, data) => {
        during.abort(new Error('gone while hashing'));
        return digest(algorithm, data);
      });
      try {
        const code = await codeOf(
          signCredential(obCredential(ed.did), { key: signer, suite, signal: during.signal }),
        );
        expect([suite, code, signer.calls, spy.mock.calls.length > 0]).toEqual([
          suite,
          'ERR_ABORTED',
          0,
          true,
        ]);
      } finally {
        spy.mockRestore();
      }
    }
  });

  it('calls that end (signed or refused) leave no listener on a long-lived signal', async () => {
    for (const suite of SUITES) {
      const live = new AbortController();
      const good = countingSigner();
      for (let i = 0; i < 10; i++) {
        await signCredential(obCredential(ed.did), { key: good, suite, signal: live.signal });
      }
      const failing = countingSigner(async () => {
        throw new Error('KMS down');
      });
      for (let i = 0; i < 10; i++) {
        expect(
          await codeOf(
            signCredential(obCredential(ed.did), { key: failing, suite, signal: live.signal }),
          ),
        ).not.toBe('signed');
      }
      expect([good.calls, failing.calls]).toEqual([10, 10]);
      expect(getEventListeners(live.signal, 'abort')).toHaveLength(0);
    }
  });

  it('an answer after the abort: the call has ended with ERR_ABORTED, no listener is left', async () => {
    let answerNow: () => void = () => undefined;
    const slow = countingSigner(
      (data) =>
        new Promise<Uint8Array>((resolve) => {
          answerNow = () => resolve(ed.keyPair.sign(data) as unknown as Uint8Array);
        }),
    );
    const controller = new AbortController();
    const pending = codeOf(
      signCredential(obCredential(ed.did), { key: slow, signal: controller.signal }),
    );
    while (slow.calls === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort('stop');
    expect(await pending).toBe('ERR_ABORTED');
    answerNow();
    await new Promise((r) => setTimeout(r, 10));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('signPresentation under a signal', () => {
  it('an already aborted signal: ERR_ABORTED, the Signer is never called', async () => {
    for (const suite of SUITES) {
      const signer = countingSigner();
      const gone = new AbortController();
      gone.abort();
      const vp = createPresentation({ holder: ed.did, credentials: [] });
      const code = await codeOf(
        signPresentation(vp, { key: signer, suite, challenge: 'c-18', signal: gone.signal }),
      );
      expect([suite, code, signer.calls]).toEqual([suite, 'ERR_ABORTED', 0]);
    }
  });

  it("a Signer that never answers: the call ends at the caller's abort", async () => {
    const never = countingSigner(() => new Promise<Uint8Array>(() => undefined));
    const controller = new AbortController();
    const vp = createPresentation({ holder: ed.did, credentials: [] });
    const pending = codeOf(
      signPresentation(vp, { key: never, challenge: 'c-18', signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error('wallet timeout')), 20);
    const outcome = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000)),
    ]);
    expect(outcome).toBe('ERR_ABORTED');
    // Under a signal that is not aborted, an answering Signer signs a presentation that verifies.
    const signed = await signPresentation(vp, {
      key: countingSigner(),
      challenge: 'c-18',
      signal: new AbortController().signal,
    });
    const report = await verify(signed, { now: NOW, challenge: 'c-18' });
    expect(report.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
  });
});
