-- TPC-H Q13 for Polars' SQL: the outer join's extra condition filters the orders side first.
select
  c_count,
  count(*) as custdist
from
  (
    select
      c_custkey,
      count(o_orderkey) as c_count
    from
      customer
      left join (
        select o_orderkey, o_custkey from orders where o_comment not like '%special%requests%'
      ) as kept on c_custkey = o_custkey
    group by
      c_custkey
  ) as c_orders
group by
  c_count
order by
  custdist desc,
  c_count desc
