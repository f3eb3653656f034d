-- TPC-H Q16 for Polars' SQL: explicit join; NOT IN as an anti join (s_suppkey is never NULL).
select
  p_brand,
  p_type,
  p_size,
  count(distinct ps_suppkey) as supplier_cnt
from
  partsupp
  join part on p_partkey = ps_partkey
  anti join (
    select s_suppkey from supplier where s_comment like '%Customer%Complaints%'
  ) as complaints on ps_suppkey = s_suppkey
where
  p_brand <> 'Brand#45'
  and p_type not like 'MEDIUM POLISHED%'
  and p_size in (49, 14, 23, 45, 19, 3, 36, 9)
group by
  p_brand,
  p_type,
  p_size
order by
  supplier_cnt desc,
  p_brand,
  p_type,
  p_size
