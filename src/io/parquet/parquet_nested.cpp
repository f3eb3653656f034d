#include "io/parquet/parquet_nested.h"

#include "common/error.h"

namespace ember::parquet {
namespace {

bool IsList(const SchemaElement& e) {
  return (e.logical_type && e.logical_type->kind == LogicalType::kList) ||
         (e.converted_type && *e.converted_type == kList);
}

bool IsMap(const SchemaElement& e) {
  return (e.logical_type && e.logical_type->kind == LogicalType::kMap) ||
         (e.converted_type && (*e.converted_type == kMap || *e.converted_type == kMapKeyValue));
}

SchemaElement Group(const std::string& name, int32_t repetition, int32_t children) {
  SchemaElement element;
  element.name = name;
  element.repetition_type = repetition;
  element.num_children = children;
  return element;
}

void CountLeaves(NestedNode* node) {
  if (node->leaf >= 0) {
    node->first_leaf = node->leaf;
    node->leaf_count = 1;
    return;
  }
  node->first_leaf = -1;
  node->leaf_count = 0;
  for (NestedNode& child : node->children) {
    CountLeaves(&child);
    if (node->first_leaf < 0) node->first_leaf = child.first_leaf;
    node->leaf_count += child.leaf_count;
  }
}

void LinkLeaves(const NestedNode& node, NestedColumn* column) {
  if (node.leaf >= 0) column->leaves[node.leaf].node = &node;
  for (const NestedNode& child : node.children) LinkLeaves(child, column);
}

void Finish(NestedColumn* column) {
  CountLeaves(&column->root);
  LinkLeaves(column->root, column);
}

// ---- writing ------------------------------------------------------------------------------

struct WriteBuilder {
  std::vector<SchemaElement>* elements;
  SchemaElement (*make_leaf)(const StructField& field);
  std::vector<std::string> path;
  std::vector<NestedLeaf>* leaves;

  NestedNode Build(const std::string& name, const TypePtr& type, bool nullable, int parent_def,
                   int parent_rep) {
    NestedNode node;
    node.type = type;
    node.optional = nullable;
    node.definition_level = parent_def + (nullable ? 1 : 0);
    int32_t repetition = nullable ? kOptional : kRequired;
    path.push_back(name);
    switch (type->id) {
      case TypeId::kStruct:
        elements->push_back(Group(name, repetition, static_cast<int32_t>(type->fields.size())));
        for (const StructField& field : type->fields) {
          node.children.push_back(Build(field.name, field.type, field.nullable, node.definition_level, parent_rep));
        }
        break;
      case TypeId::kArray: {
        SchemaElement list = Group(name, repetition, 1);
        list.converted_type = kList;
        list.logical_type = LogicalType{.kind = LogicalType::kList};
        elements->push_back(list);
        elements->push_back(Group("list", kRepeated, 1));
        node.repetition_level = parent_rep + 1;
        path.push_back("list");
        node.children.push_back(Build("element", type->element, type->contains_null,
                                      node.definition_level + 1, node.repetition_level));
        path.pop_back();
        break;
      }
      case TypeId::kMap: {
        SchemaElement map = Group(name, repetition, 1);
        map.converted_type = kMap;
        map.logical_type = LogicalType{.kind = LogicalType::kMap};
        elements->push_back(map);
        elements->push_back(Group("key_value", kRepeated, 2));
        node.repetition_level = parent_rep + 1;
        path.push_back("key_value");
        node.children.push_back(Build("key", type->element, false, node.definition_level + 1,
                                      node.repetition_level));
        node.children.push_back(Build("value", type->value, type->contains_null,
                                      node.definition_level + 1, node.repetition_level));
        path.pop_back();
        break;
      }
      default:
        elements->push_back(make_leaf(StructField{name, type, nullable}));
        node.leaf = static_cast<int>(leaves->size());
        leaves->push_back(NestedLeaf{path, node.definition_level, parent_rep, nullptr, elements->size() - 1});
        break;
    }
    path.pop_back();
    return node;
  }
};

// ---- reading ------------------------------------------------------------------------------

struct ReadBuilder {
  const std::vector<SchemaElement>& schema;
  size_t* pos;
  std::string* why;
  TypePtr (*leaf_type)(const SchemaElement& element, std::string* why);
  std::vector<std::string> path;
  std::vector<NestedLeaf>* leaves;

  const SchemaElement* Take() {
    if (*pos >= schema.size()) {
      *why = "Parquet schema ends early";
      return nullptr;
    }
    return &schema[(*pos)++];
  }

  // Parses the element at *pos; false (with *why) if Spark cannot read it.
  bool Parse(int parent_def, int parent_rep, NestedNode* node) {
    const SchemaElement* e = Take();
    if (e == nullptr) return false;
    int32_t repetition = e->repetition_type.value_or(kOptional);
    if (repetition == kRepeated) {
      *why = "repeated Parquet field " + e->name + " outside a LIST or MAP";
      return false;
    }
    node->optional = repetition == kOptional;
    node->definition_level = parent_def + (node->optional ? 1 : 0);
    path.push_back(e->name);
    int32_t children = e->num_children.value_or(0);
    bool ok = true;
    if (children == 0) {
      node->type = leaf_type(*e, why);
      if (!node->type) return false;
      node->leaf = static_cast<int>(leaves->size());
      leaves->push_back(NestedLeaf{path, node->definition_level, parent_rep, nullptr, *pos - 1});
    } else if (IsList(*e) || IsMap(*e)) {
      bool is_map = IsMap(*e);
      const SchemaElement* repeated = Take();
      int32_t entries = is_map ? 2 : 1;
      if (children != 1 || repeated == nullptr ||
          repeated->repetition_type.value_or(kOptional) != kRepeated ||
          repeated->num_children.value_or(0) != entries) {
        if (why->empty()) *why = "a legacy LIST or MAP layout";
        return false;
      }
      node->repetition_level = parent_rep + 1;
      path.push_back(repeated->name);
      for (int32_t i = 0; i < entries && ok; ++i) {
        node->children.emplace_back();
        ok = Parse(node->definition_level + 1, node->repetition_level, &node->children.back());
      }
      path.pop_back();
      if (!ok) return false;
      if (is_map) {
        node->type = MapType(node->children[0].type, node->children[1].type, node->children[1].optional);
      } else {
        node->type = ArrayType(node->children[0].type, node->children[0].optional);
      }
    } else {
      std::vector<StructField> fields;
      for (int32_t i = 0; i < children && ok; ++i) {
        const std::string& name = *pos < schema.size() ? schema[*pos].name : std::string();
        node->children.emplace_back();
        ok = Parse(node->definition_level, parent_rep, &node->children.back());
        if (ok) fields.push_back(StructField{name, node->children.back().type, node->children.back().optional});
      }
      if (!ok) return false;
      node->type = StructType(std::move(fields));
    }
    path.pop_back();
    return true;
  }
};

// ---- shredding ----------------------------------------------------------------------------

struct Shredder {
  std::vector<LeafLevels>& leaves;

  void Absent(const NestedNode& node, uint32_t definition, uint32_t repetition) {
    for (int i = node.first_leaf; i < node.first_leaf + node.leaf_count; ++i) {
      leaves[i].definitions.push_back(definition);
      leaves[i].repetitions.push_back(repetition);
    }
  }

  void Shred(const NestedNode& node, const Vector& v, int64_t row, uint32_t repetition, const std::string& name) {
    if (v.IsNull(row)) {
      if (!node.optional) {
        throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", QuoteIdentifier(name)},
                                                     {"functionName", "`parquet`"},
                                                     {"message", "a NULL value in a non-nullable field"}});
      }
      Absent(node, node.definition_level - 1, repetition);
      return;
    }
    if (node.leaf >= 0) {
      LeafLevels& leaf = leaves[node.leaf];
      leaf.definitions.push_back(node.definition_level);
      leaf.repetitions.push_back(repetition);
      leaf.positions.push_back(row);
      leaf.values = &v;
      return;
    }
    switch (node.type->id) {
      case TypeId::kStruct:
        for (size_t f = 0; f < node.children.size(); ++f) {
          Shred(node.children[f], *v.child(f), row, repetition, node.type->fields[f].name);
        }
        return;
      case TypeId::kArray:
      case TypeId::kMap: {
        const int32_t* offsets = v.Offsets();
        if (offsets[row] == offsets[row + 1]) {
          Absent(node, node.definition_level, repetition);
          return;
        }
        for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
          uint32_t rep = j == offsets[row] ? repetition : node.repetition_level;
          for (size_t c = 0; c < node.children.size(); ++c) {
            Shred(node.children[c], *v.child(c), j, rep, c == 0 ? "element" : "value");
          }
        }
        return;
      }
      default:
        throw InternalError("unexpected nested Parquet node");
    }
  }
};

// ---- assembly -----------------------------------------------------------------------------

struct Assembler {
  const std::vector<ReadLeaf>& leaves;
  std::vector<size_t> cursors;

  [[noreturn]] void Corrupt() const { throw ParquetDecodeError("nested column levels do not match its schema"); }

  uint32_t Definition(int leaf) const {
    if (cursors[leaf] >= leaves[leaf].definitions.size()) Corrupt();
    return leaves[leaf].definitions[cursors[leaf]];
  }

  void Skip(const NestedNode& node) {
    for (int i = node.first_leaf; i < node.first_leaf + node.leaf_count; ++i) ++cursors[i];
  }

  void Read(const NestedNode& node, VectorBuilder& out) {
    uint32_t definition = Definition(node.first_leaf);
    if (node.optional && definition < static_cast<uint32_t>(node.definition_level)) {
      out.AppendNull();
      Skip(node);
      return;
    }
    if (node.leaf >= 0) {
      const ReadLeaf& leaf = leaves[node.leaf];
      if (static_cast<int64_t>(cursors[node.leaf]) >= leaf.values->length()) Corrupt();
      out.AppendFrom(*leaf.values, static_cast<int64_t>(cursors[node.leaf]++));
      return;
    }
    if (node.type->id == TypeId::kStruct) {
      for (size_t f = 0; f < node.children.size(); ++f) Read(node.children[f], out.Child(f));
      out.FinishNested();
      return;
    }
    // A list or map: empty when its entries' level is not reached.
    if (definition < static_cast<uint32_t>(node.definition_level + 1)) {
      Skip(node);
      out.FinishNested();
      return;
    }
    const ReadLeaf& first = leaves[node.first_leaf];
    while (true) {
      for (size_t c = 0; c < node.children.size(); ++c) Read(node.children[c], out.Child(c));
      size_t next = cursors[node.first_leaf];
      if (next >= first.repetitions.size() || first.repetitions[next] < static_cast<uint32_t>(node.repetition_level))
        break;
    }
    out.FinishNested();
  }
};

}  // namespace

std::shared_ptr<NestedColumn> AppendNestedElements(const StructField& field, std::vector<SchemaElement>* elements,
                                                   SchemaElement (*make_leaf)(const StructField& field)) {
  auto column = std::make_shared<NestedColumn>();
  WriteBuilder builder{elements, make_leaf, {}, &column->leaves};
  column->root = builder.Build(field.name, field.type, field.nullable, 0, 0);
  if (column->leaves.empty()) {
    throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "writing the column " + QuoteIdentifier(field.name) +
                                                             " of type \"" + field.type->ToString() +
                                                             "\" (a struct without fields) to Parquet"}});
  }
  Finish(column.get());
  return column;
}

std::shared_ptr<NestedColumn> ReadNestedColumn(const std::vector<SchemaElement>& schema, size_t* pos,
                                               std::string* why,
                                               TypePtr (*leaf_type)(const SchemaElement& element, std::string* why)) {
  auto column = std::make_shared<NestedColumn>();
  ReadBuilder builder{schema, pos, why, leaf_type, {}, &column->leaves};
  if (!builder.Parse(0, 0, &column->root)) return nullptr;
  Finish(column.get());
  return column;
}

void ShredNested(const NestedColumn& layout, const Vector& column, int64_t offset, int64_t count,
                 std::vector<LeafLevels>* leaves) {
  leaves->resize(layout.leaves.size());
  for (LeafLevels& leaf : *leaves) leaf.Clear();
  Shredder shredder{*leaves};
  const std::string& name = layout.leaves.empty() ? std::string() : layout.leaves[0].path[0];
  for (int64_t row = offset; row < offset + count; ++row) shredder.Shred(layout.root, column, row, 0, name);
}

VectorPtr AssembleNested(const NestedColumn& layout, const std::vector<ReadLeaf>& leaves, int64_t rows) {
  Assembler assembler{leaves, std::vector<size_t>(leaves.size(), 0)};
  VectorBuilder out(layout.root.type, rows);
  for (int64_t r = 0; r < rows; ++r) assembler.Read(layout.root, out);
  return out.Finish();
}

}  // namespace ember::parquet
