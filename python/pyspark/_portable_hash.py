"""portable_hash: the hash PySpark places keys by, as its Python workers compute it.

PySpark starts its workers with PYTHONHASHSEED=0 unless told otherwise, so a string or bytes key
hashes the same in every run. Ember runs tasks in the driver's own interpreter, whose seed may be
random: unless it was started with PYTHONHASHSEED=0, strings and bytes are hashed here with the
interpreter's SipHash and the all-zero key that seed 0 means (in the engine's module, over the bytes
CPython hashes), so keys land in the partitions they land in with PySpark."""

import sys

_SEED_ZERO = sys.flags.hash_randomization == 0
# SipHash-1-3 since CPython 3.11, SipHash-2-4 before: (compression rounds, finalization rounds).
_ROUNDS = {"siphash13": (1, 3), "siphash24": (2, 4)}.get(sys.hash_info.algorithm)
# Whether strings and bytes need hashing here (else hash() gives the seed-0 value, or no SipHash
# is known to match this interpreter).
_SEEDED = not _SEED_ZERO and _ROUNDS is not None


_core_hash = None
_known = {}  # seed-0 hashes of recent strings and bytes: keys repeat
_KNOWN_LIMIT = 1 << 16


def _seed_zero_hash(value):
    global _core_hash
    h = _known.get(value)
    if h is None:
        if _core_hash is None:
            import ember
            _core_hash = ember.load_core().seed_zero_hash
        if len(_known) >= _KNOWN_LIMIT:
            _known.clear()
        h = _known[value] = _core_hash(value, *_ROUNDS)
    return h


def portable_hash(x):
    """PySpark's hash of a key: None is 0, tuples combine their items' hashes, other values use
    Python's hash (strings and bytes as with PYTHONHASHSEED=0)."""
    if x is None:
        return 0
    if isinstance(x, (str, bytes)) and _SEEDED:
        return _seed_zero_hash(x)
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
    return hash(x)
