#include "functions/string/collation_key.h"

#include <unicode/coll.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <memory>
#include <mutex>

#include "common/collation.h"
#include "common/type_tree.h"
#include "common/error.h"
#include "functions/executor.h"
#include "functions/string/icu_collator.h"

namespace ember {

// One collator per ICU collation, made on first use and not changed after.
const icu::Collator& IcuCollatorOf(uint16_t collation) {
  static std::mutex mutex;
  static std::map<uint16_t, std::unique_ptr<icu::Collator>> collators;
  std::lock_guard lock(mutex);
  std::unique_ptr<icu::Collator>& slot = collators[collation];
  if (slot == nullptr) {
    const CollationInfo& info = CollationOf(collation);
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(icu::Collator::createInstance(icu::Locale(info.icu_locale.c_str()), status));
    if (U_FAILURE(status) || slot == nullptr) throw InternalError("no ICU collator for " + info.name);
    // Spark's strengths: tertiary, or secondary without case, or primary without accents (with
    // the case level when case still counts).
    if (!info.accent_insensitive) {
      slot->setStrength(info.case_insensitive ? icu::Collator::SECONDARY : icu::Collator::TERTIARY);
    } else {
      slot->setStrength(icu::Collator::PRIMARY);
      if (!info.case_insensitive) slot->setAttribute(UCOL_CASE_LEVEL, UCOL_ON, status);
    }
  }
  return *slot;
}

namespace {

void AppendCodePoint(UChar32 c, std::string& out) {
  char buffer[4];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(buffer, length);
}

void AppendIcuKey(const icu::Collator& collator, std::string_view text, std::string& out) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  size_t start = out.size();
  out.resize(start + text.size() * 4 + 16);
  int32_t needed = collator.getSortKey(unicode, reinterpret_cast<uint8_t*>(out.data() + start), static_cast<int32_t>(out.size() - start));
  if (static_cast<size_t>(needed) > out.size() - start) {
    out.resize(start + needed);
    collator.getSortKey(unicode, reinterpret_cast<uint8_t*>(out.data() + start), needed);
  }
  out.resize(start + needed - 1);  // without the terminating zero byte
}

}  // namespace

void AppendSparkLowercase(std::string_view text, std::string& out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      char c = static_cast<char>(bytes[i++]);
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    if (c == 0x0130) {
      out += 'i';
      AppendCodePoint(0x0307, out);
    } else {
      AppendCodePoint(c == 0x03C2 ? 0x03C3 : u_tolower(c), out);
    }
  }
}

void AppendCollationKey(std::string_view text, uint16_t collation, std::string& out) {
  const CollationInfo& info = CollationOf(collation);
  if (info.rtrim) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  }
  switch (info.family) {
    case CollationFamily::kBinary: out.append(text); return;
    case CollationFamily::kLowercase: AppendSparkLowercase(text, out); return;
    case CollationFamily::kIcu: AppendIcuKey(IcuCollatorOf(collation), text, out); return;
  }
}

bool HasCollatedString(const DataType& type) {
  return AnyTypeInTree(type, [](const DataType& t) { return t.id == TypeId::kString && t.collation != kUtf8BinaryCollation; });
}

VectorPtr WithCollatedType(const VectorPtr& strings, const TypePtr& type) {
  if (strings->type()->Equals(*type)) return strings;
  VectorPtr out = Vector::Make(type, strings->length());
  out->values() = strings->values();
  out->bytes() = strings->bytes();
  if (strings->MayHaveNulls()) {
    for (int64_t i = 0; i < strings->length(); ++i) {
      if (strings->IsNull(i)) out->SetNull(i);
    }
  }
  return out;
}

namespace {

// `type` with each collated string replaced by its key's type.
TypePtr KeyTypeOf(const TypePtr& type) {
  if (!HasCollatedString(*type)) return type;
  switch (type->id) {
    case TypeId::kString: return CollationOf(type->collation).family == CollationFamily::kIcu ? BinaryType() : StringType();
    case TypeId::kArray: return ArrayType(KeyTypeOf(type->element), type->contains_null);
    case TypeId::kMap: return MapType(KeyTypeOf(type->element), KeyTypeOf(type->value), type->contains_null);
    default: {
      std::vector<StructField> fields = type->fields;
      for (auto& field : fields) field.type = KeyTypeOf(field.type);
      return StructType(std::move(fields));
    }
  }
}

// The keys of a value of `type` (vectors need not carry their collation): its layout (offsets,
// nulls) with the collated strings inside keyed.
VectorPtr NestedKeys(const VectorPtr& v, const TypePtr& type, const TypePtr& key_type) {
  if (!HasCollatedString(*type)) return v;
  if (type->id == TypeId::kString) {
    VectorBuilder builder(key_type, v->length());
    std::string key;
    for (int64_t i = 0; i < v->length(); ++i) {
      if (v->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      key.clear();
      AppendCollationKey(v->GetString(i), type->collation, key);
      builder.AppendString(key);
    }
    return builder.Finish();
  }
  VectorPtr out = Vector::Make(key_type, v->length());
  out->values() = v->values();
  for (int64_t i = 0; i < v->length(); ++i) {
    if (v->IsNull(i)) out->SetNull(i);
  }
  std::vector<TypePtr> children;
  if (type->id == TypeId::kStruct) {
    for (const auto& field : type->fields) children.push_back(field.type);
  } else {
    children = {type->element};
    if (type->id == TypeId::kMap) children.push_back(type->value);
  }
  for (size_t k = 0; k < children.size(); ++k) {
    out->children()[k] = NestedKeys(v->child(k), children[k], out->child(k)->type());
  }
  return out;
}

BoundScalar BindCollationKey(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount(kCollationKeyFunction, args, 1, 1);
  TypePtr type = args[0].type;
  EMBER_CHECK(HasCollatedString(*type), "collation_key of a value without collated strings");
  if (type->id != TypeId::kString) {
    TypePtr key_type = KeyTypeOf(type);
    return FixedBinding({type}, key_type, [type, key_type](const std::vector<VectorPtr>& a, int64_t, EvalContext&) {
      return NestedKeys(a[0], type, key_type);
    });
  }
  uint16_t collation = type->collation;
  const CollationInfo& info = CollationOf(collation);
  const icu::Collator* collator = info.family == CollationFamily::kIcu ? &IcuCollatorOf(collation) : nullptr;
  bool rtrim = info.rtrim;
  CollationFamily family = info.family;
  TypePtr key_type = KeyTypeOf(type);
  return FixedBinding({type}, key_type, RowKernel<StringResult(std::string_view)>(
                                                key_type, [=](std::string& out, std::string_view text) {
                                                  if (rtrim) {
                                                    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
                                                  }
                                                  if (family == CollationFamily::kIcu) {
                                                    AppendIcuKey(*collator, text, out);
                                                  } else if (family == CollationFamily::kLowercase) {
                                                    AppendSparkLowercase(text, out);
                                                  } else {
                                                    out.append(text);
                                                  }
                                                }));
}

}  // namespace

void RegisterCollationKeyFunction(FunctionRegistry& registry) {
  registry.Add(MakeScalar(kCollationKeyFunction, "collation_key(s): the bytes comparing as s does under its collation (internal).",
                          BindCollationKey, {}));
}

}  // namespace ember
