// explain("formatted") after a run: operators that spilled get their spill count and size, in
// Spark's byte notation; the others and plans without metrics keep Spark's text.
#include <gtest/gtest.h>

#include "exec/metrics.h"
#include "runtime/explain_formatted.h"

namespace ember {
namespace {

TEST(ExplainMetricsTest, BytesAsSparkWritesThem) {
  EXPECT_EQ(ByteSizeText(0), "0.0 B");
  EXPECT_EQ(ByteSizeText(2047), "2047.0 B");
  EXPECT_EQ(ByteSizeText(2048), "2.0 KiB");
  EXPECT_EQ(ByteSizeText(1536 * 1024), "1536.0 KiB");
  EXPECT_EQ(ByteSizeText(13107200), "12.5 MiB");
  EXPECT_EQ(ByteSizeText(int64_t{3} << 30), "3.0 GiB");
}

TEST(ExplainMetricsTest, SpillsShowUnderTheOperatorThatSpilled) {
  PhysicalNode local(LocalScanExec{});
  local.output = {{"a", LongType(), true}};
  PhysicalNode sort(SortExec{});
  sort.output = local.output;
  sort.children = {MakePhysical(std::move(local))};
  PhysicalPtr plan = MakePhysical(std::move(sort));

  std::string plain = FormattedPlanText(*plan, false);
  QueryMetrics metrics;
  EXPECT_EQ(FormattedPlanText(*plan, false, &metrics), plain);
  metrics.AddSpill(*plan, 2, 3000);
  metrics.AddSpill(*plan, 1, 1000);
  std::string text = FormattedPlanText(*plan, false, &metrics);
  EXPECT_EQ(text, plain + "Spill count: 3\nSpill size: 3.9 KiB\n");
}

}  // namespace
}  // namespace ember
