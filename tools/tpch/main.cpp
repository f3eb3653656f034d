// ember-tpch-gen: writes the 8 TPC-H tables at a scale factor, deterministically, following the
// specification's row counts and value rules (written from the spec's text, not from dbgen).
//
//   ember-tpch-gen --scale 1 --format parquet|csv --out DIR [--tables lineitem,orders,...]
//            [--threads N]
//
// Each table goes to DIR/<table>/part-NNNNN.<ext>; big tables are cut into several parts so that
// parts can be generated on parallel threads. Every row draws its values from a PRNG seeded by
// (table, row number) alone, so the bytes depend only on the scale, never on thread scheduling.
// CSV files are pipe-separated ('|'), with a header line, dates as yyyy-MM-dd, decimals with two
// fractional digits, no quoting (no generated value holds '|', a quote or a newline).
// Column types are what Spark reads back: keys bigint, counts int, money decimal(15,2), dates date.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/types.h"
#include "common/vector.h"
#include "functions/eval_context.h"
#include "io/register_formats.h"
#include "plan/data_source.h"

namespace ember {
namespace {

// ---- randomness ---------------------------------------------------------------------------------

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A small PRNG per row: seeded from the table's id and the row number.
class Rng {
 public:
  Rng(uint64_t table, uint64_t row) : state_(Mix(Mix(table * 0x1000193ULL + 7) ^ row)) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) {
    uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>((static_cast<unsigned __int128>(Next()) * span) >> 64);
  }

 private:
  uint64_t state_;
};

// ---- dates --------------------------------------------------------------------------------------

int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int32_t z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe) + era * 400 + (*m <= 2);
}

const int32_t kStartDate = DaysFromCivil(1992, 1, 1);
const int32_t kCurrentDate = DaysFromCivil(1995, 6, 17);
const int32_t kEndDate = DaysFromCivil(1998, 12, 31);

// ---- vocabularies (TPC-H specification, clause 4.2.2.13 and 4.2.3) -------------------------------

const char* kRegions[] = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
struct NationDef {
  const char* name;
  int region;
};
const NationDef kNations[] = {
    {"ALGERIA", 0},    {"ARGENTINA", 1}, {"BRAZIL", 1},       {"CANADA", 1},         {"EGYPT", 4},
    {"ETHIOPIA", 0},   {"FRANCE", 3},    {"GERMANY", 3},      {"INDIA", 2},          {"INDONESIA", 2},
    {"IRAN", 4},       {"IRAQ", 4},      {"JAPAN", 2},        {"JORDAN", 4},         {"KENYA", 0},
    {"MOROCCO", 0},    {"MOZAMBIQUE", 0}, {"PERU", 1},        {"CHINA", 2},          {"ROMANIA", 3},
    {"SAUDI ARABIA", 4}, {"VIETNAM", 2}, {"RUSSIA", 3},       {"UNITED KINGDOM", 3}, {"UNITED STATES", 1}};

const std::vector<std::string> kColors = {
    "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue",
    "blush", "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral",
    "cornflower", "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick",
    "floral", "forest", "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew",
    "hot", "indian", "ivory", "khaki", "lace", "lavender", "lawn", "lemon", "light", "lime", "linen",
    "magenta", "maroon", "medium", "metallic", "midnight", "mint", "misty", "moccasin", "navajo",
    "navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru", "pink", "plum", "powder",
    "puff", "purple", "red", "rose", "rosy", "royal", "saddle", "salmon", "sandy", "seashell",
    "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan", "thistle", "tomato",
    "turquoise", "violet", "wheat", "white", "yellow"};
const char* kTypeSyl1[] = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
const char* kTypeSyl2[] = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
const char* kTypeSyl3[] = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
const char* kContSyl1[] = {"SM", "LG", "MED", "JUMBO", "WRAP"};
const char* kContSyl2[] = {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"};
const char* kSegments[] = {"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"};
const char* kPriorities[] = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
const char* kInstructions[] = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
const char* kModes[] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};

// Words of the comment text; the spec's grammar draws from nouns, verbs, adjectives, adverbs and
// prepositions like these, which is what lets patterns such as '%special%requests%' match.
const char* kWords[] = {
    "foxes", "ideas", "theodolites", "pinto", "beans", "instructions", "dependencies", "excuses",
    "platelets", "asymptotes", "courts", "dolphins", "multipliers", "sauternes", "warthogs", "frets",
    "dinos", "attainments", "somas", "Tiresias", "patterns", "forges", "braids", "hockey", "players",
    "frays", "warhorses", "dugouts", "notornis", "epitaphs", "pearls", "tithes", "waters", "orbits",
    "gifts", "sheaves", "depths", "sentiments", "decoys", "realms", "pains", "grouches", "escapades",
    "requests", "accounts", "deposits", "packages", "packages", "requests", "deposits", "accounts",
    "sleep", "wake", "are", "cajole", "haggle", "nag", "use", "boost", "affix", "detect", "integrate",
    "maintain", "nod", "was", "lose", "sublate", "solve", "thrash", "promise", "engage", "hinder",
    "print", "x-ray", "breach", "eat", "grow", "impress", "mold", "poach", "serve", "run", "dazzle",
    "snooze", "doze", "unwind", "kindle", "play", "hang", "believe", "doubt", "furious", "sly",
    "careful", "blithe", "quick", "fluffy", "slow", "quiet", "ruthless", "thin", "close", "dogged",
    "daring", "brave", "stealthy", "permanent", "enticing", "idle", "busy", "regular", "final",
    "ironic", "even", "bold", "silent", "special", "pending", "express", "unusual", "furiously",
    "slyly", "carefully", "blithely", "quickly", "fluffily", "slowly", "quietly", "ruthlessly",
    "thinly", "closely", "doggedly", "daringly", "bravely", "stealthily", "permanently", "enticingly",
    "idly", "busily", "regularly", "finally", "ironically", "evenly", "boldly", "silently", "about",
    "above", "according", "to", "across", "after", "against", "along", "alongside", "of", "among",
    "around", "at", "atop", "before", "behind", "beneath", "beside", "besides", "between", "beyond",
    "by", "despite", "during", "except", "for", "from", "in", "place", "inside", "instead", "into",
    "near", "on", "outside", "over", "past", "since", "through", "throughout", "toward", "under",
    "until", "up", "upon", "without", "with", "within", "the"};

// A deterministic pool of comment text; a comment is a slice of it at a random offset.
class TextPool {
 public:
  TextPool() {
    Rng rng(99, 0);
    const int64_t n = sizeof(kWords) / sizeof(kWords[0]);
    while (text_.size() < (1 << 21)) {
      text_ += kWords[rng.Range(0, n - 1)];
      text_ += rng.Range(0, 9) == 0 ? ". " : " ";
    }
  }
  // A comment of between min_len and max_len characters.
  std::string_view Comment(Rng& rng, int min_len, int max_len) const {
    int64_t len = rng.Range(min_len, max_len);
    int64_t off = rng.Range(0, static_cast<int64_t>(text_.size()) - len - 1);
    std::string_view s(text_.data() + off, len);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  }

 private:
  std::string text_;
};

const TextPool& Pool() {
  static const TextPool pool;
  return pool;
}

std::string RandomAddress(Rng& rng) {
  static const char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,";
  int len = static_cast<int>(rng.Range(10, 40));
  std::string s(len, ' ');
  constexpr int64_t kCount = sizeof(kChars) - 1;  // without the terminating NUL
  for (int i = 0; i < len; ++i) s[i] = kChars[rng.Range(0, kCount - 1)];
  return s;
}

std::string Phone(Rng& rng, int64_t nation) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%02d-%03d-%03d-%04d", static_cast<int>(nation + 10),
                static_cast<int>(rng.Range(100, 999)), static_cast<int>(rng.Range(100, 999)),
                static_cast<int>(rng.Range(1000, 9999)));
  return buf;
}

std::string Numbered(const char* prefix, int64_t n) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%s#%09lld", prefix, static_cast<long long>(n));
  return buf;
}

// ---- output -------------------------------------------------------------------------------------

enum class Kind { kLong, kInt, kMoney, kDate, kString };

struct ColumnDef {
  const char* name;
  Kind kind;
};

TypePtr TypeOf(Kind kind) {
  switch (kind) {
    case Kind::kLong: return LongType();
    case Kind::kInt: return IntType();
    case Kind::kMoney: return DecimalType(15, 2);
    case Kind::kDate: return DateType();
    case Kind::kString: return StringType();
  }
  return nullptr;
}

// Rows of one part file, a batch at a time: numbers (money as cents, dates as days) and strings
// are collected per column, then written as a Parquet batch or as CSV lines.
class PartWriter {
 public:
  PartWriter(const std::vector<ColumnDef>& columns, const std::string& path, bool csv)
      : columns_(columns), csv_(csv), nums_(columns.size()), strs_(columns.size()) {
    if (csv_) {
      file_ = std::fopen(path.c_str(), "wb");
      if (!file_) throw std::runtime_error("cannot open " + path);
      std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
      for (size_t i = 0; i < columns_.size(); ++i) {
        std::fputs(columns_[i].name, file_);
        std::fputc(i + 1 < columns_.size() ? '|' : '\n', file_);
      }
    } else {
      Schema schema;
      for (const auto& c : columns_) schema.push_back(StructField{c.name, TypeOf(c.kind), false});
      EvalContext ctx;
      writer_ = FindFileFormat("parquet")->CreateWriter(path, schema, Options{}, ctx);
    }
  }

  void Num(size_t col, int64_t v) { nums_[col].push_back(v); }
  void Str(size_t col, std::string_view v) { strs_[col].emplace_back(v); }
  // Ends a row; flushes a full batch.
  void EndRow() {
    if (++rows_ == kBatchRows) Flush();
  }
  void Close() {
    Flush();
    if (csv_) {
      std::fclose(file_);
    } else {
      writer_->Close();
    }
  }

 private:
  void Flush() {
    if (rows_ == 0) return;
    if (csv_) {
      WriteCsv();
    } else {
      std::vector<VectorPtr> vectors;
      for (size_t c = 0; c < columns_.size(); ++c) {
        VectorBuilder b(TypeOf(columns_[c].kind), rows_);
        switch (columns_[c].kind) {
          case Kind::kLong:
          case Kind::kMoney:
            for (int64_t v : nums_[c]) b.Append<int64_t>(v);
            break;
          case Kind::kInt:
          case Kind::kDate:
            for (int64_t v : nums_[c]) b.Append<int32_t>(static_cast<int32_t>(v));
            break;
          case Kind::kString:
            for (const auto& s : strs_[c]) b.AppendString(s);
            break;
        }
        vectors.push_back(b.Finish());
      }
      writer_->Write(Batch(std::move(vectors), rows_));
    }
    for (auto& n : nums_) n.clear();
    for (auto& s : strs_) s.clear();
    rows_ = 0;
  }

  void WriteCsv() {
    std::string line;
    char buf[64];
    for (int64_t r = 0; r < rows_; ++r) {
      line.clear();
      for (size_t c = 0; c < columns_.size(); ++c) {
        switch (columns_[c].kind) {
          case Kind::kLong:
          case Kind::kInt:
            line += std::to_string(nums_[c][r]);
            break;
          case Kind::kMoney: {
            int64_t v = nums_[c][r];
            int64_t a = v < 0 ? -v : v;
            std::snprintf(buf, sizeof(buf), "%s%lld.%02lld", v < 0 ? "-" : "",
                          static_cast<long long>(a / 100), static_cast<long long>(a % 100));
            line += buf;
            break;
          }
          case Kind::kDate: {
            int y, m, d;
            CivilFromDays(static_cast<int32_t>(nums_[c][r]), &y, &m, &d);
            std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
            line += buf;
            break;
          }
          case Kind::kString:
            line += strs_[c][r];
            break;
        }
        line += c + 1 < columns_.size() ? '|' : '\n';
      }
      std::fwrite(line.data(), 1, line.size(), file_);
    }
  }

  std::vector<ColumnDef> columns_;
  bool csv_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<FileWriter> writer_;
  std::vector<std::vector<int64_t>> nums_;
  std::vector<std::vector<std::string>> strs_;
  int64_t rows_ = 0;
};

// ---- tables -------------------------------------------------------------------------------------

const std::vector<ColumnDef> kRegionCols = {
    {"r_regionkey", Kind::kLong}, {"r_name", Kind::kString}, {"r_comment", Kind::kString}};
const std::vector<ColumnDef> kNationCols = {{"n_nationkey", Kind::kLong},
                                            {"n_name", Kind::kString},
                                            {"n_regionkey", Kind::kLong},
                                            {"n_comment", Kind::kString}};
const std::vector<ColumnDef> kSupplierCols = {
    {"s_suppkey", Kind::kLong},   {"s_name", Kind::kString},   {"s_address", Kind::kString},
    {"s_nationkey", Kind::kLong}, {"s_phone", Kind::kString},  {"s_acctbal", Kind::kMoney},
    {"s_comment", Kind::kString}};
const std::vector<ColumnDef> kCustomerCols = {
    {"c_custkey", Kind::kLong},   {"c_name", Kind::kString},      {"c_address", Kind::kString},
    {"c_nationkey", Kind::kLong}, {"c_phone", Kind::kString},     {"c_acctbal", Kind::kMoney},
    {"c_mktsegment", Kind::kString}, {"c_comment", Kind::kString}};
const std::vector<ColumnDef> kPartCols = {
    {"p_partkey", Kind::kLong},      {"p_name", Kind::kString},  {"p_mfgr", Kind::kString},
    {"p_brand", Kind::kString},      {"p_type", Kind::kString},  {"p_size", Kind::kInt},
    {"p_container", Kind::kString},  {"p_retailprice", Kind::kMoney}, {"p_comment", Kind::kString}};
const std::vector<ColumnDef> kPartsuppCols = {{"ps_partkey", Kind::kLong},
                                              {"ps_suppkey", Kind::kLong},
                                              {"ps_availqty", Kind::kInt},
                                              {"ps_supplycost", Kind::kMoney},
                                              {"ps_comment", Kind::kString}};
const std::vector<ColumnDef> kOrdersCols = {
    {"o_orderkey", Kind::kLong},       {"o_custkey", Kind::kLong},    {"o_orderstatus", Kind::kString},
    {"o_totalprice", Kind::kMoney},    {"o_orderdate", Kind::kDate},  {"o_orderpriority", Kind::kString},
    {"o_clerk", Kind::kString},        {"o_shippriority", Kind::kInt}, {"o_comment", Kind::kString}};
const std::vector<ColumnDef> kLineitemCols = {
    {"l_orderkey", Kind::kLong},      {"l_partkey", Kind::kLong},       {"l_suppkey", Kind::kLong},
    {"l_linenumber", Kind::kInt},     {"l_quantity", Kind::kMoney},     {"l_extendedprice", Kind::kMoney},
    {"l_discount", Kind::kMoney},     {"l_tax", Kind::kMoney},          {"l_returnflag", Kind::kString},
    {"l_linestatus", Kind::kString},  {"l_shipdate", Kind::kDate},      {"l_commitdate", Kind::kDate},
    {"l_receiptdate", Kind::kDate},   {"l_shipinstruct", Kind::kString}, {"l_shipmode", Kind::kString},
    {"l_comment", Kind::kString}};

struct Scale {
  double sf;
  int64_t suppliers, customers, parts, orders;
  explicit Scale(double s)
      : sf(s),
        suppliers(std::max<int64_t>(1, static_cast<int64_t>(10000 * s))),
        customers(std::max<int64_t>(1, static_cast<int64_t>(150000 * s))),
        parts(std::max<int64_t>(1, static_cast<int64_t>(200000 * s))),
        orders(std::max<int64_t>(1, static_cast<int64_t>(1500000 * s))) {}
};

int64_t RetailPriceCents(int64_t partkey) {
  return 90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000);
}

// The i-th (0..3) supplier of a part (spec 4.2.3, PS_SUPPKEY).
int64_t PartSupplier(int64_t partkey, int64_t i, int64_t suppliers) {
  return (partkey + i * (suppliers / 4 + (partkey - 1) / suppliers)) % suppliers + 1;
}

// Order keys are sparse: of each 32 consecutive keys the first 8 are used.
int64_t OrderKey(int64_t index) { return (index / 8) * 32 + index % 8 + 1; }

enum TableId : uint64_t { kRegion = 1, kNation, kSupplier, kCustomer, kPart, kPartsupp, kOrders, kLineitem };

void GenRegion(PartWriter& w, int64_t begin, int64_t end, const Scale&) {
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kRegion, i);
    w.Num(0, i);
    w.Str(1, kRegions[i]);
    w.Str(2, Pool().Comment(rng, 31, 115));
    w.EndRow();
  }
}

void GenNation(PartWriter& w, int64_t begin, int64_t end, const Scale&) {
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kNation, i);
    w.Num(0, i);
    w.Str(1, kNations[i].name);
    w.Num(2, kNations[i].region);
    w.Str(3, Pool().Comment(rng, 31, 114));
    w.EndRow();
  }
}

void GenSupplier(PartWriter& w, int64_t begin, int64_t end, const Scale& s) {
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kSupplier, i);
    int64_t key = i + 1;
    int64_t nation = rng.Range(0, 24);
    w.Num(0, key);
    w.Str(1, Numbered("Supplier", key));
    w.Str(2, RandomAddress(rng));
    w.Num(3, nation);
    w.Str(4, Phone(rng, nation));
    w.Num(5, rng.Range(-99999, 999999));
    // 5 in 10000 suppliers (at least one) carry "Customer ... Complaints", as many "Customer ...
    // Recommends"; they are spread evenly over the keys so that small scales have some too.
    const int64_t special = std::max<int64_t>(1, s.suppliers * 5 / 10000);
    const int64_t stride = std::max<int64_t>(1, s.suppliers / special);
    const bool complaints = i % stride == stride * 3 / 7;
    const bool recommends = !complaints && i % stride == stride * 5 / 7;
    std::string comment(Pool().Comment(rng, 25, 100));
    if (complaints || recommends) {
      size_t at = static_cast<size_t>(rng.Range(0, static_cast<int64_t>(comment.size()) / 2));
      comment = comment.substr(0, at) + "Customer " + (complaints ? "Complaints " : "Recommends ") +
                comment.substr(at);
    }
    w.Str(6, comment);
    w.EndRow();
  }
}

void GenCustomer(PartWriter& w, int64_t begin, int64_t end, const Scale& s) {
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kCustomer, i);
    int64_t key = i + 1;
    int64_t nation = rng.Range(0, 24);
    w.Num(0, key);
    w.Str(1, Numbered("Customer", key));
    w.Str(2, RandomAddress(rng));
    w.Num(3, nation);
    w.Str(4, Phone(rng, nation));
    w.Num(5, rng.Range(-99999, 999999));
    w.Str(6, kSegments[rng.Range(0, 4)]);
    w.Str(7, Pool().Comment(rng, 29, 116));
    w.EndRow();
  }
}

void GenPart(PartWriter& w, int64_t begin, int64_t end, const Scale& s) {
  const int64_t ncolors = static_cast<int64_t>(kColors.size());
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kPart, i);
    int64_t key = i + 1;
    // Five distinct colour words.
    int64_t picked[5];
    std::string name;
    for (int k = 0; k < 5; ++k) {
      int64_t c;
      bool dup;
      do {
        c = rng.Range(0, ncolors - 1);
        dup = false;
        for (int j = 0; j < k; ++j) dup |= picked[j] == c;
      } while (dup);
      picked[k] = c;
      if (k) name += ' ';
      name += kColors[c];
    }
    int64_t m = rng.Range(1, 5);
    int64_t n = rng.Range(1, 5);
    w.Num(0, key);
    w.Str(1, name);
    w.Str(2, "Manufacturer#" + std::to_string(m));
    w.Str(3, "Brand#" + std::to_string(m) + std::to_string(n));
    w.Str(4, std::string(kTypeSyl1[rng.Range(0, 5)]) + " " + kTypeSyl2[rng.Range(0, 4)] + " " +
                 kTypeSyl3[rng.Range(0, 4)]);
    w.Num(5, rng.Range(1, 50));
    w.Str(6, std::string(kContSyl1[rng.Range(0, 4)]) + " " + kContSyl2[rng.Range(0, 7)]);
    w.Num(7, RetailPriceCents(key));
    w.Str(8, Pool().Comment(rng, 5, 22));
    w.EndRow();
  }
}

// Rows are parts here: each part writes its 4 partsupp rows.
void GenPartsupp(PartWriter& w, int64_t begin, int64_t end, const Scale& s) {
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kPartsupp, i);
    int64_t key = i + 1;
    for (int64_t k = 0; k < 4; ++k) {
      w.Num(0, key);
      w.Num(1, PartSupplier(key, k, s.suppliers));
      w.Num(2, rng.Range(1, 9999));
      w.Num(3, rng.Range(100, 100000));
      w.Str(4, Pool().Comment(rng, 49, 198));
      w.EndRow();
    }
  }
}

// Orders and their lineitems come from one pass (o_totalprice and o_orderstatus depend on the
// lines); either writer may be null when its table was not asked for.
void GenOrdersAndLines(PartWriter* ow, PartWriter* lw, int64_t begin, int64_t end, const Scale& s) {
  const int64_t clerks = std::max<int64_t>(1, static_cast<int64_t>(s.sf * 1000));
  const int32_t last_order_date = kEndDate - 151;
  for (int64_t i = begin; i < end; ++i) {
    Rng rng(kOrders, i);
    int64_t okey = OrderKey(i);
    // Customer keys divisible by 3 never order (so a third of customers have no orders).
    int64_t cust;
    do cust = rng.Range(1, s.customers);
    while (cust % 3 == 0 && s.customers > 2);
    int32_t odate = static_cast<int32_t>(rng.Range(kStartDate, last_order_date));
    const char* priority = kPriorities[rng.Range(0, 4)];
    int64_t clerk = rng.Range(1, clerks);
    int64_t pick = rng.Range(0, 99);
    std::string comment(Pool().Comment(rng, 19, 78));
    if (pick < 2) comment = "special " + comment + " requests";
    int lines = static_cast<int>(rng.Range(1, 7));
    __int128 total = 0;  // cents * 10^4 (tax and discount in hundredths each)
    int fcount = 0;
    for (int ln = 1; ln <= lines; ++ln) {
      int64_t partkey = rng.Range(1, s.parts);
      int64_t suppkey = PartSupplier(partkey, rng.Range(0, 3), s.suppliers);
      int64_t qty = rng.Range(1, 50);
      int64_t price = qty * RetailPriceCents(partkey);
      int64_t discount = rng.Range(0, 10);
      int64_t tax = rng.Range(0, 8);
      int32_t ship = odate + static_cast<int32_t>(rng.Range(1, 121));
      int32_t commit = odate + static_cast<int32_t>(rng.Range(30, 90));
      int32_t receipt = ship + static_cast<int32_t>(rng.Range(1, 30));
      const char* flag = receipt <= kCurrentDate ? (rng.Range(0, 1) ? "R" : "A") : "N";
      bool shipped = ship <= kCurrentDate;
      fcount += shipped;
      const char* instruct = kInstructions[rng.Range(0, 3)];
      const char* mode = kModes[rng.Range(0, 6)];
      total += static_cast<__int128>(price) * (100 + tax) * (100 - discount);
      if (lw) {
        lw->Num(0, okey);
        lw->Num(1, partkey);
        lw->Num(2, suppkey);
        lw->Num(3, ln);
        lw->Num(4, qty * 100);
        lw->Num(5, price);
        lw->Num(6, discount);
        lw->Num(7, tax);
        lw->Str(8, flag);
        lw->Str(9, shipped ? "F" : "O");
        lw->Num(10, ship);
        lw->Num(11, commit);
        lw->Num(12, receipt);
        lw->Str(13, instruct);
        lw->Str(14, mode);
        lw->Str(15, Pool().Comment(rng, 10, 43));
        lw->EndRow();
      } else {
        Pool().Comment(rng, 10, 43);  // same draws either way
      }
    }
    if (ow) {
      ow->Num(0, okey);
      ow->Num(1, cust);
      ow->Str(2, fcount == lines ? "F" : fcount == 0 ? "O" : "P");
      ow->Num(3, static_cast<int64_t>((total + 5000) / 10000));
      ow->Num(4, odate);
      ow->Str(5, priority);
      ow->Str(6, Numbered("Clerk", clerk));
      ow->Num(7, 0);
      ow->Str(8, comment);
      ow->EndRow();
    }
  }
}

// ---- driver -------------------------------------------------------------------------------------

struct Task {
  std::function<void()> run;
};

std::string PartPath(const std::string& out, const std::string& table, int64_t part, bool csv) {
  char name[64];
  std::snprintf(name, sizeof(name), "part-%05lld%s", static_cast<long long>(part),
                csv ? ".csv" : ".parquet");
  return out + "/" + table + "/" + name;
}

int Main(int argc, char** argv) {
  double sf = 1;
  std::string format = "parquet", out;
  std::string tables_arg = "region,nation,supplier,customer,part,partsupp,orders,lineitem";
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--scale") sf = std::stod(value());
    else if (a == "--format") format = value();
    else if (a == "--out") out = value();
    else if (a == "--tables") tables_arg = value();
    else if (a == "--threads") threads = std::stoi(value());
    else throw std::runtime_error("unknown argument " + a);
  }
  if (out.empty() || sf <= 0 || (format != "parquet" && format != "csv")) {
    std::cerr << "usage: ember-tpch-gen --scale SF --format parquet|csv --out DIR "
                 "[--tables t1,t2,...] [--threads N]\n";
    return 2;
  }
  const bool csv = format == "csv";
  if (!csv) RegisterBuiltinFormats();
  Scale s(sf);
  Pool();

  std::vector<std::string> tables;
  for (size_t p = 0; p <= tables_arg.size();) {
    size_t q = tables_arg.find(',', p);
    if (q == std::string::npos) q = tables_arg.size();
    if (q > p) tables.push_back(tables_arg.substr(p, q - p));
    p = q + 1;
  }
  auto wanted = [&](const std::string& t) {
    return std::find(tables.begin(), tables.end(), t) != tables.end();
  };
  static const char* kKnown[] = {"region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"};
  for (const auto& t : tables) {
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return t == k; }) ==
        std::end(kKnown))
      throw std::runtime_error("unknown table " + t);
  }

  std::vector<Task> tasks;
  using Gen = void (*)(PartWriter&, int64_t, int64_t, const Scale&);
  // Splits `rows` into parts of at most `per_part` rows, one task each.
  auto add_simple = [&](const std::string& table, const std::vector<ColumnDef>& cols, int64_t rows,
                        int64_t per_part, Gen gen) {
    if (!wanted(table)) return;
    std::filesystem::create_directories(out + "/" + table);
    int64_t parts = std::max<int64_t>(1, (rows + per_part - 1) / per_part);
    for (int64_t p = 0; p < parts; ++p) {
      int64_t b = rows * p / parts, e = rows * (p + 1) / parts;
      tasks.push_back({[=, &cols, &s] {
        PartWriter w(cols, PartPath(out, table, p, csv), csv);
        gen(w, b, e, s);
        w.Close();
      }});
    }
  };
  add_simple("region", kRegionCols, 5, 5, GenRegion);
  add_simple("nation", kNationCols, 25, 25, GenNation);
  add_simple("supplier", kSupplierCols, s.suppliers, 1000000, GenSupplier);
  add_simple("customer", kCustomerCols, s.customers, 1500000, GenCustomer);
  add_simple("part", kPartCols, s.parts, 2000000, GenPart);
  add_simple("partsupp", kPartsuppCols, s.parts, 500000, GenPartsupp);
  bool want_o = wanted("orders"), want_l = wanted("lineitem");
  if (want_o || want_l) {
    if (want_o) std::filesystem::create_directories(out + "/orders");
    if (want_l) std::filesystem::create_directories(out + "/lineitem");
    const int64_t per_part = 1500000;  // orders per part (about 6M lineitems)
    int64_t parts = std::max<int64_t>(1, (s.orders + per_part - 1) / per_part);
    for (int64_t p = 0; p < parts; ++p) {
      int64_t b = s.orders * p / parts, e = s.orders * (p + 1) / parts;
      tasks.push_back({[=, &s] {
        std::unique_ptr<PartWriter> ow, lw;
        if (want_o) ow = std::make_unique<PartWriter>(kOrdersCols, PartPath(out, "orders", p, csv), csv);
        if (want_l) lw = std::make_unique<PartWriter>(kLineitemCols, PartPath(out, "lineitem", p, csv), csv);
        GenOrdersAndLines(ow.get(), lw.get(), b, e, s);
        if (ow) ow->Close();
        if (lw) lw->Close();
      }});
    }
  }
  // Biggest tasks (orders/lineitem, added last) first.
  std::reverse(tasks.begin(), tasks.end());

  std::atomic<size_t> next{0};
  std::mutex error_mu;
  std::string error;
  auto worker = [&] {
    for (size_t t; (t = next.fetch_add(1)) < tasks.size();) {
      try {
        tasks[t].run();
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (error.empty()) error = e.what();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < std::max(1, threads); ++i) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (!error.empty()) {
    std::cerr << "ember-tpch-gen: " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace ember

int main(int argc, char** argv) {
  try {
    return ember::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ember-tpch-gen: " << e.what() << "\n";
    return 2;
  }
}
