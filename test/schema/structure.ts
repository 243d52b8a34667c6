/** Structural comparison of JSON Schemas: annotations dropped, keys sorted, `anyOf` unordered. */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Drop annotations, sort keys, sort `anyOf` alternatives (their order does not matter). */
export function normalize(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key]!;
    if (
      ['description', '$comment', 'title', '$id', '$schema'].includes(key) &&
      typeof v === 'string'
    )
      continue;
    out[key] =
      key === 'anyOf' && Array.isArray(v)
        ? v.map(normalize).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        : normalize(v);
  }
  return out;
}

/** Inline `$ref`s to `$defs` the official schema does not have (our shared helpers). */
export function inlineHelpers(
  schema: Record<string, Json>,
  keep: Set<string>,
): Record<string, Json> {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const ref = v.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/') && !keep.has(ref.slice(8))) {
      return walk(defs[ref.slice(8)]!);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  const out = walk(schema) as Record<string, Json>;
  out.$defs = Object.fromEntries(
    Object.entries(defs)
      .filter(([k]) => keep.has(k))
      .map(([k, v]) => [k, walk(v)]),
  );
  return out;
}
