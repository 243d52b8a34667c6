/** Minimal typings for the parts of `rdf-canonize` and `jsonld` ob3kit uses (internal). */
declare module 'rdf-canonize' {
  interface RdfCanonizeTerm {
    termType: string;
    value: string;
    datatype?: { termType: string; value: string };
    language?: string;
  }
  interface RdfCanonizeQuad {
    subject: RdfCanonizeTerm;
    predicate: RdfCanonizeTerm;
    object: RdfCanonizeTerm;
    graph: RdfCanonizeTerm;
  }
  interface RdfCanonizeOptions {
    algorithm: 'RDFC-1.0';
    inputFormat?: 'application/n-quads';
    format?: 'application/n-quads';
    maxWorkFactor?: number;
    maxDeepIterations?: number;
    signal?: AbortSignal;
    rejectURDNA2015?: boolean;
  }
  interface RdfCanonize {
    canonize(input: RdfCanonizeQuad[] | string, options: RdfCanonizeOptions): Promise<string>;
    NQuads: {
      parse(input: string): RdfCanonizeQuad[];
      serialize(dataset: RdfCanonizeQuad[]): string;
      serializeQuadComponents(
        s: RdfCanonizeTerm,
        p: RdfCanonizeTerm,
        o: RdfCanonizeTerm,
        g: RdfCanonizeTerm,
      ): string;
    };
  }
  const rdfCanonize: RdfCanonize;
  export default rdfCanonize;
  export type { RdfCanonizeOptions, RdfCanonizeQuad, RdfCanonizeTerm };
}

/** jsonld.js's context resolver (internal module of jsonld@9, used to keep a private cache). */
declare module 'jsonld/lib/ContextResolver.js' {
  interface SharedCache {
    get(key: string): unknown;
    set(key: string, value: unknown): unknown;
  }
  class ContextResolver {
    constructor(options: { sharedCache: SharedCache });
  }
  export default ContextResolver;
}
