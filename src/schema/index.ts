/**
 * schema capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
