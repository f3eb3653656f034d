"""The TPC-H generator (tools/tpch) checked with DuckDB as an independent reader: row counts per
the specification, key integrity, value ranges and rules, determinism, and that each of the 22
queries in bench/tpch/queries returns rows over the generated Parquet files."""
import glob
import hashlib
import json
import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GEN = os.path.join(ROOT, "build", "release", "tools", "tpch", "ember-tpch-gen")
DUCKDB = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
QUERIES = os.path.join(ROOT, "bench", "tpch", "queries")
SCALE = 0.01
TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]


def generate(out, fmt="parquet", scale=SCALE, tables=None):
    cmd = [GEN, "--scale", str(scale), "--format", fmt, "--out", str(out)]
    if tables:
        cmd += ["--tables", ",".join(tables)]
    subprocess.run(cmd, check=True, timeout=300)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    if not os.path.exists(GEN):
        pytest.skip("build ember-tpch-gen first")
    out = tmp_path_factory.mktemp("tpch")
    generate(out)
    return out


def duck(data, sql):
    views = "".join(
        f"create view {t} as select * from read_parquet('{data}/{t}/*.parquet');" for t in TABLES)
    res = subprocess.run(["node", DUCKDB, views + sql], check=True, capture_output=True, text=True,
                         timeout=300)
    lines = res.stdout.strip().splitlines()
    header = json.loads(lines[0])
    return header, [json.loads(line) for line in lines[1:]]


def one(data, sql):
    _, rows = duck(data, sql)
    assert len(rows) == 1
    return rows[0]


def test_row_counts(data):
    counts = one(data, "select " + ", ".join(f"(select count(*) from {t})" for t in TABLES))
    counts = dict(zip(TABLES, (int(c) for c in counts)))
    assert counts["region"] == 5
    assert counts["nation"] == 25
    assert counts["supplier"] == 100
    assert counts["customer"] == 1500
    assert counts["part"] == 2000
    assert counts["partsupp"] == 8000
    assert counts["orders"] == 15000
    # 1..7 lines per order, 4 on average.
    assert 15000 <= counts["lineitem"] <= 7 * 15000
    assert 3.8 * 15000 < counts["lineitem"] < 4.2 * 15000


def test_types(data):
    header, rows = duck(data, "describe select * from lineitem")
    types = {r[0]: r[1] for r in rows}
    assert types["l_orderkey"] == "BIGINT"
    assert types["l_quantity"] == "DECIMAL(15,2)"
    assert types["l_extendedprice"] == "DECIMAL(15,2)"
    assert types["l_shipdate"] == "DATE"
    assert types["l_returnflag"] == "VARCHAR"
    _, rows = duck(data, "describe select * from orders")
    types = {r[0]: r[1] for r in rows}
    assert types["o_totalprice"] == "DECIMAL(15,2)" and types["o_orderdate"] == "DATE"


def test_keys(data):
    row = one(data, """select
      (select count(*) from lineitem where l_orderkey not in (select o_orderkey from orders)),
      (select count(*) from orders where o_custkey not in (select c_custkey from customer)),
      (select count(*) from partsupp where ps_partkey not in (select p_partkey from part)),
      (select count(*) from partsupp where ps_suppkey not in (select s_suppkey from supplier)),
      (select count(*) from lineitem l where not exists (select 1 from partsupp
         where ps_partkey = l.l_partkey and ps_suppkey = l.l_suppkey)),
      (select count(*) from (select ps_partkey, ps_suppkey from partsupp group by all having count(*) > 1)),
      (select count(*) - count(distinct o_orderkey) from orders),
      (select count(*) from orders where o_custkey % 3 = 0),
      (select count(*) from (select l_orderkey, l_linenumber from lineitem group by all having count(*) > 1)),
      (select count(*) from orders where o_orderkey not in (select l_orderkey from lineitem)),
      (select count(*) from customer where c_nationkey not between 0 and 24),
      (select count(*) from supplier where s_nationkey not between 0 and 24),
      (select count(*) from nation where n_regionkey not in (select r_regionkey from region))""")
    assert [int(v) for v in row] == [0] * 13


def test_value_rules(data):
    row = one(data, """select
      (select min(o_orderdate) >= date '1992-01-01' and max(o_orderdate) <= date '1998-08-02' from orders),
      (select count(*) from lineitem, orders where l_orderkey = o_orderkey and not (
         l_shipdate between o_orderdate + 1 and o_orderdate + 121
         and l_commitdate between o_orderdate + 30 and o_orderdate + 90
         and l_receiptdate between l_shipdate + 1 and l_shipdate + 30)),
      (select count(*) from lineitem where not (
         (l_receiptdate <= date '1995-06-17' and l_returnflag in ('R', 'A'))
         or (l_receiptdate > date '1995-06-17' and l_returnflag = 'N'))),
      (select count(*) from lineitem where not (
         (l_shipdate > date '1995-06-17' and l_linestatus = 'O')
         or (l_shipdate <= date '1995-06-17' and l_linestatus = 'F'))),
      (select count(*) from lineitem, part where l_partkey = p_partkey
         and l_extendedprice <> l_quantity * p_retailprice),
      (select min(l_quantity) = 1 and max(l_quantity) = 50 from lineitem),
      (select min(l_discount) = 0 and max(l_discount) = 0.10 and min(l_tax) = 0 and max(l_tax) = 0.08 from lineitem),
      (select min(c_acctbal) >= -999.99 and max(c_acctbal) <= 9999.99 from customer),
      (select min(ps_supplycost) >= 1 and max(ps_supplycost) <= 1000 and min(ps_availqty) >= 1
         and max(ps_availqty) <= 9999 from partsupp),
      (select count(*) from orders o where o_orderstatus <> (select case
         when bool_and(l_linestatus = 'F') then 'F' when bool_and(l_linestatus = 'O') then 'O' else 'P' end
         from lineitem where l_orderkey = o.o_orderkey)),
      (select count(*) from orders o where abs(o_totalprice - (select
         sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)) from lineitem where l_orderkey = o.o_orderkey)) > 0.01),
      (select count(distinct p_type) = 150 and count(distinct p_container) = 40
         and count(distinct p_brand) = 25 and min(p_size) = 1 and max(p_size) = 50 from part),
      (select count(distinct c_mktsegment) = 5 from customer),
      (select count(distinct o_orderpriority) = 5 and count(distinct o_orderstatus) = 3 from orders),
      (select count(distinct l_shipmode) = 7 and count(distinct l_shipinstruct) = 4 from lineitem),
      (select count(*) > 0 from orders where o_comment like '%special%requests%'),
      (select count(*) > 0 from supplier where s_comment like '%Customer%Complaints%'),
      (select count(*) from customer where substring(c_phone, 1, 2)::int <> c_nationkey + 10)""")
    assert row[:1] == [True]
    assert [int(v) for v in row[1:5]] == [0, 0, 0, 0]
    assert row[5:9] == [True] * 4
    assert [int(v) for v in row[9:11]] == [0, 0]
    assert row[11:17] == [True] * 6
    assert int(row[17]) == 0


def test_strings_are_printable(data):
    row = one(data, """select
      (select count(*) from customer where not regexp_full_match(c_address, '[0-9A-Za-z,]{10,40}')),
      (select count(*) from supplier where not regexp_full_match(s_address, '[0-9A-Za-z,]{10,40}')),
      (select count(*) from customer where not regexp_full_match(c_phone, '[0-9]{2}-[0-9]{3}-[0-9]{3}-[0-9]{4}')),
      (select count(*) from lineitem where not regexp_full_match(l_comment, '[ -~]+')),
      (select count(*) from orders where not regexp_full_match(o_comment, '[ -~]+'))""")
    assert [int(v) for v in row] == [0] * 5


def test_names(data):
    _, rows = duck(data, "select n_name, r_name from nation, region where n_regionkey = r_regionkey "
                         "and n_name in ('FRANCE', 'BRAZIL', 'SAUDI ARABIA', 'JAPAN', 'KENYA') order by 1")
    assert rows == [["BRAZIL", "AMERICA"], ["FRANCE", "EUROPE"], ["JAPAN", "ASIA"],
                    ["KENYA", "AFRICA"], ["SAUDI ARABIA", "MIDDLE EAST"]]


@pytest.mark.parametrize("q", range(1, 23))
def test_query_returns_rows(data, q):
    with open(os.path.join(QUERIES, f"q{q:02d}.sql")) as f:
        sql = f.read()
    if q == 18:
        # Orders above 300 units are about 1 in 25000 (64 at SF1), so at SF 0.01 there are usually
        # none; lower the threshold here so the query's joins and IN subquery still produce rows.
        assert "sum(l_quantity) > 300" in sql
        sql = sql.replace("sum(l_quantity) > 300", "sum(l_quantity) > 250")
    header, rows = duck(data, sql)
    assert rows, f"q{q:02d} returned no rows"
    # Aggregates over an empty input still give one row: require real values.
    assert any(v is not None for v in rows[0]), f"q{q:02d} returned only NULLs"


def digest(folder):
    h = hashlib.sha256()
    for path in sorted(glob.glob(os.path.join(folder, "*", "*"))):
        h.update(os.path.relpath(path, folder).encode())
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def test_deterministic(data, tmp_path):
    generate(tmp_path / "again")
    assert digest(tmp_path / "again") == digest(data)


def test_csv_matches_parquet(data, tmp_path):
    out = tmp_path / "csv"
    generate(out, fmt="csv", tables=["orders", "lineitem"])
    with open(out / "orders" / "part-00000.csv") as f:
        assert f.readline().strip() == ("o_orderkey|o_custkey|o_orderstatus|o_totalprice|o_orderdate|"
                                        "o_orderpriority|o_clerk|o_shippriority|o_comment")
    for table in ["orders", "lineitem"]:
        row = one(data, f"""select count(*) from (
          (select * from read_csv('{out}/{table}/*.csv', delim='|', header=true, quote='')
           except all select * from {table})
          union all
          (select * from {table} except all
           select * from read_csv('{out}/{table}/*.csv', delim='|', header=true, quote='')))""")
        assert int(row[0]) == 0
