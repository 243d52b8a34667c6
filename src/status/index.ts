/**
 * status capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
