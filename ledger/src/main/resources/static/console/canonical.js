// Canonical JSON (docs/format.md §1), key ids and text forms (§2.3, §2.4), and the signed event
// envelope (§3). Pure functions over WebCrypto; no DOM. Tested against the Java implementation by
// ConsoleCanonicalJsTest (same inputs, byte-identical output and signatures).

/** The EVENT_V1 signature domain prefix (§2.2), including its final newline. */
export const EVENT_PREFIX = 'oversight/event/v1\n';
const KEY_ID_PREFIX = 'oversight/key/v1\n';
const MAX_SAFE = 9007199254740991;

/** Thrown for a value outside the §1.1 value model; the message names the path and value. */
export class CanonicalError extends Error {}

/**
 * The canonical encoding E(v) of §1.2 as a string (encode it as UTF-8 for the bytes). Accepts only
 * the §1.1 value model: null, booleans, safe integers (no fractions; -0 is written 0), well-formed strings,
 * arrays and plain objects.
 */
export function canonicalize(value, path = '$') {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Math.abs(value) > MAX_SAFE) {
      throw new CanonicalError(`${path}: ${value} is not an integer in ±(2^53−1)`);
    }
    return String(value); // -0 is written 0, as RFC 8785 and the Java canonicaliser do
  }
  if (typeof value === 'string') {
    if (!isWellFormed(value)) {
      throw new CanonicalError(`${path}: string contains an unpaired surrogate`);
    }
    // JSON.stringify writes exactly rule 3 of §1.2: \" \\ \b \t \n \f \r, other controls as
    // lowercase \u00xx, everything else (including / U+007F U+2028 U+2029) literally.
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map((v, i) => canonicalize(v, `${path}[${i}]`)).join(',') + ']';
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // Default sort compares UTF-16 code units, which is RFC 8785's member order (§1.2 rule 5).
    const names = Object.keys(value).sort();
    return '{' + names.map(n => {
      if (value[n] === undefined) throw new CanonicalError(`${path}.${n}: undefined`);
      return canonicalize(n, path) + ':' + canonicalize(value[n], `${path}.${n}`);
    }).join(',') + '}';
  }
  throw new CanonicalError(`${path}: ${typeof value} is not a JSON value`);
}

function isWellFormed(s) {
  if (typeof s.isWellFormed === 'function') return s.isWellFormed();
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** The canonical bytes of a value. */
export function canonicalBytes(value) {
  return new TextEncoder().encode(canonicalize(value));
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function hex(bytes) {
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

export function base64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** The key id of a raw 32-byte Ed25519 public key (§2.3): 32 hex digits. */
export async function keyId(publicKeyRaw) {
  const digest = await sha256(concat(new TextEncoder().encode(KEY_ID_PREFIX), Uint8Array.of(1), publicKeyRaw));
  return hex(digest.subarray(0, 16));
}

/** The public key text form `ed25519:<base64>` (§2.4). */
export function publicKeyText(publicKeyRaw) {
  if (publicKeyRaw.length !== 32) throw new CanonicalError(`public key has ${publicKeyRaw.length} bytes, not 32`);
  return 'ed25519:' + base64(publicKeyRaw);
}

/** A timestamp in the §4.1 form, YYYY-MM-DDTHH:MM:SS.sssZ (UTC, milliseconds). */
export function timestamp(date) {
  const text = date.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) {
    throw new CanonicalError(`time ${text} is outside years 0001-9999`);
  }
  return text;
}

/**
 * The envelope without `sig` (§3.1, §3.2): header members exactly eventId, type, schema, stream,
 * seq, prev, time, signer; `v` 1. `schema` is the payload's schema version (default 1; 2 for a
 * RecordDisclosed naming entries, §4.9). Canonical order is applied when it is encoded.
 */
export function unsignedEvent({ eventId, type, schema, stream, seq, prev, time, signer }, payload) {
  return {
    header: { eventId, prev: prev ?? null, schema: schema ?? 1, seq, signer, stream, time, type },
    payload,
    v: 1,
  };
}

/** The signing input of an unsigned envelope: EVENT_PREFIX || canonical bytes (§3.4). */
export function signingInput(unsigned) {
  return concat(new TextEncoder().encode(EVENT_PREFIX), canonicalBytes(unsigned));
}

/**
 * Signs an unsigned envelope with a WebCrypto Ed25519 private key and returns
 * `{ envelope, leafBytes, eventHash }`: the leaf bytes are the canonical envelope with `sig` (§3.5).
 */
export async function signEvent(unsigned, privateKey) {
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, signingInput(unsigned)));
  const envelope = { ...unsigned, sig: base64(signature) };
  const leafBytes = canonicalBytes(envelope);
  return { envelope, leafBytes, eventHash: await eventHash(leafBytes) };
}

/** The event hash SHA-256(0x00 || leaf bytes) (§3.5), 64 hex digits. */
export async function eventHash(leafBytes) {
  return hex(await sha256(concat(Uint8Array.of(0), leafBytes)));
}
