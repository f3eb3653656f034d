#!/usr/bin/env python3
"""Benchmark: sorting TPC-H lineitem and writing it back as Parquet under a memory budget, Ember
(spark.driver.memory) against DuckDB (memory_limit), in the same run on the same files. Each engine
runs in its own process; wall time is measured around the whole process (start-up included, the
same for both), peak RSS from outside the process (the child's ru_maxrss from wait4).

    bench/memory_sort.py [--scale 1] [--memory 2g] [--threads 2] [--work-dir build/bench]
"""
import os
import shutil

import memory_bench

ORDER_BY = "l_shipdate, l_orderkey, l_linenumber"


def main():
    args = memory_bench.arguments()
    data, out = memory_bench.prepare(args, "memory-sort")
    lineitem = os.path.join(data, "lineitem")
    columns = ", ".join(repr(c.strip()) for c in ORDER_BY.split(","))
    results = {"Ember": memory_bench.run_ember(
        args, out, f"spark.read.parquet({lineitem!r}).orderBy({columns}).write.parquet({os.path.join(out, 'ember')!r})\n")}
    query = f"SELECT * FROM read_parquet('{memory_bench.parquet_files(lineitem)}') ORDER BY {ORDER_BY}"
    results["DuckDB"] = memory_bench.run_duckdb(args, out, query, preserve_order=True)
    memory_bench.report(f"TPC-H SF{args.scale:g} lineitem sorted by {ORDER_BY} and written as Parquet, "
                        f"{args.threads} threads, memory {args.memory}", results)
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
