// The key rules of the maps functions build, as Spark's ArrayBasedMapBuilder applies them: a null
// key raises NULL_MAP_KEY; a key equal to an earlier key of its map (-0.0 equal to 0.0, NaN to NaN)
// raises DUPLICATED_MAP_KEY under spark.sql.mapKeyDedupPolicy=EXCEPTION (the default) and, under
// LAST_WIN, stays at its first position with the value of its last occurrence. Keys are taken in
// order, map by map, so the error names the first key that breaks a rule.
#pragma once

#include "common/vector.h"
#include "functions/eval_context.h"

namespace ember {

// How Spark fills its builder, which decides whether floating-point keys come out as given or
// normalized (-0.0 as 0.0). kFromArrays (map, map_from_arrays, transform_keys: the builder's
// `from`) keeps a map's keys as given unless one of them repeats; kOneByOne (map_from_entries,
// map_concat, str_to_map: `put` then `build`) normalizes every map.
enum class MapBuild { kFromArrays, kOneByOne };

// `map`, a map vector whose valid rows were just built, with the rules applied: the vector itself
// when no key repeats and none is to be normalized.
VectorPtr ApplyMapKeyRules(VectorPtr map, EvalContext& ctx, MapBuild build);

}  // namespace ember
