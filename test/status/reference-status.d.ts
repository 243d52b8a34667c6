// Untyped reference libraries used as test oracles.
declare module '@digitalbazaar/vc-bitstring-status-list';
declare module '@digitalbazaar/vc-status-list';
