/**
 * The document-to-quads step (JSON-LD to RDF), kept behind one small interface so that a
 * faster implementation can replace jsonld.js here without touching callers.
 *
 * @internal
 */
import jsonld from 'jsonld';
import type { RdfCanonizeQuad } from 'rdf-canonize';
import type { DocumentLoader } from './loader.js';

/** One RDF quad, in the RDF/JS-like shape jsonld.js and rdf-canonize exchange. */
export type Quad = RdfCanonizeQuad;

/** Options of {@link documentToQuads}. */
export interface DocumentToQuadsOptions {
  /** Resolves every remote context URL. */
  documentLoader: DocumentLoader;
  /** JSON-LD safe mode: fail instead of silently dropping or altering data. */
  safe: boolean;
}

/**
 * Convert a JSON-LD document to an RDF dataset (the JSON-LD 1.1 "Deserialize JSON-LD to RDF"
 * algorithm, no generalized RDF). Errors are jsonld.js errors; callers map them.
 */
export async function documentToQuads(
  document: object,
  options: DocumentToQuadsOptions,
): Promise<Quad[]> {
  // @types/jsonld predates safe mode; call through a minimal typed view of jsonld.toRDF.
  const toRdf = jsonld.toRDF as unknown as (
    input: object,
    options: { documentLoader: DocumentLoader; safe: boolean; produceGeneralizedRdf: false },
  ) => Promise<Quad[]>;
  return toRdf(document, {
    documentLoader: options.documentLoader,
    safe: options.safe,
    produceGeneralizedRdf: false,
  });
}
