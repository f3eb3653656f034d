-- TPC-H Q11 for Polars' SQL: explicit joins; the scalar subquery is a one-row CTE cross-joined.
with german_stock as (
  select
    ps_partkey,
    ps_supplycost * ps_availqty as stock_value
  from
    partsupp
    join supplier on ps_suppkey = s_suppkey
    join nation on s_nationkey = n_nationkey
  where
    n_name = 'GERMANY'
),
threshold as (
  select sum(stock_value) * 0.0001 as min_value from german_stock
)
select
  ps_partkey,
  value
from
  (
    select ps_partkey, sum(stock_value) as value from german_stock group by ps_partkey
  ) as per_part
  cross join threshold
where
  value > min_value
order by
  value desc
