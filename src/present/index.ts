/**
 * present capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
