// The probe's aligned crop and the watchlist entry's enrolment crop, obtained only through a signed
// disclosure (issue #12, SEAL-SPEC §4): the page signs a RecordDisclosed event with purpose `review`
// naming the match's detection (schema 2: and its entry, docs/format.md §4.9), and
// POSTs it to /v1/vault/disclosures; the ledger appends it (so the viewing is in the log) and
// answers with the biometric record(s) as canonical JSON lines. Nothing is shown without that
// event. The crop is checked against what the camera signed before it is drawn.

import { canonicalBytes, concat, fromBase64, hex, signEvent, timestamp, unsignedEvent } from './canonical.js';
import { LedgerProblem, postForText } from './api.js';
import { refusalWords } from './words.js';

const CROP_SIDE = 150; // docs/format.md §9.2: 150 × 150 RGB, 67,500 bytes
const RECORD_PREFIX = 'oversight/record/v1\n';
const ENROLMENT_PREFIX = 'oversight/enrolment/v1\n';

function randomId() {
  return hex(crypto.getRandomValues(new Uint8Array(8)));
}

/**
 * The unsigned RecordDisclosed event (seq 0 of its own stream) for one detection, purpose review.
 * With `entries` (entry ids), schema 2 (docs/format.md §4.9): it also discloses those entries'
 * enrolment records, so the reviewer sees both faces and both viewings are in the log.
 */
export function disclosureEvent(signer, match, caseRef, time = new Date(), entries = null) {
  const disclosure = `d-${randomId()}`;
  const payload = {
    caseRef,
    disclosure,
    purpose: 'review',
    recipient: `Reviewer ${signer.principal}`,
    records: [{ eventHash: match.detection.eventHash, leafIndex: match.detection.leafIndex }],
  };
  if (entries) payload.entries = [...entries].sort();
  return unsignedEvent({
    eventId: `ev-${disclosure}`, type: 'RecordDisclosed', schema: entries ? 2 : 1, stream: `disclosure/${disclosure}`,
    seq: 0, prev: null, time: timestamp(time), signer: signer.keyId,
  }, payload);
}

async function sha256Hex(bytes) {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * Reads a records file (docs/format.md §10.1 on the sealed-data build: a header line
 * `{"disclosure":<event hash>,"format":"oversight/records/v1"}`, then one line
 * `{"detection":{eventHash,leafIndex},"record":{alignedCrop,landmarks,nonce,template}}` per record)
 * and returns the record of `detection`, checked: the header names `disclosureHash`, and the
 * record's commitment SHA-256("oversight/record/v1\n" || canonical record) equals `commitment`
 * when one is given. Resolves `{ record, commitment }`; rejects with the plain reason otherwise.
 */
export async function recordFromRecordsFile(text, disclosureHash, detection, commitment) {
  const lines = text.split('\n');
  if (lines.length < 2 || lines[lines.length - 1] !== '') throw new Error('the records file is not LF-terminated lines');
  const header = JSON.parse(lines[0]);
  if (header.format !== 'oversight/records/v1') throw new Error(`unknown records format ${header.format}`);
  if (header.disclosure !== disclosureHash) {
    throw new Error(`the records file names disclosure ${header.disclosure}, not the one signed here (${disclosureHash})`);
  }
  const entry = lines.slice(1, -1).map(l => JSON.parse(l)).filter(e => e.detection)
    .find(e => e.detection.eventHash === detection.eventHash && e.detection.leafIndex === detection.leafIndex);
  if (!entry) throw new Error(`the ledger returned no record for the detection at leaf ${detection.leafIndex}`);
  const computed = await sha256Hex(concat(new TextEncoder().encode(RECORD_PREFIX), canonicalBytes(entry.record)));
  if (commitment && computed !== commitment) {
    throw new Error(`the returned record's commitment ${computed} is not the ${commitment} the camera signed`);
  }
  return { record: entry.record, commitment: computed };
}

/**
 * The enrolment record of `entryId` in a records file's enrolment lines (docs/format.md §10.1,
 * §12.7: `{"enrolment":{"crops":[{alignedCrop,template}],"entry":…}}`), checked against the
 * entry's template digests from the log (SHA-256 of each template's data, in order): one crop per
 * template, each crop's template the logged one. The page has no recognition model, so whether the
 * crop derives its template is the vault's check on arrival and `verifier bundle`'s, not this one.
 * A sealed (schema-2) entry's leaf has no templates but the commitment to its sealed enrolment
 * record (§12.7): with `sealedCommitment`, SHA-256("oversight/enrolment/v1\n" || canonical record)
 * must equal it.
 * Resolves `{ crop: Uint8Array, template: number }` (the crop of the first template), or null if the
 * file carries no enrolment line for the entry; rejects with the plain reason otherwise.
 */
export async function enrolmentFromRecordsFile(text, entryId, templateDigests, sealedCommitment = null) {
  const line = text.split('\n').slice(1).filter(l => l.startsWith('{"enrolment":')).map(l => JSON.parse(l).enrolment)
    .find(e => e.entry === entryId);
  if (!line) return null;
  if (sealedCommitment) {
    const computed = await sha256Hex(concat(new TextEncoder().encode(ENROLMENT_PREFIX), canonicalBytes(line)));
    if (computed !== sealedCommitment) {
      throw new Error(`the enrolment record's commitment ${computed} is not the ${sealedCommitment} the entry's leaf carries`);
    }
  }
  if (templateDigests && line.crops.length !== templateDigests.length) {
    throw new Error(`the enrolment record has ${line.crops.length} crop(s) but the entry has ${templateDigests.length} template(s)`);
  }
  for (let i = 0; templateDigests && i < line.crops.length; i++) {
    const digest = await sha256Hex(fromBase64(line.crops[i].template.data));
    if (digest !== templateDigests[i]) {
      throw new Error(`the enrolment record's template ${i} (SHA-256 ${digest}) is not the entry's template in the log`);
    }
  }
  const crop = fromBase64(line.crops[0].alignedCrop);
  if (crop.length !== CROP_SIDE * CROP_SIDE * 3) {
    throw new Error(`the enrolment crop has ${crop.length} bytes, not ${CROP_SIDE * CROP_SIDE * 3} (150 × 150 RGB)`);
  }
  return { crop, template: 0 };
}

async function disclose(signer, match, entries) {
  const signed = await signEvent(disclosureEvent(signer, match, `review of match ${match.match}`, new Date(), entries),
    signer.privateKey);
  return { signed, answer: await postForText('/v1/vault/disclosures', signed.leafBytes) };
}

/**
 * Requests the probe crop and, when the match's entry is authorised, the entry's enrolment crop in
 * the same signed disclosure (schema 2). If the vault holds no enrolment record for the entry it
 * refuses the whole disclosure and appends nothing; the page then discloses the probe alone
 * (schema 1) and says why the enrolment image is missing. Resolves
 * `{ crop: Uint8Array, verified: string, disclosureHash, enrolment: {crop, template} | null,
 * enrolmentWhy: string | null }` or rejects with an Error whose message is the plain reason the
 * crop is not available.
 */
export async function requestCrop(signer, match) {
  let signed;
  let answer;
  let enrolmentWhy = null;
  const entries = match.entry && !match.entry.withdrawn ? [match.entry.entry] : null;
  if (!entries) enrolmentWhy = match.entry ? 'the entry is withdrawn' : 'the entry is not authorised in the log';
  try {
    try {
      ({ signed, answer } = await disclose(signer, match, entries));
    } catch (e) {
      const aboutEntry = e instanceof LedgerProblem && entries && /^payload\.entries/.test(e.problem.detail || '');
      if (!aboutEntry) throw e;
      // The ledger's own words: the console's refusal texts are about detections' records.
      enrolmentWhy = `the vault refused it (${e.rule}): ${e.problem.detail}`;
      ({ signed, answer } = await disclose(signer, match, null));
    }
  } catch (e) {
    if (e instanceof LedgerProblem && (e.status === 404 || e.status === 405)) {
      throw new Error('this ledger has no vault: POST /v1/vault/disclosures is not served here '
        + `(${e.status} ${e.problem.title || ''}). Sealed biometric records (issue #12) are not deployed, so no disclosure was recorded.`);
    }
    if (e instanceof LedgerProblem) {
      throw new Error(refusalWords(e));
    }
    throw new Error(`the ledger could not be reached: ${e.message}`);
  }
  const { record } = await recordFromRecordsFile(answer.text, signed.eventHash, match.detection,
    match.detection.commitment);
  if (!record.alignedCrop) throw new Error('the disclosed record carries no aligned crop');
  const crop = fromBase64(record.alignedCrop);
  if (crop.length !== CROP_SIDE * CROP_SIDE * 3) {
    throw new Error(`the returned crop has ${crop.length} bytes, not ${CROP_SIDE * CROP_SIDE * 3} (150 × 150 RGB)`);
  }
  let verified;
  if (match.detection.commitment) {
    verified = 'matches the commitment the camera signed';
  } else if (match.detection.alignedCropDigest) {
    verified = (await sha256Hex(crop)) === match.detection.alignedCropDigest
      ? 'matches the crop digest the camera signed' : 'DOES NOT match the crop digest the camera signed';
  } else {
    verified = 'not checked: the detection names no digest';
  }
  let enrolment = null;
  if (entries && !enrolmentWhy) {
    enrolment = await enrolmentFromRecordsFile(answer.text, entries[0], match.entry.templateDigests,
      match.entry.sealed ? match.entry.sealed.commitment : null);
    if (!enrolment) enrolmentWhy = 'the ledger returned no enrolment record for the entry';
  }
  return { crop, verified, disclosureHash: signed.eventHash, enrolment, enrolmentWhy };
}

/** Draws 150 × 150 RGB bytes onto a canvas. */
export function drawCrop(canvas, rgb) {
  canvas.width = CROP_SIDE;
  canvas.height = CROP_SIDE;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(CROP_SIDE, CROP_SIDE);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    image.data[j] = rgb[i];
    image.data[j + 1] = rgb[i + 1];
    image.data[j + 2] = rgb[i + 2];
    image.data[j + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
