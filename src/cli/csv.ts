/** A small RFC 4180 CSV parser: quoted fields, doubled quotes, commas and newlines in quotes. */

/**
 * One data record with the line number (1-based) on which it starts.
 *
 * @example
 * ```ts
 * const r: CsvRecord = { line: 2, fields: ['Ada', 'ada@example.com'] };
 * ```
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * A record that could not be parsed, with its line number and the reason.
 *
 * @example
 * ```ts
 * const p: CsvProblem = { line: 4, message: 'expected 2 field(s) as in the header, found 3' };
 * ```
 */
export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * The parsed file: header, records, and problems found (the parser never throws on content).
 *
 * @example
 * ```ts
 * const { header, records, problems }: CsvResult = parseCsv('name\nAda\n');
 * ```
 */
export interface CsvResult {
  header: string[];
  records: CsvRecord[];
  problems: CsvProblem[];
}

/**
 * Split CSV text into records. Accepts LF and CRLF line ends, a leading byte-order mark, and
 * skips blank lines. A stray quote inside an unquoted field, or text after a closing quote, is
 * reported as a problem for that record and the record is dropped; an unterminated quote
 * swallows the rest of the file and is reported against the line where it opened.
 *
 * @example
 * ```ts
 * parseCsvRecords('name,email\n"Doe, Jane",jane@example.com\n');
 * // records: [{ line: 1, fields: ['name','email'] }, { line: 2, fields: ['Doe, Jane','jane@example.com'] }]
 * ```
 */
export function parseCsvRecords(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let bad: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && src[i] === '"') {
        // Quoted field.
        i++;
        let closed = false;
        while (i < n) {
          const c = src[i] as string;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) {
          problems.push({
            line: startLine,
            message: 'a quoted field is never closed (missing ")',
          });
          return { records, problems };
        }
        // After the closing quote: a separator, a line end, or the end of input.
        while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          bad ??= `unexpected text after a closing quote: '${src.slice(i, i + 10)}'`;
          i++;
        }
      } else {
        while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"') {
            bad ??=
              'a quote (") inside an unquoted field; quote the whole field and double the quote';
          }
          field += src[i];
          i++;
        }
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (src[i] === ',') {
        i++;
      } else {
        if (src[i] === '\r') i++;
        if (src[i] === '\n') i++;
        line++;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (bad) problems.push({ line: startLine, message: bad });
    else if (!blank) records.push({ line: startLine, fields });
  }
  return { records, problems };
}

/**
 * Parse CSV text with a header row. Records whose field count differs from the header's are
 * reported as problems (with their line numbers) and left out.
 *
 * @example
 * ```ts
 * const { header, records, problems } = parseCsv('name,id\nAda,did:example:ada\n');
 * ```
 */
export function parseCsv(text: string): CsvResult {
  const { records, problems } = parseCsvRecords(text);
  const first = records.shift();
  if (!first) return { header: [], records: [], problems };
  const header = first.fields.map((h) => h.trim());
  const ok: CsvRecord[] = [];
  for (const r of records) {
    if (r.fields.length !== header.length) {
      problems.push({
        line: r.line,
        message: `expected ${header.length} field(s) as in the header, found ${r.fields.length}`,
      });
    } else {
      ok.push(r);
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { header, records: ok, problems };
}
