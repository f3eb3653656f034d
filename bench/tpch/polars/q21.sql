-- TPC-H Q21 for Polars' SQL: EXISTS and NOT EXISTS with an inequality on the supplier become
-- per-order counts of distinct suppliers: another supplier exists on the order when the order has
-- more than one supplier, and no other supplier was late when the late suppliers of the order are
-- only this one.
with order_suppliers as (
  select l_orderkey as os_orderkey, count(distinct l_suppkey) as n_suppliers
  from lineitem
  group by l_orderkey
),
late_suppliers as (
  select l_orderkey as ls_orderkey, count(distinct l_suppkey) as n_late
  from lineitem
  where l_receiptdate > l_commitdate
  group by l_orderkey
)
select
  s_name,
  count(*) as numwait
from
  lineitem l1
  join supplier on s_suppkey = l1.l_suppkey
  join orders on o_orderkey = l1.l_orderkey
  join nation on s_nationkey = n_nationkey
  join order_suppliers on os_orderkey = l1.l_orderkey
  join late_suppliers on ls_orderkey = l1.l_orderkey
where
  o_orderstatus = 'F'
  and l1.l_receiptdate > l1.l_commitdate
  and n_suppliers > 1
  and n_late = 1
  and n_name = 'SAUDI ARABIA'
group by
  s_name
order by
  numwait desc,
  s_name
limit 100
