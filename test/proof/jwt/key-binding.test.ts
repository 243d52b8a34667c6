import { describe, expect, it } from 'vitest';
import { webJwkSpeaksFor } from '../../../src/proof/jwt/key.js';

describe('webJwkSpeaksFor: which party a JWK published at an https URL speaks for', () => {
  const yes: Array<[string, string]> = [
    ['https://h.example/issuers/a', 'https://h.example/issuers/a'],
    ['https://h.example/issuers/a/jwks.json', 'https://h.example/issuers/a'],
    ['https://h.example/issuers/a/jwks.json', 'https://h.example/issuers/a/'],
    ['https://h.example/issuers/a/jwks.json#k1', 'https://h.example/issuers/a'],
    ['https://h.example/jwks.json', 'https://h.example'],
    ['https://h.example/.well-known/jwks.json', 'https://h.example/'],
    ['https://h.example/.well-known/jwks.json', 'https://h.example'],
  ];
  const no: Array<[string, string]> = [
    // A sibling, a party further up, a child, another origin, scheme, port or a query.
    ['https://h.example/issuers/attacker/jwks.json', 'https://h.example/issuers/victim'],
    ['https://h.example/issuers/a/keys/k.json', 'https://h.example/issuers'],
    ['https://h.example/issuers/a/jwks.json', 'https://h.example/'],
    ['https://h.example/issuers/ab/jwks.json', 'https://h.example/issuers/a'],
    ['https://h.example/issuers/a', 'https://h.example/issuers/a/b'],
    ['https://h.example/.well-known/jwks.json', 'https://h.example/issuers/a'],
    ['https://h.example/.well-known/x/jwks.json', 'https://h.example/'],
    ['https://other.example/issuers/a/jwks.json', 'https://h.example/issuers/a'],
    ['https://h.example:8443/issuers/a/jwks.json', 'https://h.example/issuers/a'],
    ['http://h.example/issuers/a/jwks.json', 'http://h.example/issuers/a'],
    ['https://h.example/issuers/a/jwks.json?x=1', 'https://h.example/issuers/a'],
    ['https://h.example/issuers/a/jwks.json', 'https://h.example/issuers/a?x=1'],
    ['https://h.example/issuers/a/jwks.json', 'did:web:h.example:issuers:a'],
    // Written in a form that normalizes elsewhere: refused rather than reinterpreted.
    ['https://h.example/issuers/a/%2e%2e/victim/jwks.json', 'https://h.example/issuers/victim'],
    ['https://h.example/issuers/a/../a/jwks.json', 'https://h.example/issuers/a'],
    ['https://H.example/issuers/a/jwks.json', 'https://h.example/issuers/a'],
  ];
  it.each(yes)('%s speaks for %s', (key, party) => {
    expect(webJwkSpeaksFor(key, party)).toBe(true);
  });
  it.each(no)('%s does not speak for %s', (key, party) => {
    expect(webJwkSpeaksFor(key, party)).toBe(false);
  });
});
