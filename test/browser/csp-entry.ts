/**
 * Page script of the strict-CSP test: loaded as `script-src 'self'` (no 'unsafe-eval'), it
 * fetches its inputs from the same origin, verifies them, and publishes the reports and any
 * CSP violation the page saw.
 */
import { fromBase64 } from '../../src/internal/bytes.js';
import { createValidator, validateCredential } from '../../src/schema/index.js';
import { verify } from '../../src/verify/index.js';

interface CspInput {
  now: string;
  signed: object;
  jwt: string;
  bakedPngBase64: string;
  tampered: object;
  ecdsa: object;
  rsaJwt: string;
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(`${e.violatedDirective}: ${e.blockedURI || e.sourceFile}`);
});

function summarize(r: Awaited<ReturnType<typeof verify>>) {
  return {
    verdict: r.verdict,
    checks: r.checks.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code ?? null })),
  };
}

async function main(): Promise<unknown> {
  const input = (await (await fetch('/input.json')).json()) as CspInput;
  const now = new Date(input.now);
  const png = fromBase64(input.bakedPngBase64) ?? new Uint8Array();
  const schema = validateCredential(input.signed);
  return {
    dataIntegrity: summarize(await verify(input.signed, { now })),
    jwt: summarize(await verify(input.jwt, { now })),
    bakedPng: summarize(await verify(png, { now })),
    tampered: summarize(await verify(input.tampered, { now })),
    ecdsa: summarize(await verify(input.ecdsa, { now })),
    rsaJwt: summarize(await verify(input.rsaJwt, { now })),
    schema: { ok: schema.ok, issues: schema.issues.length },
  };
}

/** Proves the policy is in force: a page script may not compile strings. */
function evalBlocked(): boolean {
  try {
    new Function('return 1')();
    return false;
  } catch (e) {
    return e instanceof EvalError;
  }
}

/** Compiling a schema of one's own needs ajv's compiler: under this policy it must say so. */
async function compileOwnSchema(): Promise<string> {
  try {
    const v = await createValidator({ type: 'object', required: ['name'] });
    return v.validate({}).ok ? 'compiled, wrong result' : 'compiled';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

const out = document.getElementById('out') as HTMLElement;
main().then(
  async (result) => {
    // Snapshot the violations first: the deliberate attempts below raise some of their own.
    const seen = [...violations];
    const blocked = evalBlocked();
    const compiler = await compileOwnSchema();
    out.dataset.result = JSON.stringify({
      result,
      violations: seen,
      evalBlocked: blocked,
      compiler,
    });
  },
  (e: unknown) => {
    out.dataset.result = JSON.stringify({ error: String(e), violations });
  },
);
