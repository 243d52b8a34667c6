import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

describe('schema check under a strict Content Security Policy', () => {
  it('a credentialSchema that cannot be compiled (no code generation) is a warning, not a failure', () => {
    const script = `
      const { verify } = await import(${JSON.stringify(path.join(root, 'src/verify/index.ts'))});
      const url = 'https://issuer.example/schemas/badge.json';
      const credential = {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
        ],
        id: 'urn:uuid:3c1a7f52-6a9e-4a0e-9d43-2f9a1b7c0d11',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: 'https://issuer.example', type: ['Profile'], name: 'Issuer' },
        validFrom: '2024-01-01T00:00:00Z',
        name: 'Badge',
        credentialSchema: [{ id: url, type: '1EdTechJsonSchemaValidator2019' }],
        credentialSubject: {
          id: 'did:example:learner',
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://issuer.example/a', type: ['Achievement'], name: 'A', description: 'd',
            criteria: { narrative: 'n' },
          },
        },
      };
      const report = await verify(credential, {
        now: new Date('2025-01-01T00:00:00Z'),
        documents: { [url]: { type: 'object', required: ['name'] } },
      });
      console.log(JSON.stringify(report.checks.filter((c) => c.id === 'schema')));
    `;
    const out = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const schemaChecks = JSON.parse(out.trim().split('\n').pop()!) as Array<{
      outcome: string;
      code?: string;
      path?: string;
    }>;
    expect(schemaChecks.map((c) => [c.outcome, c.code])).toEqual([
      ['warn', 'credential_schema_uncompiled'],
    ]);
    expect(schemaChecks[0]?.path).toBe('$.credentialSchema[0].id');
  });
});
