/** `context` check: the VC and Open Badges contexts are present and first. */

import { describeValue } from '../../internal/describe.js';
import type { JsonObject } from '../../internal/json.js';
import {
  OB_V3_CONTEXT,
  OB_V3_CONTEXT_PATTERN,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../../internal/urls.js';
import type { CheckResult } from '../types.js';
import { result } from './util.js';

const ID = 'context';

/** Older spellings of the Open Badges 3.0 context that 1EdTech's validator accepts with a warning. */
const OB_CONTEXT_ALIASES = new Set([
  'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
]);

/** Any versioned Open Badges 3.0 context (`context-3.0.1.json`, ...). */
const OB_VERSIONED =
  /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-\d+\.\d+\.\d+)*\.json$/;

/** Whether the credential uses the VC 1.1 data model (no VC 2.0 context first). */
export function isVc11(credential: JsonObject): boolean {
  const ctx = credential['@context'];
  const first = Array.isArray(ctx) ? ctx[0] : ctx;
  return first === VC_V1_CONTEXT;
}

/**
 * Check `@context`: position 1 must be the VC 2.0 context (VC 1.1 is a warning), position 2 the
 * Open Badges 3.0.3 context (an older 3.0.x version or alias is a warning); a missing one fails.
 */
export function checkContext(credential: JsonObject): CheckResult[] {
  const ctx = credential['@context'];
  if (ctx === undefined) {
    return [result(ID, 'fail', 'context_missing', 'The credential has no @context', '$')];
  }
  const list = Array.isArray(ctx) ? ctx : [ctx];
  const out: CheckResult[] = [];
  const first = list[0];
  if (first === VC_V2_CONTEXT) {
    // expected
  } else if (first === VC_V1_CONTEXT) {
    out.push(
      result(
        ID,
        'warn',
        'context_vc_v1',
        `@context[0] is the VC Data Model 1.1 context ${VC_V1_CONTEXT}; Open Badges 3.0 expects ${VC_V2_CONTEXT}`,
        '$["@context"][0]',
      ),
    );
  } else {
    out.push(
      result(
        ID,
        'fail',
        'context_vc_missing',
        `@context[0] must be ${VC_V2_CONTEXT}, found ${describeValue(first)}`,
        '$["@context"][0]',
      ),
    );
  }
  const second = list[1];
  if (second === OB_V3_CONTEXT) {
    // expected
  } else if (
    typeof second === 'string' &&
    (OB_V3_CONTEXT_PATTERN.test(second) ||
      OB_VERSIONED.test(second) ||
      OB_CONTEXT_ALIASES.has(second))
  ) {
    out.push(
      result(
        ID,
        'warn',
        'context_ob_version',
        `@context[1] is ${second}; the current Open Badges context is ${OB_V3_CONTEXT}`,
        '$["@context"][1]',
      ),
    );
  } else {
    out.push(
      result(
        ID,
        'fail',
        'context_ob_missing',
        `@context[1] must be the Open Badges 3.0 context ${OB_V3_CONTEXT}, found ${describeValue(second)}`,
        '$["@context"][1]',
      ),
    );
  }
  return out.length > 0 ? out : [result(ID, 'pass')];
}
