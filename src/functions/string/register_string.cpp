// The string functions, one family per file in this folder.
#include "functions/builtin_functions.h"

namespace ember {

void RegisterAsciiChrFunctions(FunctionRegistry& registry);
void RegisterBase64Functions(FunctionRegistry& registry);
void RegisterCaseFunctions(FunctionRegistry& registry);
void RegisterCollationFunctions(FunctionRegistry& registry);
void RegisterCollationKeyFunction(FunctionRegistry& registry);
void RegisterCharsetFunctions(FunctionRegistry& registry);
void RegisterConcatFunctions(FunctionRegistry& registry);
void RegisterEltSplitPartFunctions(FunctionRegistry& registry);
void RegisterFormatStringFunctions(FunctionRegistry& registry);
void RegisterLengthFunctions(FunctionRegistry& registry);
void RegisterLevenshteinSoundexFunctions(FunctionRegistry& registry);
void RegisterLocateFunctions(FunctionRegistry& registry);
void RegisterMaskLuhnFunctions(FunctionRegistry& registry);
void RegisterMatchFunctions(FunctionRegistry& registry);
void RegisterPadFunctions(FunctionRegistry& registry);
void RegisterParseUrlFunctions(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterRepeatReverseFunctions(FunctionRegistry& registry);
void RegisterSubstringFunctions(FunctionRegistry& registry);
void RegisterToBinaryFunctions(FunctionRegistry& registry);
void RegisterToNumberFunctions(FunctionRegistry& registry);
void RegisterTranslateOverlayFunctions(FunctionRegistry& registry);
void RegisterTrimFunctions(FunctionRegistry& registry);
void RegisterSentencesFunctions(FunctionRegistry& registry);
void RegisterUrlFunctions(FunctionRegistry& registry);
void RegisterUtf8Functions(FunctionRegistry& registry);

void RegisterStringFunctions(FunctionRegistry& registry) {
  RegisterSentencesFunctions(registry);
  RegisterAsciiChrFunctions(registry);
  RegisterBase64Functions(registry);
  RegisterCaseFunctions(registry);
  RegisterCollationFunctions(registry);
  RegisterCollationKeyFunction(registry);
  RegisterCharsetFunctions(registry);
  RegisterConcatFunctions(registry);
  RegisterEltSplitPartFunctions(registry);
  RegisterFormatStringFunctions(registry);
  RegisterLengthFunctions(registry);
  RegisterLevenshteinSoundexFunctions(registry);
  RegisterLocateFunctions(registry);
  RegisterMaskLuhnFunctions(registry);
  RegisterMatchFunctions(registry);
  RegisterPadFunctions(registry);
  RegisterParseUrlFunctions(registry);
  RegisterRegexpFunctions(registry);
  RegisterRepeatReverseFunctions(registry);
  RegisterSubstringFunctions(registry);
  RegisterToBinaryFunctions(registry);
  RegisterToNumberFunctions(registry);
  RegisterTranslateOverlayFunctions(registry);
  RegisterTrimFunctions(registry);
  RegisterUrlFunctions(registry);
  RegisterUtf8Functions(registry);
}

}  // namespace ember
