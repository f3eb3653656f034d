// Word2Vec's training pass (pyspark.ml.feature.Word2Vec) over one partition's sentences, the
// partition's rows collected in their order into one array:
//   ml_word2vec_train(config, seed, counts, model, partition, sentences, word0, ...) ->
//       array<double>: skip-gram with hierarchical softmax over the sentences (each an array of
//       terms; the terms found in the vocabulary word0, ..., cut into pieces of at most
//       maxSentenceLength), starting from the model's vectors, as Spark trains one partition in
//       one iteration. config is the text
//       "vectorSize,windowSize,stepSize,iteration,maxIter,numPartitions,maxSentenceLength"; seed a
//       64-bit integer as text; counts the vocabulary's word counts, the Huffman tree's weights;
//       model the V x vectorSize input vectors then the V x vectorSize inner node vectors. The
//       result is the vectors the pass changed: per vector its index (i < V an input vector, V + i
//       an inner node's), then its values. The driver averages them over the partitions.
// The learning rate falls linearly with the words trained over all iterations and partitions
// (re-estimated every 10,000 words), down to stepSize * 1e-4, as Spark's. The literal arguments
// are read when the function is bound (functions/bound_literals.h).
#include <algorithm>
#include <cmath>
#include <memory>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/error.h"
#include "functions/registry.h"
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

// One partition's training: its own copy of the model (syn0 then syn1), which vectors changed,
// the random window shrinks and the learning rate.
class Word2VecRun {
 public:
  Word2VecRun(const Word2VecSetup& setup, int32_t partition)
      : s_(setup),
        random_(setup.seed ^ (static_cast<int64_t>(partition + 1) << 16) ^ ((-setup.iteration - 1) << 8)),
        model_(setup.model),
        changed_(2 * setup.words, 0),
        alpha_(setup.step),
        error_(setup.size) {}

  void Sentence(const int32_t* sentence, size_t length) {
    size_t n = s_.size;
    double* syn0 = model_.data();
    double* syn1 = syn0 + s_.words * n;
    if (word_count_ - last_word_count_ > 10000) {
      last_word_count_ = word_count_;
      double done = static_cast<double>(s_.partitions) * static_cast<double>(word_count_) +
                    static_cast<double>(s_.iteration - 1) * s_.train_words;
      alpha_ = std::max(s_.step * (1.0 - done / (static_cast<double>(s_.iterations) * s_.train_words + 1.0)),
                        s_.step * 1e-4);
    }
    word_count_ += static_cast<int64_t>(length);
    auto window = static_cast<int64_t>(s_.window);
    for (size_t pos = 0; pos < length; ++pos) {
      const auto& points = s_.points[static_cast<size_t>(sentence[pos])];
      const auto& codes = s_.codes[static_cast<size_t>(sentence[pos])];
      auto shrink = static_cast<int64_t>(random_.NextDouble() * static_cast<double>(window));
      for (int64_t a = shrink; a < 2 * window + 1 - shrink; ++a) {
        if (a == window) continue;
        int64_t c = static_cast<int64_t>(pos) - window + a;
        if (c < 0 || c >= static_cast<int64_t>(length)) continue;
        size_t context = static_cast<size_t>(sentence[c]);
        double* input = syn0 + context * n;
        std::fill(error_.begin(), error_.end(), 0.0);
        for (size_t d = 0; d < points.size(); ++d) {
          double* inner = syn1 + static_cast<size_t>(points[d]) * n;
          double f = 0.0;
          for (size_t k = 0; k < n; ++k) f += input[k] * inner[k];
          if (f <= -kMaxExp || f >= kMaxExp) continue;
          double g = (1.0 - codes[d] - 1.0 / (1.0 + std::exp(-f))) * alpha_;
          for (size_t k = 0; k < n; ++k) error_[k] += g * inner[k];
          for (size_t k = 0; k < n; ++k) inner[k] += g * input[k];
          changed_[s_.words + static_cast<size_t>(points[d])] = 1;
        }
        for (size_t k = 0; k < n; ++k) input[k] += error_[k];
        changed_[context] = 1;
      }
    }
  }

  // Per changed vector, its index then its values.
  void AppendChanged(VectorBuilder& out) const {
    size_t n = s_.size;
    VectorBuilder& values = out.Child(0);
    for (size_t i = 0; i < changed_.size(); ++i) {
      if (!changed_[i]) continue;
      values.Append<double>(static_cast<double>(i));
      for (size_t k = 0; k < n; ++k) values.Append<double>(model_[i * n + k]);
    }
    out.FinishNested();
  }

 private:
  const Word2VecSetup& s_;
  XorShiftRandom random_;
  std::vector<double> model_;
  std::vector<uint8_t> changed_;
  double alpha_;
  int64_t word_count_ = 0;
  int64_t last_word_count_ = 0;
  std::vector<double> error_;
};

BoundScalar BindWord2VecTrain(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_word2vec_train";
  if (args.size() < 6) CheckArgCount(name, args, 6, 6);
  auto setup = std::make_shared<Word2VecSetup>();
  std::vector<double> config = LiteralDoubles(name, args, 0);
  if (config.size() != 7 || config[0] < 1 || config[1] < 1 || config[6] < 1)
    throw InternalError("ml_word2vec_train: config");
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
  if (counts.size() != setup->words) throw InternalError("ml_word2vec_train: counts do not match the vocabulary");
  for (double c : counts) setup->train_words += c;
  setup->model = LiteralDoubles(name, args, 3);
  if (setup->model.size() != 2 * setup->words * setup->size)
    throw InternalError("ml_word2vec_train: the model does not match the vocabulary");
  for (size_t i = 6; i < args.size(); ++i)
    setup->index.emplace(LiteralString(name, args, i), static_cast<int32_t>(i - 6));
  BuildHuffmanTree(counts, *setup);
  const DataType& sentences = *args[5].type;
  if (sentences.id != TypeId::kArray || sentences.element->id != TypeId::kArray)
    ThrowUnexpectedType(name, 5, "\"ARRAY<ARRAY<STRING>>\"", sentences);
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.arg_types[4] = IntType();
  bound.arg_types[5] = ArrayType(ArrayType(StringType()));
  bound.result_type = ArrayType(DoubleType(), false);
  bound.kernel = [setup](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& partitions = *a[4];
    const Vector& sentences = *a[5];
    const Vector& terms = *sentences.child(0);
    const Vector& words = *terms.child(0);
    VectorBuilder out(ArrayType(DoubleType(), false), rows);
    std::vector<int32_t> sentence;
    for (int64_t r = 0; r < rows; ++r) {
      if (sentences.IsNull(r) || partitions.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      Word2VecRun run(*setup, partitions.Data<int32_t>()[r]);
      for (int32_t s = sentences.Offsets()[r]; s < sentences.Offsets()[r + 1]; ++s) {
        if (terms.IsNull(s)) continue;
        sentence.clear();
        for (int32_t i = terms.Offsets()[s]; i < terms.Offsets()[s + 1]; ++i) {
          if (words.IsNull(i)) continue;
          auto found = setup->index.find(std::string(words.GetString(i)));
          if (found != setup->index.end()) sentence.push_back(found->second);
        }
        for (size_t begin = 0; begin < sentence.size(); begin += setup->max_sentence) {
          run.Sentence(sentence.data() + begin, std::min(sentence.size(), begin + setup->max_sentence) - begin);
        }
      }
      run.AppendChanged(out);
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMlWord2VecFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_word2vec_train",
                          "ml_word2vec_train(config, seed, counts, model, partition, sentences, word0, ...): the "
                          "vectors one Word2Vec skip-gram pass over a partition's sentences changes",
                          BindWord2VecTrain));
}

}  // namespace ember
