/**
 * verify capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
