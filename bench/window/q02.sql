-- a running sum per part over lineitem
SELECT count(*) AS n, sum(running) AS sum_running, max(running) AS max_running
FROM (SELECT sum(l_quantity) OVER (PARTITION BY l_partkey ORDER BY l_shipdate, l_orderkey, l_linenumber
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
      FROM lineitem) sums
