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


_core_hash = None


def _seed_zero_hash(value):
    global _core_hash
    if _core_hash is None:
        import ember
        _core_hash = ember.load_core().seed_zero_hash
    return _core_hash(value, *_ROUNDS)


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
