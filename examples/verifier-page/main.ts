/**
 * The verifier page's script: drop or pick a baked badge (PNG or SVG), a JSON credential or a
 * VC-JWT — or paste one — and see the verification report. Extra documents (a status list
 * credential, a did:web DID document, an issuer profile) can be added; verification is offline
 * and uses only them. Everything shown is set with `textContent` (never as HTML), and only
 * `data:image/…` and `https:` pictures are displayed.
 *
 * Built with `node examples/verifier-page/build.mjs` into `app.js` next to `index.html`.
 */
// In your project, import from 'ob3kit/bake' and 'ob3kit/verify'; here the examples use the sources.
import { sniffFormat } from '../../src/bake/index.js';
import { type CheckResult, type VerificationReport, verify } from '../../src/verify/index.js';

type Json = Record<string, unknown>;

const documents: Record<string, unknown> = {};
let lastInput: { input: string | Uint8Array; preview?: string } | undefined;

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The page has no #${id}`);
  return found as T;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A language map (`{ en: '…' }`) or a plain string, as plain text. */
function plain(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isObject(v)) return text(v.en ?? Object.values(v)[0]);
  return '';
}

/** The URL of an Image (a string or `{ id }`) when it is safe to show. */
function imageUrl(image: unknown): string | undefined {
  const url = typeof image === 'string' ? image : isObject(image) ? text(image.id) : '';
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(url)) return url;
  if (/^https:\/\//i.test(url)) return url;
  return undefined;
}

function showImage(img: HTMLImageElement, url: string | undefined, alt: string): void {
  if (url === undefined) {
    img.hidden = true;
    img.removeAttribute('src');
    return;
  }
  img.src = url;
  img.alt = alt;
  img.hidden = false;
}

const OUTCOME_WORD: Record<string, string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warning',
  skip: 'skipped',
};

const CHECK_NAMES: Record<string, string> = {
  parse: 'Reading the input',
  context: 'JSON-LD contexts',
  jsonld: 'JSON-LD terms',
  type: 'Credential type',
  schema: 'JSON Schema',
  subject: 'Credential subject',
  evidence: 'Evidence',
  proof: 'Signature (proof)',
  issuer: 'Issuer',
  refresh: 'Refresh service',
  validity: 'Validity period',
  status: 'Status (revocation)',
  recipient: 'Recipient',
  endorsement: 'Endorsements',
};

function reasonOf(report: VerificationReport): string {
  const failed = report.checks.filter((c) => c.outcome === 'fail');
  if (failed.some((c) => c.code === 'status_revoked')) return 'Revoked by the issuer.';
  if (failed.some((c) => c.code === 'status_suspended')) return 'Suspended by the issuer.';
  const f = failed[0];
  if (f !== undefined) return f.message ?? f.code ?? `The ${f.id} check failed.`;
  const w = report.checks.find((c) => c.outcome === 'warn');
  if (w !== undefined) return `Verified, with a warning: ${w.message ?? w.code ?? w.id}`;
  return 'The signature is verified and every check passed.';
}

function checkRow(check: CheckResult): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.check = check.id;
  tr.dataset.outcome = check.outcome;
  if (check.code !== undefined) tr.dataset.code = check.code;
  const name = document.createElement('td');
  name.textContent = CHECK_NAMES[check.id] ?? check.id;
  const outcome = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = `outcome outcome-${check.outcome}`;
  badge.textContent = OUTCOME_WORD[check.outcome] ?? check.outcome;
  outcome.append(badge);
  const details = document.createElement('td');
  details.textContent = check.message ?? '';
  if (check.code !== undefined || check.path !== undefined) {
    const code = document.createElement('div');
    code.className = 'code';
    code.textContent = [check.code, check.path].filter((s) => s !== undefined).join(' at ');
    details.append(code);
  }
  tr.append(name, outcome, details);
  return tr;
}

/** The verdict that matters to a person: a revoked badge says so. */
function verdictLabel(report: VerificationReport): string {
  if (report.checks.some((c) => c.outcome === 'fail' && c.code === 'status_revoked')) {
    return 'Revoked';
  }
  return { valid: 'Valid', warning: 'Valid, with warnings', invalid: 'Invalid' }[report.verdict];
}

function render(report: VerificationReport, preview: string | undefined): void {
  // For a presentation, show the (first) credential it carries; the checks stay the presentation's.
  const shown =
    report.format === 'presentation' && report.credentials?.[0] !== undefined
      ? report.credentials[0].credential
      : report.credential;
  const credential = isObject(shown) ? shown : {};
  const issuer = credential.issuer;
  const issuerObj = isObject(issuer) ? issuer : {};
  const subject = isObject(first(credential.credentialSubject))
    ? (first(credential.credentialSubject) as Json)
    : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};

  const verdict = el('verdict');
  verdict.dataset.verdict = report.verdict;
  el('verdict-label').textContent = verdictLabel(report);
  el('verdict-reason').textContent = reasonOf(report);

  el('achievement-name').textContent =
    plain(achievement.name) || plain(credential.name) || '(no achievement name)';
  el('achievement-description').textContent = plain(achievement.description);
  el('achievement-criteria').textContent = plain(criteria.narrative);
  showImage(
    el<HTMLImageElement>('achievement-image'),
    imageUrl(achievement.image) ?? imageUrl(credential.image) ?? preview,
    plain(achievement.name) || 'Badge image',
  );
  el('recipient').textContent =
    text(subject.id) ||
    (Array.isArray(subject.identifier) ? 'a hashed or plain identifier' : 'an unnamed recipient');

  el('issuer-name').textContent = plain(issuerObj.name) || '(no issuer name)';
  el('issuer-id').textContent = typeof issuer === 'string' ? issuer : text(issuerObj.id);
  showImage(el<HTMLImageElement>('issuer-image'), imageUrl(issuerObj.image), 'Issuer logo');
  el('format').textContent = `Format: ${report.format.toUpperCase()}`;

  el('checks').replaceChildren(...report.checks.map(checkRow));
  el('credential-json').textContent = JSON.stringify(report.credential ?? null, null, 2);
  el('report').hidden = false;
}

async function check(input: string | Uint8Array, preview?: string): Promise<void> {
  lastInput = preview === undefined ? { input } : { input, preview };
  el('error').hidden = true;
  el('busy').hidden = false;
  try {
    const report = await verify(input, { documents: { ...documents } });
    render(report, preview);
    document.body.dataset.state = 'done';
  } catch (e) {
    el('error').textContent = `Could not verify: ${e instanceof Error ? e.message : String(e)}`;
    el('error').hidden = false;
    el('report').hidden = true;
    document.body.dataset.state = 'error';
  } finally {
    el('busy').hidden = true;
  }
}

let previewUrl: string | undefined;

/** Read a dropped or picked file: images as bytes, anything else as trimmed text. */
async function checkFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniffFormat(bytes);
  if (previewUrl !== undefined) URL.revokeObjectURL(previewUrl);
  previewUrl = undefined;
  if (kind === 'png' || kind === 'svg') {
    previewUrl = URL.createObjectURL(
      new Blob([bytes], { type: kind === 'png' ? 'image/png' : 'image/svg+xml' }),
    );
    await check(bytes, previewUrl);
  } else {
    await check(new TextDecoder().decode(bytes).trim());
  }
}

/** The URL a document stands for: its `id` (or, for a VC-JWT, the credential's id or `jti`). */
function documentEntry(source: string): [string, unknown] {
  const trimmed = source.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) {
    const part = trimmed.split('.')[1] ?? '';
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const payload: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
    );
    const p = isObject(payload) ? payload : {};
    const id = text(p.id) || (isObject(p.vc) ? text(p.vc.id) : '') || text(p.jti);
    if (id === '') throw new Error('the JWT names no credential id (id, vc.id or jti)');
    return [id, trimmed];
  }
  const doc: unknown = JSON.parse(trimmed);
  if (!isObject(doc) || typeof doc.id !== 'string' || doc.id === '') {
    throw new Error('a document must be a JSON object with an "id" (the URL it is found at)');
  }
  return [doc.id, doc];
}

function renderDocuments(): void {
  const ids = Object.keys(documents);
  el('docs-count').textContent = String(ids.length);
  el('docs-list').replaceChildren(
    ...ids.map((id) => {
      const li = document.createElement('li');
      li.className = 'mono';
      li.textContent = id;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.addEventListener('click', () => {
        delete documents[id];
        renderDocuments();
        void recheck();
      });
      li.append(' ', remove);
      return li;
    }),
  );
}

async function recheck(): Promise<void> {
  if (lastInput !== undefined) await check(lastInput.input, lastInput.preview);
}

async function addDocuments(sources: string[]): Promise<void> {
  const problems: string[] = [];
  for (const source of sources) {
    try {
      const [id, doc] = documentEntry(source);
      documents[id] = doc;
    } catch (e) {
      problems.push(`Not added: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  el('docs-error').textContent = problems.join(' ');
  el('docs-error').hidden = problems.length === 0;
  renderDocuments();
  await recheck();
}

function wire(): void {
  // A file dropped beside the drop zone must not make the browser navigate away to it.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  const drop = el('drop');
  const file = el<HTMLInputElement>('file');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f !== undefined) void checkFile(f);
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f !== undefined) void checkFile(f);
    file.value = '';
  });
  el('verify-paste').addEventListener('click', () => {
    const value = el<HTMLTextAreaElement>('paste').value.trim();
    if (value !== '') void check(value);
  });
  const docsFile = el<HTMLInputElement>('docs-file');
  docsFile.addEventListener('change', async () => {
    const files = Array.from(docsFile.files ?? []);
    docsFile.value = '';
    await addDocuments(await Promise.all(files.map((f) => f.text())));
  });
  el('add-doc').addEventListener('click', () => {
    const area = el<HTMLTextAreaElement>('docs-paste');
    if (area.value.trim() === '') return;
    void addDocuments([area.value]).then(() => {
      if (el('docs-error').hidden) area.value = '';
    });
  });
  document.body.dataset.state = 'ready';
}

wire();
