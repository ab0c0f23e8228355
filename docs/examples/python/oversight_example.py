#!/usr/bin/env python3
"""Sign events, submit them to an Oversight ledger and check what the ledger answers.

Uses only the Python standard library and the `cryptography` package (Debian: python3-cryptography).
Everything it computes comes from docs/format.md; nothing is taken on the ledger's word:

  1. generates Ed25519 keys for an authority, an officer and a camera;
  2. signs a genesis AuthorityDeclared, the officer's KeyEnrolled, a CameraRegistered and a
     CameraDecommissioned (format.md §3.4: Ed25519 over "oversight/event/v1\\n" || JCS(envelope
     without sig)), chaining each stream with seq and prev (§5.2);
  3. submits them (POST /v1/events), checking each receipt's event hash against its own
     SHA-256(0x00 || leaf bytes) (§3.5), and that a resubmission is answered idempotently;
  4. submits a tampered event and shows the RFC 9457 problem the ledger answers;
  5. waits for a signed checkpoint covering the events, verifies its C2SP signed-note signature
     with the log key (§8), and verifies every event's RFC 9162 inclusion proof against its root (§7.1).

Usage:  oversight_example.py --url http://127.0.0.1:8080 --token @operator.token [--log-key @log.vkey]

The ledger must be fresh (no events yet): the example declares genesis. Without --log-key the
log's verifier key is read from GET /v1/keys, which a real client must NOT do: take it out of band.
Exit status: 0 when every check held, 1 when a check failed, 2 on bad usage or an unreachable ledger.
"""
import argparse
import base64
import hashlib
import json
import sys
import time
import urllib.error
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

EVENT_DOMAIN = b"oversight/event/v1\n"


class CheckFailed(Exception):
    pass


# ---- format.md §1: canonical JSON (RFC 8785) for the values Oversight signs ----------------------
def jcs(value) -> bytes:
    """RFC 8785 for integers, strings, booleans, null, arrays and objects (signed content has no
    floating point). Member names here are ASCII, so sorting by code point equals RFC 8785's UTF-16
    order; json.dumps escapes exactly the characters RFC 8785 escapes, in the same forms."""
    def check(v):
        if isinstance(v, float):
            raise ValueError("signed content carries no floating-point numbers")
        if isinstance(v, dict):
            for k, x in v.items():
                if not k.isascii():
                    raise ValueError("this example sorts ASCII member names only")
                check(x)
        if isinstance(v, list):
            for x in v:
                check(x)
    check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# ---- format.md §2: keys --------------------------------------------------------------------------
class Key:
    def __init__(self):
        self.private = Ed25519PrivateKey.generate()
        self.raw_public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def text(self) -> str:  # §2.4
        return "ed25519:" + base64.b64encode(self.raw_public).decode()

    def key_id(self) -> str:  # §2.3
        return hashlib.sha256(b"oversight/key/v1\n" + b"\x01" + self.raw_public).digest()[:16].hex()


def event_hash(leaf_bytes: bytes) -> str:  # §3.5
    return hashlib.sha256(b"\x00" + leaf_bytes).hexdigest()


class Stream:
    """One stream's hash chain (§5.2): the next seq and the previous event's hash."""

    def __init__(self, name):
        self.name, self.seq, self.prev = name, 0, None

    def sign(self, key: Key, event_type: str, payload: dict, event_id: str, time_text: str) -> bytes:
        header = {"eventId": event_id, "prev": self.prev, "schema": 1, "seq": self.seq,
                  "signer": key.key_id(), "stream": self.name, "time": time_text, "type": event_type}
        unsigned = {"header": header, "payload": payload, "v": 1}
        signature = key.private.sign(EVENT_DOMAIN + jcs(unsigned))  # §3.4
        leaf = jcs(dict(unsigned, sig=base64.b64encode(signature).decode()))
        self.seq, self.prev = self.seq + 1, event_hash(leaf)
        return leaf


# ---- the ledger's HTTP API (docs/ledger.md §3) ---------------------------------------------------
class Ledger:
    def __init__(self, url, token):
        self.url, self.token = url.rstrip("/"), token

    def request(self, method, path, body=None, auth=True):
        req = urllib.request.Request(self.url + path, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()


# ---- format.md §8 and §2.5: the checkpoint and the log's note key -----------------------------------
def parse_verifier_key(vkey: str):
    name, key_id_hex, b64 = vkey.split("+", 2)  # split at the first two '+' only: base64 may hold '+'
    raw = base64.b64decode(b64, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise CheckFailed("log key is not an Ed25519 note key (type 0x01, 32 bytes): " + vkey)
    expected_id = hashlib.sha256(name.encode() + b"\n\x01" + raw[1:]).digest()[:4]
    if expected_id.hex() != key_id_hex:
        raise CheckFailed(f"log key id {key_id_hex} does not match its name and key ({expected_id.hex()})")
    return name, expected_id, Ed25519PublicKey.from_public_bytes(raw[1:])


def verify_checkpoint(note: bytes, vkey: str):
    name, key_id, public = parse_verifier_key(vkey)
    text, sep, sigs = note.rpartition(b"\n\n")
    if not sep:
        raise CheckFailed("checkpoint note has no blank line before its signatures")
    text += b"\n"
    verified = False
    for line in sigs.decode().splitlines():
        if not line.startswith("\u2014 "):
            raise CheckFailed("not a signature line: " + line)
        signer, b64 = line[2:].split(" ", 1)
        blob = base64.b64decode(b64, validate=True)
        if signer == name and blob[:4] == key_id:
            try:
                public.verify(blob[4:], text)
            except InvalidSignature:
                raise CheckFailed("the log's signature on the checkpoint does not verify")
            verified = True
    if not verified:
        raise CheckFailed("the checkpoint carries no signature by the log key " + name)
    origin, size, root_b64 = text.decode().split("\n")[:3]
    if origin != name:
        raise CheckFailed(f"checkpoint origin {origin!r} is not the log key's name {name!r}")
    return int(size), base64.b64decode(root_b64, validate=True)


# ---- format.md §7.1: RFC 9162 inclusion proof verification --------------------------------------
def root_from_inclusion_proof(index: int, size: int, leaf_hash: bytes, proof: list) -> bytes:
    if index >= size:
        raise CheckFailed(f"index {index} >= size {size}")
    node = lambda l, r: hashlib.sha256(b"\x01" + l + r).digest()
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise CheckFailed("inclusion proof has too many hashes")
        if fn % 2 == 1 or fn == sn:
            r = node(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise CheckFailed("inclusion proof has too few hashes")
    return r


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="ledger base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", required=True, help="bearer token, or @FILE holding it (operator role)")
    parser.add_argument("--log-key", help="the log's C2SP verifier key, or @FILE (default: GET /v1/keys)")
    args = parser.parse_args(argv)
    read = lambda v: open(v[1:]).read().strip() if v.startswith("@") else v
    ledger = Ledger(args.url, read(args.token))

    authority, officer, camera = Key(), Key(), Key()
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())  # §4.1 timestamp, informational
    principal_a, principal_o, cam = Stream("principal/py-authority"), Stream("principal/py-officer"), Stream("camera/py-cam-1")
    events = [
        principal_a.sign(authority, "AuthorityDeclared", {"name": "Example oversight board", "principal": "py-authority",
                                                          "publicKey": authority.text()}, "py-ev-1", now),
        principal_o.sign(authority, "KeyEnrolled", {"principal": "py-officer", "publicKey": officer.text(),
                                                    "role": "officer"}, "py-ev-2", now),
        cam.sign(officer, "CameraRegistered", {"camera": "py-cam-1", "devicePublicKey": camera.text(),
                                               "legalBasis": "example legal basis",
                                               "location": {"description": "Example Street", "latitudeE7": 515007000,
                                                            "longitudeE7": -1246000},
                                               "purpose": "integration example"}, "py-ev-3", now),
        cam.sign(officer, "CameraDecommissioned", {"camera": "py-cam-1", "reason": "example finished"}, "py-ev-4", now),
    ]

    receipts = []
    for leaf in events:
        status, _, body = ledger.request("POST", "/v1/events", leaf)
        if status != 200:
            raise CheckFailed(f"submission refused: HTTP {status}: {body.decode(errors='replace')}")
        receipt = json.loads(body)
        if receipt["eventHash"] != event_hash(leaf):
            raise CheckFailed(f"receipt hash {receipt['eventHash']} is not SHA-256(0x00 || leaf) = {event_hash(leaf)}")
        receipts.append((receipt, leaf))
        print(f"submitted {receipt['eventId']}: leaf {receipt['leafIndex']}, event hash {receipt['eventHash']}")

    status, headers, body = ledger.request("POST", "/v1/events", events[0])
    again = json.loads(body)
    if status != 200 or again["leafIndex"] != receipts[0][0]["leafIndex"]:
        raise CheckFailed(f"resubmission was not idempotent: HTTP {status}: {body.decode(errors='replace')}")
    print(f"resubmitted py-ev-1: same leaf {again['leafIndex']} (Oversight-Duplicate: {headers.get('Oversight-Duplicate')})")

    cam2 = Stream("camera/py-cam-2")
    forged = bytearray(cam2.sign(officer, "CameraRegistered", {"camera": "py-cam-2", "devicePublicKey": Key().text(),
                                                               "legalBasis": "example legal basis",
                                                               "location": {"description": "Example Street", "latitudeE7": 0,
                                                                            "longitudeE7": 0},
                                                               "purpose": "integration example"}, "py-ev-5", now))
    forged[forged.index(b'"sig":"') + 8] ^= 0x01  # flip one bit of the signature's base64
    status, headers, body = ledger.request("POST", "/v1/events", bytes(forged))
    if status < 400 or status >= 500 or not headers.get("Content-Type", "").startswith("application/problem+json"):
        raise CheckFailed(f"a tampered event was answered HTTP {status} {headers.get('Content-Type')}: {body[:200]!r}")
    problem = json.loads(body)
    if "signature" not in problem.get("type", "") + problem.get("detail", ""):
        raise CheckFailed(f"a tampered signature was refused for another reason: {problem}")
    print(f"tampered event refused: HTTP {status} {problem.get('type')}: {problem.get('detail')}")

    if args.log_key:
        vkey = read(args.log_key)
    else:
        status, _, body = ledger.request("GET", "/v1/keys")
        vkey = json.loads(body)["log"]["verifierKey"]
        print("log key from GET /v1/keys (a real client takes it out of band): " + vkey)

    last_leaf = max(r["leafIndex"] for r, _ in receipts)
    deadline = time.monotonic() + 30
    while True:
        status, _, note = ledger.request("GET", "/checkpoint", auth=False)
        if status == 200:
            size, root = verify_checkpoint(note, vkey)
            if size > last_leaf:
                break
        if time.monotonic() > deadline:
            raise CheckFailed(f"no signed checkpoint covers leaf {last_leaf} within 30 s")
        time.sleep(0.2)
    print(f"checkpoint verified: size {size}, root {root.hex()}")

    for receipt, leaf in receipts:
        i = receipt["leafIndex"]
        status, _, body = ledger.request("GET", f"/v1/proofs/inclusion?leaf={i}&size={size}")
        if status != 200:
            raise CheckFailed(f"inclusion proof for leaf {i}: HTTP {status}: {body.decode(errors='replace')}")
        proof = [bytes.fromhex(h) for h in json.loads(body)["hashes"]]
        computed = root_from_inclusion_proof(i, size, hashlib.sha256(b"\x00" + leaf).digest(), proof)
        if computed != root:
            raise CheckFailed(f"leaf {i}: inclusion proof gives root {computed.hex()}, checkpoint has {root.hex()}")
        print(f"leaf {i} ({receipt['eventId']}) is in the checkpoint (inclusion proof of {len(proof)} hashes verified)")
    print("PASS: every event signed here is in the signed log, exactly as signed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except CheckFailed as e:
        print("FAIL: " + str(e), file=sys.stderr)
        sys.exit(1)
    except (urllib.error.URLError, OSError) as e:
        print(f"oversight_example: cannot reach the ledger: {e}", file=sys.stderr)
        sys.exit(2)
