// typeof, version, current_timezone, current_user / user / session_user, uuid.
#include <pwd.h>
#include <unistd.h>

#include <random>

#include "functions/executor.h"

namespace ember {
namespace {

BoundScalar BindTypeof(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("typeof", args, 1, 1);
  std::string name = args[0].type->ToString();
  BoundScalar bound = FixedBinding({args[0].type}, StringType(), [name](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
    return MakeConstantVector(Value::String(name), rows);
  });
  bound.result_nullable = false;
  return bound;
}

// The name of the user running the engine (Spark's current user), or "" when unknown.
std::string CurrentUser() {
  const passwd* entry = getpwuid(geteuid());
  return entry != nullptr ? entry->pw_name : "";
}

// A random (version 4) UUID per row.
VectorPtr Uuids(const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  VectorBuilder builder(StringType(), rows);
  static const char kHex[] = "0123456789abcdef";
  for (int64_t i = 0; i < rows; ++i) {
    uint64_t hi = (random() & ~0xF000ULL) | 0x4000ULL;
    uint64_t lo = (random() & ~(3ULL << 62)) | (2ULL << 62);
    char text[36];
    int p = 0;
    for (int k = 0; k < 32; ++k) {
      if (k == 8 || k == 12 || k == 16 || k == 20) text[p++] = '-';
      uint64_t word = k < 16 ? hi : lo;
      text[p++] = kHex[(word >> (4 * (15 - k % 16))) & 15];
    }
    builder.AppendString(std::string_view(text, 36));
  }
  return builder.Finish();
}

}  // namespace

void RegisterPartitionFunctions(FunctionRegistry& registry);
void RegisterInputFileFunctions(FunctionRegistry& registry);
void RegisterReflectFunctions(FunctionRegistry& registry);
void RegisterSizeFunctions(FunctionRegistry& registry);
void RegisterBitmapFunctions(FunctionRegistry& registry);
void RegisterUnwrapUdtFunctions(FunctionRegistry& registry);

void RegisterMiscFunctions(FunctionRegistry& registry) {
  RegisterPartitionFunctions(registry);
  RegisterInputFileFunctions(registry);
  RegisterReflectFunctions(registry);
  RegisterSizeFunctions(registry);
  RegisterBitmapFunctions(registry);
  RegisterUnwrapUdtFunctions(registry);
  registry.Add(MakeScalar("typeof", "typeof(expr): the name of expr's data type.", BindTypeof,
                          {{"typeof(1)", "int"}, {"typeof(1.5)", "decimal(2,1)"}, {"typeof(NULL)", "void"}}));
  registry.Add(FixedScalar("version", "version(): the Spark version Ember implements, then the engine's name.", {{"version()", "4.0.0 ember"}},
                           {}, StringType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
                             return MakeConstantVector(Value::String("4.0.0 ember"), rows);
                           }));
  registry.Add(FixedScalar("current_timezone", "current_timezone(): the session time zone.", {}, {}, StringType(),
                           [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
                             return MakeConstantVector(Value::String(ctx.time_zone_name), rows);
                           }));
  for (const char* name : {"current_user", "user", "session_user"}) {
    registry.Add(FixedScalar(name, std::string(name) + "(): the name of the user running the query.", {{std::string(name) + "() IS NOT NULL", "true"}}, {},
                             StringType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
                               return MakeConstantVector(Value::String(CurrentUser()), rows);
                             }));
  }
  ScalarFunction uuid = FixedScalar("uuid", "uuid(): a random universally unique identifier (version 4) per row.",
                                    {{"length(uuid())", "36"}}, {}, StringType(), Uuids);
  auto bind = uuid.bind;
  uuid.bind = [bind](const std::vector<BindArg>& args, const EvalContext& ctx) {
    BoundScalar bound = bind(args, ctx);
    bound.deterministic = false;
    bound.result_nullable = false;
    return bound;
  };
  registry.Add(std::move(uuid));
}

}  // namespace ember
