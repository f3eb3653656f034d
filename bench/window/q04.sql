-- a 7-row sliding average of each part's prices over lineitem
SELECT count(*) AS n, sum(average) AS sum_average
FROM (SELECT avg(l_extendedprice) OVER (PARTITION BY l_partkey ORDER BY l_shipdate, l_orderkey, l_linenumber
                                        ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS average
      FROM lineitem) averages
