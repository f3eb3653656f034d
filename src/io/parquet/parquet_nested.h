// Nested columns (struct, array, map) in Parquet: the schema layout Spark writes (3-level LIST,
// MAP with key_value), the definition and repetition levels of each leaf, shredding a nested
// vector into per-leaf level streams for writing, and assembling those streams back into a
// nested vector when reading.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/vector.h"
#include "io/parquet/parquet_metadata.h"

namespace ember::parquet {

// One node of a nested column: a struct, list or map group, or a primitive leaf.
struct NestedNode {
  TypePtr type;              // Spark type of the node's values
  bool optional = true;      // its value may be null (adds a definition level)
  int definition_level = 0;  // levels at which the value is present (non-null)
  int repetition_level = 0;  // lists and maps: the level of their entries
  std::vector<NestedNode> children;  // struct fields; list element; map key and value
  int leaf = -1;             // leaves: index among the column's leaves
  int first_leaf = 0;        // first leaf index under this node
  int leaf_count = 0;        // leaves under this node
};

// A leaf column of a nested column: its path, levels, and schema element.
struct NestedLeaf {
  std::vector<std::string> path;
  int max_definition_level = 0;
  int max_repetition_level = 0;
  const NestedNode* node = nullptr;
  size_t element = 0;  // index of the leaf's SchemaElement in the file schema
};

// A top-level nested column: its node tree and leaves (in schema order).
struct NestedColumn {
  NestedNode root;
  std::vector<NestedLeaf> leaves;
};

// Appends the schema elements of nested field `field` (as Spark writes it) and returns its
// layout. `make_leaf` gives the primitive element of a leaf field.
std::shared_ptr<NestedColumn> AppendNestedElements(
    const StructField& field, std::vector<SchemaElement>* elements,
    SchemaElement (*make_leaf)(const StructField& field));

// The layout of the group at schema[*pos] (moving *pos past it), or nullptr with `*why` set when
// Spark cannot read it. `leaf_type` gives the Spark type of a primitive element.
std::shared_ptr<NestedColumn> ReadNestedColumn(
    const std::vector<SchemaElement>& schema, size_t* pos, std::string* why,
    TypePtr (*leaf_type)(const SchemaElement& element, std::string* why));

// Level streams of one leaf: an entry per (def, rep) pair; values of entries at the leaf's
// maximum definition level are rows `positions` of `values`.
struct LeafLevels {
  std::vector<uint32_t> definitions;
  std::vector<uint32_t> repetitions;
  std::vector<int64_t> positions;
  const Vector* values = nullptr;
  void Clear() {
    definitions.clear();
    repetitions.clear();
    positions.clear();
    values = nullptr;
  }
};

// Shreds rows [offset, offset + count) of `column` into one LeafLevels per leaf. Throws
// INVALID_PARAMETER_VALUE for a null in a non-nullable field.
void ShredNested(const NestedColumn& layout, const Vector& column, int64_t offset, int64_t count,
                 std::vector<LeafLevels>* leaves);

// A leaf as read back: definition and repetition levels of each entry and a vector with one row
// per entry (null unless the entry is at the leaf's maximum definition level).
struct ReadLeaf {
  std::vector<uint32_t> definitions;
  std::vector<uint32_t> repetitions;
  VectorPtr values;
};

// Assembles `rows` rows of the nested column from its leaves' streams.
VectorPtr AssembleNested(const NestedColumn& layout, const std::vector<ReadLeaf>& leaves,
                         int64_t rows);

}  // namespace ember::parquet
