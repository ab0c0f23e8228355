// The probe's aligned crop, obtained only through a signed disclosure (issue #12, SEAL-SPEC §4):
// the page signs a RecordDisclosed event with purpose `review` naming the match's detection, and
// POSTs it to /v1/vault/disclosures; the ledger appends it (so the viewing is in the log) and
// answers with the biometric record(s) as canonical JSON lines. Nothing is shown without that
// event. The crop is checked against what the camera signed before it is drawn.

import { canonicalBytes, concat, fromBase64, hex, signEvent, timestamp, unsignedEvent } from './canonical.js';
import { LedgerProblem, postForText } from './api.js';
import { refusalWords } from './words.js';

const CROP_SIDE = 150; // docs/format.md §9.2: 150 × 150 RGB, 67,500 bytes
const RECORD_PREFIX = 'oversight/record/v1\n';

function randomId() {
  return hex(crypto.getRandomValues(new Uint8Array(8)));
}

/** The unsigned RecordDisclosed event (seq 0 of its own stream) for one detection, purpose review. */
export function disclosureEvent(signer, match, caseRef, time = new Date()) {
  const disclosure = `d-${randomId()}`;
  const payload = {
    caseRef,
    disclosure,
    purpose: 'review',
    recipient: `Reviewer ${signer.principal}`,
    records: [{ eventHash: match.detection.eventHash, leafIndex: match.detection.leafIndex }],
  };
  return unsignedEvent({
    eventId: `ev-${disclosure}`, type: 'RecordDisclosed', stream: `disclosure/${disclosure}`, seq: 0, prev: null,
    time: timestamp(time), signer: signer.keyId,
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
  const entry = lines.slice(1, -1).map(l => JSON.parse(l))
    .find(e => e.detection.eventHash === detection.eventHash && e.detection.leafIndex === detection.leafIndex);
  if (!entry) throw new Error(`the ledger returned no record for the detection at leaf ${detection.leafIndex}`);
  const computed = await sha256Hex(concat(new TextEncoder().encode(RECORD_PREFIX), canonicalBytes(entry.record)));
  if (commitment && computed !== commitment) {
    throw new Error(`the returned record's commitment ${computed} is not the ${commitment} the camera signed`);
  }
  return { record: entry.record, commitment: computed };
}

/**
 * Requests the probe crop. Resolves `{ crop: Uint8Array, verified: string, disclosureHash }` or
 * rejects with an Error whose message is the plain reason the crop is not available.
 */
export async function requestCrop(signer, match) {
  const signed = await signEvent(disclosureEvent(signer, match, `review of match ${match.match}`), signer.privateKey);
  let answer;
  try {
    answer = await postForText('/v1/vault/disclosures', signed.leafBytes);
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
  return { crop, verified, disclosureHash: signed.eventHash };
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
