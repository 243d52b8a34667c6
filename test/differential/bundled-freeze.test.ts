import { describe, expect, it } from 'vitest';
import { BUNDLED_CONTEXTS } from '../../src/jsonld/bundled.js';
import { getBundledContext, listBundledContexts } from '../../src/jsonld/index.js';

// Bundled contexts are frozen when first read rather than at start-up: every way of reading
// one must still give a deeply frozen document, so no caller can alter a shared context.
function isDeepFrozen(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  return Object.isFrozen(v) && Object.values(v).every(isDeepFrozen);
}

describe('bundled contexts are frozen on read', () => {
  it('through getBundledContext', () => {
    const urls = listBundledContexts();
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(isDeepFrozen(getBundledContext(url))).toBe(true);
    const doc = getBundledContext('https://www.w3.org/ns/credentials/v2') as Record<
      string,
      unknown
    >;
    expect(() => {
      (doc['@context'] as Record<string, unknown>).id = 'changed';
    }).toThrow(TypeError);
  });

  it('through iteration, values and forEach', () => {
    for (const [, doc] of BUNDLED_CONTEXTS) expect(isDeepFrozen(doc)).toBe(true);
    for (const doc of BUNDLED_CONTEXTS.values()) expect(isDeepFrozen(doc)).toBe(true);
    let n = 0;
    BUNDLED_CONTEXTS.forEach((doc) => {
      n++;
      expect(isDeepFrozen(doc)).toBe(true);
    });
    expect(n).toBe(BUNDLED_CONTEXTS.size);
  });
});
