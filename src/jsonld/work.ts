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

/** One run's budget. */
export class WorkBudget {
  /** Units spent so far (also past `max` when a charge failed). */
  used = 0;
  /** The error of the first charge past the budget (code that catches it cannot hide it). */
  exceeded: LimitError | undefined;
  constructor(readonly max: number) {}

  /**
   * Spend `units`, or throw `ERR_CANONIZE_LIMIT` if that would pass the budget (the work they
   * stand for must then not be done). `why` names what the units were for.
   */
  charge(units: number, why: string): void {
    this.used += units;
    if (this.used > this.max) {
      this.exceeded ??= new LimitError(
        'ERR_CANONIZE_LIMIT',
        `Canonicalization exceeded its work limit of ${this.max} units (maxCanonizeWork) ${why}. Raise maxCanonizeWork only for trusted input.`,
        { limit: 'maxCanonizeWork', max: this.max },
      );
      throw this.exceeded;
    }
  }
}
