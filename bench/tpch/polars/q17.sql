-- TPC-H Q17 for Polars' SQL: the correlated average is a per-part CTE joined on the part key.
with part_avg as (
  select
    l_partkey as avg_partkey,
    0.2 * avg(l_quantity) as small_quantity
  from
    lineitem
  group by
    l_partkey
)
select
  sum(l_extendedprice) / 7.0 as avg_yearly
from
  lineitem
  join part on p_partkey = l_partkey
  join part_avg on avg_partkey = p_partkey
where
  p_brand = 'Brand#23'
  and p_container = 'MED BOX'
  and l_quantity < small_quantity
