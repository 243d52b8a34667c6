/** Minimal typings for `rdf-canonize` (the package ships none). Internal to ob3kit. */
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
    };
  }
  const rdfCanonize: RdfCanonize;
  export default rdfCanonize;
  export type { RdfCanonizeOptions, RdfCanonizeQuad, RdfCanonizeTerm };
}
