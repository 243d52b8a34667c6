/** `subject` check: the credential subject is identified and well-typed. */
import { isObject, type JsonObject, joinPath } from '../../internal/json.js';
import type { CredentialRole } from '../state.js';
import type { CheckResult } from '../types.js';
import { hasType, result, valuesOf } from './util.js';

const ID = 'subject';

/**
 * The rule every credential subject shares (an OB 3.0 `AchievementSubject`, a CLR `ClrSubject`):
 * identified by `id` and/or `identifier`, each identifier an `IdentityObject`.
 *
 * @internal
 */
export function checkSubjectIdentity(subject: JsonObject, path: string): CheckResult[] {
  const out: CheckResult[] = [];
  const hasId = typeof subject.id === 'string' && subject.id.trim().length > 0;
  const identifiers = valuesOf(subject.identifier);
  if (!hasId && identifiers.length === 0) {
    out.push(
      result(
        ID,
        'fail',
        'subject_unidentified',
        'credentialSubject must be identified by an id and/or an identifier',
        path,
      ),
    );
  }
  identifiers.forEach((idObj, j) => {
    if (!hasType(idObj, 'IdentityObject')) {
      out.push(
        result(
          ID,
          'fail',
          'subject_identifier_type',
          'Each credentialSubject.identifier must be of type "IdentityObject"',
          `${joinPath(path, 'identifier')}[${j}]`,
        ),
      );
    }
  });
  return out;
}

/**
 * Check `credentialSubject` (verification step 1, and the structural rules 1EdTech's validator
 * adds): it is an `AchievementSubject` (an `EndorsementSubject` for endorsements), identified by
 * `id` and/or `identifier`; identifiers are `IdentityObject`s, results `Result`s, result
 * descriptions `ResultDescription`s, `source` a `Profile`; a badge's subject has an
 * `achievement` whose `criteria` has an `id` or a `narrative`.
 */
export function checkSubject(credential: JsonObject, role: CredentialRole): CheckResult[] {
  const raw = credential.credentialSubject;
  if (raw === undefined || raw === null) {
    return [result(ID, 'fail', 'subject_missing', 'The credential has no credentialSubject', '$')];
  }
  const subjects = Array.isArray(raw) ? raw : [raw];
  const out: CheckResult[] = [];
  const required = role === 'endorsement' ? 'EndorsementSubject' : 'AchievementSubject';
  subjects.forEach((subject, i) => {
    const path = Array.isArray(raw) ? `$.credentialSubject[${i}]` : '$.credentialSubject';
    if (!isObject(subject)) {
      out.push(
        result(ID, 'fail', 'subject_not_object', 'credentialSubject must be an object', path),
      );
      return;
    }
    if (!hasType(subject, required)) {
      out.push(
        result(
          ID,
          'fail',
          'subject_type',
          `credentialSubject.type must include "${required}"`,
          joinPath(path, 'type'),
        ),
      );
    }
    out.push(...checkSubjectIdentity(subject, path));
    valuesOf(subject.result).forEach((r, j) => {
      if (!hasType(r, 'Result')) {
        out.push(
          result(
            ID,
            'fail',
            'subject_result_type',
            'Each credentialSubject.result must be of type "Result"',
            `${joinPath(path, 'result')}[${j}]`,
          ),
        );
      }
    });
    const achievement = subject.achievement;
    if (achievement !== undefined && achievement !== null) {
      const aPath = joinPath(path, 'achievement');
      if (!isObject(achievement)) {
        out.push(
          result(ID, 'fail', 'achievement_not_object', 'achievement must be an object', aPath),
        );
      } else {
        valuesOf(achievement.resultDescription).forEach((rd, j) => {
          if (!hasType(rd, 'ResultDescription')) {
            out.push(
              result(
                ID,
                'fail',
                'achievement_result_description_type',
                'Each achievement.resultDescription must be of type "ResultDescription"',
                `${joinPath(aPath, 'resultDescription')}[${j}]`,
              ),
            );
          }
        });
        const criteria = achievement.criteria;
        const ok =
          isObject(criteria) &&
          ((typeof criteria.id === 'string' && criteria.id.length > 0) ||
            (typeof criteria.narrative === 'string' && criteria.narrative.length > 0));
        if (!ok) {
          out.push(
            result(
              ID,
              'fail',
              'achievement_criteria',
              'achievement.criteria must have an id or a narrative',
              joinPath(aPath, 'criteria'),
            ),
          );
        }
      }
    } else if (role === 'credential') {
      out.push(
        result(
          ID,
          'fail',
          'subject_achievement_missing',
          'credentialSubject.achievement is required',
          path,
        ),
      );
    }
    if (
      subject.source !== undefined &&
      subject.source !== null &&
      !hasType(subject.source, 'Profile')
    ) {
      out.push(
        result(
          ID,
          'fail',
          'subject_source_type',
          'credentialSubject.source must be of type "Profile"',
          joinPath(path, 'source'),
        ),
      );
    }
  });
  return out.length > 0 ? out : [result(ID, 'pass')];
}
