/**
 * proof capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
