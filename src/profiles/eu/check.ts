/** `checkEuMicroCredential`: which Annex I elements a credential carries, by their titles. */
import { describeValue } from '../../internal/describe.js';
import { isObject, type JsonObject } from '../../internal/json.js';
import {
  EQF_LEVEL_URL,
  ESCO_SKILL_PREFIX,
  EU_ELEMENTS,
  EU_INTEGRATION_VALUES,
  EU_MICROCREDENTIAL_CONTEXT,
  EU_SUPERVISION_VALUES,
  type EuElement,
} from './elements.js';

/**
 * What the check found for one element: `present`, `missing`, or `invalid` (there, but not
 * usable: a country name where an ISO code goes, an EQF level of 9, ...), where it looked or
 * found it, and why when not present.
 *
 * @example
 * ```ts
 * import type { EuElementResult } from 'ob3kit/model';
 * const r: EuElementResult = { element: 'country', title: 'Country(ies)/Region(s) of the issuer', mandatory: true, status: 'missing', path: '$.issuer.address.addressCountryCode', message: '...' };
 * ```
 */
export interface EuElementResult {
  element: EuElement;
  title: string;
  mandatory: boolean;
  status: 'present' | 'missing' | 'invalid';
  /** Where the element is (or would be), as a JSON path. */
  path: string;
  /** Why it is missing or invalid. */
  message?: string;
}

/**
 * The result of {@link checkEuMicroCredential}: `ok` when every mandatory element is present
 * (and no element is invalid); `missing` lists the mandatory elements absent or invalid.
 *
 * @example
 * ```ts
 * import { checkEuMicroCredential } from 'ob3kit/model';
 * const { ok, missing } = checkEuMicroCredential(credential);
 * if (!ok) console.log(missing.map((m) => m.title));
 * ```
 */
export interface EuCheckResult {
  ok: boolean;
  elements: EuElementResult[];
  missing: EuElementResult[];
}

const ISO_COUNTRY = /^[A-Z]{2}$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const OUTCOME_TYPES = new Set(['ext:LearningOutcome', 'ceasn:Competency', 'CFItem']);
/** An xsd:dateTime with its time zone, as the VC Data Model requires. */
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** The terms the EU extension context defines: they mean the profile's elements only under it. */
const EU_TERMS = new Set([
  'typeOfAssessment',
  'formOfParticipation',
  'learningOutcomeSummary',
  'creditSystem',
  'volumeOfLearning',
  'levelNotApplicable',
  'entryRequirement',
  'supervisionAndIdentityVerification',
  'integration',
]);

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

type Finding = Omit<EuElementResult, 'element' | 'title' | 'mandatory'>;

const ok = (path: string): Finding => ({ status: 'present', path });
const missing = (path: string, message: string): Finding => ({ status: 'missing', path, message });
const invalid = (path: string, message: string): Finding => ({ status: 'invalid', path, message });

/** One subject and its achievement, with their paths. */
function parts(credential: JsonObject) {
  const raw = credential.credentialSubject;
  const subject = (Array.isArray(raw) ? raw[0] : raw) as unknown;
  const sPath = Array.isArray(raw) ? '$.credentialSubject[0]' : '$.credentialSubject';
  const s = isObject(subject) ? subject : {};
  const a = isObject(s.achievement) ? s.achievement : {};
  const issuer = isObject(credential.issuer) ? credential.issuer : undefined;
  return { s, a, sPath, aPath: `${sPath}.achievement`, issuer };
}

function alignments(a: JsonObject, aPath: string): Array<{ value: JsonObject; path: string }> {
  const raw = a.alignment;
  return list(raw).flatMap((v, i) =>
    isObject(v)
      ? [{ value: v, path: Array.isArray(raw) ? `${aPath}.alignment[${i}]` : `${aPath}.alignment` }]
      : [],
  );
}

const CHECKS: Record<EuElement, (c: JsonObject) => Finding> = {
  learner(c) {
    const { s, sPath } = parts(c);
    if (text(s.id)) return ok(`${sPath}.id`);
    // An IdentityObject identifies someone only with its hash (or value) and its type.
    const ids = list(s.identifier);
    if (ids.some((i) => isObject(i) && text(i.identityHash) && text(i.identityType)))
      return ok(`${sPath}.identifier`);
    if (ids.length > 0)
      return invalid(
        `${sPath}.identifier`,
        'no identifier has an identityHash and an identityType to identify the learner by',
      );
    return missing(sPath, 'the credential subject has neither an id nor an identifier');
  },
  title(c) {
    const { a, aPath } = parts(c);
    return text(a.name)
      ? ok(`${aPath}.name`)
      : missing(`${aPath}.name`, 'the achievement has no name');
  },
  country(c) {
    const { issuer } = parts(c);
    const path = '$.issuer.address.addressCountryCode';
    if (!issuer)
      return missing(
        '$.issuer',
        'the issuer is given by URL only: its Profile (with address.addressCountryCode) is not in the credential',
      );
    const address = isObject(issuer.address) ? issuer.address : undefined;
    const code = address?.addressCountryCode;
    if (code === undefined) return missing(path, 'the issuer has no address.addressCountryCode');
    if (typeof code !== 'string' || !ISO_COUNTRY.test(code)) {
      return invalid(
        path,
        `expected an ISO 3166-1 alpha-2 code such as "NL", found ${describeValue(code)}`,
      );
    }
    return ok(path);
  },
  awardingBody(c) {
    const { issuer } = parts(c);
    if (!issuer)
      return missing(
        '$.issuer',
        'the issuer is given by URL only: its name is not in the credential',
      );
    return text(issuer.name)
      ? ok('$.issuer.name')
      : missing('$.issuer.name', 'the issuer has no name');
  },
  dateOfIssuing(c) {
    for (const k of ['awardedDate', 'validFrom', 'issuanceDate']) {
      if (c[k] === undefined) continue;
      if (typeof c[k] === 'string' && DATE_TIME.test(c[k])) return ok(`$.${k}`);
      return invalid(
        `$.${k}`,
        `expected a date and time such as "2025-01-15T00:00:00Z", found ${describeValue(c[k])}`,
      );
    }
    return missing('$.validFrom', 'the credential has no validFrom (or awardedDate)');
  },
  learningOutcomes(c) {
    const { a, aPath } = parts(c);
    const found = alignments(a, aPath).find(
      ({ value: v }) =>
        OUTCOME_TYPES.has(v.targetType as string) ||
        (typeof v.targetUrl === 'string' && v.targetUrl.startsWith(ESCO_SKILL_PREFIX)),
    );
    if (found) return ok(found.path);
    if (text(a.learningOutcomeSummary)) return ok(`${aPath}.learningOutcomeSummary`);
    return missing(
      `${aPath}.alignment`,
      'no alignment to a learning outcome (targetType ext:LearningOutcome, ceasn:Competency or CFItem, or an ESCO skill) and no learningOutcomeSummary',
    );
  },
  workload(c) {
    const { a, aPath } = parts(c);
    const credits = a.creditsAvailable;
    if (credits !== undefined) {
      if (typeof credits !== 'number' || !Number.isFinite(credits) || credits <= 0) {
        return invalid(
          `${aPath}.creditsAvailable`,
          `expected a positive number of credits, found ${describeValue(credits)}`,
        );
      }
      return ok(`${aPath}.creditsAvailable`);
    }
    const volume = a.volumeOfLearning;
    if (volume !== undefined) {
      if (typeof volume !== 'string' || !DURATION.test(volume) || !/[1-9]/.test(volume)) {
        return invalid(
          `${aPath}.volumeOfLearning`,
          `expected a non-zero ISO 8601 duration such as "PT25H", found ${describeValue(volume)}`,
        );
      }
      return ok(`${aPath}.volumeOfLearning`);
    }
    return missing(
      `${aPath}.creditsAvailable`,
      'no creditsAvailable (ECTS credits) and no volumeOfLearning',
    );
  },
  level(c) {
    const { a, aPath } = parts(c);
    const levels = alignments(a, aPath).filter(({ value }) => value.targetType === 'ext:EQFLevel');
    const eqf = levels[0];
    if (
      new Set(levels.map(({ value }) => JSON.stringify([value.targetCode, value.targetUrl]))).size >
      1
    ) {
      return invalid(
        (levels[1] as { path: string }).path,
        'more than one EQF level: a micro-credential has one',
      );
    }
    if (eqf) {
      const code = eqf.value.targetCode;
      const url = eqf.value.targetUrl;
      const n = typeof code === 'string' && /^[1-8]$/.test(code) ? code : undefined;
      if (!n)
        return invalid(
          `${eqf.path}.targetCode`,
          `expected an EQF level "1" to "8", found ${describeValue(code)}`,
        );
      if (url !== `${EQF_LEVEL_URL}${n}`) {
        return invalid(
          `${eqf.path}.targetUrl`,
          `expected the EQF level concept ${EQF_LEVEL_URL}${n}, found ${describeValue(url)}`,
        );
      }
      return ok(eqf.path);
    }
    if (a.levelNotApplicable === true) return ok(`${aPath}.levelNotApplicable`);
    return missing(
      `${aPath}.alignment`,
      'no alignment with targetType ext:EQFLevel (and levelNotApplicable is not true)',
    );
  },
  typeOfAssessment(c) {
    const { a, aPath } = parts(c);
    return text(a.typeOfAssessment)
      ? ok(`${aPath}.typeOfAssessment`)
      : missing(`${aPath}.typeOfAssessment`, 'the achievement has no typeOfAssessment');
  },
  formOfParticipation(c) {
    const { a, aPath } = parts(c);
    return text(a.formOfParticipation)
      ? ok(`${aPath}.formOfParticipation`)
      : missing(`${aPath}.formOfParticipation`, 'the achievement has no formOfParticipation');
  },
  qualityAssurance(c) {
    const { a, aPath } = parts(c);
    const qa = alignments(a, aPath).find(
      ({ value }) => value.targetType === 'ext:QualityAssurance',
    );
    return qa
      ? ok(qa.path)
      : missing(
          `${aPath}.alignment`,
          'no alignment with targetType ext:QualityAssurance naming the quality assurance',
        );
  },
  prerequisites(c) {
    const { a, aPath } = parts(c);
    return text(a.entryRequirement)
      ? ok(`${aPath}.entryRequirement`)
      : missing(`${aPath}.entryRequirement`, 'no entryRequirement');
  },
  supervision(c) {
    const { a, aPath } = parts(c);
    const v = a.supervisionAndIdentityVerification;
    const path = `${aPath}.supervisionAndIdentityVerification`;
    if (v === undefined) return missing(path, 'no supervisionAndIdentityVerification');
    return (EU_SUPERVISION_VALUES as readonly unknown[]).includes(v)
      ? ok(path)
      : invalid(
          path,
          `expected one of ${EU_SUPERVISION_VALUES.join(', ')}, found ${describeValue(v)}`,
        );
  },
  grade(c) {
    const { s, sPath } = parts(c);
    return list(s.result).some(isObject)
      ? ok(`${sPath}.result`)
      : missing(`${sPath}.result`, 'no result');
  },
  integration(c) {
    const { a, aPath } = parts(c);
    const v = a.integration;
    const path = `${aPath}.integration`;
    if (v !== undefined) {
      return (EU_INTEGRATION_VALUES as readonly unknown[]).includes(v)
        ? ok(path)
        : invalid(
            path,
            `expected one of ${EU_INTEGRATION_VALUES.join(', ')}, found ${describeValue(v)}`,
          );
    }
    const target = alignments(a, aPath).find(
      ({ value }) => value.targetType === 'ceterms:Credential',
    );
    return target
      ? ok(target.path)
      : missing(path, 'no integration and no alignment to a ceterms:Credential it stacks into');
  },
  furtherInformation(c) {
    const { a, aPath } = parts(c);
    if (text(a.description)) return ok(`${aPath}.description`);
    return missing(`${aPath}.description`, 'no description');
  },
};

/**
 * Check an Open Badges 3.0 credential against the EU micro-credential profile: for each element
 * of the Council Recommendation's Annex I (2022/C 243/02), whether the credential carries it
 * where ob3kit's mapping puts it (docs/eu-profile.md): the learner (`credentialSubject.id` or
 * `identifier`), the title (achievement `name`), the issuer's country
 * (`issuer.address.addressCountryCode`, ISO 3166-1 alpha-2), the awarding body (`issuer.name`),
 * the date of issuing (`awardedDate`/`validFrom`), learning outcomes (alignments of type
 * `ext:LearningOutcome`, `ceasn:Competency`, `CFItem` or ESCO skills, or a
 * `learningOutcomeSummary`), the workload (`creditsAvailable` in ECTS, or `volumeOfLearning`),
 * the level (an `ext:EQFLevel` alignment to the EQF concept, or `levelNotApplicable`), the type
 * of assessment, the form of participation, and the quality assurance (an
 * `ext:QualityAssurance` alignment); and the optional ones. The extension terms
 * (`typeOfAssessment`, `volumeOfLearning`, ...) count only when the credential's `@context` has
 * {@link EU_MICROCREDENTIAL_CONTEXT} (whose terms are protected): under other contexts they
 * would be signed as other properties. Ambiguous or empty values are `invalid`: two EQF levels,
 * an identifier without `identityHash` and `identityType`, a zero duration, a date that is not
 * an xsd:dateTime. Pure; never throws for a bad credential.
 *
 * @example
 * ```ts
 * import { checkEuMicroCredential } from 'ob3kit/model';
 * const result = checkEuMicroCredential(credential);
 * for (const m of result.missing) console.log(`${m.title}: ${m.message}`);
 * ```
 */
export function checkEuMicroCredential(credential: unknown): EuCheckResult {
  const doc = isObject(credential) ? credential : {};
  const withContext = list(doc['@context']).includes(EU_MICROCREDENTIAL_CONTEXT);
  const elements = EU_ELEMENTS.map(({ element, title, mandatory }) => {
    const found = CHECKS[element](doc);
    const term = found.path.slice(found.path.lastIndexOf('.') + 1);
    if (found.status === 'present' && EU_TERMS.has(term) && !withContext) {
      // Signed data reads a term through the contexts: without the EU context it means
      // whatever the document's own contexts make it, not the profile's element.
      return {
        element,
        title,
        mandatory,
        ...invalid(
          found.path,
          `${term} is the EU profile's only under the context ${EU_MICROCREDENTIAL_CONTEXT}, which the credential's @context lacks`,
        ),
      };
    }
    return { element, title, mandatory, ...found };
  });
  const missingOnes = elements.filter((e) => e.mandatory && e.status !== 'present');
  const invalidOptional = elements.some((e) => !e.mandatory && e.status === 'invalid');
  return {
    ok: missingOnes.length === 0 && !invalidOptional,
    elements,
    missing: missingOnes,
  };
}
