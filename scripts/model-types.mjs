#!/usr/bin/env node
/**
 * Regenerates `src/model/types.generated.ts`: the TypeScript types of the Open Badges 3.0 data
 * model and a compact runtime description of it (`MODEL`) that the builders validate against.
 *
 * Usage:
 *   node scripts/model-types.mjs [ob3Dir] [--check]
 *
 *   ob3Dir   the reference folder holding `spec/common_credentials.lines`, `spec/ob_v3p0.lines`
 *            and `schemas/2024-vcdm2/` (default: ../shared/ob3 next to the repository, or
 *            $OB3KIT_OB3_DIR)
 *   --check  do not write; exit 1 when the committed file differs from what would be generated
 *
 * Sources:
 *   - the classes, properties, types, cardinalities and constraints come from 1EdTech's model
 *     files (`*.lines`); `ob_v3p0.lines` transcludes `common_credentials.lines`;
 *   - the CLR 2.0 classes (ClrCredential, ClrSubject, Association, AssociationType) come from
 *     `scripts/clr_v2p0.lines`, the same model language written from the CLR 2.0 schemas' facts;
 *   - the few things those files take from 1EdTech's Common Data Model without spelling them out
 *     (Address, GeoCoordinates, IdentifierEntry, the IdentifierTypeEnum vocabulary, the Phone /
 *     Email / PersonNameParts mixins and the Imsx_* status classes) are read from the 2024 JSON
 *     Schemas, which embed them;
 *   - JSON shapes follow the 2024 (VC-DM 2.0) schemas: a property with a maximum cardinality
 *     above one is always an array (the schemas accept no single value there).
 *
 * The output is deterministic: running the script twice gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const ob3Dir = path.resolve(
  args.find((a) => !a.startsWith('--')) ??
    process.env.OB3KIT_OB3_DIR ??
    path.join(repoRoot, '..', 'shared', 'ob3'),
);
const outFile = path.join(repoRoot, 'src', 'model', 'types.generated.ts');

// ---------------------------------------------------------------------------------------------
// 1. Parse the .lines files
// ---------------------------------------------------------------------------------------------

/** Split a .lines statement into tokens: words, [bracketed lists] and "quoted strings". */
function tokenize(line) {
  const tokens = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (line.startsWith('//', i)) {
      break;
    } else if (c === '"') {
      // A quoted string ends at the next quote followed by whitespace or the end of the line.
      let j = i + 1;
      while (
        j < line.length &&
        !(line[j] === '"' && (j + 1 === line.length || /[\s.]/.test(line[j + 1])))
      )
        j++;
      tokens.push({ quoted: line.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '[') {
      // Find the closing bracket; list items that are /regexes/ are skipped over whole.
      let j = i + 1;
      let itemStart = true;
      while (j < line.length && line[j] !== ']') {
        if (itemStart && line[j] === '/') {
          j++;
          while (j < line.length && !(line[j] === '/' && line[j - 1] !== '\\')) j++;
        }
        itemStart = line[j] === ',' || (itemStart && line[j] === ' ');
        j++;
      }
      tokens.push({ list: splitList(line.slice(i + 1, j)) });
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && !/\s/.test(line[j])) j++;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function splitList(text) {
  return text
    .split(/,\s+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Tokens after the fixed ones: the description (first quoted string without a prefix). */
function description(tokens) {
  for (const t of tokens) if (t.quoted !== undefined && !/^[a-z]:/.test(t.quoted)) return t.quoted;
  return '';
}

function parseLines(text, classes, order) {
  let current;
  let packageKind;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    const tokens = tokenize(line);
    const [keyword, ...rest] = tokens;
    switch (keyword) {
      case 'Package':
        packageKind = rest[1];
        current = undefined;
        break;
      case 'Class': {
        if (packageKind !== 'DataModel') break;
        const [name, stereotype, , parents] = rest;
        current = {
          name,
          stereotype,
          parents: parents?.list ?? [],
          description: description(rest),
          props: [],
          cdm: false,
        };
        classes.set(name, current);
        order.push(name);
        break;
      }
      case 'Include': {
        const [name] = rest;
        current = {
          name,
          stereotype: 'Include',
          parents: [],
          description: '',
          props: [],
          cdm: true,
        };
        classes.set(name, current);
        order.push(name);
        break;
      }
      case 'Includes':
        current = undefined;
        break;
      case 'Property': {
        if (!current) break;
        const [name, type, card, maybeCompacted] = rest;
        current.props.push({
          name,
          type,
          card,
          compacted: maybeCompacted === 'array-compacted',
          description: description(rest.slice(3)),
          value: rest.find((t) => t.quoted?.startsWith('v:'))?.quoted.slice(2),
          constraints: [],
        });
        break;
      }
      case 'Constraint': {
        if (!current) break;
        const prop = current.props.at(-1);
        const [kind, value] = rest;
        prop.constraints.push({ kind, values: value.list ?? [value] });
        break;
      }
      case 'Mixin':
        if (current) current.props.push({ mixin: rest[0] });
        break;
      default:
        if (
          ![
            'Interface',
            'Operation',
            'Param',
            'Response',
            'Body',
            'Responses',
            'Scopes',
            'ResponseList',
            'Url',
            'Scope',
            'Model',
            'Transclude',
          ].includes(keyword)
        )
          throw new Error(`Unknown statement: ${line}`);
        if (keyword !== 'Transclude') current = packageKind === 'DataModel' ? current : undefined;
    }
  }
}

const classes = new Map();
const order = [];
parseLines(
  readFileSync(path.join(ob3Dir, 'spec', 'ob_v3p0.lines'), 'utf8').replace(/^Transclude.*$/m, () =>
    readFileSync(path.join(ob3Dir, 'spec', 'common_credentials.lines'), 'utf8'),
  ),
  classes,
  order,
);
// The classes CLR 2.0 adds (ClrCredential, ClrSubject, Association, AssociationType), written in
// the same model language from the CLR 2.0 schemas' facts; they use the shared classes above.
parseLines(readFileSync(path.join(repoRoot, 'scripts', 'clr_v2p0.lines'), 'utf8'), classes, order);

// ---------------------------------------------------------------------------------------------
// 2. Fill in what the .lines files take from the Common Data Model, from the 2024 schemas
// ---------------------------------------------------------------------------------------------

const schemaDir = path.join(ob3Dir, 'schemas', '2024-vcdm2');
const credSchema = JSON.parse(
  readFileSync(path.join(schemaDir, 'ob_v3p0_achievementcredential_schema.json'), 'utf8'),
);
const statusSchema = JSON.parse(
  readFileSync(
    path.join(schemaDir, '1edtech-build-2024-07-30', 'ob_v3p0_imsx_statusinfo-jsonschema1.json'),
    'utf8',
  ),
);
const defs = { ...credSchema.$defs, ...statusSchema.$defs, Imsx_StatusInfo: statusSchema };

/** The model type a schema property came from (`$comment: "Origin: URI (DerivedType)..."`). */
function originOf(schemaProp) {
  const node = schemaProp.type === 'array' ? schemaProp.items : schemaProp;
  if (node.$ref) return node.$ref.replace('#/$defs/', '');
  const comment = node.$comment ?? node.oneOf?.[0]?.$comment ?? schemaProp.$comment ?? '';
  const m = /^Origin: ([A-Za-z_]+) \((\w+)\)/.exec(comment);
  if (!m) throw new Error(`No origin for ${JSON.stringify(schemaProp).slice(0, 200)}`);
  return m[1];
}

function cardOf(schemaProp, required) {
  if (schemaProp.type === 'array')
    return schemaProp.minItems ? `${schemaProp.minItems}..*` : '0..*';
  return required ? '1' : '0..1';
}

/** Properties of a class described by a schema `$defs` entry. */
function propsFromSchema(def, names = Object.keys(def.properties)) {
  return names.map((name) => {
    const sp = def.properties[name];
    if (!sp) throw new Error(`Schema has no property ${name}`);
    return {
      name,
      type: originOf(sp),
      card: cardOf(sp, def.required?.includes(name)),
      compacted: false,
      description: sp.description ?? sp.items?.description ?? '',
      constraints: [],
    };
  });
}

/** Descriptions for CDM classes whose schema definition has none. */
const CDM_DOCS = { IdentifierEntry: 'An identifier of the described entity, with its type.' };

/** Enumerations the CDM defines, with the values the schemas list. */
const cdmEnums = new Map();
function enumFromSchema(name, sp, extensible) {
  const node = sp.oneOf ? sp.oneOf[0] : sp;
  cdmEnums.set(name, { values: node.enum, extensible });
}

for (const [name, cls] of classes) {
  if (!cls.cdm) continue;
  if (name === 'IdentifierTypeEnum') {
    cls.stereotype = 'EnumExt';
    cls.description =
      'The type of an identifier (CDM vocabulary). This is an extensible enumerated vocabulary.';
    enumFromSchema(name, defs.IdentifierEntry.properties.identifierType, true);
    cls.props = cdmEnums
      .get(name)
      .values.map((v) => ({ name: v, type: 'Term', card: '1', constraints: [] }));
    continue;
  }
  const def = defs[name];
  if (!def) throw new Error(`No schema definition for CDM class ${name}`);
  cls.stereotype = 'Unordered';
  cls.description =
    def.description && def.description !== 'No description supplied.'
      ? def.description
      : (CDM_DOCS[name] ?? '');
  const overrides = new Map(cls.props.filter((p) => !p.mixin).map((p) => [p.name, p]));
  const mixins = cls.props.filter((p) => p.mixin);
  cls.props = propsFromSchema(def).map((p) => {
    const o = overrides.get(p.name);
    return o ? { ...p, ...o, description: o.description || p.description } : p;
  });
  cls.props.push(...mixins);
  if (def.additionalProperties === true && !mixins.some((m) => m.mixin === 'Extensions'))
    cls.props.push({ mixin: 'Extensions' });
}

// Imsx_* status classes and their vocabularies.
for (const name of ['Imsx_StatusInfo', 'Imsx_CodeMinor', 'Imsx_CodeMinorField']) {
  classes.set(name, {
    name,
    stereotype: 'Unordered',
    parents: [],
    description: defs[name].description ?? '',
    props: propsFromSchema(defs[name]),
    cdm: true,
  });
  order.push(name);
}
for (const [cls, prop, enumName] of [
  ['Imsx_StatusInfo', 'imsx_codeMajor', 'Imsx_CodeMajor'],
  ['Imsx_StatusInfo', 'imsx_severity', 'Imsx_Severity'],
  ['Imsx_CodeMinorField', 'imsx_codeMinorFieldValue', 'Imsx_CodeMinorFieldValue'],
]) {
  const sp = defs[cls].properties[prop];
  enumFromSchema(enumName, sp, false);
  classes.set(enumName, {
    name: enumName,
    stereotype: 'Enumeration',
    parents: [],
    description: (sp.$comment ?? '').replace(/^Origin: [^;]*; /, ''),
    props: sp.enum.map((v) => ({ name: v, type: 'Term', card: '1', constraints: [] })),
    cdm: true,
  });
  order.push(enumName);
}

/** Properties the CDM mixins add, typed from the 2024 Profile definition. */
const MIXINS = {
  Phone: ['phone'],
  Email: ['email'],
  PersonNameParts: [
    'givenName',
    'familyName',
    'additionalName',
    'patronymicName',
    'honorificPrefix',
    'honorificSuffix',
    'familyNamePrefix',
  ],
};

// ---------------------------------------------------------------------------------------------
// 3. Resolve inheritance and mixins
// ---------------------------------------------------------------------------------------------

function resolvedProps(name, seen = new Set()) {
  const cls = classes.get(name);
  if (!cls) throw new Error(`Unknown class ${name}`);
  if (seen.has(name)) throw new Error(`Inheritance cycle at ${name}`);
  seen.add(name);
  let props = [];
  let extensible = false;
  for (const parent of cls.stereotype === 'Unordered' ? cls.parents : []) {
    const r = resolvedProps(parent, seen);
    props = r.props.map((p) => ({ ...p }));
    extensible ||= r.extensible;
  }
  for (const p of cls.props) {
    if (p.mixin === 'Extensions') {
      extensible = true;
      continue;
    }
    const add = p.mixin ? propsFromSchema(defs.Profile, MIXINS[p.mixin] ?? []) : [p];
    if (p.mixin && !MIXINS[p.mixin]) throw new Error(`Unknown mixin ${p.mixin}`);
    for (const q of add) {
      const i = props.findIndex((x) => x.name === q.name);
      if (i >= 0) props[i] = q;
      else props.push(q);
    }
  }
  return { props, extensible };
}

// ---------------------------------------------------------------------------------------------
// 4. TypeScript
// ---------------------------------------------------------------------------------------------

/** Model primitive and derived types -> TypeScript. */
const SCALARS = {
  String: 'string',
  NormalizedString: 'string',
  ASCIIString: 'string',
  Language: 'string',
  Namespace: 'string',
  Identifier: 'string',
  CountryCode: 'string',
  UUID: 'string',
  BaseTerm: 'string',
  Term: 'string',
  Boolean: 'boolean',
  Integer: 'number',
  PositiveInteger: 'number',
  NonNegativeInteger: 'number',
  Float: 'number',
  NumericDate: 'number',
  Date: 'string',
  URI: 'URI',
  URL: 'URL',
  IRI: 'IRI',
  Markdown: 'Markdown',
  CompactJws: 'CompactJws',
  IdentityHash: 'IdentityHash',
  LanguageCode: 'LanguageCode',
  DateTime: 'DateTime',
  DateTimeZ: 'DateTimeZ',
  EmailAddress: 'EmailAddress',
  PhoneNumber: 'PhoneNumber',
};

/** Classes whose TypeScript name differs (to avoid shadowing a global). */
const RENAMED = { Map: 'JsonLdMap' };
const tsName = (n) => RENAMED[n] ?? n;

/** Const names for the enumerations' value lists. */
const ENUM_CONSTS = {
  AchievementType: 'ACHIEVEMENT_TYPES',
  AlignmentTargetType: 'ALIGNMENT_TARGET_TYPES',
  IdentifierTypeEnum: 'IDENTIFIER_TYPES',
  ResultType: 'RESULT_TYPES',
  ResultStatusType: 'RESULT_STATUS_TYPES',
  AssociationType: 'ASSOCIATION_TYPES',
  Imsx_CodeMajor: 'IMSX_CODE_MAJOR_VALUES',
  Imsx_Severity: 'IMSX_SEVERITY_VALUES',
  Imsx_CodeMinorFieldValue: 'IMSX_CODE_MINOR_FIELD_VALUES',
};

function firstSentence(text) {
  const t = text.replace(/\s+/g, ' ').trim();
  const re = /[.!?](?=\s+[A-Z`[]|$)/g;
  let end = t.length;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (/(\be\.g|\bi\.e)$/.test(t.slice(0, m.index))) continue;
    end = m.index + 1;
    break;
  }
  return t.slice(0, end).replace(/\*\//g, '*\\/');
}

function tsType(prop) {
  let base;
  const eq = prop.constraints.find((c) => c.kind === 'equals');
  if (eq) base = `'${eq.values[0]}'`;
  else if (SCALARS[prop.type]) base = SCALARS[prop.type];
  else if (classes.has(prop.type)) base = tsName(prop.type);
  else throw new Error(`Unknown type ${prop.type} of ${prop.name}`);
  const many = prop.card.endsWith('*');
  if (!many) return base;
  return base.includes('|') ? `Array<${base}>` : `${base}[]`;
}

const isRequired = (p) => !p.card.startsWith('0');
const quoteKey = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : `'${k}'`);

// Sample values for the runnable @example of each type.
function sample(type, propName, cls, depth) {
  const p = { name: propName, type, card: '1', constraints: [] };
  if (type === 'Context') return `'https://www.w3.org/ns/credentials/v2'`;
  if (ENUM_CONSTS[type]) return `'${classes.get(type).props[0].name}'`;
  switch (SCALARS[type] ?? tsType(p)) {
    case 'URI':
    case 'URL':
    case 'IRI':
      return `'https://example.com/${cls.toLowerCase()}/${propName.toLowerCase()}'`;
    case 'DateTime':
    case 'DateTimeZ':
      return `'2024-01-01T00:00:00Z'`;
    case 'CompactJws':
      return `'eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl'`;
    case 'IdentityHash':
      return `'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'`;
    case 'boolean':
      return 'true';
    case 'number':
      return '1';
    case 'string':
    case 'Markdown':
    case 'LanguageCode':
    case 'EmailAddress':
    case 'PhoneNumber':
      return type === 'LanguageCode' ? `'en'` : `'Example'`;
    default: {
      const c = classes.get(type);
      if (c?.stereotype === 'EmbeddedSelection') return sample(c.parents[0], propName, cls, depth);
      return sampleObject(type, depth + 1);
    }
  }
}

/** A context URL that a `/regex/` item of an `@context` constraint accepts (OB 3.0 or CLR 2.0). */
function sampleContext(pattern) {
  return pattern.includes('clr')
    ? 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'
    : 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
}

function sampleObject(name, depth = 0) {
  const { props } = resolvedProps(name);
  const parts = [];
  for (const p of props.filter(isRequired)) {
    let v;
    const eq = p.constraints.find((c) => c.kind === 'equals');
    const contains = p.constraints.filter((c) => c.kind === 'contains');
    const items = p.constraints.find((c) => c.kind === 'items');
    if (eq) v = `'${eq.values[0]}'`;
    else if (contains.length) v = `[${contains.map((c) => `'${c.values[0]}'`).join(', ')}]`;
    else if (items)
      v = `[${items.values.map((x) => `'${x.startsWith('/') ? sampleContext(x) : x}'`).join(', ')}]`;
    else {
      v = sample(p.type, p.name, name, depth);
      if (p.card.endsWith('*')) v = `[${v}]`;
    }
    parts.push(`${quoteKey(p.name)}: ${v}`);
  }
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

function exampleBlock(name, valueText) {
  const varName = name.charAt(0).toLowerCase() + name.slice(1).replace(/_/g, '');
  return [
    ' * @example',
    ' * ```ts',
    ` * import type { ${tsName(name)} } from 'ob3kit/model';`,
    ` * const ${varName}: ${tsName(name)} = ${valueText};`,
    ' * ```',
  ];
}

const out = [];
const emit = (...lines) => out.push(...(lines.length ? lines : ['']));

emit('/**');
emit(' * Types of the Open Badges 3.0 data model (VC-DM 2.0, with the VC-DM 1.1 legacy classes),');
emit(' * and `MODEL`, a compact runtime description of the same classes used by the builders.');
emit(' *');
emit(' * GENERATED FILE: do not edit. Regenerate with `node scripts/model-types.mjs [ob3Dir]`');
emit(" * from 1EdTech's model files `spec/common_credentials.lines` and `spec/ob_v3p0.lines`, and");
emit(
  ' * `scripts/clr_v2p0.lines` for the CLR 2.0 classes (ClrCredential, ClrSubject, Association);',
);
emit(' * the Common Data Model classes those files include by name (Address, GeoCoordinates,');
emit(' * IdentifierEntry, IdentifierTypeEnum, the Phone/Email/PersonNameParts mixins, Imsx_*) are');
emit(' * read from the 2024 JSON Schemas, which embed them. A property with a maximum cardinality');
emit(
  ' * above one is an array, as the 2024 schemas require. The model class `Map` is `JsonLdMap`.',
);
emit(' *');
emit(' * @packageDocumentation');
emit(' */');
emit();
emit('// ---- Derived types ------------------------------------------------------------------');
emit();
const DERIVED_DOCS = {
  URI: [
    'A `NormalizedString` that represents a Uniform Resource Identifier (URI).',
    "'https://example.com/achievements/1'",
  ],
  URL: [
    'A `URI` that represents a Uniform Resource Locator (URL).',
    "'https://example.com/catalog/degree'",
  ],
  IRI: [
    'A `NormalizedString` that represents an Internationalized Resource Identifier (IRI).',
    "'Achievement'",
  ],
  Markdown: ['A `String` that may contain Markdown.', "'# Requirements\\nComplete the course.'"],
  CompactJws: [
    'A `String` in Compact JWS format (RFC 7515).',
    "'eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl'",
  ],
  IdentityHash: [
    'An algorithm identifier (`sha256` or `md5`), a `$` separator and a hex hash across an identifier and an optionally appended salt.',
    "'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'",
  ],
  LanguageCode: ['A language code (BCP 47).', "'en-US'"],
  DateTime: [
    'An ISO 8601 / RFC 3339 date and time with a time zone (`Z` or an offset).',
    "'2024-01-01T00:00:00Z'",
  ],
  DateTimeZ: [
    'A `DateTime` with the trailing time zone specifier included.',
    "'2024-01-01T00:00:00Z'",
  ],
  EmailAddress: ['A `NormalizedString` representing an email address.', "'info@example.com'"],
  PhoneNumber: ['A `NormalizedString` representing a phone number.', "'1-222-333-4444'"],
};
for (const [name, [doc, ex]] of Object.entries(DERIVED_DOCS)) {
  emit('/**');
  emit(` * ${doc}`);
  emit(...exampleBlock(name, ex));
  emit(' */');
  emit(`export type ${name} = string;`);
  emit();
}
emit('/**');
emit(' * An extension term of an extensible vocabulary: `ext:` followed by the term.');
emit(...exampleBlock('ExtensionTerm', "'ext:MyTerm'"));
emit(' */');
emit(['export type ExtensionTerm = `ext:$', '{string}`;'].join(''));
emit();

const ordered = order.filter((n, i) => order.indexOf(n) === i);
const enumNames = ordered.filter((n) =>
  ['Enumeration', 'EnumExt'].includes(classes.get(n).stereotype),
);
const selections = ordered.filter((n) => classes.get(n).stereotype === 'EmbeddedSelection');
const unordered = ordered.filter((n) => classes.get(n).stereotype === 'Unordered');
const derived = ordered.filter((n) => classes.get(n).stereotype === 'DerivedType');
for (const d of derived)
  if (!SCALARS[d]) throw new Error(`Derived type ${d} has no TypeScript mapping`);

emit('// ---- Enumerations -------------------------------------------------------------------');
emit();
for (const name of enumNames) {
  const cls = classes.get(name);
  const values = cls.props.map((p) => p.name);
  const constName = ENUM_CONSTS[name];
  if (!constName) throw new Error(`No const name for enumeration ${name}`);
  const ext = cls.stereotype === 'EnumExt';
  emit('/**');
  emit(` * The terms of the ${name} vocabulary${ext ? ` (extensible: see {@link ${name}})` : ''}.`);
  emit(' * @example');
  emit(' * ```ts');
  emit(` * import { ${constName} } from 'ob3kit/model';`);
  emit(` * console.log(${constName}.includes('${values[0]}')); // true`);
  emit(' * ```');
  emit(' */');
  emit(`export const ${constName} = [`);
  for (const v of values) emit(`  '${v}',`);
  emit('] as const;');
  emit();
  emit('/**');
  emit(` * ${firstSentence(cls.description) || `${name}.`}`);
  if (ext) emit(' * Extensible: any `ext:`-prefixed term is allowed too.');
  emit(...exampleBlock(name, `'${values[0]}'`));
  emit(' */');
  emit(`export type ${name} = (typeof ${constName})[number]${ext ? ' | ExtensionTerm' : ''};`);
  emit();
}

emit('// ---- Classes ------------------------------------------------------------------------');
emit();
emit('/**');
emit(
  ' * A JSON-LD context: a URI or a map with a local context definition (model class `Context`).',
);
emit(...exampleBlock('Context', "'https://www.w3.org/ns/credentials/v2'"));
emit(' */');
emit('export type Context = URI | JsonLdMap;');
emit();
for (const name of selections) {
  if (name === 'Context') continue;
  const cls = classes.get(name);
  emit('/**');
  emit(` * ${firstSentence(cls.description)}`);
  emit(...exampleBlock(name, sample(cls.parents[0], 'id', name, 0)));
  emit(' */');
  emit(`export type ${name} = ${cls.parents.map((p) => SCALARS[p] ?? tsName(p)).join(' | ')};`);
  emit();
}

for (const name of unordered) {
  const cls = classes.get(name);
  const { props, extensible } = resolvedProps(name);
  emit('/**');
  emit(` * ${firstSentence(cls.description) || `${name}.`}`);
  if (extensible) emit(' * Extensible: properties beyond those listed are allowed.');
  emit(...exampleBlock(name, sampleObject(name)));
  emit(' */');
  emit(`export interface ${tsName(name)} {`);
  for (const p of props) {
    const doc =
      p.name === 'type' || p.name === '@context'
        ? (p.description ?? '').replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/')
        : firstSentence(p.description ?? '');
    const card = p.card;
    emit(`  /** ${doc ? `${doc} ` : ''}(${card}) */`);
    emit(`  ${quoteKey(p.name)}${isRequired(p) ? '' : '?'}: ${tsType(p)};`);
  }
  if (extensible) emit('  [key: string]: unknown;');
  emit('}');
  emit();
}

// ---------------------------------------------------------------------------------------------
// 5. The runtime description
// ---------------------------------------------------------------------------------------------

emit('// ---- Runtime description ------------------------------------------------------------');
emit();
emit('/**');
emit(' * One property of a model class: its model type, cardinality and constraints.');
emit(' * @example');
emit(' * ```ts');
emit(" * import { MODEL, type ModelProperty } from 'ob3kit/model';");
emit(' * const name: ModelProperty | undefined = MODEL.Achievement?.props?.name;');
emit(" * console.log(name); // { type: 'String', card: '1' }");
emit(' * ```');
emit(' */');
emit('export interface ModelProperty {');
emit('  /** Model type name (`String`, `URI`, `DateTimeZ`, a class or an enumeration). */');
emit('  type: string;');
emit("  /** Cardinality as written in the model: '1', '0..1', '0..*', '1..*' or '2..*'. */");
emit('  card: string;');
emit('  /** Each inner list: one of these values MUST be present (`Constraint contains`). */');
emit('  contains?: readonly (readonly string[])[];');
emit('  /** The value MUST equal this (`Constraint equals`). */');
emit('  equals?: string;');
emit(
  '  /** Leading items of an ordered array (`Constraint items`); `/regex/` items are patterns. */',
);
emit('  items?: readonly string[];');
emit('  /** A pattern the value MUST match. */');
emit('  pattern?: string;');
emit('}');
emit();
emit('/**');
emit(' * A model class, enumeration, selection (union) or derived type.');
emit(' * @example');
emit(' * ```ts');
emit(" * import { MODEL, type ModelClass } from 'ob3kit/model';");
emit(' * const image: ModelClass | undefined = MODEL.Image;');
emit(" * console.log(image?.kind, image?.extensible); // 'class' false");
emit(' * ```');
emit(' */');
emit('export interface ModelClass {');
emit("  kind: 'class' | 'enum' | 'enumext' | 'union' | 'derived';");
emit('  /** Classes: whether properties beyond those listed are allowed. */');
emit('  extensible?: boolean;');
emit('  /** Classes: the properties, in model order. */');
emit('  props?: Readonly<Record<string, ModelProperty>>;');
emit('  /** Enumerations: the terms. Unions: the member types. Derived types: the base type. */');
emit('  values?: readonly string[];');
emit('}');
emit();
emit('/**');
emit(
  ' * Every class of the Open Badges 3.0 model (and the Common Data Model classes it uses), keyed',
);
emit(' * by model name, with properties, cardinalities and constraints.');
emit(' * @example');
emit(' * ```ts');
emit(" * import { MODEL } from 'ob3kit/model';");
emit(" * console.log(MODEL.Achievement?.props?.name?.card); // '1'");
emit(' * ```');
emit(' */');
emit('export const MODEL: Readonly<Record<string, ModelClass>> = {');
const lit = (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
for (const name of ordered) {
  const cls = classes.get(name);
  if (cls.stereotype === 'Unordered') {
    const { props, extensible } = resolvedProps(name);
    emit(`  ${quoteKey(name)}: {`);
    emit(`    kind: 'class',`);
    emit(`    extensible: ${extensible},`);
    emit('    props: {');
    for (const p of props) {
      const parts = [`type: ${lit(p.type)}`, `card: ${lit(p.card)}`];
      const contains = p.constraints.filter((c) => c.kind === 'contains');
      if (contains.length)
        parts.push(
          `contains: [${contains.map((c) => `[${c.values.map(lit).join(', ')}]`).join(', ')}]`,
        );
      const eq = p.constraints.find((c) => c.kind === 'equals');
      if (eq) parts.push(`equals: ${lit(eq.values[0])}`);
      const items = p.constraints.find((c) => c.kind === 'items');
      if (items) parts.push(`items: [${items.values.map(lit).join(', ')}]`);
      emit(`      ${quoteKey(p.name)}: { ${parts.join(', ')} },`);
    }
    emit('    },');
    emit('  },');
  } else if (cls.stereotype === 'Enumeration' || cls.stereotype === 'EnumExt') {
    emit(
      `  ${quoteKey(name)}: { kind: '${cls.stereotype === 'EnumExt' ? 'enumext' : 'enum'}', values: ${ENUM_CONSTS[name]} },`,
    );
  } else if (cls.stereotype === 'EmbeddedSelection') {
    emit(`  ${quoteKey(name)}: { kind: 'union', values: [${cls.parents.map(lit).join(', ')}] },`);
  } else if (cls.stereotype === 'DerivedType') {
    const pattern = cls.props.find((p) => p.name === 'pattern')?.value;
    emit(
      `  ${quoteKey(name)}: { kind: 'derived', values: [${cls.parents.map(lit).join(', ')}]${pattern ? `, props: { pattern: { type: 'String', card: '0..1', pattern: ${lit(pattern)} } }` : ''} },`,
    );
  }
}
emit('};');

const text = `${out.join('\n')}\n`;
if (check) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(
      `${path.relative(repoRoot, outFile)} is out of date: run node scripts/model-types.mjs`,
    );
    process.exit(1);
  }
  console.log(`${path.relative(repoRoot, outFile)} is up to date`);
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${path.relative(repoRoot, outFile)} (${ordered.length} model entries)`);
}
