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
  out.push(
    ...checkContextAt(list[1], 1, {
      url: OB_V3_CONTEXT,
      isVersion: (v) =>
        OB_V3_CONTEXT_PATTERN.test(v) || OB_VERSIONED.test(v) || OB_CONTEXT_ALIASES.has(v),
      current: 'Open Badges context',
      required: 'Open Badges 3.0 context',
      codes: ['context_ob_version', 'context_ob_missing'],
    }),
  );
  return out.length > 0 ? out : [result(ID, 'pass')];
}

/** What one position of `@context` must hold (see {@link checkContextAt}). @internal */
export interface ExpectedContext {
  /** The current URL: passes. */
  url: string;
  /** Another version or alias of it: a warning. */
  isVersion(value: string): boolean;
  /** Its name in the warning ("the current <current> is ..."). */
  current: string;
  /** Its name in the failure ("must be the <required> ..."). */
  required: string;
  /** The warning's and the failure's codes. */
  codes: [version: string, missing: string];
}

/**
 * One position of `@context` (Open Badges 3.0 and CLR 2.0 credentials): the current context
 * passes, another version of it is a warning, anything else fails.
 *
 * @internal
 */
export function checkContextAt(
  value: unknown,
  index: number,
  expected: ExpectedContext,
): CheckResult[] {
  if (value === expected.url) return [];
  const path = `$["@context"][${index}]`;
  if (typeof value === 'string' && expected.isVersion(value)) {
    const message = `@context[${index}] is ${value}; the current ${expected.current} is ${expected.url}`;
    return [result(ID, 'warn', expected.codes[0], message, path)];
  }
  const message = `@context[${index}] must be the ${expected.required} ${expected.url}, found ${describeValue(value)}`;
  return [result(ID, 'fail', expected.codes[1], message, path)];
}
