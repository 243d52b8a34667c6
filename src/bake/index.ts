/**
 * bake capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
