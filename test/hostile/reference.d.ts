/** base58-universal (a dependency of the reference stack): an independent base58btc codec. */
declare module 'base58-universal' {
  export function encode(input: Uint8Array, maxline?: number): string;
  export function decode(input: string): Uint8Array;
}
