// length / char_length / character_length (characters; bytes for binary), octet_length, bit_length.
#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

// A function of one string or binary argument, with `fn(bytes, is_binary)` giving the int result.
template <typename Fn>
ScalarFunction LengthFunction(const std::string& name, std::string doc, std::vector<FunctionExample> examples, Fn fn) {
  return MakeScalar(
      name, std::move(doc),
      [name, fn](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 1, 1);
        RejectNestedArgs(name, args, "(\"STRING\" or \"BINARY\")");
        bool binary = args[0].type->id == TypeId::kBinary;
        return FixedBinding({binary ? BinaryType() : StringType()}, IntType(),
                            RowKernel<int32_t(std::string_view)>([fn, binary](std::string_view s) { return fn(s, binary); }));
      },
      std::move(examples));
}

}  // namespace

void RegisterLengthFunctions(FunctionRegistry& registry) {
  registry.Add(LengthFunction("length", "length(str): characters in str (bytes for binary).", {{"length('Spark ')", "6"}},
                              [](std::string_view s, bool binary) {
                                return static_cast<int32_t>(binary ? s.size() : utf8::Length(s));
                              }));
  registry.AddAlias("char_length", "length");
  registry.AddAlias("character_length", "length");
  registry.Add(LengthFunction("octet_length", "octet_length(str): bytes of str in UTF-8.", {{"octet_length('é')", "2"}},
                              [](std::string_view s, bool) { return static_cast<int32_t>(s.size()); }));
  registry.Add(LengthFunction("bit_length", "bit_length(str): bits of str in UTF-8.", {{"bit_length('ab')", "16"}},
                              [](std::string_view s, bool) { return static_cast<int32_t>(s.size() * 8); }));
}

}  // namespace ember
