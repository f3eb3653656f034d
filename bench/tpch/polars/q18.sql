-- TPC-H Q18 for Polars' SQL: explicit joins; the IN subquery as a semi join.
select
  c_name,
  c_custkey,
  o_orderkey,
  o_orderdate,
  o_totalprice,
  sum(l_quantity) as "sum(l_quantity)"
from
  customer
  join orders on c_custkey = o_custkey
  join lineitem on o_orderkey = l_orderkey
  semi join (
    select l_orderkey as big_orderkey from lineitem group by l_orderkey having sum(l_quantity) > 300
  ) as big on o_orderkey = big_orderkey
group by
  c_name,
  c_custkey,
  o_orderkey,
  o_orderdate,
  o_totalprice
order by
  o_totalprice desc,
  o_orderdate
limit 100
