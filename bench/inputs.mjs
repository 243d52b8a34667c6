// Benchmark inputs: a minimal badge, the specification's full example (read from ../shared when
// present), a VC 1.1 credential, and a small PNG.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedExamples = path.resolve(here, '../../shared/ob3/spec/examples');

function fromSpecExample(file) {
  const p = path.join(sharedExamples, file);
  if (!fs.existsSync(p)) return undefined;
  const html = fs.readFileSync(p, 'utf8');
  const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/.exec(html)?.[1];
  if (!pre) return undefined;
  const text = pre
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return JSON.parse(text);
}

export function inputs({ issuerId }) {
  const minimal = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:6d7a2e8c-2f1a-4d3e-9c51-0b8f4a1e2d77',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/teamwork',
        type: ['Achievement'],
        name: 'Teamwork',
        description: 'Collaborates within a group environment.',
        criteria: { narrative: 'Nominated by peers and recognised on review.' },
      },
    },
  };
  let full = fromSpecExample('fullOpenBadge.html');
  if (full) {
    delete full.proof;
    delete full.credentialStatus; // the reference needs a status checker; status is benchmarked separately
    full = { ...full, issuer: { ...full.issuer, id: issuerId } };
  }
  const vc11 = {
    ...minimal,
    // VC 1.1 has no DataIntegrityProof term: eddsa-rdfc-2022 needs the Data Integrity context.
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/security/data-integrity/v2',
    ],
    issuanceDate: '2024-01-01T00:00:00Z',
  };
  delete vc11.validFrom;
  return { minimal, full, vc11 };
}

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A 64x64 RGB PNG, made here with node:zlib. */
inputs.png = () => {
  const w = 64;
  const h = 64;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = x * 4;
      raw[o + 1] = y * 4;
      raw[o + 2] = 160;
    }
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
};
