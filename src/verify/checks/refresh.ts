/** `refresh` check: report a refresh service, and follow it only when allowed. */
import { isObject, type JsonObject } from '../../internal/json.js';
import { loadDocument, type RunState } from '../state.js';
import type { CheckResult } from '../types.js';
import { result, typesOf, valuesOf } from './util.js';

const ID = 'refresh';

/** What the refresh step decided. */
export interface RefreshPlan {
  checks: CheckResult[];
  /** The refreshed credential (object or JWT text) to verify, when one was obtained. */
  refreshed?: unknown;
  /** Where it came from. */
  url?: string;
}

/** What the steps before refresh concluded about the credential. */
export interface RefreshGate {
  /** At least one proof (or the JWT signature) verified. */
  proofPassed: boolean;
  /** Every check entry so far (conformance, proof, issuer). */
  checks: readonly CheckResult[];
}

/**
 * Verification step 3. A `refreshService` of type `1EdTechCredentialRefresh` is followed only
 * when the credential is trusted so far: the proof passed, the signing key is bound to the
 * issuer (no failed `issuer` entry), and no other check failed; only once; and only when its
 * document is in `documents` or `fetch` is allowed (under the fetch rules). Otherwise the step
 * is skipped with a code, nothing is requested, and the original credential stands.
 */
export async function planRefresh(
  credential: JsonObject,
  state: RunState,
  gate: RefreshGate,
): Promise<RefreshPlan> {
  const services = valuesOf(credential.refreshService);
  if (services.length === 0) {
    return {
      checks: [result(ID, 'skip', 'refresh_absent', 'The credential has no refreshService')],
    };
  }
  const service = services.find(
    (s) => isObject(s) && typesOf(s.type).includes('1EdTechCredentialRefresh'),
  ) as JsonObject | undefined;
  if (!service) {
    return {
      checks: [
        result(
          ID,
          'skip',
          'refresh_type_unsupported',
          'The refreshService is not of type "1EdTechCredentialRefresh"; it was not followed',
          '$.refreshService',
        ),
      ],
    };
  }
  const url = service.id;
  if (typeof url !== 'string') {
    return {
      checks: [
        result(
          ID,
          'fail',
          'refresh_id_missing',
          'refreshService.id must be a URL',
          '$.refreshService',
        ),
      ],
    };
  }
  if (!state.allowRefresh) {
    return {
      checks: [
        result(
          ID,
          'skip',
          'refresh_not_repeated',
          `A refreshed credential is not refreshed again (${url})`,
        ),
      ],
    };
  }
  if (!gate.proofPassed) {
    return {
      checks: [
        result(
          ID,
          'skip',
          'refresh_proof_not_verified',
          `Not refreshed from ${url}: the proof was not verified first`,
        ),
      ],
    };
  }
  const issuerFailure = gate.checks.find((c) => c.id === 'issuer' && c.outcome === 'fail');
  if (issuerFailure) {
    return {
      checks: [
        result(
          ID,
          'skip',
          'refresh_issuer_not_verified',
          `Not refreshed from ${url}: the signing key is not bound to the issuer (${issuerFailure.code ?? 'issuer check failed'})`,
        ),
      ],
    };
  }
  const failure = gate.checks.find((c) => c.outcome === 'fail');
  if (failure) {
    return {
      checks: [
        result(
          ID,
          'skip',
          'refresh_credential_refused',
          `Not refreshed from ${url}: the credential already failed the ${failure.id} check (${failure.code ?? 'fail'})`,
        ),
      ],
    };
  }
  const loaded = await loadDocument(url, state, 'refresh');
  if (loaded.status === 'offline') {
    return {
      checks: [
        result(
          ID,
          'skip',
          'refresh_not_fetched',
          `Refresh service ${url} was not contacted (no fetch allowed); the original credential was verified`,
        ),
      ],
    };
  }
  if (loaded.status === 'error') {
    return {
      checks: [
        result(
          ID,
          'skip',
          loaded.code,
          `Refresh from ${url} failed (${loaded.message}); the original credential was verified`,
        ),
      ],
    };
  }
  return { checks: [], refreshed: loaded.document, url };
}
