#!/usr/bin/env python3
"""Benchmark: TPC-H lineitem grouped by (l_orderkey, l_partkey) with several aggregates, written as
Parquet under a memory budget, Ember (spark.driver.memory) against DuckDB (memory_limit), in the
same run on the same files, measured as memory_sort.py measures (one process per engine, wall time
around it, peak RSS from outside it). Nearly every pair is its own group, so the hash table is as
large as the input: both engines must spill. Both outputs must hold the same groups, counts and sums.

    bench/memory_agg.py [--scale 1] [--memory 2g] [--threads 2] [--work-dir build/bench] [--data DIR]
"""
import os
import shutil

import memory_bench

AGGREGATES = ("count(*) AS n, sum(l_quantity) AS quantity, sum(l_extendedprice) AS price, "
              "avg(l_discount) AS discount, min(l_shipdate) AS first_ship, max(l_receiptdate) AS last_receipt")
GROUP_BY = "l_orderkey, l_partkey"

EMBER_BODY = """
spark.read.parquet({lineitem!r}).createOrReplaceTempView("lineitem")
spark.sql("SELECT {group_by}, {aggregates} FROM lineitem GROUP BY {group_by}").write.parquet({output!r})
"""

# What both outputs must agree on: the number of groups, the rows and sums they cover, the dates.
CHECK_BODY = """
for path in ({ember!r}, {duckdb!r}):
    row = spark.read.parquet(path).selectExpr("count(*)", "sum(n)", "sum(quantity)", "sum(price)",
                                              "min(first_ship)", "max(last_receipt)").first()
    print("|".join(str(v) for v in row))
"""


def main():
    args = memory_bench.arguments()
    data, out = memory_bench.prepare(args, "memory-agg")
    lineitem = os.path.join(data, "lineitem")
    ember_out, duckdb_out = os.path.join(out, "ember"), os.path.join(out, "duckdb.parquet")
    results = {"Ember": memory_bench.run_ember(
        args, out, EMBER_BODY.format(lineitem=lineitem, group_by=GROUP_BY, aggregates=AGGREGATES, output=ember_out))}
    query = (f"SELECT {GROUP_BY}, {AGGREGATES} FROM read_parquet('{memory_bench.parquet_files(lineitem)}') "
             f"GROUP BY {GROUP_BY}")
    results["DuckDB"] = memory_bench.run_duckdb(args, out, query, preserve_order=False)
    ember_sums, duckdb_sums = memory_bench.run_check(args, out, CHECK_BODY.format(ember=ember_out, duckdb=duckdb_out))
    if ember_sums != duckdb_sums:
        raise RuntimeError(f"the outputs differ (groups|rows|quantity|price|first|last): {ember_sums} {duckdb_sums}")
    groups = ember_sums.split("|")[0]
    memory_bench.report(f"TPC-H SF{args.scale:g} lineitem grouped by {GROUP_BY} ({groups} groups), "
                        f"written as Parquet, {args.threads} threads, memory {args.memory}", results)
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
