-- TPC-H Q22 for Polars' SQL: the average balance is a one-row CTE cross-joined; NOT EXISTS is an
-- anti join.
with average as (
  select
    avg(c_acctbal) as avg_acctbal
  from
    customer
  where
    c_acctbal > 0.00
    and substring(c_phone, 1, 2) in ('13', '31', '23', '29', '30', '18', '17')
)
select
  cntrycode,
  count(*) as numcust,
  sum(c_acctbal) as totacctbal
from
  (
    select
      substring(c_phone, 1, 2) as cntrycode,
      c_acctbal
    from
      customer
      cross join average
      anti join orders on o_custkey = c_custkey
    where
      substring(c_phone, 1, 2) in ('13', '31', '23', '29', '30', '18', '17')
      and c_acctbal > avg_acctbal
  ) as custsale
group by
  cntrycode
order by
  cntrycode
