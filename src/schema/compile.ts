/**
 * Validators compiled at run time from schema documents the caller supplies (the official
 * 1EdTech schemas, say). Ajv is loaded only here, by dynamic import, so the default path
 * (the precompiled validators) never loads a compiler nor runs `new Function`.
 */
import { type Issue, Ob3Error, ValidationError } from '../errors.js';
import { describeValue } from '../internal/describe.js';
import { isObject } from '../internal/json.js';
import {
  type LinearRegExp,
  linearRegExp,
  type PatternBudget,
  PatternBudgetError,
  PatternRefusedError,
} from './linear-regexp.js';
import type { ToIssues } from './run.js';
import type { PrecompiledValidator, ValidationResult, Validator } from './types.js';

interface AjvInstance {
  compile(schema: object): PrecompiledValidator;
  addFormat(name: string, format: (value: string) => boolean): unknown;
}

/** An IPv4 octet as ajv-formats' `url` writes the second and third (0-255, a leading 1 optional). */
const OCTET = String.raw`(?:1?\d{1,2}|2[0-4]\d|25[0-5])`;

/**
 * ajv-formats' `url` format (full mode) without its three lookaheads, so that it runs on the
 * linear-time matcher: its `\S+(?::\S*)?@` is quadratic on the engine's RegExp (40,000
 * characters took 0.7 s, 1 MB would take minutes). The lookaheads refuse private IPv4 hosts
 * (10/8, 127/8, 169.254/16, 192.168/16, 172.16/12) before the IPv4 branch; here that branch
 * lists the other first octets, and for 169, 192 and 172 the other second octets. Same strings
 * accepted (a property test holds it to ajv-formats' own RegExp).
 */
const URL_FORMAT = [
  String.raw`^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:`,
  // IPv4, private ranges excepted
  String.raw`(?:(?:[1-9]|1[1-9]|[2-9]\d|1[01]\d|12[0-689]|1[3-5]\d|16[0-8]|17[013-9]|18\d|19[013-9]|2[01]\d|22[0-3])\.${OCTET}`,
  String.raw`|169\.(?:1?\d{1,2}|2[0-4]\d|25[0-35])`,
  String.raw`|192\.(?:\d{1,2}|1[0-57-9]\d|16[0-79]|2[0-4]\d|25[0-5])`,
  String.raw`|172\.(?:\d|0\d|1[0-5]|3[2-9]|[4-9]\d|1\d\d|2[0-4]\d|25[0-5]))`,
  String.raw`\.${OCTET}\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4])`,
  // or a host name
  String.raw`|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,}))`,
  String.raw`)(?::\d{2,5})?(?:\/[^\s]*)?$`,
].join('');

/** A fresh Ajv whose patterns spend `budget`, and the conversion of its errors into issues. */
interface Compiler {
  create: (budget: PatternBudget) => AjvInstance;
  toIssues: ToIssues;
}

let compilerFactory: Promise<Compiler> | undefined;

/** Load Ajv (draft 2019-09), ajv-formats and the error conversion once, on first use. */
function loadCompiler(): Promise<Compiler> {
  compilerFactory ??= Promise.all([
    import('ajv/dist/2019.js'),
    import('ajv-formats'),
    import('./issues.js'),
  ]).then(([ajvModule, formatsModule, issues]) => {
    // both packages are CommonJS: the class / function may sit on `default` once or twice
    const unwrap = <T>(m: unknown): T => {
      let v = m as { default?: unknown };
      while (typeof v !== 'function' && v && 'default' in v) v = v.default as { default?: unknown };
      return v as T;
    };
    const Ajv = unwrap<new (options: object) => AjvInstance>(ajvModule);
    const addFormats = unwrap<(ajv: AjvInstance) => void>(formatsModule);
    const create = (budget: PatternBudget) => {
      const regExp = Object.assign(
        (pattern: string, flags: string) => boundedRegExp(pattern, flags, budget),
        { code: 'linearRegExp' },
      );
      const ajv = new Ajv({
        strict: false,
        allErrors: true,
        verbose: true,
        inlineRefs: false,
        logger: false,
        code: { regExp },
      });
      addFormats(ajv);
      const url = linearRegExp(URL_FORMAT, 'iu', budget);
      ajv.addFormat('url', (value) => url.test(value));
      return ajv;
    };
    return { create, toIssues: issues.errorsToIssues };
  });
  return compilerFactory;
}

/**
 * The RegExp engine of run-time compiled schemas' `pattern` / `patternProperties`: a matcher
 * linear in the string (the engine's RegExp backtracks, and cannot be interrupted). A pattern it
 * cannot match in linear time (a backreference, a lookaround) or too large to compile does not
 * compile, and neither does the schema.
 */
function boundedRegExp(pattern: string, flags: string, budget: PatternBudget): LinearRegExp {
  try {
    return linearRegExp(pattern, flags, budget);
  } catch (e) {
    if (e instanceof PatternRefusedError) {
      throw new Error(`the pattern ${describeValue(pattern)} ${e.message}`);
    }
    throw e;
  }
}

/**
 * Work the patterns of one validation may do (an NFA instruction visited, a character read):
 * about 0.3 s at worst (a 2,000-step pattern whose DFA keeps missing), far beyond what real
 * patterns on real credentials need (a pattern read once over 16 MB of strings fits).
 */
export const PATTERN_WORK_BUDGET = 20_000_000;

const cache = new WeakMap<object, Promise<Validator>>();

function makeValidator(
  id: string,
  validate: PrecompiledValidator,
  toIssues: ToIssues,
  budget: PatternBudget,
): Validator {
  const run = (document: unknown): ValidationResult => {
    budget.remaining = PATTERN_WORK_BUDGET;
    let valid: boolean;
    try {
      valid = validate(document);
    } catch (e) {
      if (!(e instanceof PatternBudgetError)) throw e;
      // not checked, and said so: never a pass
      return {
        ok: false,
        issues: [
          { code: 'pattern_budget_exceeded', path: '$', message: `not validated: ${e.message}` },
        ],
        schemas: [id],
      };
    }
    if (valid) return { ok: true, issues: [], schemas: [id] };
    const issues: Issue[] = toIssues(validate.errors ?? [], document);
    return { ok: issues.length === 0, issues, schemas: [id] };
  };
  return {
    id,
    validate: run,
    assertValid(document: unknown): void {
      const result = run(document);
      if (!result.ok) throw new ValidationError(result.issues);
    },
  };
}

/**
 * Compile a JSON Schema (draft 2019-09, as 1EdTech publishes them) into a {@link Validator}
 * whose issues have the same codes, paths and messages as the bundled validators'. Loads Ajv on
 * first use (so it is async); compiling the same document object twice returns the same
 * validator. A schema that does not compile rejects with a `ValidationError` (`ERR_VALIDATION`)
 * holding one `schema_invalid` issue; where code generation from strings is forbidden (a strict
 * Content Security Policy) it rejects with an `Ob3Error` coded `ERR_SCHEMA_COMPILER_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import { createValidator, validateCredential } from 'ob3kit/schema';
 * const url = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
 * const official = JSON.parse(await readFile('ob_v3p0_achievementcredential_schema.json', 'utf8'));
 * const validator = await createValidator(official);
 * console.log(validator.validate({}).ok); // false
 * // or use it in place of the bundled schema:
 * validateCredential(credential, { schemas: { [url]: validator } });
 * ```
 */
export function createValidator(schema: object): Promise<Validator> {
  if (!isObject(schema) && typeof schema !== 'boolean') {
    return Promise.reject(new TypeError('createValidator: schema must be a JSON Schema object'));
  }
  const cached = cache.get(schema);
  if (cached) return cached;
  const created = loadCompiler().then(({ create, toIssues }) => {
    const id = isObject(schema) && typeof schema.$id === 'string' ? schema.$id : 'anonymous';
    let validate: PrecompiledValidator;
    const budget: PatternBudget = { remaining: PATTERN_WORK_BUDGET };
    try {
      validate = create(budget).compile(schema);
    } catch (e) {
      if (e instanceof EvalError) {
        throw new Ob3Error(
          'ERR_SCHEMA_COMPILER_UNAVAILABLE',
          'createValidator: compiling a schema needs code generation from strings (new Function), ' +
            'which this environment forbids (a Content Security Policy?); the bundled validators ' +
            '(validateCredential and the others) work without it',
          { cause: e },
        );
      }
      const reason = e instanceof Error ? e.message : String(e);
      throw new ValidationError(
        [
          {
            code: 'schema_invalid',
            path: '$',
            message: `expected a JSON Schema (draft 2019-09) that compiles, found one that does not: ${
              reason.length > 300 ? `${reason.slice(0, 300)}…` : reason
            }`,
          },
        ],
        `createValidator: the schema ${id} does not compile: ${
          reason.length > 300 ? `${reason.slice(0, 300)}…` : reason
        }`,
      );
    }
    return makeValidator(id, validate, toIssues, budget);
  });
  cache.set(schema, created);
  created.catch(() => cache.delete(schema));
  return created;
}

/**
 * Compile several schema documents at once, keeping their keys: the result fits
 * `options.schemas` of `validateCredential`.
 *
 * @example
 * ```ts
 * import { compileSchemas, validateCredential } from 'ob3kit/schema';
 * const schemas = await compileSchemas({ [officialUrl]: officialSchemaDocument });
 * const { ok } = validateCredential(credential, { schemas });
 * ```
 */
export async function compileSchemas(
  documents: Readonly<Record<string, object>>,
): Promise<Record<string, Validator>> {
  if (!isObject(documents)) throw new TypeError('compileSchemas: documents must be an object');
  const entries = await Promise.all(
    Object.entries(documents).map(async ([url, doc]) => [url, await createValidator(doc)] as const),
  );
  return Object.fromEntries(entries);
}
