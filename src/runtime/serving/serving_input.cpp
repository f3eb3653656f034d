#include "runtime/serving/serving_input.h"

#include <string>

#include "functions/cast/java_number_format.h"

namespace ember::serving {
namespace {

const char* KindName(InputKind kind) {
  switch (kind) {
    case InputKind::kString:
      return "a string";
    case InputKind::kNumber:
      return "a number";
    case InputKind::kVector:
      return "a vector";
    case InputKind::kStrings:
      return "a list of strings";
    case InputKind::kScalar:
      return "a number, a string or a boolean";
  }
  return "";
}

// A kScalar field's value: a number, or a text (strings and booleans).
void AppendScalar(VectorBuilder& out, std::optional<double> number, std::string_view text) {
  if (number) {
    out.Child(0).Append<double>(*number);
    out.Child(1).AppendNull();
  } else {
    out.Child(0).AppendNull();
    out.Child(1).AppendString(text);
  }
  out.FinishNested();
}

}  // namespace

const char* InputKindLabel(InputKind kind) {
  switch (kind) {
    case InputKind::kString:
      return "string";
    case InputKind::kNumber:
      return "number";
    case InputKind::kVector:
      return "vector";
    case InputKind::kStrings:
      return "strings";
    case InputKind::kScalar:
      return "scalar";
  }
  return "";
}

InputColumns::InputColumns(const ServingModel& model, int64_t rows) : model_(model) {
  builders_.reserve(model.inputs().size());
  for (const auto& field : model.inputs()) builders_.emplace_back(field.type, rows);
}

void InputColumns::Missing(size_t field) const {
  const std::string& name = model_.inputs()[field].name;
  throw ServingError(400, name, "missing field " + name + " (" + KindName(model_.inputs()[field].kind) + ")");
}

void InputColumns::WrongType(size_t field, const std::string& given) const {
  const auto& input = model_.inputs()[field];
  throw ServingError(400, input.name,
                     "field " + input.name + " must be " + KindName(input.kind) + ", not " + given);
}

void InputColumns::Null(size_t field) { builders_[field].AppendNull(); }

void InputColumns::String(size_t field, std::string_view value) {
  InputKind kind = model_.inputs()[field].kind;
  if (kind == InputKind::kScalar) return AppendScalar(builders_[field], std::nullopt, value);
  if (kind != InputKind::kString) WrongType(field, "a string");
  builders_[field].AppendString(value);
}

void InputColumns::Int(size_t field, int64_t value) {
  switch (model_.inputs()[field].kind) {
    case InputKind::kString:
      builders_[field].AppendString(std::to_string(value));
      return;
    case InputKind::kNumber:
      builders_[field].Append<double>(static_cast<double>(value));
      return;
    case InputKind::kScalar:
      return AppendScalar(builders_[field], static_cast<double>(value), {});
    case InputKind::kVector:
    case InputKind::kStrings:
      WrongType(field, "a number");
  }
}

void InputColumns::Double(size_t field, double value) {
  switch (model_.inputs()[field].kind) {
    case InputKind::kString: {
      std::string text;
      AppendJavaDouble(value, &text);
      builders_[field].AppendString(text);
      return;
    }
    case InputKind::kNumber:
      builders_[field].Append<double>(value);
      return;
    case InputKind::kScalar:
      return AppendScalar(builders_[field], value, {});
    case InputKind::kVector:
    case InputKind::kStrings:
      WrongType(field, "a number");
  }
}

void InputColumns::Bool(size_t field, bool value) {
  switch (model_.inputs()[field].kind) {
    case InputKind::kString:
      builders_[field].AppendString(value ? "true" : "false");
      return;
    case InputKind::kNumber:
      builders_[field].Append<double>(value ? 1.0 : 0.0);
      return;
    case InputKind::kScalar:
      return AppendScalar(builders_[field], std::nullopt, value ? "true" : "false");
    case InputKind::kVector:
    case InputKind::kStrings:
      WrongType(field, "a boolean");
  }
}

void InputColumns::Dense(size_t field, const std::vector<double>& values) {
  if (model_.inputs()[field].kind != InputKind::kVector) WrongType(field, "a vector");
  VectorBuilder& out = builders_[field];
  out.Child(0).Append<int8_t>(1);
  out.Child(1).AppendNull();
  out.Child(2).AppendNull();
  for (double v : values) out.Child(3).Child(0).Append<double>(v);
  out.Child(3).FinishNested();
  out.FinishNested();
}

void InputColumns::Sparse(size_t field, int32_t size, const std::vector<int32_t>& indices,
                          const std::vector<double>& values) {
  if (model_.inputs()[field].kind != InputKind::kVector) WrongType(field, "a vector");
  const std::string& name = model_.inputs()[field].name;
  if (indices.size() != values.size()) throw ServingError(400, name, "field " + name + ": indices and values differ in length");
  for (size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] < 0 || indices[i] >= size || (i > 0 && indices[i] <= indices[i - 1])) {
      throw ServingError(400, name, "field " + name + ": sparse indices must be increasing and below the size");
    }
  }
  VectorBuilder& out = builders_[field];
  out.Child(0).Append<int8_t>(0);
  out.Child(1).Append<int32_t>(size);
  for (int32_t i : indices) out.Child(2).Child(0).Append<int32_t>(i);
  out.Child(2).FinishNested();
  for (double v : values) out.Child(3).Child(0).Append<double>(v);
  out.Child(3).FinishNested();
  out.FinishNested();
}

void InputColumns::Strings(size_t field, const std::vector<std::optional<std::string_view>>& values) {
  if (model_.inputs()[field].kind != InputKind::kStrings) WrongType(field, "a list of strings");
  VectorBuilder& out = builders_[field];
  for (const auto& value : values) {
    if (value) {
      out.Child(0).AppendString(*value);
    } else {
      out.Child(0).AppendNull();
    }
  }
  out.FinishNested();
}

std::vector<VectorPtr> InputColumns::Finish() {
  std::vector<VectorPtr> out;
  out.reserve(builders_.size());
  for (auto& builder : builders_) out.push_back(builder.Finish());
  return out;
}

}  // namespace ember::serving
