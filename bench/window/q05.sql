-- rank() <= 3 per group: each supplier's three highest-priced line items (ties kept)
SELECT count(*) AS n, sum(l_orderkey) AS sum_orderkey, sum(r) AS sum_rank
FROM (SELECT l_orderkey, rank() OVER (PARTITION BY l_suppkey ORDER BY l_extendedprice DESC) AS r
      FROM lineitem) ranked
WHERE r <= 3
