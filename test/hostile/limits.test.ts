/** The shared limits module: defaults, overrides, misuse, and the helpers that enforce them. */
import { describe, expect, it } from 'vitest';
import { LimitError } from '../../src/errors.js';
import {
  assertJsonDepth,
  assertSize,
  DEFAULT_LIMITS,
  jsonDepth,
  measureJson,
  resolveLimits,
} from '../../src/internal/limits.js';
import {
  DEFAULT_MAX_CANONIZE_WORK,
  DEFAULT_MAX_QUADS,
  DEFAULT_MAX_WORK_FACTOR,
} from '../../src/jsonld/index.js';
import { DEFAULT_MAX_JWT_LENGTH } from '../../src/proof/jwt/jws.js';
import {
  DEFAULT_MAX_ENDORSEMENT_DEPTH,
  DEFAULT_LIMITS as VERIFY_LIMITS,
} from '../../src/verify/state.js';

describe('resolveLimits', () => {
  it('gives the documented defaults, and they agree with the modules that enforce them', () => {
    const l = resolveLimits();
    expect(l).toEqual({
      maxInputBytes: 16 * 1024 * 1024,
      maxJsonDepth: 64,
      maxEndorsementDepth: 3,
      maxEndorsements: 100,
      maxJsonValues: 100_000,
      maxArrayLength: 4096,
      maxStatusListBytes: 16 * 1024 * 1024,
      maxDecompressedBytes: 16 * 1024 * 1024,
      maxJwtBytes: 1024 * 1024,
      maxQuads: 100_000,
      maxWorkFactor: 1,
      maxCanonizeWork: 4_000_000,
      maxFetches: 64,
      fetchTimeoutMs: 10_000,
      maxFetchBytes: 16 * 1024 * 1024,
      maxDocumentBytes: 4 * 1024 * 1024,
      maxStatusListTotalBytes: 64 * 1024 * 1024,
    });
    expect(Object.isFrozen(l)).toBe(true);
    expect(l.maxQuads).toBe(DEFAULT_MAX_QUADS);
    expect(l.maxWorkFactor).toBe(DEFAULT_MAX_WORK_FACTOR);
    expect(l.maxCanonizeWork).toBe(DEFAULT_MAX_CANONIZE_WORK);
    expect(l.maxJwtBytes).toBe(DEFAULT_MAX_JWT_LENGTH);
    expect(l.maxEndorsementDepth).toBe(DEFAULT_MAX_ENDORSEMENT_DEPTH);
    expect(l.maxInputBytes).toBe(VERIFY_LIMITS.maxInputBytes);
    expect(l.maxJsonDepth).toBe(VERIFY_LIMITS.maxJsonDepth);
    expect(l.maxEndorsements).toBe(VERIFY_LIMITS.maxEndorsements);
    expect(l.maxFetches).toBe(VERIFY_LIMITS.maxFetches);
    expect(l.fetchTimeoutMs).toBe(VERIFY_LIMITS.fetchTimeoutMs);
    expect(l.maxFetchBytes).toBe(VERIFY_LIMITS.maxFetchBytes);
    expect(l.maxDocumentBytes).toBe(VERIFY_LIMITS.maxDocumentBytes);
    expect(l.maxStatusListTotalBytes).toBe(VERIFY_LIMITS.maxStatusListTotalBytes);
  });

  it('overrides the given limits only, and skips undefined values', () => {
    const l = resolveLimits({ maxInputBytes: 1024, maxJsonDepth: undefined, maxFetches: 0 });
    expect(l.maxInputBytes).toBe(1024);
    expect(l.maxJsonDepth).toBe(DEFAULT_LIMITS.maxJsonDepth);
    expect(l.maxFetches).toBe(0);
    expect(DEFAULT_LIMITS.maxInputBytes).toBe(16 * 1024 * 1024);
  });

  it('throws TypeError for misuse: unknown names, negative, fractional, infinite or non-numbers', () => {
    for (const bad of [
      { maxInputByte: 1 },
      { maxInputBytes: -1 },
      { maxInputBytes: 1.5 },
      { maxInputBytes: Number.POSITIVE_INFINITY },
      { maxInputBytes: Number.NaN },
      { maxInputBytes: '10' },
    ]) {
      expect(() => resolveLimits(bad as never, 'verify')).toThrow(TypeError);
    }
    expect(() => resolveLimits(5 as never)).toThrow(TypeError);
    expect(() => resolveLimits([] as never)).toThrow(TypeError);
    expect(() => resolveLimits({ maxInputBytes: -1 }, 'verify')).toThrow(
      /verify: limit maxInputBytes/,
    );
  });
});

describe('jsonDepth / assertJsonDepth / assertSize', () => {
  it('measures depth iteratively (no stack overflow on 1,000,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(jsonDepth(deep, 64)).toBe(65);
    expect(jsonDepth({ a: [1, { b: 2 }] }, 64)).toBe(3);
    expect(jsonDepth('text', 64)).toBe(0);
    expect(() => assertJsonDepth(deep, 64)).toThrow(LimitError);
    expect(() => assertJsonDepth({ a: 1 }, 64)).not.toThrow();
  });

  it('terminates on cycles and on heavily shared object graphs (2^60 paths, 60 objects)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonDepth(cyclic, 64)).toBe(65);
    let shared: unknown = 'leaf';
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    expect(jsonDepth(shared, 64)).toBe(60);
  });

  it('assertSize throws LimitError ERR_LIMIT_SIZE with the limit named', () => {
    expect(() => assertSize(10, 10, 'maxInputBytes', 'The input')).not.toThrow();
    try {
      assertSize(11, 10, 'maxInputBytes', 'The input');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LimitError);
      expect((e as LimitError).code).toBe('ERR_LIMIT_SIZE');
      expect((e as LimitError).message).toMatch(/limits\.maxInputBytes/);
    }
  });
});

describe('measureJson', () => {
  it('counts depth, values and the longest array of ordinary JSON', () => {
    const shape = measureJson({ a: [1, 2, { b: 'x' }], c: null });
    // root, a, 1, 2, {b}, 'x', c
    expect(shape).toEqual({ depth: 3, values: 7, longestArray: 3 });
    expect(measureJson('text')).toEqual({ depth: 0, values: 1, longestArray: 0 });
  });

  it('stops at the first limit passed: depth, values (shared sub-objects count each time), array length', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measureJson(deep).exceeded).toBe('maxJsonDepth');
    let shared: unknown = 'leaf';
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    const dag = measureJson(shared);
    expect(dag.exceeded).toBe('maxJsonValues');
    expect(dag.values).toBe(100_001);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(measureJson(cyclic).exceeded).toBe('maxJsonDepth');
    expect(measureJson({ tags: new Array(4097).fill('t') }).exceeded).toBe('maxArrayLength');
    expect(measureJson({ tags: new Array(4096).fill('t') }).exceeded).toBeUndefined();
    expect(
      measureJson({ a: [1, 2, 3] }, { maxJsonDepth: 64, maxJsonValues: 3, maxArrayLength: 10 })
        .exceeded,
    ).toBe('maxJsonValues');
  });

  it('finds an own __proto__ key as JSON.parse makes it', () => {
    const parsed = JSON.parse('{"credentialSubject":{"__proto__":{"role":"admin"},"id":"x"}}');
    expect(measureJson(parsed).protoKeyPath).toBe('$.credentialSubject["__proto__"]');
    expect(measureJson({ credentialSubject: { id: 'x' } }).protoKeyPath).toBeUndefined();
  });
});
