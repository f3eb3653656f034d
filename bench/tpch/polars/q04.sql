-- TPC-H Q4 for Polars' SQL: EXISTS as a semi join.
select
  o_orderpriority,
  count(*) as order_count
from
  orders
  semi join (
    select l_orderkey from lineitem where l_commitdate < l_receiptdate
  ) late on l_orderkey = o_orderkey
where
  o_orderdate >= date '1993-07-01'
  and o_orderdate < date '1993-10-01'
group by
  o_orderpriority
order by
  o_orderpriority
