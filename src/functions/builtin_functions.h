// The category registration functions the registry calls to fill itself; one per category file
// set. Internal to the functions layer.
#pragma once

#include "functions/registry.h"

namespace ember {

void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterPredicateFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterMoreMathFunctions(FunctionRegistry& registry);
void RegisterConditionalFunctions(FunctionRegistry& registry);
void RegisterHashFunctions(FunctionRegistry& registry);
void RegisterMiscFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterDatetimeFunctions(FunctionRegistry& registry);
void RegisterMoreDatetimeFunctions(FunctionRegistry& registry);
void RegisterMonthFunctions(FunctionRegistry& registry);
void RegisterAggregateFunctions(FunctionRegistry& registry);
void RegisterBooleanAggregates(FunctionRegistry& registry);
void RegisterCollectAggregates(FunctionRegistry& registry);
void RegisterFoldAggregates(FunctionRegistry& registry);
void RegisterMinMaxByAggregates(FunctionRegistry& registry);
void RegisterMlFunctions(FunctionRegistry& registry);
void RegisterMlModelFunctions(FunctionRegistry& registry);
void RegisterMlAggregates(FunctionRegistry& registry);
void RegisterNestedFunctions(FunctionRegistry& registry);
void RegisterJsonFunctions(FunctionRegistry& registry);
void RegisterHigherOrderFunctions(FunctionRegistry& registry);

}  // namespace ember
