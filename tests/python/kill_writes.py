"""Kills writers with SIGKILL at random moments and checks that readers see exactly the old or
exactly the new data, never a mix, nothing, or staging files.

A writer process writes versions v, v+1, ... of one output in a loop and prints "committed v"
after each; the harness kills it after a random delay while reading the output again and again,
then reads it once more. Each kind of write has its own notion of a valid state:
- overwrite (Parquet path): all rows of one version;
- append (JSON path): versions 0..m, each complete;
- table (saveAsTable overwrite, the schema changing with the version's parity): one version,
  with the schema of that version;
- folders (insertInto overwrite of a table partitioned by p = i % 3 whose partitions p=1 and p=2
  live in folders of their own, local runs only): all rows of one version, in every folder.
The version after a kill is the last one the writer reported, or the next (killed between its
commit and its report). With an S3 server (--s3: a local s3rver, tests/python/s3_server.py) the
same writes go to s3a:// paths (the table as an external table there), committed through the
manifest.

    /usr/bin/python3 tests/python/kill_writes.py --runs 40     # `make killtest`
    /usr/bin/python3 tests/python/kill_writes.py --runs 30 --s3
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROWS = 3000
KINDS = ("overwrite", "append", "table", "folders")
TABLE = "killed_writes"
FOLDER_TABLE = "killed_folder_writes"


def frame(spark, kind, version):
    columns = ["%d AS v" % version, "id AS i"]
    if kind == "table" and version % 2:
        columns.append("concat('x', id) AS s")
    return spark.range(ROWS).selectExpr(*columns).repartition(3)


def write(spark, kind, target, version):
    df = frame(spark, kind, version)
    if kind == "overwrite":
        df.write.mode("overwrite").parquet(target)
    elif kind == "append":
        df.write.mode("append").json(target)
    elif kind == "folders":
        df.selectExpr("v", "i", "CAST(i % 3 AS int) AS p").write.insertInto(FOLDER_TABLE, overwrite=True)
    elif target.startswith("s3a://"):
        df.write.mode("overwrite").option("path", target).saveAsTable(TABLE)
    else:
        df.write.mode("overwrite").saveAsTable(TABLE)


def writer_main(kind, target, start, warehouse):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]")
             .config("spark.sql.warehouse.dir", warehouse).getOrCreate())
    print("ready", flush=True)
    version = start
    while True:
        write(spark, kind, target, version)
        print("committed %d" % version, flush=True)
        version += 1


class Invalid(AssertionError):
    pass


def read_state(spark, kind, target):
    """The version (the last version for append) the output holds; raises Invalid when the
    output is no valid state."""
    from pyspark.sql import functions as F
    if kind == "table":
        df = spark.table(TABLE)
    elif kind == "folders":
        df = spark.table(FOLDER_TABLE).select("v", "i")
    elif kind == "overwrite":
        df = spark.read.parquet(target)
    else:
        df = spark.read.schema("v long, i long").json(target)
    if kind == "append":
        # Versions pile up: count them in the engine (a complete version has ids 0..ROWS-1 once).
        stats = df.groupBy("v").agg(F.count("*").alias("n"), F.countDistinct("i").alias("d"),
                                    F.min("i").alias("lo"), F.max("i").alias("hi")).collect()
        versions = sorted(r.v for r in stats)
        if versions != list(range(len(versions))):
            raise Invalid("append: versions %s" % versions)
        for r in stats:
            if (r.n, r.d, r.lo, r.hi) != (ROWS, ROWS, 0, ROWS - 1):
                raise Invalid("append: version %d incomplete %s" % (r.v, r))
        return versions[-1]
    rows = df.collect()
    versions = {}
    for row in rows:
        versions.setdefault(row.v, []).append(row)
    if len(versions) != 1:
        raise Invalid("%s: versions %s" % (kind, sorted(versions)))
    for version, group in versions.items():
        if sorted(r.i for r in group) != list(range(ROWS)):
            raise Invalid("%s: version %d has %d rows" % (kind, version, len(group)))
        if kind == "table":
            expected = ["v", "i"] + (["s"] if version % 2 else [])
            if list(group[0].asDict()) != expected:
                raise Invalid("table: version %d read with columns %s" % (version, list(group[0].asDict())))
            if version % 2 and any(r.s != "x%d" % r.i for r in group):
                raise Invalid("table: version %d has wrong s values" % version)
    return max(versions)


def vanished(error):
    """A file listed by a reader was deleted by a commit before the reader opened it: the reader
    saw neither state, and says so (as Spark does without ignoreMissingFiles)."""
    text = str(error)
    return any(sign in text for sign in ("PATH_NOT_FOUND", "No such file", "FileNotFound", "cannot open",
                                          "UNABLE_TO_INFER_SCHEMA"))


def check_visible_names(kind, target, s3):
    if kind in ("table", "folders"):
        return
    if s3 is not None:
        check_s3_objects(target, s3)
        return
    names = os.listdir(target)
    if "_SUCCESS" not in names:
        raise Invalid("no _SUCCESS in %s" % names)
    for name in names:
        if not (name.startswith("part-") or name == "_SUCCESS" or name.startswith(".")):
            raise Invalid("unexpected entry %s" % name)


def s3_location(target):
    bucket, _, prefix = target[len("s3a://"):].partition("/")
    return bucket, prefix + "/"


def check_s3_objects(target, s3, orphans_allowed=True):
    """The output's objects: the manifest, `_SUCCESS`, and part files; those the manifest does not
    name (left by killed jobs) only while `orphans_allowed`."""
    bucket, prefix = s3_location(target)
    keys = s3.keys(bucket, prefix)
    if prefix + "_SUCCESS" not in keys:
        raise Invalid("no _SUCCESS in %s" % keys)
    committed = set(s3.committed_keys(bucket, prefix))
    for key in keys:
        name = key[len(prefix):]
        if name in ("_SUCCESS", "_ember_manifest") or key in committed:
            continue
        if not name.startswith("part-") or not orphans_allowed:
            raise Invalid("unexpected object %s" % key)


def run_once(spark, kind, target, warehouse, committed, rng, write_seconds, s3=None):
    """One writer killed at a random moment; returns the version in place afterwards."""
    env = dict(os.environ, **(s3.environment() if s3 is not None else {}))
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--writer", kind, target, str(committed + 1), warehouse],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=os.path.dirname(warehouse), env=env)
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise RuntimeError("writer did not start")
    deadline = time.monotonic() + rng.uniform(0, 2.5 * write_seconds)
    try:
        while time.monotonic() < deadline:
            try:
                version = read_state(spark, kind, target)
                if version < committed:
                    raise Invalid("%s: read version %d after %d was committed" % (kind, version, committed))
            except Invalid:
                raise
            except Exception as error:  # noqa: BLE001 - only vanished files are acceptable
                if not vanished(error):
                    raise
    finally:
        process.send_signal(signal.SIGKILL)
        out = process.stdout.read()  # with what readline buffered
        process.wait()
    reported = [int(line.split()[1]) for line in ([line] + out.splitlines()) if line.startswith("committed")]
    last = max(reported) if reported else committed
    version = read_state(spark, kind, target)
    if version not in (last, last + 1):
        raise Invalid("%s: version %d after the writer reported %d: %r" % (kind, version, last, out[-300:]))
    check_visible_names(kind, target, s3)
    return version


def run(spark, runs, seed, workdir, s3=None):
    """`runs` kills spread over the kinds of write; returns the number of kills done per kind.
    With `s3` (an S3Server whose environment() the caller has put in os.environ) the outputs are
    s3a:// paths."""
    rng = random.Random(seed)
    if s3 is not None:
        s3.make_bucket("killed-writes")
    warehouse = os.path.join(workdir, "warehouse")
    reader = spark.newSession()
    reader.conf.set("spark.sql.warehouse.dir", warehouse)
    done = {}
    kinds = [kind for kind in KINDS if s3 is None or kind != "folders"]
    for k, kind in enumerate(kinds):
        target = os.path.join(workdir, kind) if s3 is None else "s3a://killed-writes/" + kind
        if kind == "folders":
            reader.sql("CREATE TABLE %s (v long, i long, p int) USING parquet PARTITIONED BY (p)" % FOLDER_TABLE)
            reader.sql("ALTER TABLE %s ADD PARTITION (p=1) LOCATION '%s' PARTITION (p=2) LOCATION '%s'"
                       % (FOLDER_TABLE, os.path.join(target, "one"), os.path.join(target, "two")))
        start = time.monotonic()
        write(reader, kind, target, 0)
        write_seconds = max(time.monotonic() - start, 0.05)
        committed = read_state(reader, kind, target)
        count = runs // len(kinds) + (1 if k < runs % len(kinds) else 0)
        for _ in range(count):
            committed = run_once(reader, kind, target, warehouse, committed, rng, write_seconds, s3)
        # A write after the kills removes what they left: no staging directory remains.
        write(reader, kind, target, committed + 1)
        committed = read_state(reader, kind, target)
        if s3 is not None:
            check_s3_objects(target, s3, orphans_allowed=False)
            done[kind] = count
            continue
        locations = {"table": [os.path.join(warehouse, TABLE)],
                     "folders": [os.path.join(warehouse, FOLDER_TABLE), os.path.join(target, "one"),
                                 os.path.join(target, "two")]}.get(kind, [target])
        for location in locations:
            parent, name = os.path.split(location)
            left = [n for n in os.listdir(parent) if n.startswith("." + name + ".ember-staging-")]
            if left:
                raise Invalid("staging directories left: %s" % left)
        if kind == "folders" and not all(os.listdir(location) for location in locations[1:]):
            raise Invalid("a partition folder is empty")
        done[kind] = count
    return done


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--s3", action="store_true", help="write to s3a:// paths on a local s3rver")
    parser.add_argument("--writer", nargs=4, metavar=("KIND", "TARGET", "START", "WAREHOUSE"))
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(ROOT, "python"))
    import ember
    ember.activate()
    if args.writer:
        kind, target, start, warehouse = args.writer
        writer_main(kind, target, int(start), warehouse)
        return
    from pyspark.sql import SparkSession
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    spark = SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    s3 = None
    if args.s3:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from s3_server import S3Server
        s3 = S3Server()
        os.environ.update(s3.environment())
    try:
        with tempfile.TemporaryDirectory() as workdir:
            start = time.monotonic()
            done = run(spark, args.runs, seed, workdir, s3)
    finally:
        if s3 is not None:
            s3.stop()
    print("kill test passed: %s writers killed (seed %d) in %.1f s" %
          (", ".join("%d %s" % (n, kind) for kind, n in done.items()), seed, time.monotonic() - start))


if __name__ == "__main__":
    main()
