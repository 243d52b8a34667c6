/**
 * The work budget of one canonicalization (`maxCanonizeWork`): JSON-LD to RDF and RDFC-1.0
 * charge every costly step to it before doing it, in units that each cost about the same time
 * (0.1 to 0.3 microseconds on a current server core) and allocate a bounded amount of memory,
 * so that the budget bounds both. Running out fails with `LimitError` `ERR_CANONIZE_LIMIT`
 * (`details.limit` `maxCanonizeWork`).
 *
 * @internal
 */
import { LimitError } from '../errors.js';

/**
 * One canonicalization's budget; or, as the `run` of several, the budget they share (one
 * `verify()` run: the input, its endorsements and presented credentials, each converted for the
 * `jsonld` check and again for its proofs), so that the whole run does bounded work.
 */
export class WorkBudget {
  /** Units spent so far (also past `max` when a charge failed). */
  used = 0;
  /** The error of the first charge past the budget (code that catches it cannot hide it). */
  exceeded: LimitError | undefined;
  /**
   * @param max - the units this budget allows.
   * @param run - a shared budget every charge is also spent from.
   * @param limit - the name of the limit `max` comes from (for the error).
   */
  constructor(
    readonly max: number,
    readonly run?: WorkBudget,
    readonly limit: string = 'maxCanonizeWork',
  ) {}

  /**
   * Spend `units`, or throw `ERR_CANONIZE_LIMIT` if that would pass the budget or the run's (the
   * work they stand for must then not be done). `why` names what the units were for.
   */
  charge(units: number, why: string): void {
    this.spend(units, why);
  }

  /** Throw the run's error when its budget is already spent (before starting new work). */
  checkRun(): void {
    if (this.run?.exceeded) throw this.run.exceeded;
  }

  private spend(units: number, why: string): void {
    this.used += units;
    if (this.used > this.max) {
      this.exceeded ??= new LimitError(
        'ERR_CANONIZE_LIMIT',
        this.limit === 'maxCanonizeWork'
          ? `Canonicalization exceeded its work limit of ${this.max} units (maxCanonizeWork) ${why}. Raise maxCanonizeWork only for trusted input.`
          : `Canonicalization exceeded the work limit of ${this.max} units shared by every document of the run (${this.limit}) ${why}`,
        { limit: this.limit, max: this.max },
      );
      throw this.exceeded;
    }
    this.run?.spend(units, why);
  }
}
