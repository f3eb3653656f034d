"""Column pruning through Generate: a scan below explode reads only the columns the query needs, and
child columns only the generator reads are not repeated into its rows; results checked against
plain Python."""
import pytest
from pyspark.sql import Row
from pyspark.sql import functions as F

LINES = [(1, "red green red", "x" * 50), (2, "", "y"), (3, None, "z"), (4, "blue  green", "w")]


@pytest.fixture(scope="module")
def lines(spark, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("generate_pruning") / "lines")
    spark.createDataFrame(LINES, "k INT, t STRING, pad STRING").write.parquet(path)
    return spark.read.parquet(path)


def plans(df, capsys):
    df.explain(True)
    return capsys.readouterr().out


def test_explode_reads_and_repeats_only_what_is_needed(lines, capsys):
    words = lines.select(F.explode(F.split("t", " ")).alias("w"))
    text = plans(words, capsys)
    assert "ReadSchema: struct<t:string>" in text
    # t is read by the generator only: dropped from the generated rows.
    assert ", [0], false, [w]" in text
    expected = sorted(w for _, t, _ in LINES if t is not None for w in t.split(" "))
    assert sorted(r.w for r in words.collect()) == expected


def test_columns_the_parent_reads_stay_beside_the_generated_ones(lines, capsys):
    df = lines.select("k", F.posexplode_outer(F.split("t", " "))).where("k > 1")
    text = plans(df, capsys)
    assert "ReadSchema: struct<k:int,t:string>" in text
    expected = []
    for k, t, _ in LINES:
        if k <= 1:
            continue
        parts = t.split(" ") if t is not None else []
        expected += [Row(k=k, pos=i, col=p) for i, p in enumerate(parts)] or [Row(k=k, pos=None, col=None)]
    assert sorted(df.collect(), key=lambda r: (r.k, r.pos if r.pos is not None else -1)) == expected
