#include "functions/collection/map_key_rules.h"

#include <cmath>

#include "functions/collection/nested_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

[[noreturn]] void ThrowDuplicate(const Vector& keys, int32_t k, EvalContext& ctx) {
  VectorPtr text = CastVector(SliceRows(keys, k, 1), StringType(), ctx);
  throw SparkError("DUPLICATED_MAP_KEY",
                   {{"key", std::string(text->GetString(0))}, {"mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\""}});
}

// Writes 0.0 over the -0.0 keys of the rows marked in `rows` (NaNs need nothing: Ember keeps no
// NaN payloads apart).
template <typename T>
void NormalizeZeros(Vector& keys, const int32_t* offsets, const std::vector<uint8_t>& rows) {
  T* k = keys.Data<T>();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i]) continue;
    for (int32_t j = offsets[i]; j < offsets[i + 1]; ++j) {
      if (k[j] == 0 && std::signbit(k[j])) k[j] = 0;
    }
  }
}

bool HasNegativeZero(const Vector& keys, const int32_t* offsets, const std::vector<uint8_t>& rows) {
  bool is_float = keys.type()->id == TypeId::kFloat;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i]) continue;
    for (int32_t j = offsets[i]; j < offsets[i + 1]; ++j) {
      double v = is_float ? keys.Data<float>()[j] : keys.Data<double>()[j];
      if (v == 0 && std::signbit(v)) return true;
    }
  }
  return false;
}

}  // namespace

VectorPtr ApplyMapKeyRules(VectorPtr map, EvalContext& ctx, MapBuild build) {
  const Vector& keys = *map->child(0);
  const int32_t* o = map->Offsets();
  int64_t rows = map->length();
  bool null_keys = keys.type()->id == TypeId::kNull;
  bool floating = keys.type()->id == TypeId::kFloat || keys.type()->id == TypeId::kDouble;
  // Under LAST_WIN, what each row keeps: its first occurrences, each with its last value.
  std::vector<int32_t> key_take, value_take, offsets(1, 0);
  std::vector<int32_t> slot;  // per entry of the row: its key's position in key_take
  std::vector<uint8_t> normalize(floating ? rows : 0, build == MapBuild::kOneByOne);
  bool repeated = false;
  ElementSet seen(keys);
  for (int64_t i = 0; i < rows; ++i) {
    if (map->IsValid(i)) {
      seen.Clear();
      slot.resize(o[i + 1] - o[i]);
      for (int32_t k = o[i]; k < o[i + 1]; ++k) {
        if (null_keys || keys.IsNull(k)) throw SparkError("NULL_MAP_KEY", {});
        int32_t first = seen.Find(k);
        if (first < 0) {
          seen.Add(k);
          slot[k - o[i]] = static_cast<int32_t>(key_take.size());
          key_take.push_back(k);
          value_take.push_back(k);
          continue;
        }
        if (!ctx.map_key_last_win) ThrowDuplicate(keys, k, ctx);
        value_take[slot[first - o[i]]] = k;
        repeated = true;
        if (floating) normalize[i] = 1;
      }
    }
    offsets.push_back(static_cast<int32_t>(key_take.size()));
  }
  bool zeros = floating && HasNegativeZero(keys, o, normalize);
  if (!repeated && !zeros) return map;
  VectorPtr out_keys = TakeRows(keys, key_take.data(), static_cast<int64_t>(key_take.size()));
  VectorPtr out_values = TakeRows(*map->child(1), value_take.data(), static_cast<int64_t>(value_take.size()));
  if (zeros) {
    if (keys.type()->id == TypeId::kFloat) {
      NormalizeZeros<float>(*out_keys, offsets.data(), normalize);
    } else {
      NormalizeZeros<double>(*out_keys, offsets.data(), normalize);
    }
  }
  return MakeListVector(map->type(), std::move(offsets), {out_keys, out_values}, NullsOf(*map));
}

}  // namespace ember
