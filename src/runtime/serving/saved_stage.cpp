#include "runtime/serving/saved_stage.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "io/parquet/parquet_file.h"
#include "io/parquet/parquet_reader.h"
#include "simdjson.h"

namespace ember::serving {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Spark's metadata writes NaN and the infinities as bare words, which JSON does not have: quote
// them (outside strings) so that the parser takes them as strings.
std::string QuoteNonFinite(const std::string& text) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    bool quoted = false;
    for (const char* word : {"-Infinity", "Infinity", "NaN"}) {
      size_t n = std::char_traits<char>::length(word);
      if (text.compare(i, n, word) == 0) {
        out += '"';
        out += word;
        out += '"';
        i += n - 1;
        quoted = true;
        break;
      }
    }
    if (!quoted) out += c;
  }
  return out;
}

double JsonDouble(const simdjson::dom::element& element) {
  if (element.is_string()) {
    std::string_view word = element.get_string().value();
    if (word == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (word == "Infinity") return std::numeric_limits<double>::infinity();
    if (word == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  if (element.is_int64()) return static_cast<double>(element.get_int64().value());
  return element.get_double().value();
}

// The rows of the Parquet files under `dir`, each by column name.
std::vector<std::map<std::string, Value>> ReadRows(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > 8 && name.substr(name.size() - 8) == ".parquet") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::map<std::string, Value>> rows;
  for (const auto& path : files) {
    auto file = parquet::ParquetFile::Open(path);
    Schema schema;
    for (const auto& column : file->columns()) {
      if (!column.type) throw std::invalid_argument("unsupported Parquet column " + column.name + " in " + path);
      schema.push_back({column.name, column.type, true});
    }
    parquet::ParquetBatchReader reader(file, parquet::RowGroupsInRange(*file, 0, file->size()), schema);
    Batch batch;
    while (reader.Next(&batch)) {
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        auto& row = rows.emplace_back();
        for (size_t i = 0; i < schema.size(); ++i) row[schema[i].name] = GetValue(*batch.columns[i], r);
      }
    }
  }
  if (rows.empty()) throw std::invalid_argument("no model data in " + dir);
  return rows;
}

}  // namespace

SavedStage SavedStage::Read(const std::string& dir) {
  SavedStage stage;
  stage.dir_ = dir;
  std::string text = QuoteNonFinite(ReadText((fs::path(dir) / "metadata" / "part-00000").string()));
  simdjson::dom::parser parser;
  simdjson::dom::element metadata;
  if (parser.parse(text).get(metadata)) throw std::invalid_argument("malformed metadata in " + dir);
  std::string_view class_name, uid;
  if (metadata["class"].get(class_name) || metadata["uid"].get(uid)) {
    throw std::invalid_argument("metadata without class or uid in " + dir);
  }
  stage.class_name_ = std::string(class_name);
  stage.uid_ = std::string(uid);
  for (const char* map : {"defaultParamMap", "paramMap"}) {  // set params override defaults
    simdjson::dom::object params;
    if (metadata[map].get(params)) continue;
    for (auto [key, value] : params) {
      stage.params_[std::string(key)] = simdjson::minify(value);
      if (std::string_view(map) == "paramMap") stage.set_[std::string(key)] = true;
    }
  }
  fs::path data = fs::path(dir) / "data";
  // models saved through an mllib model (BisectingKMeansModel) nest its layout: data/data
  if (fs::is_directory(data / "data") && fs::is_directory(data / "metadata")) data /= "data";
  if (fs::is_directory(data)) stage.rows_ = ReadRows(data.string());
  return stage;
}

std::vector<std::map<std::string, Value>> SavedStage::FolderRows(const std::string& folder) const {
  return ReadRows((fs::path(dir_) / folder).string());
}

std::string SavedStage::Describe() const {
  size_t dot = class_name_.rfind('.');
  return class_name_.substr(dot == std::string::npos ? 0 : dot + 1) + " (uid " + uid_ + ")";
}

std::string SavedStage::Param(const std::string& param) const {
  auto it = params_.find(param);
  if (it == params_.end()) throw std::invalid_argument(Describe() + " has no param " + param);
  return it->second;
}

namespace {

template <typename F>
auto WithParam(const SavedStage& stage, const std::string& param, const std::string& text, F&& f) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(text).get(element)) throw std::invalid_argument(stage.Describe() + ": malformed param " + param);
  try {
    return f(element);
  } catch (const simdjson::simdjson_error&) {
    throw std::invalid_argument(stage.Describe() + ": param " + param + " has an unexpected type");
  }
}

}  // namespace

std::string SavedStage::String(const std::string& param) const {
  return WithParam(*this, param, Param(param),
                   [](const simdjson::dom::element& e) { return std::string(e.get_string().value()); });
}

double SavedStage::Double(const std::string& param) const {
  return WithParam(*this, param, Param(param), [](const simdjson::dom::element& e) { return JsonDouble(e); });
}

bool SavedStage::Bool(const std::string& param) const {
  return WithParam(*this, param, Param(param), [](const simdjson::dom::element& e) { return e.get_bool().value(); });
}

std::vector<std::string> SavedStage::Strings(const std::string& param) const {
  return WithParam(*this, param, Param(param), [](const simdjson::dom::element& e) {
    std::vector<std::string> out;
    simdjson::dom::array items = e.get_array().value();
    for (auto item : items) out.emplace_back(item.get_string().value());
    return out;
  });
}

std::vector<double> SavedStage::Doubles(const std::string& param) const {
  return WithParam(*this, param, Param(param), [](const simdjson::dom::element& e) {
    std::vector<double> out;
    simdjson::dom::array items = e.get_array().value();
    for (auto item : items) out.push_back(JsonDouble(item));
    return out;
  });
}

std::vector<std::vector<double>> SavedStage::DoubleArrays(const std::string& param) const {
  return WithParam(*this, param, Param(param), [](const simdjson::dom::element& e) {
    std::vector<std::vector<double>> out;
    simdjson::dom::array arrays = e.get_array().value();
    for (auto array : arrays) {
      out.emplace_back();
      simdjson::dom::array items = array.get_array().value();
      for (auto item : items) out.back().push_back(JsonDouble(item));
    }
    return out;
  });
}

std::vector<double> SavedStage::Vector(const std::string& param) const {
  return WithParam(*this, param, Param(param), [](const simdjson::dom::element& e) {
    std::vector<double> values;
    simdjson::dom::array items = e["values"].get_array().value();
    for (auto item : items) values.push_back(JsonDouble(item));
    if (e["type"].get_int64().value() == 1) return values;
    std::vector<double> dense(static_cast<size_t>(e["size"].get_int64().value()), 0.0);
    simdjson::dom::array indices = e["indices"].get_array().value();
    size_t i = 0;
    for (auto index : indices) dense.at(static_cast<size_t>(index.get_int64().value())) = values.at(i++);
    return dense;
  });
}

const Value& SavedStage::Data(const std::string& name) const {
  if (rows_.empty()) throw std::invalid_argument(Describe() + " has no model data");
  auto it = rows_[0].find(name);
  if (it == rows_[0].end() || it->second.is_null) {
    throw std::invalid_argument(Describe() + " has no model data column " + name);
  }
  return it->second;
}

std::vector<double> VectorValues(const Value& vector) {
  // type (0 sparse, 1 dense), size, indices, values
  const auto& fields = vector.children;
  std::vector<double> out;
  if (fields.at(0).i64 == 1) {
    for (const auto& v : fields.at(3).children) out.push_back(v.f64);
    return out;
  }
  out.assign(static_cast<size_t>(fields.at(1).i64), 0.0);
  const auto& indices = fields.at(2).children;
  const auto& values = fields.at(3).children;
  for (size_t i = 0; i < indices.size(); ++i) out.at(static_cast<size_t>(indices[i].i64)) = values.at(i).f64;
  return out;
}

std::vector<std::vector<double>> MatrixRows(const Value& matrix) {
  // type (0 sparse, 1 dense), numRows, numCols, colPtrs, rowIndices, values, isTransposed
  const auto& fields = matrix.children;
  size_t rows = static_cast<size_t>(fields.at(1).i64), cols = static_cast<size_t>(fields.at(2).i64);
  bool transposed = fields.at(6).i64 != 0;
  const auto& values = fields.at(5).children;
  std::vector<std::vector<double>> out(rows, std::vector<double>(cols, 0.0));
  if (fields.at(0).i64 == 1) {  // column-major, or row-major when transposed
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < cols; ++c) out[r][c] = values.at(transposed ? r * cols + c : c * rows + r).f64;
    }
    return out;
  }
  // compressed columns (or rows when transposed): pointers per major index, minor indices
  const auto& pointers = fields.at(3).children;
  const auto& minor = fields.at(4).children;
  size_t majors = transposed ? rows : cols;
  for (size_t m = 0; m + 1 < pointers.size() && m < majors; ++m) {
    for (int64_t k = pointers[m].i64; k < pointers[m + 1].i64; ++k) {
      size_t other = static_cast<size_t>(minor.at(static_cast<size_t>(k)).i64);
      (transposed ? out[m][other] : out[other][m]) = values.at(static_cast<size_t>(k)).f64;
    }
  }
  return out;
}

}  // namespace ember::serving
