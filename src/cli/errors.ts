/** Errors the command line reports to a person, each with the exit code it ends with. */

/**
 * Exit codes: 0 success, 1 the checked credential is not valid / not in good standing, 2 usage or
 * input error, 3 (verify) nothing wrong was found but the credential could not be fully checked.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT_OK;
 * ```
 */
export const EXIT_OK = 0;
/**
 * The credential was checked and found invalid (verify, validate, status check, demo).
 *
 * @example
 * ```ts
 * return report.verdict === 'invalid' ? EXIT_INVALID : EXIT_OK;
 * ```
 */
export const EXIT_INVALID = 1;
/**
 * Bad command line or unreadable input: nothing was checked.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT_USAGE;
 * ```
 */
export const EXIT_USAGE = 2;

/**
 * `verify`: nothing wrong was found, but a check that matters (a proof, a key, a status list)
 * could not be run (offline, unreachable, unsupported): not accepted.
 *
 * @example
 * ```ts
 * if (report.answers.fullyChecked.value !== 'yes') return EXIT_UNCHECKED;
 * ```
 */
export const EXIT_UNCHECKED = 3;

/**
 * A problem with how the command was called or with its input files. The message says what is
 * wrong; the hint says what to do about it.
 *
 * @example
 * ```ts
 * throw new UsageError("missing <file>", "Run 'ob3kit verify --help' for the usage.");
 * ```
 */
export class UsageError extends Error {
  /** A sentence telling the user what to do next. */
  readonly hint: string | undefined;
  /** Process exit code (always 2). */
  readonly exitCode = EXIT_USAGE;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}
