// The Session end to end: JSON plans parsed, analyzed, optimized, planned and run on local
// threads; explain text; writes with Spark's commit protocol and save modes; errors reaching the
// caller unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/value.h"
#include "runtime/session.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

std::string Lit(const std::string& value, const std::string& type) {
  return R"({"e":"lit","value":)" + value + R"(,"type":")" + type + R"("})";
}
std::string Col(const std::string& name) { return R"({"e":"col","name":")" + name + R"("})"; }
std::string Fn(const std::string& name, const std::string& args) {
  return R"({"e":"fn","name":")" + name + R"(","args":[)" + args + "]}";
}
std::string Alias(const std::string& child, const std::string& name) {
  return R"({"e":"alias","child":)" + child + R"(,"name":")" + name + R"("})";
}
std::string Agg(const std::string& name, const std::string& args, bool distinct = false) {
  return R"({"e":"agg","name":")" + name + R"(","args":[)" + args + R"(],"distinct":)" +
         (distinct ? "true" : "false") + "}";
}

const char* kEventSchema =
    R"([{"name":"user_id","type":"string","nullable":true},)"
    R"({"name":"account_id","type":"string","nullable":true},)"
    R"({"name":"event_name","type":"string","nullable":true},)"
    R"({"name":"timestamp","type":"bigint","nullable":true}])";

std::string LocalEvents() {
  return std::string(R"({"op":"local","schema":)") + kEventSchema + R"(,"rows":[)"
         R"(["u1","a1","click",1700000000],["u2","a1","view",1700000100],)"
         R"(["u1","a1","view",1700090000],[null,"a1","view",1700000000],)"
         R"(["u3","a2","click",1700000000],["u3","a2","click",1700000001]]})";
}

// The SaaS ETL's transformations over `input`.
std::string DailyUsage(const std::string& input) {
  std::string with_time = R"({"op":"with_columns","input":)" + input +
                          R"(,"names":["event_time"],"exprs":[)" +
                          Fn("to_timestamp", Fn("from_unixtime", Col("timestamp") + "," +
                                                                     Lit("\"yyyy-MM-dd HH:mm:ss\"", "string"))) +
                          "]}";
  std::string with_date = R"({"op":"with_columns","input":)" + with_time +
                          R"(,"names":["event_date"],"exprs":[)" + Fn("to_date", Col("event_time")) + "]}";
  std::string filtered = R"({"op":"filter","input":)" + with_date + R"(,"condition":)" +
                         Fn("isnotnull", Col("user_id")) + "}";
  return R"({"op":"aggregate","input":)" + filtered + R"(,"groups":[)" + Col("account_id") + "," +
         Col("event_date") + R"(],"aggs":[)" + Alias(Agg("count", Lit("1", "int")), "event_count") + "," +
         Alias(Agg("count", Col("user_id"), true), "active_users") + "]}";
}

std::string Sorted(const std::string& input, const std::string& column) {
  return R"({"op":"sort","input":)" + input + R"(,"orders":[{"e":"sort","child":)" + Col(column) +
         R"(,"asc":true,"nulls_first":true}]})";
}

std::vector<std::string> Rows(const QueryResult& result) {
  std::vector<std::string> rows;
  for (const auto& batch : result.batches) {
    for (int64_t r = 0; r < batch.num_rows; ++r) {
      std::string row;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        Value value = GetValue(*batch.columns[c], r);
        if (c > 0) row += "|";
        if (value.is_null) {
          row += "null";
        } else if (value.type->id == TypeId::kString) {
          row += value.str;
        } else {
          row += std::to_string(value.i64);
        }
      }
      rows.push_back(row);
    }
  }
  return rows;
}

Config UtcConfig() {
  Config config;
  config.Set("spark.sql.session.timeZone", "UTC");
  return config;
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ember_session_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> Files(const fs::path& path) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
  Session session_{"local[2]", UtcConfig()};
};

TEST_F(SessionTest, ParsesLocalMasters) {
  EXPECT_EQ(Session("local", Config()).parallelism(), 1);
  EXPECT_EQ(Session("local[3]", Config()).parallelism(), 3);
  EXPECT_GE(Session("local[*]", Config()).parallelism(), 1);
  EXPECT_THROW(Session("yarn", Config()), SparkError);
}

TEST_F(SessionTest, RunsTheEtlOverALocalRelation) {
  QueryResult result = session_.Collect(Sorted(DailyUsage(LocalEvents()), "account_id"));
  ASSERT_EQ(result.schema.size(), 4u);
  EXPECT_EQ(result.schema[2].name, "event_count");
  EXPECT_EQ(result.schema[3].name, "active_users");
  std::vector<std::string> rows = Rows(result);
  std::sort(rows.begin(), rows.end());
  // 2023-11-14 is day 19675; u1's second event falls on the next day.
  EXPECT_EQ(rows, (std::vector<std::string>{"a1|19675|2|2", "a1|19676|1|1", "a2|19675|2|1"}));
  EXPECT_EQ(session_.Count(DailyUsage(LocalEvents())), 3);
}

TEST_F(SessionTest, ExplainShowsSparkPhysicalPlan) {
  std::string simple = session_.Explain(DailyUsage(LocalEvents()), "simple");
  EXPECT_EQ(simple.rfind("== Physical Plan ==\nAdaptiveSparkPlan isFinalPlan=false\n+- HashAggregate(keys=[account_id, event_date], functions=[count(1), count(distinct user_id)])", 0), 0u)
      << simple;
  EXPECT_NE(simple.find("Exchange hashpartitioning(account_id, event_date, 200), ENSURE_REQUIREMENTS"),
            std::string::npos);
  std::string extended = session_.Explain(DailyUsage(LocalEvents()), "extended");
  size_t parsed = extended.find("== Parsed Logical Plan ==\n");
  size_t analyzed = extended.find("\n\n== Analyzed Logical Plan ==\naccount_id: string, event_date: date, event_count: bigint, active_users: bigint\n");
  size_t optimized = extended.find("\n\n== Optimized Logical Plan ==\n");
  size_t physical = extended.find("\n\n== Physical Plan ==\n");
  EXPECT_EQ(parsed, 0u) << extended;
  EXPECT_TRUE(parsed < analyzed && analyzed < optimized && optimized < physical &&
              physical != std::string::npos)
      << extended;
  EXPECT_THROW(session_.Explain(LocalEvents(), "fancy"), SparkError);
}

TEST_F(SessionTest, NumPartitionsIsThePlannedPartitionCount) {
  std::string range = R"({"op":"range","start":0,"end":100,"step":1,"num_partitions":7})";
  EXPECT_EQ(session_.NumPartitions(range), 7);
  std::string dealt = R"({"op":"repartition","input":)" + range + R"(,"n":3,"keys":[]})";
  EXPECT_EQ(session_.NumPartitions(dealt), 3);
  std::string merged = R"({"op":"repartition","input":)" + range + R"(,"n":2,"keys":[],"coalesce":true})";
  EXPECT_EQ(session_.NumPartitions(merged), 2);
}

TEST_F(SessionTest, ErrorsReachTheCallerUnchanged) {
  std::string divide = R"({"op":"project","input":)" + LocalEvents() + R"(,"exprs":[)" +
                       Fn("/", Col("timestamp") + "," + Lit("0", "int")) + "]}";
  try {
    session_.Collect(divide);
    FAIL() << "expected DIVIDE_BY_ZERO";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "DIVIDE_BY_ZERO");
  }
}

TEST_F(SessionTest, WritesWithTheCommitProtocolAndSaveModes) {
  fs::path out = dir_ / "daily";
  WriteRequest request{"parquet", out.string(), "errorifexists", {}};
  session_.Write(DailyUsage(LocalEvents()), request);
  std::vector<std::string> files = Files(out);
  ASSERT_GE(files.size(), 2u);
  EXPECT_EQ(files.front(), "_SUCCESS");
  for (size_t i = 1; i < files.size(); ++i) {
    EXPECT_EQ(files[i].rfind("part-", 0), 0u) << files[i];
    EXPECT_NE(files[i].find("-c000.snappy.parquet"), std::string::npos) << files[i];
  }
  EXPECT_FALSE(fs::exists(out / "_temporary"));

  std::string read_back = R"({"op":"read","format":"parquet","paths":[")" + out.string() +
                          R"("],"schema":null,"options":{}})";
  auto rows = Rows(session_.Collect(Sorted(read_back, "event_count")));
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(rows, (std::vector<std::string>{"a1|19675|2|2", "a1|19676|1|1", "a2|19675|2|1"}));

  try {
    session_.Write(DailyUsage(LocalEvents()), request);
    FAIL() << "expected PATH_ALREADY_EXISTS";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "PATH_ALREADY_EXISTS");
  }

  request.mode = "ignore";
  session_.Write(LocalEvents(), request);
  EXPECT_EQ(Files(out), files);

  request.mode = "append";
  session_.Write(DailyUsage(LocalEvents()), request);
  EXPECT_EQ(session_.Count(read_back), 6);

  request.mode = "overwrite";
  session_.Write(DailyUsage(LocalEvents()), request);
  EXPECT_EQ(session_.Count(read_back), 3);
}

TEST_F(SessionTest, EmptyResultStillWritesOnePartFile) {
  fs::path out = dir_ / "empty";
  std::string empty = R"({"op":"filter","input":)" + LocalEvents() + R"(,"condition":)" +
                      Lit("false", "boolean") + "}";
  session_.Write(empty, {"json", out.string(), "overwrite", {}});
  std::vector<std::string> files = Files(out);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], "_SUCCESS");
  EXPECT_EQ(files[1].rfind("part-00000-", 0), 0u);
}

TEST_F(SessionTest, FailedWriteLeavesNoOutput) {
  fs::path out = dir_ / "failed";
  std::string divide = R"({"op":"project","input":)" + LocalEvents() + R"(,"exprs":[)" +
                       Alias(Fn("/", Col("timestamp") + "," + Lit("0", "int")), "x") + "]}";
  EXPECT_THROW(session_.Write(divide, {"json", out.string(), "errorifexists", {}}), SparkError);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(SessionTest, RunsTheEtlOverJsonFiles) {
  fs::path input = dir_ / "events";
  fs::create_directories(input);
  for (int file = 0; file < 3; ++file) {
    std::ofstream out(input / ("part" + std::to_string(file) + ".json"));
    for (int i = 0; i < 1000; ++i) {
      out << R"({"user_id":"u)" << (i % 7) << R"(","account_id":"a)" << file << R"(","event_name":"x","timestamp":)"
          << 1700000000 + i * 60 << "}\n";
    }
  }
  std::string read = R"({"op":"read","format":"json","paths":[")" + input.string() + R"("],"schema":)" +
                     kEventSchema + R"(,"options":{}})";
  auto rows = Rows(session_.Collect(Sorted(DailyUsage(read), "account_id")));
  std::sort(rows.begin(), rows.end());
  // 1000 minutes from 22:13:20 UTC span two days: 107 events on the first, 893 on the second.
  EXPECT_EQ(rows, (std::vector<std::string>{"a0|19675|107|7", "a0|19676|893|7", "a1|19675|107|7",
                                            "a1|19676|893|7", "a2|19675|107|7", "a2|19676|893|7"}));
}

}  // namespace
}  // namespace ember
