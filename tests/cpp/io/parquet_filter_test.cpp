// Row-group skipping by column statistics, directly and through the "parquet" FileFormat with
// pushed filter expressions.
#include <gtest/gtest.h>

#include "expr/expr.h"
#include "io/parquet/parquet_format.h"
#include "io/parquet/parquet_row_group_filter.h"
#include "parquet_test_util.h"
#include "plan/data_source.h"

namespace ember::parquet {
namespace {

using Predicate = StatisticsPredicate;

class ParquetFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempPath("filter.parquet");
    ParquetWriteOptions options;
    options.row_group_bytes = 1;  // one row group per batch
    ParquetFileWriter writer(path_, schema_, options);
    for (int group = 0; group < 4; ++group) {
      VectorBuilder ids(IntType()), names(StringType()), maybe(DoubleType());
      for (int i = group * 1000; i < (group + 1) * 1000; ++i) {
        ids.Append<int32_t>(i);
        char name[16];
        std::snprintf(name, sizeof(name), "n%05d", i);
        names.AppendString(name);
        if (group == 3) {
          maybe.AppendNull();  // the last group's `maybe` is all NULL
        } else {
          maybe.Append<double>(i * 0.5);
        }
      }
      writer.Write(Batch({ids.Finish(), names.Finish(), maybe.Finish()}, 1000));
    }
    writer.Close();
    file_ = ParquetFile::Open(path_);
    ASSERT_EQ(file_->metadata().row_groups.size(), 4u);
  }
  void TearDown() override { std::remove(path_.c_str()); }

  std::vector<int> Matching(std::vector<Predicate> predicates) {
    std::vector<int> groups;
    for (int g = 0; g < 4; ++g) {
      if (RowGroupMayMatch(*file_, g, predicates)) groups.push_back(g);
    }
    return groups;
  }

  Schema schema_ = ParseSchemaDdl("id INT, name STRING, maybe DOUBLE");
  std::string path_;
  std::shared_ptr<const ParquetFile> file_;
};

TEST_F(ParquetFilterTest, ComparisonsSkipRowGroupsOutsideMinMax) {
  EXPECT_EQ(Matching({{"id", Predicate::kEq, Value::Int(1500)}}), (std::vector<int>{1}));
  EXPECT_EQ(Matching({{"id", Predicate::kLt, Value::Int(1000)}}), (std::vector<int>{0}));
  EXPECT_EQ(Matching({{"id", Predicate::kLe, Value::Int(1000)}}), (std::vector<int>{0, 1}));
  EXPECT_EQ(Matching({{"id", Predicate::kGt, Value::Int(2999)}}), (std::vector<int>{3}));
  EXPECT_EQ(Matching({{"id", Predicate::kGe, Value::Int(-5)}}), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(Matching({{"id", Predicate::kEq, Value::Int(99999)}}), (std::vector<int>{}));
  EXPECT_EQ(Matching({{"name", Predicate::kGe, Value::String("n02500")}}), (std::vector<int>{2, 3}));
  EXPECT_EQ(Matching({{"id", Predicate::kGe, Value::Int(1000)}, {"name", Predicate::kLt, Value::String("n02000")}}),
            (std::vector<int>{1}));
  // A literal of another type, or a column the file lacks, never skips anything.
  EXPECT_EQ(Matching({{"id", Predicate::kEq, Value::Long(99999)}}), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(Matching({{"missing", Predicate::kEq, Value::Int(1)}}), (std::vector<int>{0, 1, 2, 3}));
}

TEST_F(ParquetFilterTest, NullTestsUseNullCounts) {
  EXPECT_EQ(Matching({{"id", Predicate::kIsNull, Value()}}), (std::vector<int>{}));
  EXPECT_EQ(Matching({{"maybe", Predicate::kIsNull, Value()}}), (std::vector<int>{3}));
  EXPECT_EQ(Matching({{"maybe", Predicate::kIsNotNull, Value()}}), (std::vector<int>{0, 1, 2}));
  // Comparisons are never true on an all-NULL row group.
  EXPECT_EQ(Matching({{"maybe", Predicate::kGe, Value::Double(0)}}), (std::vector<int>{0, 1, 2}));
}

TEST_F(ParquetFilterTest, PushedFiltersReachTheFormatReader) {
  RegisterParquetFormat();
  auto format = FindFileFormat("parquet");
  EvalContext ctx;
  auto bound = [&](int index) { return BoundRef(index, schema_[index].type, true, schema_[index].name); };
  auto call = [](std::string name, std::vector<ExprPtr> args) {
    Expr node;
    node.kind = ExprKind::kFunction;
    node.name = std::move(name);
    node.args = std::move(args);
    node.type = BooleanType();
    return MakeExpr(std::move(node));
  };
  auto count_rows = [&](std::vector<ExprPtr> filters) {
    FileSplit split{path_, 0, file_->size(), file_->size()};
    auto reader = format->Open(split, schema_, schema_, filters, {}, ctx);
    int64_t rows = 0;
    Batch batch;
    while (reader->Next(&batch)) rows += batch.num_rows;
    return rows;
  };
  EXPECT_EQ(count_rows({}), 4000);
  // 2500 < id, written with the literal on the left: only the last two row groups.
  EXPECT_EQ(count_rows({call("<", {Literal(Value::Int(2500)), bound(0)})}), 2000);
  Expr both;
  both.kind = ExprKind::kAnd;
  both.type = BooleanType();
  both.args = {call(">=", {bound(0), Literal(Value::Int(1000))}), call("isnull", {bound(2)})};
  EXPECT_EQ(count_rows({MakeExpr(std::move(both))}), 1000);
  // Predicates the statistics cannot decide keep every row group.
  EXPECT_EQ(count_rows({call("<", {bound(0), bound(0)})}), 4000);
}

}  // namespace
}  // namespace ember::parquet
