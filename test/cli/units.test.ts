import * as zlib from 'node:zlib';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemoBadgePng, createDemoBadgeSvg } from '../../src/cli/badge-art.js';
import { createPalette, shouldColor } from '../../src/cli/color.js';
import { type Command, parseCommandArgs } from '../../src/cli/command.js';
import { parseCsv, parseCsvRecords } from '../../src/cli/csv.js';
import { UsageError } from '../../src/cli/errors.js';
import { locateJsonError } from '../../src/cli/json-locate.js';
import { encodePng } from '../../src/cli/png.js';
import { createProgress } from '../../src/cli/progress.js';
import {
  applyRowConventions,
  fillTemplate,
  rowSlug,
  templatePlaceholders,
} from '../../src/cli/template.js';

describe('CSV parser (RFC 4180)', () => {
  it('parses the RFC 4180 examples: quotes, commas, doubled quotes and line breaks in quotes', () => {
    const text = 'name,note\r\n"Doe, Jane","says ""hi"""\r\n"multi\nline",x\r\nplain,"y"\n';
    const { header, records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(header).toEqual(['name', 'note']);
    expect(records).toEqual([
      { line: 2, fields: ['Doe, Jane', 'says "hi"'] },
      { line: 3, fields: ['multi\nline', 'x'] },
      { line: 5, fields: ['plain', 'y'] },
    ]);
  });

  it('keeps empty fields, skips blank lines and a BOM, and handles a missing final newline', () => {
    const { header, records } = parseCsv('\uFEFFa,b,c\n\n1,,3\n,,\n4,5,6');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(records.map((r) => r.fields)).toEqual([
      ['1', '', '3'],
      ['', '', ''],
      ['4', '5', '6'],
    ]);
    expect(records.map((r) => r.line)).toEqual([3, 4, 5]);
  });

  it('reports bad rows with their line numbers and keeps the others', () => {
    const { records, problems } = parseCsv('a,b\n1,2\n1,2,3\nx"y,2\n"q"z,2\n5,6\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['1', '2'],
      ['5', '6'],
    ]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problems[0]?.message).toMatch(/expected 2 field\(s\).*found 3/);
    expect(problems[1]?.message).toMatch(/quote/);
  });

  it('reports an unterminated quote at the line where it opened', () => {
    const { records, problems } = parseCsvRecords('a,b\n1,"open\nstill open\n');
    expect(records).toHaveLength(1);
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/never closed/) }]);
  });
});

describe('PNG encoder', () => {
  it('writes chunks whose CRCs match zlib.crc32 and whose pixels inflate back', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 9]);
    const png = encodePng(2, 2, rgba);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset);
    let off = 8;
    const types: string[] = [];
    let idat: Uint8Array = new Uint8Array(0);
    while (off < png.length) {
      const len = view.getUint32(off);
      const type = new TextDecoder().decode(png.subarray(off + 4, off + 8));
      const crc = view.getUint32(off + 8 + len);
      // biome-ignore lint/suspicious/noExplicitAny: zlib.crc32 is newer than the Node types
      expect(crc).toBe((zlib as any).crc32(png.subarray(off + 4, off + 8 + len)));
      if (type === 'IDAT') idat = png.subarray(off + 8, off + 8 + len);
      types.push(type);
      off += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    const raw = inflateSync(idat);
    expect([...raw]).toEqual([0, ...rgba.subarray(0, 8), 0, ...rgba.subarray(8)]);
  });

  it('rejects pixel data of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(TypeError);
  });

  it("makes the demo's badge images", () => {
    const png = createDemoBadgePng(128);
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(128);
    const svg = createDemoBadgeSvg();
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<title>Open Badges 101 — ob3kit Demo Academy</title>');
  });
});

describe('template filling', () => {
  it('fills placeholders in keys and values and never breaks the JSON', () => {
    const t = { name: 'Badge for {{ name }}', credentialSubject: { id: '{{id}}' }, n: 3 };
    expect(templatePlaceholders(t).sort()).toEqual(['id', 'name']);
    const out = fillTemplate(t, { name: 'Jane "JD" \\ Doe', id: 'did:example:1' });
    expect(out).toEqual({
      name: 'Badge for Jane "JD" \\ Doe',
      credentialSubject: { id: 'did:example:1' },
      n: 3,
    });
  });

  it('names a placeholder the CSV lacks', () => {
    expect(() => fillTemplate({ a: '{{missing}}' }, {})).toThrow(/no 'missing' column/);
    expect(rowSlug({ name: 'Ådå Lovelace!' })).toBe('ada-lovelace');
  });
});

describe('row conventions', () => {
  const ident = (identityType: string, identity: string, hashed: boolean) => ({
    identityType,
    identity,
    hashed,
  });
  const now = new Date('2025-03-04T05:06:07.890Z');

  it('fills id, subject id, identifiers and validFrom only where the template leaves them out', () => {
    const t = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      credentialSubject: { type: ['AchievementSubject'] },
    };
    const out = applyRowConventions(
      t,
      { id: 'did:example:1', email: 'a@example.com', name: 'Ada' },
      ident,
      now,
      () => 'urn:uuid:x',
    );
    expect(out).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:x',
      validFrom: '2025-03-04T05:06:07Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        id: 'did:example:1',
        identifier: [
          { identityType: 'emailAddress', identity: 'a@example.com', hashed: true },
          { identityType: 'name', identity: 'Ada', hashed: false },
        ],
      },
    });
    expect(t.credentialSubject).toEqual({ type: ['AchievementSubject'] });
  });

  it('keeps what the template sets and uses issuanceDate for VC 1.1', () => {
    const t = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: 'urn:uuid:keep',
      credentialSubject: { id: 'did:example:keep', identifier: [] },
    };
    const out = applyRowConventions(
      t,
      { id: 'did:example:1', email: 'a@b.c' },
      ident,
      now,
      () => 'x',
    );
    expect(out.id).toBe('urn:uuid:keep');
    expect(out.issuanceDate).toBe('2025-03-04T05:06:07Z');
    expect(out.credentialSubject).toEqual({ id: 'did:example:keep', identifier: [] });
  });
});

describe('argument parsing', () => {
  const cmd: Command = {
    name: 'x',
    summary: 's',
    usage: ['x <file>'],
    options: {
      json: { type: 'boolean', description: 'j' },
      document: { type: 'string', multiple: true, value: '<u>=<f>', description: 'd' },
    },
    positionals: { min: 1, max: 1, names: '<file>' },
    run: async () => 0,
  };

  it('parses options and positionals', () => {
    const r = parseCommandArgs(cmd, ['f', '--json', '--document', 'a=b', '--document', 'c=d']);
    expect(r.positionals).toEqual(['f']);
    expect(r.values.json).toBe(true);
    expect(r.values.document).toEqual(['a=b', 'c=d']);
  });

  it('turns mistakes into usage errors that point at --help', () => {
    expect(() => parseCommandArgs(cmd, ['f', '--nope'])).toThrow(/unknown option '--nope'/);
    expect(() => parseCommandArgs(cmd, ['f', '--document'])).toThrow(/needs a value/);
    expect(() => parseCommandArgs(cmd, [])).toThrow(/missing <file>/);
    expect(() => parseCommandArgs(cmd, ['a', 'b'])).toThrow(UsageError);
    expect(parseCommandArgs(cmd, ['--help']).help).toBe(true);
  });
});

describe('locating JSON syntax errors', () => {
  it('points at the first bad character', () => {
    expect(locateJsonError('{"a": ,}')).toBe(6);
    expect(locateJsonError('{\n  "@context": [,]\n}')).toBe(17);
    expect(locateJsonError('[1, 2')).toBe(5);
    expect(locateJsonError('{"a": 1} x')).toBe(9);
    expect(locateJsonError('"bad \\q"')).toBe(6);
    expect(locateJsonError('{"a": [1, {"b": null}], "c": -0.5e+3}')).toBeUndefined();
  });

  it('agrees with JSON.parse on which texts are valid', () => {
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '"a"',
      ':',
      ',',
      '1',
      '-',
      '0',
      '.5',
      'e3',
      'true',
      'nul',
      ' ',
      '"\\u00e9"',
      '"\\x"',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        expect(locateJsonError(text) === undefined).toBe(ok);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('progress output', () => {
  const fakeIo = (tty: boolean) => {
    let err = '';
    const io = {
      out: () => {},
      err: (t: string) => {
        err += t;
      },
      stdoutIsTTY: tty,
      stderrIsTTY: tty,
      env: {},
      cwd: '/',
      readStdin: async () => new Uint8Array(),
    };
    return { io, text: () => err };
  };

  it('redraws a bar on a terminal and keeps failures on their own lines', () => {
    const { io, text } = fakeIo(true);
    const p = createProgress(io, 4);
    p.tick(true, 'line 2: ok');
    p.tick(false, 'line 3: error: bad');
    p.done();
    expect(text()).toContain('\r[###############---------------] 2/4  50% (1 failed)');
    expect(text()).toContain('line 3: error: bad\n');
    expect(text()).not.toContain('line 2: ok');
  });

  it('prints one plain line an item otherwise', () => {
    const { io, text } = fakeIo(false);
    const p = createProgress(io, 2);
    p.tick(true, 'line 2: ok');
    p.tick(false, 'line 3: error: bad');
    p.done();
    expect(text()).toBe('line 2: ok\nline 3: error: bad\n');
  });
});

describe('colour', () => {
  it('colours only a terminal, never with NO_COLOR set', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(createPalette(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createPalette(false).red('x')).toBe('x');
  });
});
