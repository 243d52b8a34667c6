/**
 * keys capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
