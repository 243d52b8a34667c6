/**
 * jsonld capability (work in progress).
 *
 * @packageDocumentation
 */
export {};
