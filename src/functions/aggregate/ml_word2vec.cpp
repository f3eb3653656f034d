// Word2Vec's training pass (pyspark.ml.feature.Word2Vec), grouped by the partition whose sentences
// it trains on, the rows of a group arriving in the partition's order:
//   ml_word2vec_step(config, seed, counts, model, partition, terms, word0, ...) -> array<double>:
//       skip-gram with hierarchical softmax over the group's sentences (each row's terms found in
//       the vocabulary word0, ..., cut into pieces of at most maxSentenceLength), starting from the
//       model's vectors, as Spark trains one partition in one iteration. config is the text
//       "vectorSize,windowSize,stepSize,iteration,maxIter,numPartitions,maxSentenceLength"; seed a
//       64-bit integer as text; counts the vocabulary's word counts, the Huffman tree's weights;
//       model the V x vectorSize input vectors then the V x vectorSize inner node vectors. The
//       result is the vectors the pass changed: per vector its index (i < V an input vector, V + i
//       an inner node's), then its values. The driver averages them over the partitions.
// The learning rate falls linearly with the words trained over all iterations and partitions
// (re-estimated every 10,000 words), down to stepSize * 1e-4, as Spark's.
#include <algorithm>
#include <cmath>
#include <memory>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/error.h"
#include "functions/aggregate/double_list_accumulator.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"
#include "functions/xorshift_random.h"

namespace ember {
namespace {

constexpr double kMaxExp = 6.0;  // inner products beyond +-6 are not trained, as word2vec's

struct Word2VecSetup {
  size_t size = 0;     // vectorSize
  size_t words = 0;    // V
  int32_t window = 5;
  double step = 0.025;
  int64_t iteration = 1;
  int64_t iterations = 1;
  int64_t partitions = 1;
  size_t max_sentence = 1000;
  int64_t seed = 0;
  double train_words = 0;  // the vocabulary's total count
  std::unordered_map<std::string, int32_t> index;
  std::vector<std::vector<int32_t>> points;  // per word, its inner nodes from the root
  std::vector<std::vector<uint8_t>> codes;   // per word, the branch taken at each of them
  std::vector<double> model;                 // syn0 (V x size) then syn1 (V x size)
};

// The Huffman tree of the word counts (sorted by decreasing count): inner node j (0..V-2, the
// root V-2) joins the two lightest nodes left; a word's code is its path from the root.
void BuildHuffmanTree(const std::vector<double>& counts, Word2VecSetup& setup) {
  size_t v = counts.size();
  setup.points.assign(v, {});
  setup.codes.assign(v, {});
  if (v < 2) return;
  // nodes 0..V-1 are words, V..2V-2 inner nodes
  std::vector<size_t> parent(2 * v - 1, 0);
  std::vector<uint8_t> branch(2 * v - 1, 0);
  using Entry = std::pair<double, size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> lightest;
  for (size_t i = 0; i < v; ++i) lightest.emplace(counts[i], i);
  for (size_t inner = v; inner < 2 * v - 1; ++inner) {
    Entry a = lightest.top();
    lightest.pop();
    Entry b = lightest.top();
    lightest.pop();
    parent[a.second] = inner;
    parent[b.second] = inner;
    branch[b.second] = 1;
    lightest.emplace(a.first + b.first, inner);
  }
  size_t root = 2 * v - 2;
  for (size_t w = 0; w < v; ++w) {
    std::vector<int32_t>& points = setup.points[w];
    std::vector<uint8_t>& codes = setup.codes[w];
    for (size_t node = w; node != root; node = parent[node]) {
      codes.push_back(branch[node]);
      points.push_back(static_cast<int32_t>(parent[node] - v));
    }
    std::reverse(points.begin(), points.end());
    std::reverse(codes.begin(), codes.end());
  }
}

// One partition's training: its own copy of the model and what it changed.
struct Word2VecRun {
  explicit Word2VecRun(int64_t seed) : random(seed) {}
  XorShiftRandom random;
  double alpha = 0;
  int64_t word_count = 0;
  int64_t last_word_count = 0;
};

// State: the group's model copy (syn0 then syn1), then per vector whether the pass changed it.
class Word2VecStepAccumulator : public DoubleListAccumulator {
 public:
  explicit Word2VecStepAccumulator(std::shared_ptr<const Word2VecSetup> setup) : setup_(std::move(setup)) {}

  void Resize(int64_t groups) override {
    DoubleListAccumulator::Resize(groups);
    runs_.resize(static_cast<size_t>(groups));
  }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& partitions = *args[4];
    const Vector& terms = *args[5];
    const int32_t* offsets = terms.Offsets();
    const Vector& words = *terms.child(0);
    std::vector<int32_t> sentence;
    for (int64_t r = 0; r < rows; ++r) {
      if (terms.IsNull(r) || partitions.IsNull(r)) continue;
      uint32_t group = group_ids[r];
      std::vector<double>& state = states_[group];
      if (state.empty()) Start(group, state, partitions.Data<int32_t>()[r]);
      sentence.clear();
      for (int32_t i = offsets[r]; i < offsets[r + 1]; ++i) {
        if (words.IsNull(i)) continue;
        auto found = setup_->index.find(std::string(words.GetString(i)));
        if (found != setup_->index.end()) sentence.push_back(found->second);
      }
      for (size_t begin = 0; begin < sentence.size(); begin += setup_->max_sentence) {
        size_t end = std::min(sentence.size(), begin + setup_->max_sentence);
        Train(*runs_[group], state, sentence.data() + begin, end - begin);
      }
    }
  }

 protected:
  void MergeState(std::vector<double>&, const double*, size_t) override {
    // Rows are grouped by their partition, which one task trains on.
    throw InternalError("ml_word2vec_step: two training states for one partition");
  }

  std::vector<double> Result(const std::vector<double>& state) const override {
    size_t n = setup_->size, v = setup_->words;
    const double* changed = state.data() + 2 * v * n;
    std::vector<double> out;
    for (size_t i = 0; i < 2 * v; ++i) {
      if (changed[i] == 0.0) continue;
      out.push_back(static_cast<double>(i));
      out.insert(out.end(), state.begin() + static_cast<std::ptrdiff_t>(i * n),
                 state.begin() + static_cast<std::ptrdiff_t>((i + 1) * n));
    }
    return out;
  }

 private:
  void Start(uint32_t group, std::vector<double>& state, int32_t partition) {
    const Word2VecSetup& s = *setup_;
    state = s.model;
    state.resize(s.model.size() + 2 * s.words, 0.0);
    int64_t seed = s.seed ^ (static_cast<int64_t>(partition + 1) << 16) ^ ((-s.iteration - 1) << 8);
    runs_[group] = std::make_unique<Word2VecRun>(seed);
    runs_[group]->alpha = s.step;
  }

  void Train(Word2VecRun& run, std::vector<double>& state, const int32_t* sentence, size_t length) const {
    const Word2VecSetup& s = *setup_;
    size_t n = s.size;
    double* syn0 = state.data();
    double* syn1 = syn0 + s.words * n;
    double* changed0 = syn1 + s.words * n;
    double* changed1 = changed0 + s.words;
    if (run.word_count - run.last_word_count > 10000) {
      run.last_word_count = run.word_count;
      double done = static_cast<double>(s.partitions) * static_cast<double>(run.word_count) +
                    static_cast<double>(s.iteration - 1) * s.train_words;
      run.alpha = std::max(s.step * (1.0 - done / (static_cast<double>(s.iterations) * s.train_words + 1.0)),
                           s.step * 1e-4);
    }
    run.word_count += static_cast<int64_t>(length);
    std::vector<double> error(n);
    auto window = static_cast<int64_t>(s.window);
    for (size_t pos = 0; pos < length; ++pos) {
      const auto& points = s.points[static_cast<size_t>(sentence[pos])];
      const auto& codes = s.codes[static_cast<size_t>(sentence[pos])];
      auto shrink = static_cast<int64_t>(run.random.NextDouble() * static_cast<double>(window));
      for (int64_t a = shrink; a < 2 * window + 1 - shrink; ++a) {
        if (a == window) continue;
        int64_t c = static_cast<int64_t>(pos) - window + a;
        if (c < 0 || c >= static_cast<int64_t>(length)) continue;
        size_t context = static_cast<size_t>(sentence[c]);
        double* input = syn0 + context * n;
        std::fill(error.begin(), error.end(), 0.0);
        for (size_t d = 0; d < points.size(); ++d) {
          double* inner = syn1 + static_cast<size_t>(points[d]) * n;
          double f = 0.0;
          for (size_t k = 0; k < n; ++k) f += input[k] * inner[k];
          if (f <= -kMaxExp || f >= kMaxExp) continue;
          double g = (1.0 - codes[d] - 1.0 / (1.0 + std::exp(-f))) * run.alpha;
          for (size_t k = 0; k < n; ++k) error[k] += g * inner[k];
          for (size_t k = 0; k < n; ++k) inner[k] += g * input[k];
          changed1[points[d]] = 1.0;
        }
        for (size_t k = 0; k < n; ++k) input[k] += error[k];
        changed0[context] = 1.0;
      }
    }
  }

  std::shared_ptr<const Word2VecSetup> setup_;
  std::vector<std::unique_ptr<Word2VecRun>> runs_;
};

BoundAggregate BindWord2VecStep(const std::vector<BindArg>& args, bool, const EvalContext&) {
  const char* name = "ml_word2vec_step";
  if (args.size() < 6) CheckArgCount(name, args, 6, 6);
  auto setup = std::make_shared<Word2VecSetup>();
  std::vector<double> config = LiteralDoubles(name, args, 0);
  if (config.size() != 7 || config[0] < 1 || config[1] < 1 || config[6] < 1)
    throw InternalError("ml_word2vec_step: config");
  setup->size = static_cast<size_t>(config[0]);
  setup->window = static_cast<int32_t>(config[1]);
  setup->step = config[2];
  setup->iteration = static_cast<int64_t>(config[3]);
  setup->iterations = static_cast<int64_t>(config[4]);
  setup->partitions = static_cast<int64_t>(config[5]);
  setup->max_sentence = static_cast<size_t>(config[6]);
  setup->seed = std::stoll(LiteralString(name, args, 1));
  std::vector<double> counts = LiteralDoubles(name, args, 2);
  setup->words = args.size() - 6;
  if (counts.size() != setup->words) throw InternalError("ml_word2vec_step: counts do not match the vocabulary");
  for (double c : counts) setup->train_words += c;
  setup->model = LiteralDoubles(name, args, 3);
  if (setup->model.size() != 2 * setup->words * setup->size)
    throw InternalError("ml_word2vec_step: the model does not match the vocabulary");
  for (size_t i = 6; i < args.size(); ++i)
    setup->index.emplace(LiteralString(name, args, i), static_cast<int32_t>(i - 6));
  BuildHuffmanTree(counts, *setup);
  const DataType& terms = *args[5].type;
  if (terms.id != TypeId::kArray || !(terms.element->id == TypeId::kString || terms.element->id == TypeId::kNull))
    ThrowUnexpectedType(name, 5, "\"ARRAY<STRING>\"", terms);
  BoundAggregate bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.arg_types[4] = IntType();
  bound.arg_types[5] = ArrayType(StringType(), terms.contains_null);
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [setup] { return std::make_unique<Word2VecStepAccumulator>(setup); };
  return bound;
}

}  // namespace

void RegisterMlWord2VecAggregates(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("ml_word2vec_step",
                             "ml_word2vec_step(config, seed, counts, model, partition, terms, word0, ...): the "
                             "vectors one Word2Vec skip-gram pass over a partition's sentences changes",
                             BindWord2VecStep));
}

}  // namespace ember
