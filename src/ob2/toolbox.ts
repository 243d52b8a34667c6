/**
 * What Open Badges 2.0 verification borrows from the rest of ob3kit (internal): JSON-LD
 * expansion, key import (public keys only), identity hashing, the fetch loader's helpers. `verify()` loads
 * the 2.0 verification code on first use; handing it these (rather than letting it import them)
 * keeps bundlers from moving the JSON-LD, key and JWS code into chunks shared with entry points
 * that never verify anything (a builders-only app stays free of them).
 */
import { fetchReportCode, parseJsonDocument } from '../internal/fetch.js';
import { checkToRdf } from '../jsonld/canonize.js';
import { importPublicKeyPair } from '../keys/import-public.js';
import { matchIdentity } from '../model/identity.js';

/** The functions Open Badges 2.0 verification uses from other capabilities. */
export interface Ob2Toolbox {
  checkToRdf: typeof checkToRdf;
  importKeyPair: typeof importPublicKeyPair;
  fetchReportCode: typeof fetchReportCode;
  parseJsonDocument: typeof parseJsonDocument;
  matchIdentity: typeof matchIdentity;
}

/** The toolbox, built from ob3kit's own modules. */
export const OB2_TOOLBOX: Ob2Toolbox = {
  checkToRdf,
  importKeyPair: importPublicKeyPair,
  fetchReportCode,
  parseJsonDocument,
  matchIdentity,
};
