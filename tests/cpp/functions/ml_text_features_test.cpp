#include <cmath>

#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

Value Words(const std::vector<std::optional<std::string>>& words) {
  Value v = Value::Null(ArrayType(StringType()));
  v.is_null = false;
  for (const auto& w : words) v.children.push_back(w ? Str(*w) : Null(StringType()));
  return v;
}

TEST(MlTextFunctions, TokenizeSplitsAsJavaOrFindsMatches) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str(" a  bC d "), Str(""), Str(" "), Null(StringType())});
  auto tokenize = [&](const std::string& pattern, const std::string& gaps, const std::string& min,
                      const std::string& lower = "true") {
    return Texts(Apply("ml_tokenize", {Vec(s), Lit(Str(pattern), 4), Lit(Str(gaps), 4), Lit(Str(min), 4),
                                       Lit(Str(lower), 4)}, ctx));
  };
  // leading empty part kept, trailing ones dropped; no match leaves the string; all-empty parts go
  EXPECT_EQ(tokenize("\\s", "true", "0"), (V{"[, a, , bc, d]", "[]", "[]", "NULL"}));
  EXPECT_EQ(Texts(Apply("array_size", {Vec(Apply("ml_tokenize", {Vec(s), Lit(Str("\\s"), 4), Lit(Str("true"), 4),
                                                                   Lit(Str("0"), 4), Lit(Str("true"), 4)}, ctx))}, ctx)),
            (V{"5", "1", "0", "NULL"}));
  EXPECT_EQ(tokenize("\\s+", "true", "2"), (V{"[bc]", "[]", "[]", "NULL"}));
  EXPECT_EQ(tokenize("[a-z]+", "false", "1"), (V{"[a, bc, d]", "[]", "[]", "NULL"}));
  EXPECT_EQ(tokenize("[a-z]+", "false", "1", "false"), (V{"[a, b, d]", "[]", "[]", "NULL"}));
  EXPECT_EQ(ErrorClass([&] { tokenize("(", "true", "1"); }), "INVALID_PARAMETER_VALUE.PATTERN");
}

TEST(MlTextFunctions, StopWordsAndNgrams) {
  EvalContext ctx = Ctx();
  VectorPtr terms = Col(ArrayType(StringType()), {Words({"The", "cat", std::nullopt, "THE", "sat"}), Words({}),
                                                  Null(ArrayType(StringType()))});
  EXPECT_EQ(Texts(Apply("ml_remove_stop_words", {Vec(terms), Lit(Str("false"), 3), Lit(Str("the"), 3), Lit(Str("Sat"), 3)}, ctx)),
            (V{"[cat, NULL]", "[]", "NULL"}));
  EXPECT_EQ(Texts(Apply("ml_remove_stop_words", {Vec(terms), Lit(Str("true"), 3), Lit(Str("the"), 3)}, ctx)),
            (V{"[The, cat, NULL, THE, sat]", "[]", "NULL"}));
  EXPECT_EQ(Texts(Apply("ml_ngram", {Vec(terms), Lit(Str("2"), 3)}, ctx)),
            (V{"[The cat, cat null, null THE, THE sat]", "[]", "NULL"}));
  EXPECT_EQ(Texts(Apply("ml_ngram", {Vec(terms), Lit(Str("6"), 3)}, ctx)), (V{"[]", "[]", "NULL"}));
  EXPECT_EQ(ErrorClass([&] { Apply("ml_ngram", {Vec(terms), Lit(Str("0"), 3)}, ctx); }), "USER_RAISED_EXCEPTION");
}

TEST(MlTextFunctions, HashingTfUsesMurmur3Seed42) {
  EvalContext ctx = Ctx();
  // MurmurHash3_x86_32 with seed 42 (scikit-learn's murmurhash3_32): a -1293573533, b 861554165;
  // a null term hashes to the seed
  VectorPtr terms = Col(ArrayType(StringType()), {Words({"a", "b", "a", std::nullopt}), Words({}),
                                                  Null(ArrayType(StringType()))});
  EXPECT_EQ(Texts(Apply("ml_hashing_tf", {Vec(terms), Lit(Str("8"), 3), Lit(Str("false"), 3)}, ctx)),
            (V{"(8,[2,3,5],[1.0,2.0,1.0])", "(8,[],[])", "NULL"}));
  EXPECT_EQ(Texts(Apply("ml_hashing_tf", {Vec(terms), Lit(Str("8"), 3), Lit(Str("true"), 3)}, ctx)),
            (V{"(8,[2,3,5],[1.0,1.0,1.0])", "(8,[],[])", "NULL"}));
  EXPECT_EQ(ErrorClass([&] { Apply("ml_hashing_tf", {Vec(terms), Lit(Str("0"), 3), Lit(Str("true"), 3)}, ctx); }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlTextFunctions, FeatureHashHashesTextsWithTheirNameAndNumbersByName) {
  EvalContext ctx = Ctx();
  TypePtr type = StructType({{"number", DoubleType(), true}, {"text", StringType(), true}});
  auto value = [&](std::optional<double> number, std::optional<std::string> text) {
    Value v = Value::Null(type);
    v.is_null = false;
    v.children = {number ? F64(*number) : Null(DoubleType()), text ? Str(*text) : Null(StringType())};
    return v;
  };
  // scikit-learn's murmurhash3_32(seed 42) mod 8: "x" 2, "x=a" 6, "cat=b" 1
  VectorPtr x = Col(type, {value(2.5, std::nullopt), value(std::nullopt, "a"), value(std::nullopt, std::nullopt)});
  VectorPtr cat = Col(type, {value(std::nullopt, "b"), Null(type), value(std::nullopt, std::nullopt)});
  EXPECT_EQ(Texts(Apply("ml_feature_hash", {Lit(Str("8"), 3), Lit(Str("x"), 3), Vec(x), Lit(Str("cat"), 3), Vec(cat)}, ctx)),
            (V{"(8,[1,2],[1.0,2.5])", "(8,[6],[1.0])", "(8,[],[])"}));
  // the batch's typed columns: numbers by the name, strings with it
  VectorPtr number = Col(DoubleType(), {F64(2.5), Null(DoubleType())});
  VectorPtr text = Col(StringType(), {Str("b"), Str("b")});
  EXPECT_EQ(Texts(Apply("ml_feature_hash", {Lit(Str("8"), 2), Lit(Str("x"), 2), Vec(number), Lit(Str("cat"), 2), Vec(text)}, ctx)),
            (V{"(8,[1,2],[1.0,2.5])", "(8,[1],[1.0])"}));
}

TEST(MlTextFunctions, PolynomialExpansionInSparksOrder) {
  EvalContext ctx = Ctx();
  VectorPtr v = Col(VectorUdtType(), {Dense({2, 3}), Sparse(3, {1}, {-1}), Null(VectorUdtType())});
  // [x, y]: x, x^2, y, xy, y^2; a sparse input keeps the non-zero products
  EXPECT_EQ(Texts(Apply("ml_polynomial_expand", {Vec(v), Lit(Str("2"), 3)}, ctx)),
            (V{"[2.0,4.0,3.0,6.0,9.0]", "(9,[2,4],[-1.0,1.0])", "NULL"}));
  EXPECT_EQ(ErrorClass([&] { Apply("ml_polynomial_expand", {Vec(v), Lit(Str("0"), 3)}, ctx); }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlTextFunctions, CountVectorizeCountsTheVocabulary) {
  EvalContext ctx = Ctx();
  VectorPtr terms = Col(ArrayType(StringType()), {Words({"b", "x", "b", "a", std::nullopt}), Words({"a"})});
  auto count = [&](const std::string& min_tf, const std::string& binary) {
    return Texts(Apply("ml_count_vectorize", {Vec(terms), Lit(Str(min_tf), 2), Lit(Str(binary), 2),
                                              Lit(Str("a"), 2), Lit(Str("b"), 2)}, ctx));
  };
  EXPECT_EQ(count("1.0", "false"), (V{"(2,[0,1],[1.0,2.0])", "(2,[0],[1.0])"}));
  EXPECT_EQ(count("2.0", "true"), (V{"(2,[1],[1.0])", "(2,[],[])"}));
  // a fraction of the row's 5 terms: 0.3 * 5 = 1.5
  EXPECT_EQ(count("0.3", "false"), (V{"(2,[1],[2.0])", "(2,[0],[1.0])"}));
}

TEST(MlTextFunctions, Word2VecAverageDividesByEveryTerm) {
  EvalContext ctx = Ctx();
  VectorPtr terms = Col(ArrayType(StringType()), {Words({"b", "x", "a", "b"}), Words({}), Words({std::nullopt, "a"}),
                                                  Null(ArrayType(StringType()))});
  // a = (1, -2), b = (0.5, 4); unknown and null terms add nothing but count
  EXPECT_EQ(Texts(Apply("ml_word2vec_average", {Vec(terms), Lit(Str("2"), 4), Lit(Str("1,-2,0.5,4"), 4),
                                               Lit(Str("a"), 4), Lit(Str("b"), 4)}, ctx)),
            (V{"[0.5,1.5]", "(2,[],[])", "[0.5,-1.0]", "NULL"}));
}

TEST(MlTextFunctions, Word2VecTrainTrainsSkipGramPairs) {
  EvalContext ctx = Ctx();
  // vocabulary a (count 2, Huffman code 1) and b (count 1, code 0) under the one inner node; vectors
  // of size 1, window 1 (every neighbour), learning rate 0.1; the partition's one sentence "a b"
  // trains the pairs (a, context b) then (b, context a)
  Value sentences = Value::Null(ArrayType(ArrayType(StringType())));
  sentences.is_null = false;
  sentences.children = {Words({"a", "zz", "b"})};
  VectorPtr partition = Col(IntType(), {I32(0), I32(1)});
  VectorPtr collected = Col(ArrayType(ArrayType(StringType())), {sentences, Null(ArrayType(ArrayType(StringType())))});
  VectorPtr out = Apply("ml_word2vec_train",
                        {Lit(Str("1,1,0.1,1,1,1,1000"), 2), Lit(Str("7"), 2), Lit(Str("2,1"), 2),
                         Lit(Str("0.5,0.25,0,0"), 2), Vec(partition), Vec(collected), Lit(Str("a"), 2), Lit(Str("b"), 2)},
                        ctx);
  double inner = (0.0 - 1.0 / (1.0 + std::exp(-0.0))) * 0.1 * 0.25;  // code 1: g = (1 - 1 - sigmoid(0)) * alpha
  double f = 0.5 * inner;
  double g = (1.0 - 1.0 / (1.0 + std::exp(-f))) * 0.1;                // code 0
  double a = 0.5 + g * inner;
  inner += g * 0.5;
  const Vector& values = *out->child(0);
  ASSERT_EQ(out->Offsets()[1], 6);
  std::vector<double> expected = {0, a, 1, 0.25, 2, inner};  // index, values: syn0 a, syn0 b, syn1 0
  for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(values.Data<double>()[i], expected[i]) << i;
  EXPECT_TRUE(out->IsNull(1));
}

}  // namespace
}  // namespace ember::ftest
