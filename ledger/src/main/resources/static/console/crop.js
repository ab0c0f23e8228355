// The probe's aligned crop, obtained only through a signed disclosure (issue #12, SEAL-SPEC §4):
// the page signs a RecordDisclosed event with purpose `review` naming the match's detection, and
// POSTs it to /v1/vault/disclosures; the ledger appends it (so the viewing is in the log) and
// answers with the biometric record(s) as canonical JSON lines. Nothing is shown without that
// event. The crop is checked against what the camera signed before it is drawn.

import { canonicalBytes, concat, fromBase64, hex, signEvent, timestamp, unsignedEvent } from './canonical.js';
import { LedgerProblem, postForText } from './api.js';

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
 * Requests the probe crop. Resolves `{ crop: Uint8Array, verified: string }` or rejects with an
 * Error whose message is the plain reason the crop is not available.
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
      throw new Error(`the ledger refused the disclosure: ${e.problem.detail || e.message}`);
    }
    throw new Error(`the ledger could not be reached: ${e.message}`);
  }
  const line = answer.text.split('\n').find(l => l.length > 0);
  if (!line) throw new Error('the ledger recorded the disclosure but returned no record');
  const record = JSON.parse(line);
  const crop = fromBase64(record.alignedCrop);
  if (crop.length !== CROP_SIDE * CROP_SIDE * 3) {
    throw new Error(`the returned crop has ${crop.length} bytes, not ${CROP_SIDE * CROP_SIDE * 3}`);
  }
  let verified;
  if (match.detection.alignedCropDigest) {
    verified = (await sha256Hex(crop)) === match.detection.alignedCropDigest
      ? 'matches the crop digest the camera signed' : 'DOES NOT match the crop digest the camera signed';
  } else if (match.detection.commitment) {
    const line8 = canonicalBytes(record);
    verified = (await sha256Hex(concat(new TextEncoder().encode(RECORD_PREFIX), line8))) === match.detection.commitment
      ? 'matches the commitment the camera signed' : 'DOES NOT match the commitment the camera signed';
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
