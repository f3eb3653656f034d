"""End to end: examples/churn_features.py runs unchanged on Ember over silver.users and
silver.user_events written by examples/generate_churn_data.py with saveAsTable, and every feature
vector equals an independent computation in plain Python over the tables' Parquet files as DuckDB
reads them; examples/churn_model.py goes on to train, evaluate, save and reload a model whose
reported metrics equal those computed in plain Python from its saved predictions."""
import collections
import datetime
import glob
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBER = os.path.join(ROOT, "bin", "ember")
DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
SUBMIT = [EMBER, "submit", "--master", "local[2]", "--conf", "spark.sql.session.timeZone=UTC"]
ENV = dict(os.environ, TZ="UTC")


def duckdb_rows(sql):
    out = subprocess.run(["node", DUCKDB_QUERY, sql], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()[1:]]


def table_files(warehouse, table):
    files = glob.glob(os.path.join(warehouse, "silver.db", table, "**", "*.parquet"),
                      recursive=True)
    assert files, "no Parquet files for silver.%s" % table
    return "[%s]" % ", ".join("'%s'" % f for f in files)


def raw_features(warehouse, today):
    """The script's semantics: per user, count(*), countDistinct(product_area) (nulls not
    counted) and days from the UTC date of the last event to today; inner join with the users."""
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
    epoch = datetime.datetime(1970, 1, 1)
    return {u: {"event_count": counts[u], "product_area_count": len(areas[u]),
                "days_since_last_event":
                    (today - (epoch + datetime.timedelta(microseconds=last[u])).date()).days,
                "plan_tier": users[u]}
            for u in counts if u in users}


def expected_features(warehouse, today):
    """The feature vectors: the raw features with plan tiers indexed by descending frequency
    over the joined rows, ties alphabetically."""
    raw = raw_features(warehouse, today)
    tier_counts = collections.Counter(r["plan_tier"] for r in raw.values())
    tiers = sorted(tier_counts, key=lambda t: (-tier_counts[t], t))
    return {u: [float(r["event_count"]), float(r["product_area_count"]),
                float(r["days_since_last_event"]), float(tiers.index(r["plan_tier"]))]
            for u, r in raw.items()}


def dense(kind, size, indices, values):
    if kind == 1:
        return [float(v) for v in values]
    out = [0.0] * size
    for i, v in zip(indices, values):
        out[i] = float(v)
    return out


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """A folder whose spark-warehouse holds the generated silver tables."""
    folder = tmp_path_factory.mktemp("churn")
    subprocess.run(SUBMIT + [os.path.join(ROOT, "examples", "generate_churn_data.py"),
                             "--users", "1500"], check=True, cwd=folder, env=ENV)
    return folder


def test_churn_features_match_independent_computation(tables):
    output = tables / "features"
    before = datetime.datetime.now(datetime.timezone.utc).date()
    subprocess.run(SUBMIT + [os.path.join(ROOT, "examples", "churn_features.py"), str(output)],
                   check=True, cwd=tables, env=ENV)
    after = datetime.datetime.now(datetime.timezone.utc).date()

    rows = duckdb_rows("SELECT user_id, features.type, features.size, features.indices, "
                       "features.values FROM read_parquet('%s/*.parquet')" % output)
    actual = {r[0]: dense(int(r[1]), r[2], r[3], r[4]) for r in rows}
    assert len(actual) == len(rows), "duplicate users in the output"
    warehouse = str(tables / "spark-warehouse")
    expected = expected_features(warehouse, before)
    if actual != expected and before != after:
        expected = expected_features(warehouse, after)  # the run crossed midnight
    assert len(expected) > 1000
    assert actual == expected


def test_churn_model_metrics_and_saved_model(tables):
    model_dir, predictions_dir = tables / "model", tables / "predictions"
    out = subprocess.run(SUBMIT + [os.path.join(ROOT, "examples", "churn_model.py"),
                                   str(model_dir), str(predictions_dir)],
                         check=True, cwd=tables, env=ENV, capture_output=True, text=True)
    metrics = json.loads(out.stdout.strip().splitlines()[-1])
    rows = duckdb_rows("SELECT label, probability.values[2] FROM read_parquet('%s/*.parquet')"
                       % predictions_dir)
    assert len(rows) > 200
    positives = [p for label, p in rows if label == 1.0]
    negatives = [p for label, p in rows if label == 0.0]
    # area under ROC: the chance that a churned user scores above one who stayed (ties half)
    auc = sum((a > b) + 0.5 * (a == b) for a in positives for b in negatives) / (
        len(positives) * len(negatives))
    assert metrics["areaUnderROC"] == pytest.approx(auc, rel=1e-9)
    assert auc > 0.75, "the generated churn should be learnable from the features"
    accuracy = sum((p > 0.5) == (label == 1.0) for label, p in rows) / len(rows)
    assert metrics["accuracy"] == pytest.approx(accuracy, rel=1e-12)
    with open(model_dir / "metadata" / "part-00000") as f:
        assert json.loads(f.readline())["class"] == "org.apache.spark.ml.PipelineModel"
    stages = sorted(os.listdir(model_dir / "stages"))
    assert [s.split("_", 1)[1].rsplit("_", 1)[0] for s in stages] == [
        "StringIndexer", "VectorAssembler", "StandardScaler", "LogisticRegression"]
    assert glob.glob(str(model_dir / "stages" / stages[3] / "data" / "*.parquet"))
    assert metrics["servedRows"] == len(rows)


def test_churn_model_serves_as_its_batch_predictions(tables):
    """ember.ml.serving, in this process and with no session, scores each held-out user from the
    raw features computed in plain Python exactly as the batch transform predicted them."""
    model_dir, predictions_dir = tables / "served-model", tables / "served-predictions"
    before = datetime.datetime.now(datetime.timezone.utc).date()
    subprocess.run(SUBMIT + [os.path.join(ROOT, "examples", "churn_model.py"),
                             str(model_dir), str(predictions_dir)],
                   check=True, cwd=tables, env=ENV, capture_output=True)
    sys.path.insert(0, os.path.join(ROOT, "python"))
    from ember.ml import serving
    scorer = serving.load(str(model_dir))
    raw = raw_features(str(tables / "spark-warehouse"), before)
    predictions = duckdb_rows("SELECT user_id, probability.values FROM read_parquet('%s/*.parquet')"
                              % predictions_dir)
    assert len(predictions) > 200
    users = [user for user, _ in predictions]
    served = scorer.transform_rows([dict(raw[user], user_id=user) for user in users])
    for (user, probability), row in zip(predictions, served):
        assert [float(p).hex() for p in row["probability"]] == [p.hex() for p in probability], user
