/**
 * The default bounds of JSON text and documents (re-exported by `limits.ts`), in a module of
 * their own so that the JSON text scan, which every JSON entry runs, pulls in nothing else.
 *
 * @packageDocumentation
 */

/**
 * Deepest JSON nesting accepted (objects and arrays), counting the root as 1: 64 levels.
 * Open Badges credentials nest about 8 levels deep.
 *
 * @example
 * ```ts
 * assertJsonDepth(credential, DEFAULT_MAX_JSON_DEPTH);
 * ```
 */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * Most JSON values (objects, arrays and scalars, counted as if serialized: a shared sub-object
 * counts each time it is reached) a document may hold before JSON-LD processing: 100,000.
 *
 * @example
 * ```ts
 * measureJson(doc, { ...DEFAULT_LIMITS, maxJsonValues: DEFAULT_MAX_JSON_VALUES });
 * ```
 */
export const DEFAULT_MAX_JSON_VALUES = 100_000;

/**
 * Longest JSON array accepted before JSON-LD processing: 4,096 items. JSON-LD to RDF removes
 * duplicate values of a property one by one (quadratic in the number of values), so one huge
 * array would cost seconds to minutes.
 *
 * @example
 * ```ts
 * const { maxArrayLength } = resolveLimits({});
 * ```
 */
export const DEFAULT_MAX_ARRAY_LENGTH = 4096;
