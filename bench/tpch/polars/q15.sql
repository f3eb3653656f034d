-- TPC-H Q15 for Polars' SQL: the maximum revenue is a one-row CTE, cross-joined.
with revenue0 as (
  select
    l_suppkey as supplier_no,
    sum(l_extendedprice * (1 - l_discount)) as total_revenue
  from
    lineitem
  where
    l_shipdate >= date '1996-01-01'
    and l_shipdate < date '1996-04-01'
  group by
    l_suppkey
),
best as (
  select max(total_revenue) as max_revenue from revenue0
)
select
  s_suppkey,
  s_name,
  s_address,
  s_phone,
  total_revenue
from
  supplier
  join revenue0 on s_suppkey = supplier_no
  cross join best
where
  total_revenue = max_revenue
order by
  s_suppkey
