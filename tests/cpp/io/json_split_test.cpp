#include <gtest/gtest.h>
#include <zlib.h>

#include <numeric>
#include <random>

#include "io/line_source.h"
#include "json_test_util.h"

namespace ember {
namespace {

using json_test::ReadRows;
using json_test::TempDir;

// Lines of varied length (some blank, one far longer than the read chunk).
std::vector<std::string> MakeLines(int count, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<std::string> lines;
  for (int i = 0; i < count; ++i) {
    if (i % 97 == 5) {
      lines.emplace_back("");
      continue;
    }
    std::string pad(random() % (i == count / 2 ? 20000 : 120), 'x');
    lines.push_back("{\"id\":" + std::to_string(i) + ",\"pad\":\"" + pad + "\"}");
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines, const std::string& separator, bool trailing) {
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    text += lines[i];
    if (trailing || i + 1 < lines.size()) text += separator;
  }
  return text;
}

std::vector<std::string> ReadAllLines(const std::string& path, int64_t split_bytes, int64_t chunk_bytes) {
  JsonFileFormat format;
  std::vector<std::string> lines;
  for (const FileSplit& split : format.PlanSplits({path}, {}, split_bytes)) {
    LineSource source(split, chunk_bytes);
    std::string_view line;
    while (source.Next(&line)) lines.emplace_back(line);
  }
  return lines;
}

TEST(JsonSplitTest, PlanSplitsCutsFilesIntoRangesAndSkipsEmptyFiles) {
  TempDir dir;
  std::string big = dir.Write("big.json", std::string(2500, 'a'));
  std::string empty = dir.Write("empty.json", "");
  JsonFileFormat format;
  std::vector<FileSplit> splits = format.PlanSplits({big, empty}, {}, 1000);
  ASSERT_EQ(splits.size(), 3u);
  EXPECT_EQ(splits[0].offset, 0);
  EXPECT_EQ(splits[0].length, 1000);
  EXPECT_EQ(splits[2].offset, 2000);
  EXPECT_EQ(splits[2].length, 500);
  EXPECT_EQ(splits[2].file_size, 2500);
  EXPECT_EQ(format.Statistics({big, empty}, {}).size_bytes, 2500);
}

TEST(JsonSplitTest, EveryLineIsReadOnceForTinySplits) {
  TempDir dir;
  std::vector<std::string> lines = MakeLines(60, 7);
  for (bool trailing : {true, false}) {
    std::string path = dir.Write("small.json", Join(lines, "\n", trailing));
    for (int64_t split_bytes : {1, 2, 3, 7, 13, 64, 100000}) {
      EXPECT_EQ(ReadAllLines(path, split_bytes, 4096), lines) << "split " << split_bytes;
    }
  }
}

TEST(JsonSplitTest, EveryLineIsReadOnceForMultiMegabyteFile) {
  TempDir dir;
  std::vector<std::string> lines = MakeLines(60000, 11);
  std::string path = dir.Write("big.json", Join(lines, "\n", true));
  ASSERT_GT(std::filesystem::file_size(path), 3u << 20);
  for (int64_t split_bytes : {int64_t{65537}, int64_t{1} << 20, int64_t{3} << 20, int64_t{128} << 20}) {
    EXPECT_EQ(ReadAllLines(path, split_bytes, 16384), lines) << "split " << split_bytes;
    EXPECT_EQ(ReadAllLines(path, split_bytes, 8 << 20), lines) << "split " << split_bytes;
  }
}

TEST(JsonSplitTest, ReaderRowsAcrossSplitsMatchTheFile) {
  TempDir dir;
  std::vector<std::string> lines = MakeLines(20000, 3);
  std::string path = dir.Write("rows.json", Join(lines, "\n", false));
  Schema schema = {{"id", LongType(), true}};
  for (int64_t split_bytes : {int64_t{4099}, int64_t{250000}, int64_t{128} << 20}) {
    auto rows = ReadRows({path}, schema, {}, split_bytes);
    std::vector<int64_t> ids;
    for (const auto& row : rows) ids.push_back(row[0].i64);
    std::vector<int64_t> expected;
    for (int i = 0; i < 20000; ++i) {
      if (i % 97 != 5) expected.push_back(i);
    }
    EXPECT_EQ(ids, expected) << "split " << split_bytes;
  }
}

TEST(JsonSplitTest, CrLfLineEndingsAndByteOrderMarkAreStripped) {
  TempDir dir;
  std::string path = dir.Write("crlf.json", "\xEF\xBB\xBF{\"a\":1}\r\n{\"a\":2}\r\n\r\n{\"a\":3}");
  EXPECT_EQ(ReadAllLines(path, 5, 4096), (std::vector<std::string>{"{\"a\":1}", "{\"a\":2}", "", "{\"a\":3}"}));
  auto rows = ReadRows({path}, {{"a", LongType(), true}}, {}, 4);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][0].i64, 3);
}

TEST(JsonSplitTest, GzipFilesAreOneSplitAndDecompressed) {
  TempDir dir;
  std::vector<std::string> lines = MakeLines(5000, 5);
  std::string path = dir.Path("data.json.gz");
  std::string text = Join(lines, "\n", true);
  gzFile file = gzopen(path.c_str(), "wb");
  gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
  gzclose(file);
  JsonFileFormat format;
  EXPECT_EQ(format.PlanSplits({path}, {}, 1000).size(), 1u);
  EXPECT_EQ(ReadAllLines(path, 1000, 4096), lines);
}

TEST(JsonSplitTest, LineNumbersCountLinesBeforeTheSplit) {
  TempDir dir;
  std::string path = dir.Write("numbers.json", "aaaa\nbbbb\n\ncccc\ndddd\n");
  FileSplit split{path, 12, 10, 21};  // starts inside line 4, "cccc"
  LineSource source(split, 4096);
  std::string_view line;
  ASSERT_TRUE(source.Next(&line));
  EXPECT_EQ(line, "dddd");
  EXPECT_EQ(source.CurrentLineNumber(), 5);
  FileSplit whole{path, 0, 21, 21};
  LineSource all(whole, 4096);
  for (int expected = 1; expected <= 5; ++expected) {
    ASSERT_TRUE(all.Next(&line));
    EXPECT_EQ(all.CurrentLineNumber(), expected);
  }
  EXPECT_FALSE(all.Next(&line));
}

}  // namespace
}  // namespace ember
