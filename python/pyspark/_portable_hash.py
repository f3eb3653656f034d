"""portable_hash: the hash PySpark places keys by, as its Python workers compute it.

PySpark starts its workers with PYTHONHASHSEED=0 unless told otherwise, so a string or bytes key
hashes the same in every run. Ember runs tasks in the driver's own interpreter, whose seed may be
random: unless it was started with PYTHONHASHSEED=0, strings and bytes are hashed here with the
interpreter's SipHash and the all-zero key that seed 0 means, so keys land in the partitions they
land in with PySpark."""

import functools
import sys

_MASK = (1 << 64) - 1
_SEED_ZERO = sys.flags.hash_randomization == 0
# SipHash-1-3 since CPython 3.11, SipHash-2-4 before: (compression rounds, finalization rounds).
_ROUNDS = {"siphash13": (1, 3), "siphash24": (2, 4)}.get(sys.hash_info.algorithm)


def _rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & _MASK


def _sip_round(v0, v1, v2, v3):
    v0 = (v0 + v1) & _MASK
    v2 = (v2 + v3) & _MASK
    v1 = _rotl(v1, 13) ^ v0
    v3 = _rotl(v3, 16) ^ v2
    v0 = _rotl(v0, 32)
    v2 = (v2 + v1) & _MASK
    v0 = (v0 + v3) & _MASK
    v1 = _rotl(v1, 17) ^ v2
    v3 = _rotl(v3, 21) ^ v0
    v2 = _rotl(v2, 32)
    return v0, v1, v2, v3


def _siphash_zero_key(data):
    compression, finalization = _ROUNDS
    v0, v1, v2, v3 = 0x736F6D6570736575, 0x646F72616E646F6D, 0x6C7967656E657261, 0x7465646279746573
    whole = len(data) - len(data) % 8
    for i in range(0, whole, 8):
        m = int.from_bytes(data[i:i + 8], "little")
        v3 ^= m
        for _ in range(compression):
            v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
        v0 ^= m
    last = ((len(data) & 0xFF) << 56) | int.from_bytes(data[whole:], "little")
    v3 ^= last
    for _ in range(compression):
        v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
    v0 ^= last
    v2 ^= 0xFF
    for _ in range(finalization):
        v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
    h = v0 ^ v1 ^ v2 ^ v3
    h = h - (1 << 64) if h >= 1 << 63 else h  # Py_hash_t is signed
    return -2 if h == -1 else h


def _string_bytes(s):
    """The bytes CPython hashes for a str: its characters in 1, 2 or 4 bytes each, by the widest."""
    try:
        return s.encode("latin-1")
    except UnicodeEncodeError:
        pass
    wide = s.encode("utf-16-le", "surrogatepass")
    if len(wide) == 2 * len(s):
        return wide
    return s.encode("utf-32-le", "surrogatepass")


@functools.lru_cache(maxsize=1 << 16)
def _seed_zero_hash(value):
    data = _string_bytes(value) if isinstance(value, str) else bytes(value)
    return _siphash_zero_key(data) if data else 0


def portable_hash(x):
    """PySpark's hash of a key: None is 0, tuples combine their items' hashes, other values use
    Python's hash (strings and bytes as with PYTHONHASHSEED=0)."""
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for item in x:
            h ^= portable_hash(item)
            h *= 1000003
            h &= sys.maxsize
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    if not _SEED_ZERO and _ROUNDS is not None and isinstance(x, (str, bytes)):
        return _seed_zero_hash(x)
    return hash(x)
