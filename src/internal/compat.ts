/**
 * Stand-ins for built-ins some engines the core supports lack. The build (tsup.config.ts)
 * rewrites each use in the library to these, so the source keeps the standard names.
 *
 * @internal
 */

const ownProperty = Object.prototype.hasOwnProperty;

/**
 * `Object.hasOwn` (ES2022), which Hermes, React Native's engine, lacked: the build replaces
 * every `Object.hasOwn(o, k)` with `ob3kitHasOwn(o, k)`. Same result, same `TypeError` for
 * `null` and `undefined`.
 *
 * @internal
 */
export function ob3kitHasOwn(object: unknown, key: PropertyKey): boolean {
  if (object === null || object === undefined) {
    throw new TypeError('Cannot convert undefined or null to object');
  }
  return ownProperty.call(object, key);
}
