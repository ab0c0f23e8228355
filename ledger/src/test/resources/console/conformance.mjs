// Runs the console's canonical.js on cases written by ConsoleJsConformanceTest (stdin, JSON) and
// prints what it produced (stdout, JSON). Usage: node conformance.mjs <path to canonical.js>
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const lib = await import(pathToFileURL(process.argv[2]).href);
const crop = await import(pathToFileURL(process.argv[2].replace(/canonical\.js$/, 'crop.js')).href);
const input = JSON.parse(readFileSync(0, 'utf8'));
const b64url = b => Buffer.from(b).toString('base64url');
const out = { values: [], events: [] };

for (const text of input.values) {
  try {
    out.values.push({ hex: lib.hex(lib.canonicalBytes(JSON.parse(text))) });
  } catch (e) {
    out.values.push({ error: String(e.message) });
  }
}
for (const c of input.events) {
  const seed = Buffer.from(c.seedHex, 'hex');
  const pub = Buffer.from(c.publicHex, 'hex');
  const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: b64url(seed), x: b64url(pub) },
    { name: 'Ed25519' }, false, ['sign']);
  const signer = await lib.keyId(new Uint8Array(pub));
  const unsigned = lib.unsignedEvent({ ...c.header, signer }, JSON.parse(c.payload));
  const signed = await lib.signEvent(unsigned, key);
  out.events.push({
    keyId: signer,
    publicText: lib.publicKeyText(new Uint8Array(pub)),
    signingInputHex: lib.hex(lib.signingInput(unsigned)),
    leafHex: lib.hex(signed.leafBytes),
    eventHash: signed.eventHash,
  });
}
if (input.records) {
  const r = input.records;
  const ok = await crop.recordFromRecordsFile(r.text, r.disclosure, r.detection, r.commitment);
  out.records = { commitment: ok.commitment, nonce: ok.record.nonce };
  try {
    await crop.recordFromRecordsFile(r.text, '0'.repeat(64), r.detection, r.commitment);
    out.records.otherDisclosure = 'accepted';
  } catch (e) {
    out.records.otherDisclosure = String(e.message);
  }
  try {
    await crop.recordFromRecordsFile(r.text, r.disclosure, r.detection, 'f'.repeat(64));
    out.records.otherCommitment = 'accepted';
  } catch (e) {
    out.records.otherCommitment = String(e.message);
  }
  const unsigned = crop.disclosureEvent({ principal: 'reviewer-x', keyId: '0'.repeat(32) },
    { match: 'm-1', detection: r.detection }, 'review of match m-1', new Date(Date.UTC(2026, 11, 6)));
  out.records.disclosurePayload = lib.canonicalize(unsigned.payload).replace(/d-[0-9a-f]{16}/, 'd-X');
  out.records.disclosureHeader = unsigned.header;
  const both = crop.disclosureEvent({ principal: 'reviewer-x', keyId: '0'.repeat(32) },
    { match: 'm-1', detection: r.detection }, 'review of match m-1', new Date(Date.UTC(2026, 11, 6)), ['wl-1']);
  out.records.disclosureV2Payload = lib.canonicalize(both.payload).replace(/d-[0-9a-f]{16}/, 'd-X');
  out.records.disclosureV2Header = both.header;
}
if (input.enrolment) {
  const e = input.enrolment;
  const found = await crop.enrolmentFromRecordsFile(e.text, e.entry, e.templateDigests);
  out.enrolment = { cropHex: lib.hex(found.crop), template: found.template };
  out.enrolment.absent = await crop.enrolmentFromRecordsFile(e.text, 'wl-other', e.templateDigests);
  try {
    await crop.enrolmentFromRecordsFile(e.text, e.entry, ['f'.repeat(64)]);
    out.enrolment.otherTemplate = 'accepted';
  } catch (x) {
    out.enrolment.otherTemplate = String(x.message);
  }
}
process.stdout.write(JSON.stringify(out));
