// Reads the Open Badges 3.0 data model (1EdTech's `.lines` model language) and renders the
// project's JSON Schemas (draft 2019-09) from it.
//
// Three forms are rendered from the same model:
//   vc2      VC Data Model 2.0, strict single values and arrays (agrees with the 2024 schemas)
//   vc1      VC Data Model 1.1 (agrees with the 2022-2023 schemas, the first OB 3.0 release)
//   lenient  VC Data Model 2.0 tolerating JSON-LD compaction: single values where arrays are
//            expected and language maps where strings are expected (agrees with the JSON-LD
//            adaptation 1EdTech publishes since 2025)
//
// Each form is a set of rendering rules applied to the model, plus a short, documented list of
// the places where 1EdTech's published schemas of that generation depart from the model (see
// PUBLISHED_DEVIATIONS). The agreement test (test/schema/agreement.test.ts) proves the result
// accepts and rejects what the official schemas do.

/** @typedef {{ name: string, type: string, min: number, max: number, compacted: boolean, constraints: Array<{kind: string, values: string[]}>, description?: string, pattern?: string }} Prop */
/** @typedef {{ name: string, kind: string, parents: string[], props: Prop[], mixins: string[], description?: string, include?: boolean }} ModelClass */

const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/** Split a `.lines` statement into its leading words and its quoted strings. */
function splitStatement(line) {
  const noComment = line.replace(/\s\/\/.*$/, '');
  const quoted = [...noComment.matchAll(QUOTED)].map((m) => m[1]);
  const head = noComment.replace(QUOTED, ' ').trim();
  const words = [];
  // keep bracketed lists like [A, B] together
  const re = /\[[^\]]*\]|\S+/g;
  for (const m of head.matchAll(re)) words.push(m[0]);
  return { words, quoted };
}

function parseList(word) {
  if (!word?.startsWith('[')) return word === undefined ? [] : [word];
  return word
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseCardinality(text) {
  const m = /^(\d+)(?:\.\.(\d+|\*))?$/.exec(text);
  if (!m) throw new Error(`bad cardinality ${text}`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[2] === '*' ? Number.POSITIVE_INFINITY : Number(m[2]);
  return { min, max };
}

/**
 * Parse `.lines` text into classes (by name). Later definitions of a name replace earlier ones;
 * `Include X` blocks are recorded as partial classes to be merged with the CDM supplement.
 * @param {string} text
 * @param {Map<string, ModelClass>} [into]
 * @returns {Map<string, ModelClass>}
 */
export function parseLines(text, into = new Map()) {
  /** @type {ModelClass | undefined} */
  let cls;
  /** @type {Prop | undefined} */
  let prop;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    const { words, quoted } = splitStatement(line);
    const [keyword] = words;
    if (keyword === 'Package' || keyword === 'Interface' || keyword === 'ResponseList') {
      cls = undefined;
      prop = undefined;
    } else if (keyword === 'Class') {
      const [, name, kind, , parents] = words;
      cls = {
        name,
        kind,
        parents: parseList(parents),
        props: [],
        mixins: [],
        description: quoted[0],
      };
      into.set(name, cls);
      prop = undefined;
    } else if (keyword === 'Include') {
      cls = { name: words[1], kind: 'Include', parents: [], props: [], mixins: [], include: true };
      into.set(words[1], cls);
      prop = undefined;
    } else if (keyword === 'Property' && cls) {
      const [, name, type, card, flag] = words;
      const { min, max } = parseCardinality(card);
      prop = {
        name,
        type,
        min,
        max,
        compacted: flag === 'array-compacted',
        constraints: [],
        description: quoted.find((q) => !/^[a-z]:/.test(q)),
      };
      const value = quoted.find((q) => q.startsWith('v:'));
      if (value !== undefined) prop.pattern = value.slice(2).replace(/\\\\/g, '\\');
      cls.props.push(prop);
    } else if (keyword === 'Constraint' && prop) {
      const [, kind, ...rest] = words;
      prop.constraints.push({ kind, values: parseList(rest.join(' ')) });
    } else if (keyword === 'Mixin' && cls) {
      cls.mixins.push(words[1]);
      // remember where the mixin's properties go
      cls.props.push({ name: '', mixin: words[1] });
      prop = undefined;
    } else if (keyword === 'Operation' || keyword === 'Scope' || keyword === 'Url') {
      cls = undefined;
      prop = undefined;
    }
  }
  return into;
}

// ---------------------------------------------------------------------------------------------
// The Common Data Model (CDM) supplement.
//
// The OB model includes a few classes, mixins and enumerations from 1EdTech's Common Data Model
// ("Include Address // From CDM", "Mixin Phone", "Includes [IdentifierTypeEnum ...]") that the
// `.lines` files reference but do not define. Their facts (names, types, cardinalities) are stated
// here as the OB 3.0 specification's data model section lists them.
// ---------------------------------------------------------------------------------------------

const opt = (name, type) => ({ name, type, min: 0, max: 1, compacted: false, constraints: [] });
const one = (name, type) => ({ name, type, min: 1, max: 1, compacted: false, constraints: [] });

/** @type {Record<string, ModelClass>} */
const CDM_CLASSES = {
  Address: {
    name: 'Address',
    kind: 'Unordered',
    parents: [],
    description: 'An address for the individual or organization.',
    props: [
      { ...one('type', 'IRI'), max: Number.POSITIVE_INFINITY },
      opt('addressCountry', 'String'),
      opt('addressCountryCode', 'CountryCode'),
      opt('addressRegion', 'String'),
      opt('addressLocality', 'String'),
      opt('streetAddress', 'String'),
      opt('postOfficeBoxNumber', 'String'),
      opt('postalCode', 'String'),
      opt('geo', 'GeoCoordinates'),
    ],
    mixins: ['Extensions'],
  },
  GeoCoordinates: {
    name: 'GeoCoordinates',
    kind: 'Unordered',
    parents: [],
    description: 'The geographic coordinates of a location.',
    props: [one('type', 'IRI'), one('latitude', 'Float'), one('longitude', 'Float')],
    mixins: ['Extensions'],
  },
  IdentifierEntry: {
    name: 'IdentifierEntry',
    kind: 'Unordered',
    parents: [],
    description: 'An identifier of the described entity.',
    props: [
      one('type', 'IRI'),
      one('identifier', 'Identifier'),
      one('identifierType', 'IdentifierTypeEnum'),
    ],
    mixins: [],
  },
  IdentifierTypeEnum: {
    name: 'IdentifierTypeEnum',
    kind: 'EnumExt',
    parents: [],
    description: 'The type of an identifier. This is an extensible enumerated vocabulary.',
    props: [
      'sourcedId',
      'systemId',
      'productId',
      'userName',
      'accountId',
      'emailAddress',
      'nationalIdentityNumber',
      'isbn',
      'issn',
      'lisSourcedId',
      'oneRosterSourcedId',
      'sisSourcedId',
      'ltiContextId',
      'ltiDeploymentId',
      'ltiToolId',
      'ltiPlatformId',
      'ltiUserId',
      'identifier',
    ].map((n) => one(n, 'Term')),
    mixins: [],
  },
};

/** @type {Record<string, Prop[]>} */
const CDM_MIXINS = {
  Phone: [opt('phone', 'PhoneNumber')],
  Email: [opt('email', 'EmailAddress')],
  PersonNameParts: [
    opt('givenName', 'String'),
    opt('additionalName', 'String'),
    opt('familyName', 'String'),
    opt('familyNamePrefix', 'String'),
    opt('honorificPrefix', 'String'),
    opt('honorificSuffix', 'String'),
    opt('patronymicName', 'String'),
  ],
  Extensions: [],
};

const LANGUAGE_CODE = '^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$';
/** Extension terms of an extensible enumeration, as 1EdTech's generator writes the pattern. */
const EXT_TERM = '(ext:)[a-z|A-Z|0-9|.|-|_]+';

/** Primitive and derived types: their JSON Schema. */
const SCALARS = {
  String: { type: 'string' },
  NormalizedString: { type: 'string' },
  ASCIIString: { type: 'string' },
  Markdown: { type: 'string' },
  URI: { type: 'string' },
  IRI: { type: 'string' },
  URL: { type: 'string' },
  UUID: { type: 'string' },
  Identifier: { type: 'string' },
  IdentityHash: { type: 'string' },
  PhoneNumber: { type: 'string' },
  EmailAddress: { type: 'string' },
  CountryCode: { type: 'string' },
  Term: { type: 'string' },
  BaseTerm: { type: 'string' },
  LanguageCode: { type: 'string', pattern: LANGUAGE_CODE },
  DateTime: { type: 'string', format: 'date-time' },
  DateTimeZ: { type: 'string', format: 'date-time' },
  Date: { type: 'string', format: 'date' },
  Float: { type: 'number' },
  Integer: { type: 'integer' },
  Boolean: { type: 'boolean' },
};

/**
 * Load the model: parse both `.lines` files and merge the CDM supplement into `Include` blocks.
 * @param {{ common: string, ob: string, clr?: string }} texts contents of common_credentials.lines,
 *   ob_v3p0.lines and (for the CLR 2.0 classes) scripts/clr_v2p0.lines
 * @returns {Map<string, ModelClass>}
 */
export function loadModel(texts) {
  const raw = parseLines(texts.common);
  parseLines(texts.ob, raw);
  // The CLR 2.0 classes (scripts/clr_v2p0.lines), which use the shared classes.
  if (texts.clr !== undefined) parseLines(texts.clr, raw);
  const model = new Map();
  for (const [name, cls] of raw) {
    if (cls.include) {
      const base = CDM_CLASSES[name];
      if (!base) throw new Error(`model includes ${name} from the CDM, which the supplement lacks`);
      const own = cls.props.filter((p) => !p.mixin);
      const props = base.props.map((p) => own.find((o) => o.name === p.name) ?? p);
      for (const p of own) if (!props.includes(p)) props.unshift(p);
      model.set(name, { ...base, props, mixins: [...new Set([...base.mixins, ...cls.mixins])] });
    } else {
      model.set(name, cls);
    }
  }
  // the CompactJws pattern is stated in the model as a `v:` value of its `pattern` property
  const jws = model.get('CompactJws');
  const jwsPattern = jws?.props.find((p) => p.name === 'pattern')?.pattern;
  if (!jwsPattern) throw new Error('model lacks the CompactJws pattern');
  model.set('__scalars', { ...SCALARS, CompactJws: { type: 'string', pattern: jwsPattern } });
  return model;
}

/** All properties of a class: inherited first, then mixins, own properties replacing them. */
function allProps(model, cls) {
  /** @type {Prop[]} */
  const out = [];
  for (const p of cls.props) {
    if (p.mixin) out.push(...(CDM_MIXINS[p.mixin] ?? []));
    else out.push(p);
  }
  for (const m of cls.mixins) {
    if (!cls.props.some((p) => p.mixin === m)) out.push(...(CDM_MIXINS[m] ?? []));
  }
  for (const parentName of cls.parents) {
    const parent = model.get(parentName);
    if (parent?.kind !== 'Unordered') continue;
    for (const p of allProps(model, parent)) if (!out.some((o) => o.name === p.name)) out.push(p);
  }
  return out;
}

function hasExtensions(model, cls) {
  if (cls.mixins.includes('Extensions')) return true;
  return cls.parents.some((p) => {
    const parent = model.get(p);
    return parent !== undefined && parent.kind === 'Unordered' && hasExtensions(model, parent);
  });
}

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

/**
 * Where the schemas 1EdTech published for a generation depart from the model, as observed in
 * the published files. Each entry is applied after rendering the model.
 */
export const PUBLISHED_DEVIATIONS = {
  vc2: [
    // Not a published deviation but ours: the 2024 schemas require `credentialStatus.id`; VC Data
    // Model 2.0 makes it optional, and so do 1EdTech's current schemas. A credential with a
    // status entry without an id is valid (docs/validation.md).
    { class: 'CredentialStatus', optional: ['id'] },
  ],
  vc1: [
    // The 2022-2023 schemas name the language property `@language` (the model: `inLanguage`).
    { class: 'Achievement', renameProperties: { inLanguage: '@language' } },
    { class: 'Related', renameProperties: { inLanguage: '@language' } },
    // ResultStatusType gained `Provisional` after the 2022-2023 schemas were published.
    { class: 'Result', enumWithout: { property: 'status', values: ['Provisional'] } },
  ],
  lenient: [
    // The JSON-LD adaptation follows a later revision of the model: VC 2.0 made
    // `credentialStatus.id` optional, and EndorsementCredential gained `evidence`.
    { class: 'CredentialStatus', optional: ['id'] },
    {
      class: 'EndorsementCredential',
      copyProperties: { from: 'AchievementCredential', names: ['evidence'] },
    },
  ],
};

/**
 * Rendering rules of each form.
 * - `classMap`: schema `$defs` name -> model class rendered under that name (the VC 1.1 classes
 *   carry a `v1p1` suffix in the model; the VC 1.1 schemas name them without it).
 */
export const FORMS = {
  vc2: {
    title: 'VC Data Model 2.0',
    classMap: {},
  },
  vc1: {
    title: 'VC Data Model 1.1',
    classMap: {
      AchievementCredential: 'AchievementCredentialv1p1',
      EndorsementCredential: 'EndorsementCredentialv1p1',
      AchievementSubject: 'AchievementSubjectv1p1',
      Achievement: 'Achievementv1p1',
      Profile: 'Profilev1p1',
    },
  },
  lenient: {
    title: 'VC Data Model 2.0, JSON-LD compaction tolerant',
    classMap: {},
  },
};

/**
 * What the CLR 2.0 schemas change for both CLR forms: their nested `VerifiableCredential` takes
 * `evidence` (a later revision of the model, as the lenient OB EndorsementCredential). Applied to
 * the strict CLR form too, so that it accepts a subset of what the lenient one accepts.
 */
export const CLR_DEVIATIONS = [
  {
    class: 'VerifiableCredential',
    copyProperties: { from: 'AchievementCredential', names: ['evidence'] },
  },
];

/** The forms the CLR 2.0 schemas are rendered in (CLR 2.0 is defined on VC 2.0 only). */
export const CLR_FORMS = ['vc2', 'lenient'];

/** The CLR 2.0 entry point: file name and root class. */
export const CLR_ENTRY_POINTS = [{ file: 'clr-credential', root: 'ClrCredential' }];

/** The four entry points: file name and root class. */
export const ENTRY_POINTS = [
  { file: 'achievement-credential', root: 'AchievementCredential' },
  { file: 'endorsement-credential', root: 'EndorsementCredential' },
  { file: 'profile', root: 'Profile' },
  { file: 'achievement', root: 'Achievement' },
];

/**
 * Render one form's `$defs` for every class reachable from the entry points.
 * @param {Map<string, ModelClass>} model
 * @param {'vc2' | 'vc1' | 'lenient'} form
 * @param {{ descriptions?: boolean, entries?: Array<{ file: string, root: string }> }} [options]
 *   `entries`: the entry points whose classes are rendered (default: the four OB 3.0 ones)
 * @returns {Record<string, object>}
 */
export function renderDefs(model, form, options = {}) {
  const entries = options.entries ?? ENTRY_POINTS;
  const clr = entries.some((e) => e.root === 'ClrCredential');
  const withDescriptions = options.descriptions !== false;
  const scalars = model.get('__scalars');
  const formRules = FORMS[form];
  const reverseMap = Object.fromEntries(
    Object.entries(formRules.classMap).map(([schemaName, modelName]) => [modelName, schemaName]),
  );
  const defName = (modelName) => reverseMap[modelName] ?? modelName;
  const modelName = (schemaName) => formRules.classMap[schemaName] ?? schemaName;

  /** @type {Record<string, object>} */
  const defs = {};
  const queue = entries.map((e) => e.root);
  const describe = (schema, description) =>
    withDescriptions && description ? { description, ...schema } : schema;

  const ref = (name) => {
    if (!(name in defs) && !queue.includes(name)) queue.push(name);
    return { $ref: `#/$defs/${name}` };
  };

  /** Schema of a single value of a model type (before cardinality). */
  const valueSchema = (typeName) => {
    const scalar = scalars[typeName];
    if (scalar) return { ...scalar };
    const cls = model.get(typeName);
    if (!cls) throw new Error(`unknown model type ${typeName}`);
    if (cls.kind === 'EnumExt' || cls.kind === 'Enumeration') {
      const values = enumValues(cls);
      const closed = { type: 'string', enum: values };
      if (cls.kind === 'Enumeration') return closed;
      const alternatives = [closed, { type: 'string', pattern: EXT_TERM }];
      return form === 'vc1' ? { anyOf: alternatives } : { oneOf: alternatives };
    }
    if (cls.kind === 'DerivedType') return { type: 'string' };
    return ref(defName(typeName));
  };

  const enumValues = (cls) => {
    const values = cls.props.map((p) => p.name);
    // the CDM enumeration lists `name` first; the OB model adds it with an Include
    return cls.name === 'IdentifierTypeEnum' && values.includes('name')
      ? ['name', ...values.filter((v) => v !== 'name')]
      : values;
  };

  /** Lenient: a string may also be a JSON-LD language map of such strings. */
  const langMapInline = (s) => ({
    oneOf: [
      s,
      {
        type: 'object',
        additionalProperties: s,
        propertyNames: { pattern: '^[a-z]{2}(-[A-Z]{2})?$' },
      },
    ],
  });
  // the plain case is shared as one `$def` (it occurs for most properties)
  const helpers = {
    LangString: describe(
      langMapInline({ type: 'string' }),
      'A string, or a JSON-LD language map of strings (keys are language tags).',
    ),
  };
  const langMap = (s) =>
    Object.keys(s).length === 1 && s.type === 'string' ? ref('LangString') : langMapInline(s);

  const propSchema = (p) => {
    const contains = p.constraints.filter((c) => c.kind === 'contains');
    const equals = p.constraints.find((c) => c.kind === 'equals');
    const items = p.constraints.find((c) => c.kind === 'items');
    const isContext = p.type === 'Context';
    const single = isContext ? ref('Context') : valueSchema(p.type);
    const textual = single.type === 'string' && single.format === undefined && !single.enum;

    if (form === 'vc1') {
      if (isContext) return { type: 'array', minItems: 1, items: ref('Context') };
      if (p.max > 1) {
        const array = { type: 'array', items: single };
        if (p.name === 'type') return { oneOf: [{ type: 'string' }, { ...array, minItems: 1 }] };
        return p.compacted ? { oneOf: [single, array] } : array;
      }
      return single;
    }

    // vc2 and lenient
    if (isContext && items) {
      const tuple = items.values.map((v) =>
        v.startsWith('/') ? { type: 'string', pattern: v.slice(1, -1) } : { enum: [v] },
      );
      const array = {
        type: 'array',
        minItems: p.min,
        items: tuple,
        additionalItems: ref('Context'),
      };
      return form === 'lenient' ? { oneOf: [ref('Context'), array] } : array;
    }
    const element = form === 'lenient' && textual ? langMap(single) : single;
    if (equals) {
      const fixed = { type: 'string', enum: equals.values };
      return form === 'lenient' ? langMap(fixed) : fixed;
    }
    if (contains.length > 0) {
      const arrays = contains.map((c) => ({
        type: 'array',
        minItems: 1,
        contains: { enum: c.values },
        items: element,
      }));
      const array = arrays.length === 1 ? arrays[0] : { allOf: arrays };
      return form === 'lenient' ? { oneOf: [element, array] } : array;
    }
    if (p.max > 1) {
      // a required list (ClrSubject.verifiableCredential, 1..*) is a non-empty array
      const array = { type: 'array', ...(p.min > 0 ? { minItems: p.min } : {}), items: element };
      return form === 'lenient' ? { oneOf: [element, array] } : array;
    }
    return element;
  };

  const classSchema = (name) => {
    if (name in helpers) return helpers[name];
    const cls = model.get(modelName(name));
    if (!cls) throw new Error(`unknown class ${name}`);
    if (cls.kind === 'EmbeddedSelection') {
      // Context = URI | Map ; ProfileRef = URI | Profile
      const alternatives = cls.parents.map((alt) =>
        alt === 'Map' ? { type: 'object' } : alt === 'URI' ? { type: 'string' } : valueSchema(alt),
      );
      if (name === 'Context') {
        if (form === 'vc1')
          return describe({ anyOf: [...alternatives].reverse() }, cls.description);
      }
      if (form === 'lenient') {
        const lenientAlternatives = alternatives.map((a) => (a.type === 'string' ? langMap(a) : a));
        return describe({ anyOf: lenientAlternatives }, cls.description);
      }
      return describe({ oneOf: alternatives }, cls.description);
    }
    const props = allProps(model, cls);
    const properties = {};
    for (const p of props) properties[p.name] = describe(propSchema(p), p.description);
    return describe(
      {
        type: 'object',
        properties,
        required: props.filter((p) => p.min >= 1).map((p) => p.name),
        additionalProperties: hasExtensions(model, cls),
      },
      cls.description,
    );
  };

  const drain = () => {
    while (queue.length > 0) {
      const name = /** @type {string} */ (queue.shift());
      if (name in defs) continue;
      defs[name] = classSchema(name);
    }
  };
  drain();

  for (const d of [...PUBLISHED_DEVIATIONS[form], ...(clr ? CLR_DEVIATIONS : [])]) {
    const def = defs[d.class];
    if (!def) continue;
    for (const [from, to] of Object.entries(d.renameProperties ?? {})) {
      def.properties = Object.fromEntries(
        Object.entries(def.properties).map(([k, v]) => [k === from ? to : k, v]),
      );
      def.required = def.required.map((k) => (k === from ? to : k));
    }
    if (d.optional) def.required = def.required.filter((k) => !d.optional.includes(k));
    if (d.copyProperties) {
      const from = model.get(modelName(d.copyProperties.from));
      for (const name of d.copyProperties.names) {
        // rendered from the model (what the source class's own def holds), so the source class
        // need not be among the rendered ones
        const p = allProps(model, from).find((q) => q.name === name);
        if (!p) throw new Error(`${d.copyProperties.from} has no property ${name}`);
        def.properties[name] = describe(propSchema(p), p.description);
      }
    }
    if (d.enumWithout) {
      const target = def.properties[d.enumWithout.property];
      target.enum = target.enum.filter((v) => !d.enumWithout.values.includes(v));
    }
  }
  drain();
  return defs;
}
