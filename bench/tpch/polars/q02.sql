-- TPC-H Q2 for Polars' SQL: explicit joins; the correlated minimum is a CTE of the minimum cost per
-- part over European suppliers, joined on the part key.
with europe_supply as (
  select
    ps_partkey,
    ps_suppkey,
    ps_supplycost,
    s_acctbal,
    s_name,
    s_address,
    s_phone,
    s_comment,
    n_name
  from
    partsupp
    join supplier on s_suppkey = ps_suppkey
    join nation on s_nationkey = n_nationkey
    join region on n_regionkey = r_regionkey
  where
    r_name = 'EUROPE'
),
min_cost as (
  select
    ps_partkey as mc_partkey,
    min(ps_supplycost) as mc_cost
  from
    europe_supply
  group by
    ps_partkey
)
select
  s_acctbal,
  s_name,
  n_name,
  p_partkey,
  p_mfgr,
  s_address,
  s_phone,
  s_comment
from
  part
  join europe_supply on p_partkey = ps_partkey
  join min_cost on mc_partkey = ps_partkey
where
  p_size = 15
  and p_type like '%BRASS'
  and ps_supplycost = mc_cost
order by
  s_acctbal desc,
  n_name,
  s_name,
  p_partkey
limit 100
