-- row_number() per customer ordered by date over orders
SELECT count(*) AS n, sum(rn) AS sum_rn, sum(rn * (o_orderkey % 1000)) AS check_sum
FROM (SELECT o_orderkey,
             row_number() OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey) AS rn
      FROM orders) numbered
