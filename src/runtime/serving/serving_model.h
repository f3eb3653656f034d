// The serving runtime: a saved PipelineModel scored row by row without a session or a query
// engine. Loading translates each stage into calls of the same engine functions its batch
// transform puts in the plan (ml_string_index, ml_assemble_vector, ml_standard_scale,
// ml_glm_predict, ml_tree_predict...), with the same fitted state as literal arguments, and binds them once; scoring
// runs their kernels over a batch of the request's rows (usually one). docs/ml.md, "Serving".
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/value.h"
#include "common/vector.h"
#include "functions/function.h"

namespace ember::serving {

// A row the model cannot score: `status` is 400 for malformed input (a missing field, a wrong
// type) and 422 for a value the stage's handleInvalid = 'error' rejects; `field` names the input.
class ServingError : public std::runtime_error {
 public:
  ServingError(int status, std::string field, const std::string& message)
      : std::runtime_error(message), status_(status), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string field_;
};

// What an input field of the pipeline takes: a string (StringIndexer's input), a number, a
// vector (an input read as a vector, e.g. a model's features given directly), a list of strings
// (FPGrowthModel's items) or a scalar: a number, string or boolean, each kept as it is
// (FeatureHasher hashes a number by the field's name, a string or boolean with it).
enum class InputKind { kString, kNumber, kVector, kStrings, kScalar };

struct InputField {
  std::string name;
  InputKind kind;
  TypePtr type;  // string, double, VectorUdtType, array<string> or struct<number double, text string>
};

struct OutputColumn {
  std::string name;
  TypePtr type;
};

class ServingModel {
 public:
  // Loads the PipelineModel (or a single model or transformer) saved in `dir`; throws
  // std::invalid_argument naming a stage the runtime does not serve.
  static std::shared_ptr<const ServingModel> Load(const std::string& dir);

  // The fields the pipeline reads from a row, in order of first use.
  const std::vector<InputField>& inputs() const { return inputs_; }
  // The columns the pipeline adds, in order.
  const std::vector<OutputColumn>& outputs() const { return outputs_; }

  // Scores `rows` rows given as one column per input field (of its type). Returns one column per
  // output; a row that a stage with handleInvalid = 'skip' drops is null in every output and
  // false in *kept. Throws ServingError for a row a stage rejects.
  std::vector<VectorPtr> Score(const std::vector<VectorPtr>& inputs, int64_t rows, std::vector<bool>* kept) const;

  // Builds the ServingModel's steps; see serving_model.cpp.
  class Compiler;

 private:
  // An argument of a step's function: a column of the working batch (inputs, then outputs) or a
  // literal (with its one-row vector).
  struct Arg {
    int column = -1;
    Value literal;
    VectorPtr literal_row;
  };
  // When a step drops rows (handleInvalid = 'skip'): never, where its result is null, where its
  // result is null and its first argument is not (Bucketizer), or where an argument column is
  // null or NaN before it runs (VectorAssembler).
  // where its result is NaN (ALSModel's coldStartStrategy 'drop').
  enum class Drop { kNever, kNullResult, kNullResultOfValue, kInvalidArguments, kNanResult };
  struct Step {
    std::string stage;  // SavedStage::Describe()
    BoundScalar bound;  // empty kernel: the result is argument 0 (a stage that copies its input)
    std::vector<Arg> args;
    Drop drop = Drop::kNever;
    int column = -1;  // the working column it computes
    bool hidden = false;  // an intermediate column, not one of the outputs
    bool one_row_literals = false;  // its function reads its literals when bound
  };
  // A column of the working batch: input field `input`, or the result of a step (input -1).
  struct Column {
    std::string name;
    TypePtr type;
    int input = -1;
    int origin = -1;  // the input field it derives from alone (for errors), or -1
    int size = -1;    // vector length when known (1 for numbers), else -1
  };

  // The input field at fault when a step fails: its first argument column with a null, else its first.
  std::string FieldAtFault(const Step& step, const std::vector<VectorPtr>& columns) const;

  std::vector<InputField> inputs_;
  std::vector<OutputColumn> outputs_;
  std::vector<Step> steps_;  // the steps that are not hidden compute the outputs, in order
  std::vector<Column> columns_;
};

}  // namespace ember::serving
