// One stage of a saved PipelineModel in the layout PipelineModel.save writes (Spark's): its class,
// uid and params from metadata/part-00000 (paramMap over defaultParamMap) and the row of model
// data under data/ (Parquet: one row, or a tree model's nodes), read without a session.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/value.h"

namespace ember::serving {

class SavedStage {
 public:
  // Reads the stage saved in `dir`; its data only when it has a data/ folder.
  static SavedStage Read(const std::string& dir);

  const std::string& class_name() const { return class_name_; }  // Spark's Scala class name
  const std::string& uid() const { return uid_; }
  // "StringIndexerModel (uid StringIndexer_4f2a...)", for messages.
  std::string Describe() const;

  bool Has(const std::string& param) const { return params_.count(param) > 0; }
  // Whether the param was set (paramMap) rather than defaulted.
  bool IsSet(const std::string& param) const { return set_.count(param) > 0; }
  std::string String(const std::string& param) const;
  double Double(const std::string& param) const;
  bool Bool(const std::string& param) const;
  std::vector<std::string> Strings(const std::string& param) const;
  std::vector<double> Doubles(const std::string& param) const;
  std::vector<std::vector<double>> DoubleArrays(const std::string& param) const;
  // A vector param as Spark's JSON writes it ({"type": 1, "values": [...]} or the sparse form).
  std::vector<double> Vector(const std::string& param) const;

  // Column `name` of the data's first row (throws naming the stage when absent).
  const Value& Data(const std::string& name) const;
  // Every row of the data (a tree model's nodes), each by column name.
  const std::vector<std::map<std::string, Value>>& DataRows() const { return rows_; }
  // Every row of the Parquet files in another folder of the stage (a forest's treesMetadata).
  std::vector<std::map<std::string, Value>> FolderRows(const std::string& folder) const;

 private:
  std::string Param(const std::string& param) const;  // its JSON text

  std::string dir_;
  std::string class_name_;
  std::string uid_;
  std::map<std::string, std::string> params_;  // name -> JSON text (NaN and infinities as strings)
  std::map<std::string, bool> set_;
  std::vector<std::map<std::string, Value>> rows_;
};

// The doubles of a pyspark.ml.linalg vector value (VectorUdtType), dense.
std::vector<double> VectorValues(const Value& vector);
// The rows of a matrix value (MatrixUdtType), dense, row by row.
std::vector<std::vector<double>> MatrixRows(const Value& matrix);

}  // namespace ember::serving
