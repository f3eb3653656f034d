"""The files of sc.textFile and sc.wholeTextFiles: Hadoop's splits, read by the tasks.

textFile cuts each file as Hadoop's TextInputFormat does (goal size total / minPartitions, at most
the local block size of 32 MiB, a last split up to 10% larger, compressed files whole); a line
belongs to the split its first byte follows, so every line is read once. Lines end at \\n, \\r or
\\r\\n."""

import bz2
import glob
import gzip
import os
import re

_BLOCK_SIZE = 32 * 1024 * 1024
_SPLIT_SLOP = 1.1
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open}
_LINE_END = re.compile(rb"\r\n|\r|\n")


def is_local(path):
    return "://" not in path or path.startswith("file://")


def _local_path(path):
    if path.startswith("file://"):
        return path[len("file://"):]
    if path.startswith("file:"):
        return path[len("file:"):]
    return path


def list_files(paths):
    """The files named by comma-separated paths, globs or directories (their visible files)."""
    files = []
    for path in str(paths).split(","):
        path = _local_path(path)
        matches = sorted(glob.glob(path)) if glob.has_magic(path) else [path]
        if not matches or not all(os.path.exists(m) for m in matches):
            raise FileNotFoundError("Input path does not exist: file:" + os.path.abspath(path))
        for match in matches:
            if os.path.isdir(match):
                visible = [os.path.join(match, n) for n in sorted(os.listdir(match))
                           if not n.startswith((".", "_"))]
                files.extend(f for f in visible if os.path.isfile(f))
            else:
                files.append(match)
    return [os.path.abspath(f) for f in files]


def _compressed(path):
    return os.path.splitext(path)[1] in _OPENERS


def text_splits(paths, min_partitions):
    """(path, start, length) splits of the files, as Hadoop cuts them."""
    files = [(f, os.path.getsize(f)) for f in list_files(paths)]
    goal = sum(size for _, size in files) // max(min_partitions, 1)
    split_size = max(1, min(goal, _BLOCK_SIZE))
    splits = []
    for path, size in files:
        if size == 0 or _compressed(path):
            splits.append((path, 0, size))
            continue
        remaining = size
        while remaining / split_size > _SPLIT_SLOP:
            splits.append((path, size - remaining, split_size))
            remaining -= split_size
        if remaining:
            splits.append((path, size - remaining, remaining))
    return splits


def _lines(data, base, first, last):
    """The lines of `data` (read from offset `base`) that start after `first` and at or before
    `last`, or at 0."""
    start = 0
    for end in _LINE_END.finditer(data):
        offset = base + start
        if (offset > first or offset == 0) and offset <= last:
            yield data[start:end.start()]
        start = end.end()
    offset = base + start
    if start < len(data) and (offset > first or offset == 0) and offset <= last:
        yield data[start:]


def _split_bytes(path, start, length):
    """The bytes from `start` through the end of the line running past the split's end."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(length)
        while True:
            more = f.read(64 * 1024)
            if not more:
                return data
            data += more
            tail = data[length:]
            end = _LINE_END.search(tail)
            if end is not None and end.end() < len(tail):
                return data


def read_split(split, use_unicode=True):
    path, start, length = split
    if _compressed(path):
        with _OPENERS[os.path.splitext(path)[1]](path, "rb") as f:
            data = f.read()
        lines = _lines(data, 0, -1, len(data))
    else:
        lines = _lines(_split_bytes(path, start, length), start, start, start + length)
    for line in lines:
        yield line.decode("utf-8", "replace") if use_unicode else line


def whole_file_groups(paths, min_partitions):
    """The files in groups of about total / minPartitions bytes, in path order."""
    files = [(f, os.path.getsize(f)) for f in list_files(paths)]
    limit = max(1, -(-sum(size for _, size in files) // max(min_partitions, 1)))
    groups, current, size = [], [], 0
    for path, length in files:
        current.append(path)
        size += length
        if size >= limit:
            groups.append(current)
            current, size = [], 0
    if current:
        groups.append(current)
    return groups


def read_whole(path, use_unicode=True):
    opener = _OPENERS.get(os.path.splitext(path)[1], open)
    with opener(path, "rb") as f:
        data = f.read()
    return "file:" + path, data.decode("utf-8", "replace") if use_unicode else data
