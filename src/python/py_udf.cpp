#include "python/py_udf.h"

#include <pybind11/numpy.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "functions/partition_end.h"
#include "functions/table_call.h"
#include "python/py_convert.h"
#include "python/py_local_data.h"
#include "python/py_numpy_result.h"

namespace ember::python {
namespace {

// The GIL for a call from an engine thread. pybind11 gives a thread without a Python thread state
// a new one per acquire and deletes it on release (an mmap, munmap and page faults per batch of a
// pandas UDF); the first acquire on each thread keeps its thread state for the thread's life.
class EngineThreadGil {
 public:
  EngineThreadGil() {
    thread_local bool kept = false;
    if (!kept) {
      gil_.inc_ref();
      kept = true;
    }
  }

 private:
  py::gil_scoped_acquire gil_;
};

class PythonUdf;

// The Python object running a function over one task's partition (`evaluator()` made it): fed the
// partition's batches, finished at its end, closed when the task drops it unfinished.
class PartitionRun : public PartitionEnd {
 public:
  PartitionRun(const PythonUdf& udf, py::object run) : udf_(udf), run_(std::move(run)) {}
  ~PartitionRun() override;
  VectorPtr Finish(EvalContext& ctx) override;
  const py::object& run() const { return run_; }

 private:
  const PythonUdf& udf_;
  py::object run_;
  bool finished_ = false;
};

class PythonUdf : public ExternalFunction {
 public:
  PythonUdf(std::string name, TypePtr result_type, bool pandas, py::object evaluator, py::object record_values,
            bool partition_wide)
      : result_{std::move(name), std::move(result_type), true},
        pandas_(pandas),
        partition_wide_(partition_wide),
        evaluator_(std::move(evaluator)),
        record_values_(std::move(record_values)) {}

  ~PythonUdf() override {
    if (!Py_IsInitialized()) {
      // The interpreter is gone: the objects cannot be released any more.
      evaluator_.release();
      record_values_.release();
      return;
    }
    py::gil_scoped_acquire gil;
    evaluator_ = py::object();
    record_values_ = py::object();
  }

  VectorPtr Call(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) const override {
    EngineThreadGil gil;
    if (rows == 0) {
      // No rows to hand over; a partition's run still starts (a partition without rows gets here
      // once, at its end: empty_partition.h), so its function runs over an empty iterator.
      if (partition_wide_) Run(ctx);
      return Vector::Make(result_.type, 0);
    }
    return Evaluate(rows, ctx, [&] {
      const py::object& evaluate = partition_wide_ ? Run(ctx) : evaluator_;
      return pandas_ ? evaluate(Arguments(args, rows, ctx.time_zone), rows, ctx.coalesced_batch_rows)
                     : evaluate(Arguments(args, rows, ctx.time_zone), rows);
    });
  }

  // What a partition's run gives at its end: ("frames"/column spec of one row) or None.
  VectorPtr FinishRun(const py::object& run, EvalContext& ctx) const {
    return Evaluate(1, ctx, [&]() -> py::object {
      py::object last = run.attr("finish")();
      return last.is_none() ? py::object(py::make_tuple("none")) : last;
    });
  }

  // The evaluator of a grouped function gets the rows of all groups and where each group starts
  // (an int64 array of groups + 1 entries).
  VectorPtr CallGroups(const std::vector<VectorPtr>& args, const std::vector<int64_t>& starts,
                       EvalContext& ctx) const override {
    const int64_t groups = static_cast<int64_t>(starts.size()) - 1;
    EngineThreadGil gil;
    return Evaluate(groups, ctx, [&] {
      py::array_t<int64_t> bounds(static_cast<py::ssize_t>(starts.size()));
      std::copy(starts.begin(), starts.end(), bounds.mutable_data());
      return evaluator_(Arguments(args, starts.back(), ctx.time_zone), bounds, ctx.coalesced_batch_rows);
    });
  }

 private:
  // The run of this function over the task's partition, started on its first call in the task.
  const py::object& Run(EvalContext& ctx) const {
    std::shared_ptr<void>& slot = ctx.task_state[this];
    if (slot == nullptr) {
      auto run = std::make_shared<PartitionRun>(*this, evaluator_());
      slot = run;
      AddPartitionEnd(ctx, run);
    }
    return static_cast<PartitionRun*>(slot.get())->run();
  }

  template <typename F>
  VectorPtr Evaluate(int64_t rows, EvalContext& ctx, F&& call) const {
    try {
      py::object out = call();
      py::tuple spec = out.cast<py::tuple>();
      std::string kind = spec[0].cast<std::string>();
      if (kind == "error") {
        std::string text = spec[1].cast<std::string>();
        throw SparkError("PYTHON_EXCEPTION", "", text, {{"msg", text}});
      }
      if (kind == "none") return nullptr;
      return ToVector(out, rows, ctx.time_zone);
    } catch (py::error_already_set& error) {
      // A failure of the evaluator itself (the UDF's own errors come back as ("error", text)).
      std::string text = error.what();
      throw SparkError("PYTHON_EXCEPTION", "", text, {{"msg", text}});
    }
  }

  py::list Arguments(const std::vector<VectorPtr>& args, int64_t rows, const absl::TimeZone& zone) const {
    if (pandas_) {
      // Numbers without nulls are viewed where they are; other columns are converted.
      py::list columns;
      for (size_t i = 0; i < args.size(); ++i) {
        py::object view = NumpyView(args[i], rows);
        if (!view.is_none()) {
          columns.append(py::make_tuple(view, py::none()));
          continue;
        }
        QueryResult one;
        one.schema.push_back({"_" + std::to_string(i), args[i]->type(), true});
        one.batches.push_back(Batch({args[i]}, rows));
        columns.append(ResultToNumpy(std::move(one), zone)[0]);
      }
      return columns;
    }
    py::list columns;
    for (const auto& arg : args) {
      py::list values(rows);
      std::vector<py::object> objects = VectorToObjects(*arg, 0, rows, zone);
      for (int64_t i = 0; i < rows; ++i) PyList_SET_ITEM(values.ptr(), i, objects[i].release().ptr());
      columns.append(std::move(values));
    }
    return columns;
  }

  VectorPtr Convert(const py::object& spec, int64_t rows, const absl::TimeZone& zone) const {
    if (py::str(spec.cast<py::tuple>()[0]).cast<std::string>() == "frames") return Frames(spec, rows, zone);
    py::list columns;
    columns.append(spec);
    return Columns({result_}, columns, rows, zone)[0];
  }

  // The columns of `schema` from their specs, one vector each.
  std::vector<VectorPtr> Columns(const Schema& schema, const py::list& columns, int64_t rows,
                                 const absl::TimeZone& zone) const {
    LocalBatches batches = ColumnsToBatches(schema, columns, rows, zone, record_values_, 1,
                                             CutBatches(rows, {}, std::max<int64_t>(rows, 1)));
    std::vector<VectorPtr> out;
    for (size_t c = 0; c < schema.size(); ++c) {
      std::vector<VectorPtr> parts;
      for (const auto& batch : *batches) parts.push_back(batch.columns[c]);
      if (parts.empty()) {
        out.push_back(Vector::Make(schema[c].type, 0));
      } else {
        out.push_back(parts.size() == 1 ? parts[0] : ConcatVectors(parts));
      }
    }
    return out;
  }

  // ("frames", column specs, lengths): the result of an array-of-structs function (applyInPandas,
  // mapInPandas) as the columns of all its frames one after the other, and each result's length.
  VectorPtr Frames(const py::object& spec, int64_t rows, const absl::TimeZone& zone) const {
    py::tuple parts = spec.cast<py::tuple>();
    const TypePtr& element = result_.type->element;
    std::vector<int64_t> lengths;
    for (py::handle length : parts[2].cast<py::sequence>()) lengths.push_back(length.cast<int64_t>());
    if (static_cast<int64_t>(lengths.size()) != rows) throw InternalError("frames of another number of rows");
    int64_t total = 0;
    for (int64_t length : lengths) total += length;
    VectorPtr structs = Vector::Make(element, total);
    structs->children() = Columns(element->fields, parts[1].cast<py::list>(), total, zone);
    VectorPtr arrays = Vector::Make(result_.type, rows);
    int32_t* offsets = arrays->Offsets();
    offsets[0] = 0;
    for (int64_t i = 0; i < rows; ++i) offsets[i + 1] = static_cast<int32_t>(offsets[i] + lengths[i]);
    arrays->children() = {structs};
    return arrays;
  }

  // The result column; a row-at-a-time UDF's values that do not fit the return type become nulls
  // (as Spark converts them).
  VectorPtr ToVector(const py::object& spec, int64_t rows, const absl::TimeZone& zone) const {
    try {
      return Convert(spec, rows, zone);
    } catch (const py::type_error&) {
      if (pandas_) {
        std::string text = "The pandas UDF returned values that do not fit its return type " +
                           result_.type->ToString() + ".";
        throw SparkError("PYTHON_EXCEPTION", "", text, {{"msg", text}});
      }
    }
    py::sequence values = spec.cast<py::tuple>()[1];
    py::list fitting;
    for (py::handle value : values) {
      py::list one;
      one.append(value);
      try {
        Convert(py::make_tuple("objects", one, py::none(), false), 1, zone);
        fitting.append(value);
      } catch (const py::type_error&) {
        fitting.append(py::none());
      }
    }
    return Convert(py::make_tuple("objects", fitting, py::none(), false), rows, zone);
  }

  StructField result_;
  bool pandas_;
  bool partition_wide_;
  py::object evaluator_;
  py::object record_values_;
};

// A UDTF with an analyze method, as SQL names it: the analyzer asks it for the function of each
// call (it is never called itself).
class AnalyzedPythonUdtf : public PythonUdf, public AnalyzedTableFunction {
 public:
  AnalyzedPythonUdtf(std::string name, TypePtr result_type, py::object analyze)
      : PythonUdf(std::move(name), std::move(result_type), false, py::none(), py::none(), true),
        analyze_(std::move(analyze)) {}

  ~AnalyzedPythonUdtf() override {
    if (!Py_IsInitialized()) {
      analyze_.release();
      return;
    }
    py::gil_scoped_acquire gil;
    analyze_ = py::object();
  }

  // `analyze([(name, type, value, is_constant, is_table)])` gives
  // (function id, single partition, [partition column], [(column, ascending, nulls first or
  // None)], [(column, alias)]); the value is None unless the argument is constant.
  TableCallAnalysis Analyze(const std::vector<TableCallArgument>& args) const override {
    py::gil_scoped_acquire gil;
    try {
      py::list described;
      for (const auto& arg : args) {
        py::object value = py::none();
        if (arg.constant) {
          value = VectorToObjects(*MakeConstantVector(*arg.constant, 1), 0, 1, absl::UTCTimeZone())[0];
        }
        described.append(py::make_tuple(arg.name, TypeToPython(*arg.type), value, arg.constant.has_value(), arg.is_table));
      }
      py::tuple out = analyze_(described).cast<py::tuple>();
      TableCallAnalysis analysis;
      analysis.function_id = out[0].cast<int64_t>();
      analysis.single_partition = out[1].cast<bool>();
      for (py::handle column : out[2]) analysis.partition_by.push_back(column.cast<std::string>());
      for (py::handle item : out[3]) {
        py::tuple order = item.cast<py::tuple>();
        TableCallOrder o{order[0].cast<std::string>(), order[1].cast<bool>(), std::nullopt};
        if (!order[2].is_none()) o.nulls_first = order[2].cast<bool>();
        analysis.order_by.push_back(std::move(o));
      }
      for (py::handle item : out[4]) {
        py::tuple column = item.cast<py::tuple>();
        analysis.select.emplace_back(column[0].cast<std::string>(), column[1].cast<std::string>());
      }
      return analysis;
    } catch (py::error_already_set& error) {
      std::string text = error.what();
      throw SparkError("TABLE_VALUED_FUNCTION_FAILED_TO_ANALYZE_IN_PYTHON", "38000",
                       "Failed to analyze the Python user defined table function: " + text, {{"msg", text}});
    }
  }

 private:
  py::object analyze_;
};

PartitionRun::~PartitionRun() {
  if (!Py_IsInitialized()) {
    run_.release();
    return;
  }
  py::gil_scoped_acquire gil;
  if (!finished_) {
    try {
      run_.attr("close")();
    } catch (py::error_already_set&) {
      // Nothing to report it to: the task is gone.
    }
  }
  run_ = py::object();
}

VectorPtr PartitionRun::Finish(EvalContext& ctx) {
  EngineThreadGil gil;
  finished_ = true;
  return udf_.FinishRun(run_, ctx);
}

}  // namespace

int64_t RegisterUdf(Session& session, const std::string& name, const std::string& return_type,
                    bool deterministic, bool pandas, py::object evaluator, py::object record_values, bool grouped,
                    bool partition_wide, py::object analyze) {
  ExternalFunctionInfo info;
  info.name = name;
  info.result_type = ParseDataType(return_type);
  info.deterministic = deterministic;
  info.coalesce_input = pandas && !grouped;
  info.grouped = grouped;
  if (!analyze.is_none()) {
    info.function = std::make_shared<AnalyzedPythonUdtf>(name, info.result_type, std::move(analyze));
  } else {
    info.function = std::make_shared<PythonUdf>(name, info.result_type, pandas, std::move(evaluator),
                                                std::move(record_values), partition_wide);
  }
  return session.functions().Add(std::move(info));
}

}  // namespace ember::python
