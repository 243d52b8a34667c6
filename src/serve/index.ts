/**
 * The W3C VC-API (VCALM) as framework-agnostic handlers: issue, verify credentials and
 * presentations, set a credential's status, and serve status lists. A request object in, a
 * response object out, so any server can mount them; `ob3kit serve` is a thin Node shell around
 * them. Runtime-agnostic (no Node built-ins).
 *
 * @example
 * ```ts
 * import { createVcApiHandler } from 'ob3kit/serve';
 * const handle = createVcApiHandler({ issuers: [{ name: 'main', key: keyPair }], tokens: [token] });
 * // In any framework:
 * const res = await handle({ method: req.method, path: req.url, headers: req.headers, body: rawBody });
 * ```
 *
 * @packageDocumentation
 */
export { createVcApiHandler, DEFAULT_MAX_BODY_BYTES } from './handler.js';
export { RateLimiter, type RateLimitOptions } from './rate-limit.js';
export type {
  StatusLedger,
  StatusLedgerEntry,
  StatusLedgerPurpose,
  StatusLedgerRecord,
  VcApiHandler,
  VcApiIssuer,
  VcApiOptions,
  VcApiRequest,
  VcApiResponse,
} from './types.js';
