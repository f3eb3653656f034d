// Text feature transformers:
//   ml_tokenize(s, pattern, gaps, minLength, lowercase) -> RegexTokenizer (and Tokenizer): the
//        parts of s (lowercased as the engine's lower does when 'true') between matches (Java's
//        String.split: no trailing empty parts) when gaps is 'true', else the matches; only tokens
//        of at least minLength characters are kept
//   ml_remove_stop_words(terms, caseSensitive, word0, ...) -> StopWordsRemover: the terms that are
//        not stop words (compared lowercased unless caseSensitive); nulls are kept
//   ml_ngram(terms, n)                         -> NGram: each n consecutive terms joined by a space
//        (a null term as "null"); none when there are fewer than n
//   ml_hashing_tf(terms, numFeatures, binary) -> HashingTF: a sparse vector counting each term at
//        MurmurHash3_x86_32(UTF-8 bytes, seed 42) mod numFeatures (non-negative); 1.0 when binary
//   ml_feature_hash(numFeatures, name0, value0, ...) -> FeatureHasher: per column, a string adds
//        1.0 at the hash of "name=value", a number itself at the hash of the name (as HashingTF
//        hashes terms); a struct<number, text> value (a served field taking either) as its part
//   ml_polynomial_expand(v, degree)            -> PolynomialExpansion: the products of v's elements
//        up to degree, Spark's order (the last element's exponent varies slowest)
//   ml_count_vectorize(terms, minTF, binary, word0, ...) -> CountVectorizerModel: counts of the
//        vocabulary's words, those below minTF (a count, or a fraction of the row's terms when
//        < 1) dropped; 1.0 when binary
//   ml_word2vec_average(terms, vectorSize, vectors, word0, ...) -> Word2VecModel: the sum of the
//        vectors of the terms in the vocabulary (vectors: word i's at i * vectorSize) times 1 / the
//        count of terms, a dense vector; an empty array gives the zero vector, sparse
#include <bit>
#include <cctype>
#include <cstring>
#include <unordered_set>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"
#include "functions/regex/java_regex.h"
#include "functions/registry.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

// The standard MurmurHash3_x86_32 (Spark's hashUnsafeBytes2, which FeatureHasher and HashingTF use).
int32_t Murmur3(std::string_view bytes, uint32_t seed) {
  auto mix_k = [](uint32_t k) { return std::rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u; };
  uint32_t h = seed;
  size_t aligned = bytes.size() - bytes.size() % 4;
  for (size_t i = 0; i < aligned; i += 4) {
    uint32_t word;
    std::memcpy(&word, bytes.data() + i, 4);
    h = std::rotl(h ^ mix_k(word), 13) * 5 + 0xe6546b64u;
  }
  uint32_t tail = 0;
  for (size_t i = bytes.size(); i > aligned; --i) tail = (tail << 8) | static_cast<uint8_t>(bytes[i - 1]);
  if (bytes.size() > aligned) h ^= mix_k(tail);
  h ^= static_cast<uint32_t>(bytes.size());
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  return static_cast<int32_t>(h ^ (h >> 16));
}

// ASCII letters lowercased, as the engine's lower() does.
std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int64_t LiteralCount(const char* name, const std::vector<BindArg>& args, size_t index) {
  return static_cast<int64_t>(LiteralDoubles(name, args, index).at(0));
}

bool LiteralFlag(const char* name, const std::vector<BindArg>& args, size_t index) {
  return LiteralChoice(name, args, index, {"false", "true"}) == 1;
}

void CheckStringArray(const char* name, const std::vector<BindArg>& args) {
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kArray || !(type.element->id == TypeId::kString || type.element->id == TypeId::kNull))
    ThrowUnexpectedType(name, 0, "\"ARRAY<STRING>\"", type);
}

// Appends a sparse vector of `size` from index -> value entries (kept sorted by the map).
void AppendSparse(VectorBuilder& out, int32_t size, const std::map<int32_t, double>& entries) {
  out.Child(0).Append<int8_t>(0);
  out.Child(1).Append<int32_t>(size);
  for (const auto& e : entries) out.Child(2).Child(0).Append<int32_t>(e.first);
  out.Child(2).FinishNested();
  for (const auto& e : entries) out.Child(3).Child(0).Append<double>(e.second);
  out.Child(3).FinishNested();
  out.FinishNested();
}

// A function of (array<string>, literals...) to a vector: row(entries, elements, begin, end)
// fills the entries of each non-null row from its elements [begin, end) and returns its size.
template <typename Row>
BoundScalar MapTerms(const std::vector<BindArg>& args, Row row) {
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.arg_types[0] = ArrayType(StringType(), args[0].type->contains_null);
  bound.result_type = VectorUdtType();
  bound.kernel = [row](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& terms = *a[0];
    const int32_t* offsets = terms.Offsets();
    VectorBuilder out(VectorUdtType(), rows);
    std::map<int32_t, double> entries;
    for (int64_t r = 0; r < rows; ++r) {
      if (terms.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      entries.clear();
      int32_t size = row(entries, *terms.child(0), offsets[r], offsets[r + 1]);
      AppendSparse(out, size, entries);
    }
    return out.Finish();
  };
  return bound;
}

int32_t HashFeatureCount(const char* name, const std::vector<BindArg>& args, size_t index) {
  int64_t features = LiteralCount(name, args, index);
  if (features <= 0 || features > INT32_MAX) ThrowMlError("requirement failed: numFeatures must be positive");
  return static_cast<int32_t>(features);
}

// The index of a term hashed into n features (Spark's nonNegativeMod of the MurmurHash3).
int32_t HashIndex(int32_t hash, int32_t n) {
  int32_t index = hash % n;
  return index < 0 ? index + n : index;
}

BoundScalar BindHashingTf(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_hashing_tf";
  CheckArgCount(name, args, 3, 3);
  CheckStringArray(name, args);
  int32_t n = HashFeatureCount(name, args, 1);
  bool binary = LiteralFlag(name, args, 2);
  return MapTerms(args, [n, binary](std::map<int32_t, double>& entries, const Vector& terms, int32_t begin,
                                    int32_t end) {
    for (int32_t i = begin; i < end; ++i) {
      int32_t hash = terms.IsNull(i) ? 42 : Murmur3(terms.GetString(i), 42);
      double& count = entries[HashIndex(hash, n)];
      count = binary ? 1.0 : count + 1.0;
    }
    return n;
  });
}

// ml_feature_hash(numFeatures, name0, value0, ...): a string value adds 1.0 at the hash of
// "name=value", a number adds itself at the hash of the name, a struct<number, text> (a served
// field that takes either) does what its non-null part does; nulls add nothing.
BoundScalar BindFeatureHash(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_feature_hash";
  if (args.size() < 3 || args.size() % 2 == 0) CheckArgCount(name, args, 3, 3);
  int32_t n = HashFeatureCount(name, args, 0);
  struct Column {
    std::string prefix;  // "name="
    int32_t index;       // of the name
    TypeId kind;         // kString, kDouble or kStruct
  };
  auto columns = std::make_shared<std::vector<Column>>();
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  for (size_t i = 2; i < args.size(); i += 2) {
    std::string column = LiteralString(name, args, i - 1);
    const DataType& type = *args[i].type;
    TypeId kind = type.id == TypeId::kStruct ? TypeId::kStruct : type.IsNumeric() ? TypeId::kDouble : TypeId::kString;
    if (kind == TypeId::kStruct) {
      bound.arg_types[i] = StructType({{"number", DoubleType(), true}, {"text", StringType(), true}});
    } else if (kind == TypeId::kDouble) {
      bound.arg_types[i] = DoubleType();
    }
    columns->push_back({column + "=", HashIndex(Murmur3(column, 42), n), kind});
  }
  bound.result_type = VectorUdtType();
  bound.kernel = [columns, n](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorBuilder out(VectorUdtType(), rows);
    std::map<int32_t, double> entries;
    std::string term;
    for (int64_t r = 0; r < rows; ++r) {
      entries.clear();
      for (size_t c = 0; c < columns->size(); ++c) {
        const Column& column = (*columns)[c];
        const Vector* value = a[2 + 2 * c].get();
        if (value->IsNull(r)) continue;
        if (column.kind == TypeId::kStruct) {
          bool text = !value->child(1)->IsNull(r);
          if (!text && value->child(0)->IsNull(r)) continue;
          value = value->child(text ? 1 : 0).get();
        }
        if (value->type()->id == TypeId::kString) {
          term = column.prefix;
          term += value->GetString(r);
          entries[HashIndex(Murmur3(term, 42), n)] += 1.0;
        } else {
          entries[column.index] += value->Data<double>()[r];
        }
      }
      AppendSparse(out, n, entries);
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindCountVectorize(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_count_vectorize";
  if (args.size() < 3) CheckArgCount(name, args, 3, 3);
  CheckStringArray(name, args);
  double min_tf = LiteralDoubles(name, args, 1).at(0);
  bool binary = LiteralFlag(name, args, 2);
  auto vocabulary = std::make_shared<std::unordered_map<std::string, int32_t>>();
  for (size_t i = 3; i < args.size(); ++i) vocabulary->emplace(LiteralString(name, args, i), static_cast<int32_t>(i - 3));
  auto size = static_cast<int32_t>(args.size() - 3);
  return MapTerms(args, [vocabulary, size, min_tf, binary](std::map<int32_t, double>& entries,
                                                          const Vector& terms, int32_t begin, int32_t end) {
    for (int32_t i = begin; i < end; ++i) {
      if (terms.IsNull(i)) continue;
      auto it = vocabulary->find(std::string(terms.GetString(i)));
      if (it != vocabulary->end()) entries[it->second] += 1.0;
    }
    double threshold = min_tf >= 1.0 ? min_tf : static_cast<double>(end - begin) * min_tf;
    for (auto it = entries.begin(); it != entries.end();) {
      if (it->second < threshold) {
        it = entries.erase(it);
      } else {
        if (binary) it->second = 1.0;
        ++it;
      }
    }
    return size;
  });
}

BoundScalar BindWord2VecAverage(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_word2vec_average";
  if (args.size() < 3) CheckArgCount(name, args, 3, 3);
  CheckStringArray(name, args);
  int64_t size = LiteralCount(name, args, 1);
  auto vectors = std::make_shared<std::vector<double>>(LiteralDoubles(name, args, 2));
  if (size < 1 || vectors->size() != static_cast<size_t>(size) * (args.size() - 3))
    throw InternalError("ml_word2vec_average: the vectors do not match the vocabulary");
  auto vocabulary = std::make_shared<std::unordered_map<std::string, size_t>>();
  for (size_t i = 3; i < args.size(); ++i) vocabulary->emplace(LiteralString(name, args, i), i - 3);
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.arg_types[0] = ArrayType(StringType(), args[0].type->contains_null);
  bound.result_type = VectorUdtType();
  auto n = static_cast<size_t>(size);
  bound.kernel = [vectors, vocabulary, n](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& terms = *a[0];
    const int32_t* offsets = terms.Offsets();
    const Vector& words = *terms.child(0);
    VectorBuilder out(VectorUdtType(), rows);
    std::vector<double> sum(n);
    for (int64_t r = 0; r < rows; ++r) {
      if (terms.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      int32_t count = offsets[r + 1] - offsets[r];
      if (count == 0) {
        AppendSparse(out, static_cast<int32_t>(n), {});
        continue;
      }
      std::fill(sum.begin(), sum.end(), 0.0);
      for (int32_t i = offsets[r]; i < offsets[r + 1]; ++i) {
        if (words.IsNull(i)) continue;
        auto found = vocabulary->find(std::string(words.GetString(i)));
        if (found == vocabulary->end()) continue;
        const double* v = vectors->data() + found->second * n;
        for (size_t k = 0; k < n; ++k) sum[k] += v[k];
      }
      double scale = 1.0 / count;
      for (double& v : sum) v *= scale;
      AppendDense(out, sum.data(), static_cast<int64_t>(n));
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindTokenize(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_tokenize";
  CheckArgCount(name, args, 5, 5);
  auto regex = std::make_shared<JavaRegex>(LiteralString(name, args, 1), name);
  bool gaps = LiteralFlag(name, args, 2);
  int64_t min_length = LiteralCount(name, args, 3);
  bool lowercase = LiteralFlag(name, args, 4);
  BoundScalar bound;
  bound.arg_types.assign(5, StringType());
  bound.result_type = ArrayType(StringType(), false);
  bound.kernel = [regex, gaps, min_length, lowercase](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& in = *a[0];
    VectorBuilder out(ArrayType(StringType(), false), rows);
    RegexMatcher matcher(*regex);
    std::vector<std::string_view> tokens;
    std::string lowered;
    for (int64_t r = 0; r < rows; ++r) {
      if (in.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      std::string_view s = in.GetString(r);
      if (lowercase) {
        lowered = LowerAscii(s);
        s = lowered;
      }
      tokens.clear();
      matcher.Reset(s);
      size_t index = 0;
      bool matched = false;
      while (matcher.Find()) {
        size_t start = matcher.GroupStart(0), end = matcher.GroupEnd(0);
        if (!gaps) {
          tokens.push_back(s.substr(start, end - start));
          continue;
        }
        if (start == 0 && end == 0) continue;  // Java makes no empty first part of a zero-width match
        tokens.push_back(s.substr(index, start - index));
        index = end;
        matched = true;
      }
      if (gaps) {
        tokens.push_back(s.substr(index));
        // Java's split(regex) drops trailing empty parts, unless nothing matched
        if (matched) {
          while (!tokens.empty() && tokens.back().empty()) tokens.pop_back();
        }
      }
      for (std::string_view token : tokens) {
        if (utf8::Length(token) >= min_length) out.Child(0).AppendString(token);
      }
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

// A function of (array<string>, literals...) to array<string> (with null elements when
// `null_elements`): row(out, elements, begin, end) appends the strings of each non-null row.
template <typename Row>
BoundScalar MapTermsToTerms(const std::vector<BindArg>& args, bool null_elements, Row row) {
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.arg_types[0] = ArrayType(StringType(), args[0].type->contains_null);
  bound.result_type = ArrayType(StringType(), null_elements);
  bound.kernel = [row, type = bound.result_type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& terms = *a[0];
    const int32_t* offsets = terms.Offsets();
    VectorBuilder out(type, rows);
    for (int64_t r = 0; r < rows; ++r) {
      if (terms.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      row(out.Child(0), *terms.child(0), offsets[r], offsets[r + 1]);
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindRemoveStopWords(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_remove_stop_words";
  if (args.size() < 2) CheckArgCount(name, args, 2, 2);
  CheckStringArray(name, args);
  bool case_sensitive = LiteralFlag(name, args, 1);
  auto words = std::make_shared<std::unordered_set<std::string>>();
  for (size_t i = 2; i < args.size(); ++i) {
    std::string word = LiteralString(name, args, i);
    words->insert(case_sensitive ? word : LowerAscii(word));
  }
  return MapTermsToTerms(args, args[0].type->contains_null, [words, case_sensitive](VectorBuilder& out, const Vector& terms, int32_t begin, int32_t end) {
    for (int32_t i = begin; i < end; ++i) {
      if (terms.IsNull(i)) {
        out.AppendNull();
        continue;
      }
      std::string_view term = terms.GetString(i);
      if (!words->count(case_sensitive ? std::string(term) : LowerAscii(term))) out.AppendString(term);
    }
  });
}

BoundScalar BindNgram(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_ngram";
  CheckArgCount(name, args, 2, 2);
  CheckStringArray(name, args);
  int64_t n = LiteralCount(name, args, 1);
  if (n < 1) ThrowMlError("requirement failed: n must be >= 1");
  return MapTermsToTerms(args, false, [n](VectorBuilder& out, const Vector& terms, int32_t begin, int32_t end) {
    std::string gram;
    for (int64_t i = begin; i + n <= end; ++i) {
      gram.clear();
      for (int64_t j = i; j < i + n; ++j) {
        if (j > i) gram += ' ';
        gram += terms.IsNull(j) ? std::string_view("null") : terms.GetString(j);
      }
      out.AppendString(gram);
    }
  });
}

// The products of x[0..k) up to `degree`, times `factor`, appended in Spark's order: for each
// exponent e of x[k-1] from 0 up, the products of the elements before it up to degree - e.
void Expand(const std::vector<double>& x, size_t k, int64_t degree, double factor, std::vector<double>& out) {
  if (k == 0) {
    out.push_back(factor);
    return;
  }
  for (int64_t e = 0; e <= degree; ++e) {
    Expand(x, k - 1, degree - e, factor, out);
    factor *= x[k - 1];
  }
}

BoundScalar BindPolynomialExpand(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_polynomial_expand";
  CheckArgCount(name, args, 2, 2);
  if (!IsVectorType(*args[0].type)) ThrowUnexpectedType(name, 0, "\"VECTOR\"", *args[0].type);
  int64_t degree = LiteralCount(name, args, 1);
  if (degree < 1) ThrowMlError("requirement failed: degree must be >= 1");
  BoundScalar bound;
  bound.arg_types = {args[0].type, StringType()};
  bound.result_type = VectorUdtType();
  bound.kernel = [degree](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader in{*a[0]};
    VectorBuilder out(VectorUdtType(), rows);
    std::vector<double> x, terms;
    std::map<int32_t, double> entries;
    for (int64_t r = 0; r < rows; ++r) {
      if (a[0]->IsNull(r)) {
        out.AppendNull();
        continue;
      }
      x.assign(static_cast<size_t>(in.Size(r)), 0.0);
      in.ForEach(r, [&](int32_t i, double v) { x[static_cast<size_t>(i)] = v; });
      terms.clear();
      Expand(x, x.size(), degree, 1.0, terms);
      if (terms.size() - 1 > static_cast<size_t>(INT32_MAX)) ThrowMlError("requirement failed: the expansion is too large");
      if (in.Kind(r) == 1) {
        AppendDense(out, terms.data() + 1, static_cast<int64_t>(terms.size() - 1));
        continue;
      }
      entries.clear();  // a sparse input gives the non-zero products
      for (size_t t = 1; t < terms.size(); ++t) {
        if (terms[t] != 0.0) entries[static_cast<int32_t>(t - 1)] = terms[t];
      }
      AppendSparse(out, static_cast<int32_t>(terms.size() - 1), entries);
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMlTextFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_tokenize",
                          "ml_tokenize(s, pattern, gaps, minLength, lowercase): RegexTokenizer's tokens of s. "
                          "ml_tokenize('A b  c', '\\\\s+', 'true', '1', 'true') = [a, b, c]",
                          BindTokenize));
  registry.Add(MakeScalar("ml_remove_stop_words",
                          "ml_remove_stop_words(terms, caseSensitive, word0, ...): StopWordsRemover's terms "
                          "that are not stop words. ml_remove_stop_words(array('The', 'cat'), 'false', 'the') = [cat]",
                          BindRemoveStopWords));
  registry.Add(MakeScalar("ml_ngram",
                          "ml_ngram(terms, n): NGram's n consecutive terms joined by spaces. "
                          "ml_ngram(array('a', 'b', 'c'), '2') = [a b, b c]",
                          BindNgram));
  registry.Add(MakeScalar("ml_hashing_tf",
                          "ml_hashing_tf(terms, numFeatures, binary): HashingTF's term frequencies by "
                          "MurmurHash3 (seed 42). ml_hashing_tf(array('a'), '4', 'false') = (4,[1],[1.0])",
                          BindHashingTf));
  registry.Add(MakeScalar("ml_feature_hash",
                          "ml_feature_hash(numFeatures, name0, value0, ...): FeatureHasher's hashed "
                          "numbers and strings. ml_feature_hash('4', 'x', 2.0D, 'c', 'a') = (4,[2,3],[2.0,1.0])",
                          BindFeatureHash));
  registry.Add(MakeScalar("ml_count_vectorize",
                          "ml_count_vectorize(terms, minTF, binary, word0, ...): CountVectorizerModel's "
                          "counts of the vocabulary's words. ml_count_vectorize(array('b', 'b'), '1', "
                          "'false', 'a', 'b') = (2,[1],[2.0])",
                          BindCountVectorize));
  registry.Add(MakeScalar("ml_word2vec_average",
                          "ml_word2vec_average(terms, vectorSize, vectors, word0, ...): Word2VecModel's "
                          "average of the terms' vectors. ml_word2vec_average(array('a', 'x'), '2', "
                          "'1.0,2.0', 'a') = [0.5,1.0]",
                          BindWord2VecAverage));
  registry.Add(MakeScalar("ml_polynomial_expand",
                          "ml_polynomial_expand(v, degree): PolynomialExpansion's products of v's elements. "
                          "ml_polynomial_expand([2.0,3.0], '2') = [2.0,4.0,3.0,6.0,9.0]",
                          BindPolynomialExpand));
}

}  // namespace ember
