import { describe, expect, it } from 'vitest';
import { JsonLdError, Ob3Error, ValidationError } from '../src/errors.js';

describe('errors', () => {
  it('carries a stable code and a class name', () => {
    const err = new JsonLdError('ERR_CONTEXT_UNKNOWN', 'Unknown context', { url: 'https://x' });
    expect(err).toBeInstanceOf(Ob3Error);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('ERR_CONTEXT_UNKNOWN');
    expect(err.name).toBe('JsonLdError');
    expect(err.details).toEqual({ url: 'https://x' });
  });

  it('ValidationError summarises its issues', () => {
    const issues = [
      { code: 'required', path: '$.issuer', message: 'issuer is required' },
      { code: 'type', path: '$.name', message: 'expected string, found number' },
    ];
    const err = new ValidationError(issues);
    expect(err.code).toBe('ERR_VALIDATION');
    expect(err.issues).toBe(issues);
    expect(err.message).toContain('$.issuer: issuer is required');
    expect(err.message).toContain('2 issue(s)');
  });
});
