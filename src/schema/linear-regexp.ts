/**
 * A regular-expression matcher whose `test()` runs in time linear in the string (times the
 * pattern's compiled size), for the `pattern` / `patternProperties` of schemas compiled at run
 * time: their patterns and strings both come from a credential's issuer or presenter, and the
 * engine's own RegExp backtracks (`^(a|a)*$` is exponential, `^a*a*a*b$` polynomial) and cannot
 * be interrupted.
 *
 * The pattern's structure (alternation, groups, quantifiers, anchors, `\b`) is compiled into a
 * Thompson NFA, simulated as a DFA built lazily with a bounded state cache; whether one code
 * point matches one atom (a literal, `.`, an escape, a character class, `\p{..}`) is decided by
 * the engine's own RegExp on that code point alone, so the character semantics are exactly
 * ECMAScript's (`u` flag, and with `i` case folding, which is per code point too). The string
 * is read by code points, as the `u` flag does.
 *
 * Refused, as they cannot be matched in linear time: backreferences, lookahead and lookbehind
 * (and group modifiers). A pattern whose compiled size exceeds {@link MAX_PROGRAM_SIZE}
 * (`a{1000}{1000}`) or whose groups nest deeper than {@link MAX_GROUP_DEPTH} is refused before
 * any work.
 */

/** Most NFA instructions a pattern may compile into (counted repetitions expanded). */
export const MAX_PROGRAM_SIZE = 2_000;
/** Deepest nesting of groups a pattern may have. */
export const MAX_GROUP_DEPTH = 100;
/** DFA states kept before the cache is emptied (matching goes on, building states again). */
const MAX_DFA_STATES = 1_000;
/** DFA transitions kept before the cache is emptied. */
const MAX_DFA_TRANSITIONS = 50_000;
/** Non-ASCII code points remembered per atom. */
const MAX_ATOM_CACHE = 4_096;

/**
 * Work shared by the patterns of one validation: each `test()` spends the NFA instructions it
 * visits and a unit for each character it reads, and a test that overdraws throws a
 * {@link PatternBudgetError} instead of running on. Time stays linear in the strings either way;
 * this bounds the constant (a pattern of 2,000 steps, or one used many times, on 16 MB).
 */
export interface PatternBudget {
  /** Units still allowed (an instruction visited, a character read). */
  remaining: number;
}

/** Thrown by `test()` when its {@link PatternBudget} is spent. */
export class PatternBudgetError extends Error {
  override name = 'PatternBudgetError';
}

/** A pattern the matcher refuses (it cannot match it in linear time, or it is too large). */
export class PatternRefusedError extends Error {
  override name = 'PatternRefusedError';
}

type Assertion = 'start' | 'end' | 'word' | 'nonword';

type Node =
  | { kind: 'atom'; source: string }
  | { kind: 'assert'; assertion: Assertion }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; items: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/**
 * Parse a pattern already accepted by `new RegExp(pattern, 'u')` (so its syntax is the strict
 * `u`-flag grammar) into a tree of atoms and structure.
 */
function parse(pattern: string): Node {
  let i = 0;
  let depth = 0;
  const refuse = (what: string): never => {
    throw new PatternRefusedError(
      `has ${what}, which cannot be matched in time linear in the string; write it without one`,
    );
  };

  const alternation = (): Node => {
    const items: Node[] = [sequence()];
    while (pattern[i] === '|') {
      i++;
      items.push(sequence());
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'alt', items };
  };

  const sequence = (): Node => {
    const items: Node[] = [];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const c = pattern[i];
      const assertion = c === '^' || c === '$' || (c === '\\' && /[bB]/.test(pattern[i + 1] ?? ''));
      const term = atomOrAssertion();
      // an assertion takes no quantifier under the `u` flag; a group holding one does
      items.push(assertion ? term : quantified(term));
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'seq', items };
  };

  /** The quantifier after an atom, if any (and its lazy `?`, the same for a yes/no answer). */
  const quantified = (node: Node): Node => {
    const c = pattern[i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Number.POSITIVE_INFINITY;
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 64));
      if (!m) {
        // only reached for digit runs too long to be a sensible count
        throw new PatternRefusedError(
          `has a counted repetition too large to compile (over ${MAX_PROGRAM_SIZE} steps)`,
        );
      }
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      i += m[0].length;
    } else {
      return node;
    }
    if (pattern[i] === '?') i++;
    return { kind: 'repeat', node, min, max };
  };

  const atomOrAssertion = (): Node => {
    const start = i;
    const c = pattern[i] as string;
    if (c === '^') {
      i++;
      return { kind: 'assert', assertion: 'start' };
    }
    if (c === '$') {
      i++;
      return { kind: 'assert', assertion: 'end' };
    }
    if (c === '(') return group();
    if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      // In ECMAScript a `]` right after `[` or `[^` closes the class (`[]`, `[^]`).
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'atom', source: pattern.slice(start, i) };
    }
    if (c === '\\') return escapeSequence();
    // one code point (a surrogate pair written as is is one)
    const code = pattern.codePointAt(i) as number;
    i += code > 0xffff ? 2 : 1;
    return { kind: 'atom', source: pattern.slice(start, i) };
  };

  const group = (): Node => {
    i++; // (
    if (pattern[i] === '?') {
      const next = pattern[i + 1];
      if (next === ':') i += 2;
      else if (next === '=' || next === '!') refuse('a lookahead');
      else if (next === '<' && (pattern[i + 2] === '=' || pattern[i + 2] === '!')) {
        refuse('a lookbehind');
      } else if (next === '<') {
        const close = pattern.indexOf('>', i);
        i = close < 0 ? pattern.length : close + 1;
      } else refuse('a group modifier');
    }
    depth++;
    if (depth > MAX_GROUP_DEPTH) {
      throw new PatternRefusedError(`nests groups deeper than ${MAX_GROUP_DEPTH} levels`);
    }
    const inner = alternation();
    depth--;
    i++; // )
    return inner;
  };

  const escapeSequence = (): Node => {
    const start = i;
    const n = pattern[i + 1];
    if (n === 'b' || n === 'B') {
      i += 2;
      return { kind: 'assert', assertion: n === 'b' ? 'word' : 'nonword' };
    }
    if (n === 'k' || (n !== undefined && n >= '1' && n <= '9')) refuse('a backreference');
    if (n === 'p' || n === 'P' || (n === 'u' && pattern[i + 2] === '{')) {
      const close = pattern.indexOf('}', i);
      i = close < 0 ? pattern.length : close + 1;
    } else if (n === 'u') {
      i += 6;
      const lead = Number.parseInt(pattern.slice(start + 2, start + 6), 16);
      if (
        lead >= 0xd800 &&
        lead <= 0xdbff &&
        /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(pattern.slice(i, i + 6))
      ) {
        i += 6; // `\uD83D\uDE00` is one code point under the `u` flag
      }
    } else if (n === 'x') i += 4;
    else if (n === 'c') i += 3;
    else i += 2;
    return { kind: 'atom', source: pattern.slice(start, i) };
  };

  const tree = alternation();
  if (i < pattern.length) refuse('an unmatched `)`'); // not reached: the engine refuses it first
  return tree;
}

/** Compiled size of a tree, stopping (returning Infinity) once over the limit. */
function sizeOf(node: Node): number {
  switch (node.kind) {
    case 'atom':
    case 'assert':
      return 1;
    case 'seq':
    case 'alt': {
      let total = node.kind === 'alt' ? 2 * (node.items.length - 1) : 0;
      for (const item of node.items) {
        total += sizeOf(item);
        if (total > MAX_PROGRAM_SIZE) return Number.POSITIVE_INFINITY;
      }
      return total;
    }
    case 'repeat': {
      // as emitted below; a required copy counts at least one step, so `(){100000}` is bounded
      const body = sizeOf(node.node);
      if (body > MAX_PROGRAM_SIZE) return Number.POSITIVE_INFINITY; // (0 × Infinity is NaN)
      const optional =
        node.max === Number.POSITIVE_INFINITY ? body + 2 : (node.max - node.min) * (body + 1);
      const total = Math.max(body, 1) * node.min + optional;
      return total <= MAX_PROGRAM_SIZE ? total : Number.POSITIVE_INFINITY;
    }
  }
}

const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const ASSERT = 3;
const MATCH = 4;
const ASSERTIONS: readonly Assertion[] = ['start', 'end', 'word', 'nonword'];

/** A Thompson NFA: `op[pc]` with arguments `x[pc]`, `y[pc]`; atoms by index. */
interface Program {
  op: number[];
  x: number[];
  y: number[];
  atoms: Atom[];
  /** The `i` flag: atoms compare case-folded, and `\b` reads two more word characters. */
  ignoreCase: boolean;
}

/** One single-code-point atom, decided by the engine's RegExp, with its answers cached. */
class Atom {
  private readonly re: RegExp;
  private readonly ascii = new Int8Array(128);
  private readonly other = new Map<number, boolean>();
  constructor(source: string, flags: string) {
    this.re = new RegExp(`^(?:${source})$`, flags);
  }
  matches(cp: number): boolean {
    if (cp < 128) {
      const known = this.ascii[cp] as number;
      if (known !== 0) return known === 1;
      const yes = this.re.test(String.fromCharCode(cp));
      this.ascii[cp] = yes ? 1 : 2;
      return yes;
    }
    const known = this.other.get(cp);
    if (known !== undefined) return known;
    const yes = this.re.test(String.fromCodePoint(cp));
    if (this.other.size >= MAX_ATOM_CACHE) this.other.clear();
    this.other.set(cp, yes);
    return yes;
  }
}

function compile(tree: Node, ignoreCase: boolean): Program {
  const program: Program = { op: [], x: [], y: [], atoms: [], ignoreCase };
  const atoms = new Map<string, number>();
  const emit = (op: number, x = 0, y = 0): number => {
    program.op.push(op);
    program.x.push(x);
    program.y.push(y);
    return program.op.length - 1;
  };
  const here = () => program.op.length;
  const gen = (node: Node): void => {
    switch (node.kind) {
      case 'atom': {
        let id = atoms.get(node.source);
        if (id === undefined) {
          id = program.atoms.length;
          program.atoms.push(new Atom(node.source, ignoreCase ? 'iu' : 'u'));
          atoms.set(node.source, id);
        }
        emit(CHAR, id);
        return;
      }
      case 'assert':
        emit(ASSERT, ASSERTIONS.indexOf(node.assertion));
        return;
      case 'seq':
        for (const item of node.items) gen(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.items.forEach((item, k) => {
          if (k < node.items.length - 1) {
            const split = emit(SPLIT, here() + 1);
            gen(item);
            jumps.push(emit(JMP));
            program.y[split] = here();
          } else gen(item);
        });
        for (const j of jumps) program.x[j] = here();
        return;
      }
      case 'repeat': {
        for (let k = 0; k < node.min; k++) gen(node.node);
        if (node.max === Number.POSITIVE_INFINITY) {
          const split = emit(SPLIT, here() + 1);
          gen(node.node);
          emit(JMP, split);
          program.y[split] = here();
        } else {
          // x{0,k}: (x(x(x)?)?)?, every skip going to the end
          const splits: number[] = [];
          for (let k = node.min; k < node.max; k++) {
            splits.push(emit(SPLIT, here() + 1));
            gen(node.node);
          }
          for (const s of splits) program.y[s] = here();
        }
        return;
      }
    }
  };
  gen(tree);
  emit(MATCH);
  return program;
}

/**
 * `\w`: what `\b` reads on either side; with the `i` and `u` flags, also the two code points
 * that case-fold into it (U+017F ſ, U+212A Kelvin sign).
 */
const isWordChar = (cp: number, ignoreCase: boolean): boolean =>
  (cp >= 0x61 && cp <= 0x7a) ||
  (cp >= 0x41 && cp <= 0x5a) ||
  (cp >= 0x30 && cp <= 0x39) ||
  cp === 0x5f ||
  (ignoreCase && (cp === 0x17f || cp === 0x212a));

/** A DFA state: the NFA threads waiting to be closed at a position, and that position's left side. */
interface State {
  pending: number[];
  atStart: boolean;
  prevWord: boolean;
  /** The state after each ASCII code point, `MATCHED` when a match ends before it. */
  ascii: (State | typeof MATCHED | undefined)[];
  other: Map<number, State | typeof MATCHED>;
  /** Whether a match ends at the end of the string from here. */
  atEnd?: boolean;
}
const MATCHED = 1;

/**
 * A compiled pattern with RegExp's `test` (unanchored search, `u` flag), matching in time linear
 * in the string. Built by {@link linearRegExp}.
 */
export class LinearRegExp {
  /** The pattern, as given. */
  readonly source: string;
  /** `u`, or `iu` (case-insensitive). */
  readonly flags: string;
  private readonly program: Program;
  private states = new Map<number, State[]>();
  /** The state at the start of a string (kept until the cache is emptied). */
  private initial: State | undefined;
  private count = 0;
  private transitions = 0;
  private readonly seen: Int32Array;
  private generation = 0;
  /** Work lists of {@link close}: every pending thread plus two pushes per instruction. */
  private readonly stack: Int32Array;
  private readonly chars: Int32Array;

  private readonly budget: PatternBudget | undefined;
  /**
   * No match can start past the start of the string (every path begins with `^`): once only
   * the thread that starts a new match is left, the answer is no.
   */
  private readonly anchored: boolean;

  /** @internal Use {@link linearRegExp}. */
  constructor(source: string, program: Program, budget?: PatternBudget) {
    this.source = source;
    this.flags = program.ignoreCase ? 'iu' : 'u';
    this.program = program;
    this.seen = new Int32Array(program.op.length);
    this.stack = new Int32Array(3 * program.op.length + 2);
    this.chars = new Int32Array(program.op.length);
    // (before the budget is set: these closures are not charged)
    this.anchored = [false, true].every((prevWord) =>
      [0x61, 0x20, -1].every((cp) => this.close([0], 1, false, prevWord, cp) === 0),
    );
    this.budget = budget;
  }

  /** The number of NFA instructions the pattern compiled into (at most {@link MAX_PROGRAM_SIZE}). */
  get size(): number {
    return this.program.op.length;
  }

  /** `/source/u` (or `/source/iu`), as RegExp prints itself (Ajv keys its compiled patterns by this). */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  /** Whether the pattern matches somewhere in `input` (as `RegExp.prototype.test`). */
  test(input: string): boolean {
    const s = String(input);
    this.initial ??= this.state([0], true, false);
    let state = this.initial;
    let i = 0;
    let misses = 0;
    while (i < s.length) {
      if (this.anchored && !state.atStart && state.pending.length === 1) {
        this.spend(i);
        return false; // only the thread of a new match is left, and it needs the start
      }
      const cp = s.codePointAt(i) as number;
      let next = cp < 128 ? state.ascii[cp] : state.other.get(cp);
      if (next === undefined) {
        // a string that keeps making new states: the cache no longer pays, simulate the NFA
        if (++misses > MAX_DFA_STATES) {
          this.spend(i);
          return this.simulate(s, i, state);
        }
        next = this.step(state, cp);
        if (cp < 128) state.ascii[cp] = next;
        else state.other.set(cp, next);
      }
      if (next === MATCHED) {
        this.spend(i);
        return true;
      }
      state = next;
      i += cp > 0xffff ? 2 : 1;
    }
    // cached steps cost a unit a character: the same pattern applied many times to a long
    // string (a schema's `allOf` of 2,000 copies on 1 MB: 9 s) is bounded too
    this.spend(i);
    state.atEnd ??=
      this.close(state.pending, state.pending.length, state.atStart, state.prevWord, -1) < 0;
    return state.atEnd;
  }

  /** Charge `units` to the budget, throwing {@link PatternBudgetError} once it is overdrawn. */
  private spend(units: number): void {
    if (this.budget === undefined) return;
    this.budget.remaining -= units;
    if (this.budget.remaining < 0) {
      throw new PatternBudgetError(
        `matching the pattern /${this.source.length > 60 ? `${this.source.slice(0, 60)}…` : this.source}/${this.flags} ` +
          'on these strings takes more work than allowed (a large pattern on long strings)',
      );
    }
  }

  /** Empty the state cache (the states in use stay valid; they are rebuilt as needed). */
  private forget(): void {
    this.states = new Map();
    this.initial = undefined;
    this.count = 0;
    this.transitions = 0;
  }

  /**
   * The state for a list of pending threads and a left context, from the cache or new. The list
   * is in the order the threads were found (a function of the state they came from), so equal
   * sets found in another order are other, equivalent, states: no sorting on the way.
   */
  private state(pending: number[], atStart: boolean, prevWord: boolean): State {
    let hash = (atStart ? 1 : 0) | (prevWord ? 2 : 0);
    for (const pc of pending) hash = Math.imul(hash ^ pc, 16_777_619);
    let bucket = this.states.get(hash);
    if (bucket !== undefined) {
      for (const candidate of bucket) {
        if (
          candidate.atStart === atStart &&
          candidate.prevWord === prevWord &&
          candidate.pending.length === pending.length &&
          candidate.pending.every((pc, k) => pc === pending[k])
        ) {
          return candidate;
        }
      }
    }
    if (this.count >= MAX_DFA_STATES) this.forget();
    const created: State = { pending, atStart, prevWord, ascii: [], other: new Map() };
    bucket = this.states.get(hash);
    if (bucket === undefined) this.states.set(hash, [created]);
    else bucket.push(created);
    this.count++;
    return created;
  }

  /** The state after reading `cp` from `state` (or `MATCHED` if a match ends before it). */
  private step(state: State, cp: number): State | typeof MATCHED {
    if (++this.transitions >= MAX_DFA_TRANSITIONS) this.forget();
    const found = this.close(
      state.pending,
      state.pending.length,
      state.atStart,
      state.prevWord,
      cp,
    );
    if (found < 0) return MATCHED;
    const { x, atoms } = this.program;
    const chars = this.chars;
    // unanchored search: a match may start at the next position too; every `pc + 1` differs
    const next: number[] = [0];
    for (let k = 0; k < found; k++) {
      const pc = chars[k] as number;
      if ((atoms[x[pc] as number] as Atom).matches(cp)) next.push(pc + 1);
    }
    return this.state(next, false, isWordChar(cp, this.program.ignoreCase));
  }

  /**
   * The rest of the search from `state` at `i`, as a plain NFA simulation (Pike VM, no cache, no
   * allocation per character): for strings on which the DFA cache keeps missing.
   */
  private simulate(s: string, i: number, state: State): boolean {
    const { x, atoms } = this.program;
    const chars = this.chars;
    let list = Int32Array.from(state.pending);
    let count = list.length;
    let spare = new Int32Array(this.program.op.length + 1);
    if (list.length < spare.length) {
      const grown = new Int32Array(spare.length);
      grown.set(list);
      list = grown;
    }
    let atStart = state.atStart;
    let prevWord = state.prevWord;
    for (;;) {
      const cp = i < s.length ? (s.codePointAt(i) as number) : -1;
      const found = this.close(list, count, atStart, prevWord, cp);
      if (found < 0) return true;
      if (cp < 0) return false;
      spare[0] = 0;
      let m = 1;
      for (let k = 0; k < found; k++) {
        const pc = chars[k] as number;
        if ((atoms[x[pc] as number] as Atom).matches(cp)) spare[m++] = pc + 1;
      }
      [list, spare] = [spare, list];
      count = m;
      atStart = false;
      prevWord = isWordChar(cp, this.program.ignoreCase);
      i += cp > 0xffff ? 2 : 1;
    }
  }

  /**
   * Follow the empty moves from `count` pending threads at a position whose next code point is
   * `cp` (-1 at the end of the string): writes the CHAR instructions reached to `this.chars` and
   * returns their number, or -1 as soon as MATCH is reached. The instructions visited are
   * charged to the budget either way.
   */
  private close(
    pending: ArrayLike<number>,
    count: number,
    atStart: boolean,
    prevWord: boolean,
    cp: number,
  ): number {
    const { op, x, y } = this.program;
    const seen = this.seen;
    if (++this.generation === 0x7fffffff) {
      seen.fill(0);
      this.generation = 1;
    }
    const mark = this.generation;
    const nextWord = cp >= 0 && isWordChar(cp, this.program.ignoreCase);
    const chars = this.chars;
    const stack = this.stack;
    let found = 0;
    let top = 0;
    let visited = 0;
    for (let k = count - 1; k >= 0; k--) stack[top++] = pending[k] as number;
    walk: while (top > 0) {
      const pc = stack[--top] as number;
      if (seen[pc] === mark) continue;
      seen[pc] = mark;
      visited++;
      switch (op[pc]) {
        case CHAR:
          chars[found++] = pc;
          break;
        case MATCH:
          found = -1;
          break walk;
        case JMP:
          stack[top++] = x[pc] as number;
          break;
        case SPLIT:
          stack[top++] = y[pc] as number;
          stack[top++] = x[pc] as number;
          break;
        case ASSERT: {
          const kind = x[pc];
          const holds =
            kind === 0 ? atStart : kind === 1 ? cp < 0 : (prevWord !== nextWord) === (kind === 2);
          if (holds) stack[top++] = pc + 1;
          break;
        }
      }
    }
    // every instruction visited is charged (a chain of empty moves costs as much as atoms)
    this.spend(count + visited + 1);
    return found;
  }
}

/**
 * Compile `pattern` (ECMAScript syntax, `u` flag, or `iu` for a case-insensitive one) into a
 * {@link LinearRegExp}. Throws the engine's `SyntaxError` for an invalid pattern, and a
 * {@link PatternRefusedError} (whose message says why, starting with "has", "nests" or "uses")
 * for one that cannot be matched in linear time, is too large to compile or has other flags.
 * With a `budget`, `test()` spends it (see {@link PatternBudget}).
 */
export function linearRegExp(pattern: string, flags = 'u', budget?: PatternBudget): LinearRegExp {
  const ignoreCase = flags === 'iu' || flags === 'ui';
  if (flags !== 'u' && !ignoreCase) {
    throw new PatternRefusedError(`uses the flags "${flags}" (only "u" and "iu" are supported)`);
  }
  new RegExp(pattern, flags); // the engine's syntax check and message
  const tree = parse(pattern);
  if (!(sizeOf(tree) < MAX_PROGRAM_SIZE)) {
    throw new PatternRefusedError(
      `has repetitions too large to compile (over ${MAX_PROGRAM_SIZE} steps once expanded)`,
    );
  }
  return new LinearRegExp(pattern, compile(tree, ignoreCase), budget);
}
