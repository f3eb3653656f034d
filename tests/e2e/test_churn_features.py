"""End to end: examples/churn_features.py runs unchanged on Ember over silver.users and
silver.user_events written by examples/generate_churn_data.py with saveAsTable, and every feature
vector equals an independent computation in plain Python over the tables' Parquet files as DuckDB
reads them."""
import collections
import datetime
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBER = os.path.join(ROOT, "bin", "ember")
DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
SUBMIT = [EMBER, "submit", "--master", "local[2]", "--conf", "spark.sql.session.timeZone=UTC"]


def duckdb_rows(sql):
    out = subprocess.run(["node", DUCKDB_QUERY, sql], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()[1:]]


def table_files(warehouse, table):
    files = glob.glob(os.path.join(warehouse, "silver.db", table, "**", "*.parquet"),
                      recursive=True)
    assert files, "no Parquet files for silver.%s" % table
    return "[%s]" % ", ".join("'%s'" % f for f in files)


def expected_features(warehouse, today):
    """The script's semantics: per user, count(*), countDistinct(product_area) (nulls not
    counted) and days from the UTC date of the last event to today; inner join with the users;
    plan tiers indexed by descending frequency over the joined rows, ties alphabetically."""
    events = duckdb_rows("SELECT user_id, epoch_us(event_time), product_area FROM read_parquet(%s)"
                         % table_files(warehouse, "user_events"))
    users = dict(duckdb_rows("SELECT user_id, plan_tier FROM read_parquet(%s)"
                             % table_files(warehouse, "users")))
    counts = collections.Counter()
    last = {}
    areas = collections.defaultdict(set)
    for user_id, micros, area in events:
        counts[user_id] += 1
        last[user_id] = max(last.get(user_id, int(micros)), int(micros))
        if area is not None:
            areas[user_id].add(area)
    joined = [u for u in counts if u in users]
    tier_counts = collections.Counter(users[u] for u in joined)
    tiers = sorted(tier_counts, key=lambda t: (-tier_counts[t], t))
    epoch = datetime.datetime(1970, 1, 1)
    features = {}
    for u in joined:
        last_day = (epoch + datetime.timedelta(microseconds=last[u])).date()
        features[u] = [float(counts[u]), float(len(areas[u])), float((today - last_day).days),
                       float(tiers.index(users[u]))]
    return features


def dense(kind, size, indices, values):
    if kind == 1:
        return [float(v) for v in values]
    out = [0.0] * size
    for i, v in zip(indices, values):
        out[i] = float(v)
    return out


def test_churn_features_match_independent_computation(tmp_path):
    env = dict(os.environ, TZ="UTC")
    subprocess.run(SUBMIT + [os.path.join(ROOT, "examples", "generate_churn_data.py"),
                             "--users", "1500"], check=True, cwd=tmp_path, env=env)
    output = tmp_path / "features"
    before = datetime.datetime.now(datetime.timezone.utc).date()
    subprocess.run(SUBMIT + [os.path.join(ROOT, "examples", "churn_features.py"), str(output)],
                   check=True, cwd=tmp_path, env=env)
    after = datetime.datetime.now(datetime.timezone.utc).date()

    rows = duckdb_rows("SELECT user_id, features.type, features.size, features.indices, "
                       "features.values FROM read_parquet('%s/*.parquet')" % output)
    actual = {r[0]: dense(int(r[1]), r[2], r[3], r[4]) for r in rows}
    assert len(actual) == len(rows), "duplicate users in the output"
    warehouse = str(tmp_path / "spark-warehouse")
    expected = expected_features(warehouse, before)
    if actual != expected and before != after:
        expected = expected_features(warehouse, after)  # the run crossed midnight
    assert len(expected) > 1000
    assert actual == expected
