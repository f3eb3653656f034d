// explain("cost"): the optimized plan's lines with their estimates, in Spark's wording.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "plan/statistics.h"

namespace ember {
namespace {

std::string Fixed(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// One decimal rounded half up, as Java formats a BigDecimal with "%.1f".
std::string OneDecimal(double value) {
  double tenths = std::floor(value * 10 + 0.5);
  return Fixed("%.0f", std::floor(tenths / 10)) + "." + std::to_string(static_cast<int>(std::fmod(tenths, 10)));
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Appends the statistics of `plan` and its subtree to `lines` from `next` on, in the order
// LogicalPlan::ToString writes their lines (a limit is two lines: GlobalLimit, LocalLimit).
std::string Suffix(double bytes, std::optional<double> rows) {
  return ", Statistics(sizeInBytes=" + BytesText(bytes) + (rows ? ", rowCount=" + RowCountText(*rows) : "") + ")";
}

void AppendSuffixes(const PlanPtr& plan, StatisticsEstimator& estimator, std::vector<std::string>& lines,
                    size_t& next) {
  const PlanStatistics& stats = estimator.Estimate(plan);
  std::string suffix;
  // A limit is two lines; without CBO its LocalLimit line shows the child's estimate (1 byte and
  // no rows for LIMIT 0), as Spark's size-only statistics do.
  std::string local_limit;
  if (estimator.cbo()) {
    suffix = local_limit = Suffix(stats.bytes(), stats.rows);
  } else {
    suffix = Suffix(stats.size_only_bytes, stats.size_only_rows);
    if (plan->kind() == PlanKind::kLimit) {
      const PlanStatistics& child = estimator.Estimate(plan->children[0]);
      local_limit = plan->As<LimitNode>().limit == 0 ? Suffix(1, 0.0) : Suffix(child.size_only_bytes, child.size_only_rows);
    }
  }
  if (next < lines.size()) lines[next++] += suffix;
  if (plan->kind() == PlanKind::kLimit && next < lines.size()) lines[next++] += local_limit;
  for (const auto& child : plan->children) AppendSuffixes(child, estimator, lines, next);
}

}  // namespace

std::string BytesText(double bytes) {
  double size = std::floor(std::max(bytes, 0.0));
  static const char* const kUnits[] = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB"};
  double exbibyte = std::ldexp(1.0, 60);
  if (size >= std::ldexp(1.0, 11) * exbibyte) return RowCountText(size) + " B";
  for (int i = 0; i < 6; ++i) {
    double unit = std::ldexp(1.0, 60 - 10 * i);
    if (size >= 2 * unit) return OneDecimal(size / unit) + " " + kUnits[i];
  }
  return OneDecimal(size) + " B";
}

std::string RowCountText(double rows) {
  std::string digits = Fixed("%.0f", std::floor(std::max(rows, 0.0)));
  if (digits.size() <= 3) return digits;
  // Three significant digits rounded half up, in Java BigDecimal's scientific form.
  int kept = std::stoi(digits.substr(0, 3)) + (digits[3] >= '5' ? 1 : 0);
  size_t exponent = digits.size() - 1;
  if (kept == 1000) {
    kept = 100;
    ++exponent;
  }
  std::string mantissa = std::to_string(kept);
  return mantissa.substr(0, 1) + "." + mantissa.substr(1) + "E+" + std::to_string(exponent);
}

std::string PlanTextWithStatistics(const PlanPtr& plan, StatisticsEstimator& estimator) {
  std::vector<std::string> lines = SplitLines(plan->ToString());
  size_t next = 0;
  AppendSuffixes(plan, estimator, lines, next);
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

}  // namespace ember
