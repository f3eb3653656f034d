-- TPC-H Q20 for Polars' SQL: the correlated sum is a per-(part, supplier) CTE joined on both keys;
-- the IN subqueries are semi joins.
with shipped as (
  select
    l_partkey as sh_partkey,
    l_suppkey as sh_suppkey,
    0.5 * sum(l_quantity) as half_quantity
  from
    lineitem
  where
    l_shipdate >= date '1994-01-01'
    and l_shipdate < date '1995-01-01'
  group by
    l_partkey,
    l_suppkey
),
candidates as (
  select
    ps_suppkey as cand_suppkey
  from
    partsupp
    semi join (select p_partkey from part where p_name like 'forest%') as forest
      on ps_partkey = p_partkey
    join shipped on sh_partkey = ps_partkey and sh_suppkey = ps_suppkey
  where
    ps_availqty > half_quantity
)
select
  s_name,
  s_address
from
  supplier
  join nation on s_nationkey = n_nationkey
  semi join candidates on s_suppkey = cand_suppkey
where
  n_name = 'CANADA'
order by
  s_name
