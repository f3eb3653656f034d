// contains, startswith, endswith: substring tests.
#include "functions/executor.h"

namespace ember {

void RegisterMatchFunctions(FunctionRegistry& registry) {
  using SV = std::string_view;
  registry.Add(FixedScalar("contains", "contains(str, sub): whether sub occurs in str.", {{"contains('Spark', 'ar')", "true"}},
                           {StringType(), StringType()}, BooleanType(),
                           RowKernel<uint8_t(SV, SV)>([](SV s, SV p) { return s.find(p) != SV::npos; })));
  registry.Add(FixedScalar("startswith", "startswith(str, prefix): whether str begins with prefix.",
                           {{"startswith('Spark', 'Sp')", "true"}}, {StringType(), StringType()}, BooleanType(),
                           RowKernel<uint8_t(SV, SV)>([](SV s, SV p) { return s.substr(0, p.size()) == p; })));
  registry.Add(FixedScalar("endswith", "endswith(str, suffix): whether str ends with suffix.",
                           {{"endswith('Spark', 'rk')", "true"}}, {StringType(), StringType()}, BooleanType(),
                           RowKernel<uint8_t(SV, SV)>([](SV s, SV p) {
                             return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
                           })));
}

}  // namespace ember
