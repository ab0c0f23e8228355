#!/usr/bin/env python3
"""Generates ed25519-public-keys.json: Ed25519 public-key encodings and whether docs/format.md §2.1
accepts them (canonical y < p, on the curve, prime order L, not the identity).

Pure integer arithmetic from RFC 8032 §5.1 (no library), so the expectations do not come from the
code under test. Run: python3 ed25519-public-keys.py > ed25519-public-keys.json
"""
import hashlib
import json

p = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
d = (-121665 * pow(121666, p - 2, p)) % p
SQRT_M1 = pow(2, (p - 1) // 4, p)


def add(P, Q):
    x1, y1 = P
    x2, y2 = Q
    t = d * x1 * x2 * y1 * y2 % p
    x3 = (x1 * y2 + x2 * y1) * pow(1 + t, p - 2, p) % p
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, p - 2, p) % p
    return (x3, y3)


def mul(k, P):
    R = (0, 1)
    while k:
        if k & 1:
            R = add(R, P)
        P = add(P, P)
        k >>= 1
    return R


def recover_x(y, sign):
    """RFC 8032 §5.1.3 step 2-4 for an already reduced y; None if no x exists."""
    u = (y * y - 1) % p
    v = (d * y * y + 1) % p
    x = (u * pow(v, 3, p) * pow(u * pow(v, 7, p), (p - 5) // 8, p)) % p
    if (v * x * x - u) % p != 0:
        if (v * x * x + u) % p != 0:
            return None
        x = x * SQRT_M1 % p
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = p - x
    return x


def encode(P):
    x, y = P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def encode_raw(y_int, sign):
    """Any 255-bit y (possibly >= p) with a sign bit: how non-canonical encodings are written."""
    return (y_int | (sign << 255)).to_bytes(32, "little")


def order(P):
    if P == (0, 1):
        return 1
    for k in (2, 4, 8):
        if mul(k, P) == (0, 1):
            return k
    if mul(L, P) == (0, 1):
        return L
    return 8 * L  # mixed: L * P is a non-identity small-order point


B = (recover_x(4 * pow(5, p - 2, p) % p, 0), 4 * pow(5, p - 2, p) % p)
assert encode(B).hex() == "5866666666666666666666666666666666666666666666666666666666666666"


def public_key(seed):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return mul(a, B)


A = public_key(bytes(range(32)))
assert encode(A).hex() == "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"

# The eight points of order dividing 8, as multiples of one point T8 of order 8, found as [L]P for
# the first point P (smallest y) with a component of order 8.
T8 = None
y = 2
while T8 is None:
    x = recover_x(y, 0)
    if x is not None:
        T = mul(L, (x, y))
        if mul(4, T) != (0, 1):
            T8 = T
    y += 1
small = [mul(k, T8) for k in range(8)]
assert len({encode(P) for P in small}) == 8

cases = []


def case(key_bytes, result, comment, flags):
    cases.append({"tcId": len(cases) + 1, "comment": comment, "pk": key_bytes.hex(), "result": result,
                  "flags": flags})


for k, P in enumerate(small):
    case(encode(P), "invalid", f"small-order point [{k}]T8, order {order(P)}, canonical encoding", ["SmallOrder"])

# Non-canonical encodings: y >= p (y + p fits in 255 bits only for y < 19), and x = 0 with the sign bit set.
for y_red in range(19):
    for sign in (0, 1):
        x = recover_x(y_red, sign)
        raw = encode_raw(y_red + p, sign)
        if x is None:
            if y_red == 1 and sign == 1:
                case(raw, "invalid", "non-canonical twice: y = p + 1 (the identity's y) and x = 0 with the sign bit "
                     "set", ["NonCanonical", "SmallOrder"])
            continue
        P = (x, y_red)
        o = order(P)
        kind = "small-order" if o <= 8 else ("prime-order" if o == L else "mixed-order")
        case(raw, "invalid", f"non-canonical y = p + {y_red} (>= p), sign {sign}: a {kind} point (order "
             f"{o if o <= 8 else ('L' if o == L else '8L')}) encoded with y not reduced",
             ["NonCanonical"] + (["SmallOrder"] if o <= 8 else []))
for P in small:
    if P[0] == 0:
        case(encode_raw(P[1], 1), "invalid",
             f"non-canonical: x = 0 (y = {'1' if P[1] == 1 else 'p - 1'}) with the sign bit set",
             ["NonCanonical", "SmallOrder"])

# y values that are not on the curve at all.
off = 0
y = 2
while off < 3:
    if recover_x(y, 0) is None:
        case(encode_raw(y, 0), "invalid", f"not on the curve: y = {y} has no x", ["NotOnCurve"])
        off += 1
    y += 1

# Mixed-order points: a prime-order point plus a non-identity small-order one.
for k in (1, 2, 4):
    T = mul(k, T8)
    P = add(A, T)
    case(encode(P), "invalid", f"mixed order: A + [{k}]T8 (small component of order {order(T)}), A the key of "
         "seed 00..1f", ["MixedOrder"])
P = add(B, T8)
case(encode(P), "invalid", "mixed order: B + T8 (B the base point)", ["MixedOrder"])

# Valid keys, so the test can also fail by rejecting good ones.
case(encode(B), "valid", "the base point B", ["Valid"])
case(encode(A), "valid", "public key of seed 00 01 .. 1f (docs/format.md §2.4)", ["Valid"])
case(encode(mul(L - 1, B)), "valid", "[L - 1]B = -B", ["Valid"])
case(encode(public_key(b"\x01" * 32)), "valid", "public key of seed 01 * 32 (docs/format.md §3.6)", ["Valid"])

print(json.dumps({
    "algorithm": "Ed25519",
    "description": "Public-key validity (docs/format.md §2.1): canonical encoding (y < p, no sign bit on x = 0), on "
                   "the curve, order exactly L. Generated by ed25519-public-keys.py (pure integer arithmetic).",
    "numberOfTests": len(cases),
    "tests": cases,
}, indent=1))
