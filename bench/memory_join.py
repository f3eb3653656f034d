#!/usr/bin/env python3
"""Benchmark: TPC-H lineitem joined with orders on the order key, every column kept, written as
Parquet under a memory budget, Ember (spark.driver.memory) against DuckDB (memory_limit), in the
same run on the same files, measured as memory_sort.py measures (one process per engine, wall time
around it, peak RSS from outside it). Both results must hold as many rows as lineitem.

    bench/memory_join.py [--scale 1] [--memory 2g] [--threads 2] [--work-dir build/bench]
"""
import os
import shutil

import memory_bench

EMBER_BODY = """
lineitem = spark.read.parquet({lineitem!r})
orders = spark.read.parquet({orders!r})
lineitem.join(orders, lineitem.l_orderkey == orders.o_orderkey).write.parquet({output!r})
"""

COUNT_BODY = """
print(spark.read.parquet({lineitem!r}).count(), spark.read.parquet({ember!r}).count(),
      spark.read.parquet({duckdb!r}).count())
"""


def main():
    args = memory_bench.arguments()
    data, out = memory_bench.prepare(args, "memory-join")
    lineitem, orders = os.path.join(data, "lineitem"), os.path.join(data, "orders")
    ember_out, duckdb_out = os.path.join(out, "ember"), os.path.join(out, "duckdb.parquet")
    results = {"Ember": memory_bench.run_ember(
        args, out, EMBER_BODY.format(lineitem=lineitem, orders=orders, output=ember_out))}
    query = (f"SELECT * FROM read_parquet('{memory_bench.parquet_files(lineitem)}') "
             f"JOIN read_parquet('{memory_bench.parquet_files(orders)}') ON l_orderkey = o_orderkey")
    results["DuckDB"] = memory_bench.run_duckdb(args, out, query, preserve_order=False)
    # Every lineitem row has its order.
    counts = memory_bench.run_check(args, out, COUNT_BODY.format(lineitem=lineitem, ember=ember_out, duckdb=duckdb_out))
    if len(set(counts)) != 1:
        raise RuntimeError(f"row counts differ (lineitem, Ember, DuckDB): {counts}")
    memory_bench.report(f"TPC-H SF{args.scale:g} lineitem joined with orders on the order key ({counts[0]} rows), "
                        f"written as Parquet, {args.threads} threads, memory {args.memory}", results)
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
