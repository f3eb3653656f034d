-- lag per customer: the change from the customer's previous order
SELECT count(*) AS n, count(previous) AS with_previous, sum(o_totalprice - previous) AS sum_change
FROM (SELECT o_totalprice,
             lag(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey) AS previous
      FROM orders) lagged
