// A minimal streaming JSON writer for the engine's own serialized descriptions (physical plans,
// tasks). The caller is responsible for well-formed nesting; commas are inserted automatically.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ember {

class JsonWriter {
 public:
  void BeginObject() { Separate(); text_ += '{'; first_.push_back(true); }
  void EndObject() { text_ += '}'; first_.pop_back(); }
  void BeginArray() { Separate(); text_ += '['; first_.push_back(true); }
  void EndArray() { text_ += ']'; first_.pop_back(); }
  // Writes `"key":`; the next value belongs to it.
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Double(double value);  // round-trips exactly; NaN and infinities as strings
  void Bool(bool value);
  void Null();
  // Writes already serialized JSON text as a value.
  void Raw(std::string_view json);

  const std::string& text() const { return text_; }

 private:
  void Separate();

  std::string text_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace ember
