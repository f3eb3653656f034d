// Estimated statistics of resolved logical plans: output rows, bytes and per-column distinct
// counts, used to rank alternatives (join order, broadcast, build side), not to be exact. They
// come from what file formats know without reading data (Parquet footers: row counts, null counts,
// distinct bounds from min/max), the sizes of local relations, and fixed guesses:
//  - a filter conjunct keeps: `col = literal` 1/distinct(col) when that count is known, else 0.1;
//    `<`, `<=`, `>`, `>=` against a literal the part of the column's [min, max] range it keeps when
//    the bounds are known (a table's column statistics), else 0.33; LIKE and other string matches 0.1 (patterns tend to be selective);
//    IS NULL 0.1 (the known null fraction when there is one); `<>` 0.9; anything else 0.5. AND
//    multiplies, OR adds (s1 + s2 - s1 s2), NOT complements.
//  - `a = b` between columns keeps 1/max(distinct(a), distinct(b)) (a join on a key matches each
//    row of the larger side about once); a column's distinct count is its plan's rows when no
//    source knows it. In a join, the equalities between its two sides form one composite key whose
//    distinct count on a side is the product of its columns' counts, at most that side's rows
//    (so `a1 = b1 AND a2 = b2` on a two-column key is not counted as two independent keys); after
//    the join both columns of an equality have the smaller distinct count.
//  - an inner join: |L| |R| times its condition's selectivity; outer joins keep at least their
//    preserved sides; semi and anti joins at most the left side.
//  - an aggregate: the product of its grouping columns' distinct counts, at most its input rows.
// Distinct counts never exceed their plan's rows.
// Beside these row-based estimates each node carries Spark's size in bytes without CBO
// (spark.sql.cbo.enabled=false, Spark's size-only statistics), which is what decides broadcasts
// and what explain("cost") shows then: leaves as estimated here, but local relations as their
// rows times the row width; projections, filters, windows,
// distincts and grouped aggregates keep their child's rows, so its size scaled by the ratio of
// the row widths (8 bytes of row overhead plus each column's default size); an aggregate without
// grouping is one row; a limit is min(the child's known rows, n) rows of the output's width;
// inner, outer and cross joins are the product of their sides' sizes; semi and anti joins and
// EXCEPT are their left side; INTERSECT the smaller side; a union the sum; an expand its
// projections times the scaled size; sorts, repartitions, offsets and generators their child's.
// Rows are known only for ranges, limits, aggregates without grouping and what passes them on.
// A catalog table's statistics (ReadNode::table_statistics) come before what its files tell: with
// a row count (spark.sql.cbo.enabled) its rows and column statistics, else its size in bytes
// spread over rows of the full row's width (the read's bytes then being that size times the read
// columns' share of the width, as Spark scales a relation's size by its projection).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace ember {

struct ColumnEstimate {
  double distinct = 1;          // distinct non-null values
  bool distinct_known = false;  // from source statistics (else a guess: the rows)
  double null_fraction = 0;
  std::optional<double> min;  // value bounds of a numeric, date or timestamp column
  std::optional<double> max;
};

struct PlanStatistics {
  double rows = 0;
  double row_bytes = 8;  // one output row, Spark's 8-byte row overhead included
  std::vector<ColumnEstimate> columns;  // one per output column
  // Spark's estimate without CBO (above): its sizeInBytes and rowCount when known.
  double size_only_bytes = 0;
  std::optional<double> size_only_rows;

  double bytes() const { return rows * row_bytes; }
};

// Estimates plans bottom-up, remembering each node's statistics (and keeping the node alive), so
// one estimator serves a whole optimizer rule or planning pass without re-reading footers.
class StatisticsEstimator {
 public:
  // `cbo`: spark.sql.cbo.enabled, which picks the estimate SizeInBytes gives.
  explicit StatisticsEstimator(bool cbo = true) : cbo_(cbo) {}

  const PlanStatistics& Estimate(const PlanPtr& plan);
  // Spark's sizeInBytes of the plan: the row-based estimate under CBO, else the size-only one.
  double SizeInBytes(const PlanPtr& plan) { return cbo_ ? Estimate(plan).bytes() : Estimate(plan).size_only_bytes; }
  bool cbo() const { return cbo_; }

  // Statistics of joining `left` and `right` on `condition` (over left ++ right; null for none).
  static PlanStatistics Join(const PlanStatistics& left, const PlanStatistics& right, const ExprPtr& condition,
                             JoinType type);
  // The fraction of rows with `columns` that `condition` keeps.
  static double Selectivity(const Expr& condition, const std::vector<ColumnEstimate>& columns);
  // The fraction of the pairs of a left and a right row that the `conjuncts` of a join condition
  // keep; `side[i]` tells which side column i belongs to (0 left, 1 right, -1 neither).
  static double JoinSelectivity(const std::vector<ExprPtr>& conjuncts, const std::vector<ColumnEstimate>& columns,
                                const std::vector<int>& side, double left_rows, double right_rows);

 private:
  PlanStatistics Compute(const LogicalPlan& plan);
  // Sets stats.size_only_bytes and size_only_rows of `plan` (its children estimated already).
  void EstimateSizeOnly(const LogicalPlan& plan, PlanStatistics& stats);

  bool cbo_;
  std::map<const LogicalPlan*, std::pair<PlanPtr, PlanStatistics>> memo_;
};

// The optimized plan's tree text with each node's estimate appended as Spark's explain("cost")
// shows it: ", Statistics(sizeInBytes=1.5 KiB, rowCount=100)", under the estimator's cbo setting
// (the row count always under CBO, else where the size-only estimate knows it).
std::string PlanTextWithStatistics(const PlanPtr& plan, StatisticsEstimator& estimator);

// Spark's texts of a size in bytes ("1024.0 B", "2.0 KiB", ... "8.0 EiB") and of a row count (three
// significant digits: "100", "1.23E+4").
std::string BytesText(double bytes);
std::string RowCountText(double rows);

// Estimated bytes of one value of `type` (Spark's defaultSize: strings 20, longs 8, ...).
double DefaultValueBytes(const DataType& type);

}  // namespace ember
