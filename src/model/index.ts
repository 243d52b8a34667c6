/**
 * model capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
