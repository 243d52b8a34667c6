/** Duplicate member names in JSON text (I-JSON, RFC 7493 section 2.3), found in one linear pass. */

interface Frame {
  object: boolean;
  keys: Set<string>;
  expectKey: boolean;
}

/**
 * The first member name that appears twice in one object of `text`, with the character offset
 * of its second appearance; `undefined` when there is none. `text` must already be valid JSON
 * (call it after `JSON.parse` succeeded). Names are compared after unescaping, so `"a"` and
 * `"\u0061"` are the same name, as `JSON.parse` treats them.
 */
export function findDuplicateJsonKey(text: string): { key: string; offset: number } | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const raw = text.slice(start, i + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) return { key, offset: start };
        top.keys.add(key);
        top.expectKey = false;
      }
    } else if (c === 0x7b /* { */) {
      stack.push({ object: true, keys: new Set(), expectKey: true });
    } else if (c === 0x5b /* [ */) {
      stack.push({ object: false, keys: new Set(), expectKey: false });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    }
  }
  return undefined;
}
