/**
 * Patterns of schemas compiled at run time run on the engine's backtracking RegExp, on strings a
 * credential's issuer or presenter chose. This refuses, before compiling, the patterns whose
 * matching time can grow exponentially with the string: a repeated group that itself contains a
 * quantifier or an alternation (`(a+)+`, `(a|a)*`, `(?:\w+\s?)*`), and backreferences.
 */

/** Why a pattern is refused, or `undefined` when it has no repeated ambiguous group. @internal */
export function unsafePatternReason(pattern: string): string | undefined {
  // one frame per open group: does its body hold a quantifier or an alternation?
  const stack: boolean[] = [false];
  let i = 0;
  /**
   * The quantifier at `at`: its length (0 if none), whether it may repeat more than once, and
   * whether its count varies (`{4}` does not: it adds no choice).
   */
  const quantifier = (at: number): { length: number; repeats: boolean; varies: boolean } => {
    const c = pattern[at];
    if (c === '*' || c === '+') return { length: 1, repeats: true, varies: true };
    if (c === '?') return { length: 1, repeats: false, varies: true };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 40));
      if (m) {
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        return { length: m[0].length, repeats: max > 1, varies: max !== min };
      }
    }
    return { length: 0, repeats: false, varies: false };
  };
  /** After an atom ending before `at`: skip its quantifier (and a lazy `?`), noting it. */
  const afterAtom = (at: number, group: boolean): number | string => {
    const q = quantifier(at);
    if (q.length === 0) return at;
    if (group && q.repeats) return 'a repeated group holding a quantifier or an alternation';
    if (q.varies) stack[stack.length - 1] = true;
    let next = at + q.length;
    if (pattern[next] === '?') next++;
    return next;
  };
  let closedGroup = false;
  while (i < pattern.length) {
    const c = pattern[i];
    let end: number;
    let group = false;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n !== undefined && /[1-9]/.test(n)) return 'a backreference';
      if (n === 'k' && pattern[i + 2] === '<') return 'a backreference';
      end = i + 2;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      // In ECMAScript a `]` right after `[` or `[^` closes the class (`[]` matches nothing, `[^]`
      // any character); it is not a literal `]` as in POSIX.
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      end = j + 1;
    } else if (c === '(') {
      stack.push(false);
      i++;
      if (pattern[i] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        i++;
        if (pattern[i] === '<' && pattern[i + 1] !== '=' && pattern[i + 1] !== '!') {
          const close = pattern.indexOf('>', i);
          i = close < 0 ? pattern.length : close + 1;
        } else {
          i += pattern[i] === '<' ? 2 : 1;
        }
      }
      continue;
    } else if (c === ')') {
      const inner = stack.pop() ?? false;
      if (stack.length === 0) stack.push(false);
      closedGroup = inner;
      group = true;
      end = i + 1;
    } else if (c === '|') {
      stack[stack.length - 1] = true;
      i++;
      continue;
    } else {
      end = i + 1;
    }
    const next = afterAtom(end, group && closedGroup);
    if (typeof next === 'string') return next;
    // a group's inner quantifiers make its enclosing group ambiguous too
    if (group && closedGroup) stack[stack.length - 1] = true;
    i = next;
  }
  return undefined;
}
