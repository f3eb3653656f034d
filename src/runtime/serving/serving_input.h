// The input columns of ServingModel::Score built from a request's values, one row after another,
// checking each value against what its field takes. Python (python/py_serving.cpp) and JSON
// (serving_json.cpp) requests go through it, so they accept the same values:
//   string fields: strings; numbers and booleans become their text as Spark's cast to string
//                  writes it (1, 2.5, true), as the batch transform casts them;
//   number fields: numbers; booleans as 1.0 / 0.0 (VectorAssembler's cast);
//   vector fields: dense or sparse vectors;
//   string list fields: lists of strings and nulls;
//   scalar fields: numbers, strings and booleans (as their text "true" / "false"), kept apart;
// null everywhere (the stage's handleInvalid decides). Anything else is a ServingError 400
// naming the field.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "runtime/serving/serving_model.h"

namespace ember::serving {

// "string", "number", "vector", "strings" or "scalar": the type a field's schema names.
const char* InputKindLabel(InputKind kind);

class InputColumns {
 public:
  InputColumns(const ServingModel& model, int64_t rows);

  void Null(size_t field);
  void String(size_t field, std::string_view value);
  void Int(size_t field, int64_t value);
  void Double(size_t field, double value);
  void Bool(size_t field, bool value);
  void Dense(size_t field, const std::vector<double>& values);
  void Sparse(size_t field, int32_t size, const std::vector<int32_t>& indices, const std::vector<double>& values);
  void Strings(size_t field, const std::vector<std::optional<std::string_view>>& values);
  InputKind kind(size_t field) const { return model_.inputs()[field].kind; }
  // Throws the ServingError of a field the row lacks / of a value of another type ("a list").
  [[noreturn]] void Missing(size_t field) const;
  [[noreturn]] void WrongType(size_t field, const std::string& given) const;

  std::vector<VectorPtr> Finish();

 private:
  const ServingModel& model_;
  std::vector<VectorBuilder> builders_;
};

}  // namespace ember::serving
