#include <cmath>

#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

TEST(MlVectorType, NameParseAndEquality) {
  EXPECT_EQ(VectorUdtType()->ToString(), "vector");
  EXPECT_EQ(VectorUdtType()->TypeName(), "vector");
  EXPECT_TRUE(ParseDataType("vector")->Equals(*VectorUdtType()));
  EXPECT_TRUE(ParseDataType("array<vector>")->element->Equals(*VectorUdtType()));
  EXPECT_EQ(MatrixUdtType()->ToString(), "matrix");
  // The UDT is not its storage struct.
  TypePtr storage = StructType(VectorUdtType()->fields);
  EXPECT_FALSE(storage->Equals(*VectorUdtType()));
  EXPECT_EQ(storage->ToString(), "struct<type:tinyint,size:int,indices:array<int>,values:array<double>>");
  EXPECT_EQ(UdtPythonClass(*VectorUdtType()), "pyspark.ml.linalg.VectorUDT");
  EXPECT_EQ(UdtPythonClass(*storage), "");
}

TEST(MlVectorType, PrettyTextIsSparkVectorToString) {
  VectorPtr v = Col(VectorUdtType(), {Dense({1, 2.5}), Sparse(4, {0, 2}, {1, 3}), Null(VectorUdtType()),
                                      Dense({}), Sparse(3, {}, {})});
  EXPECT_EQ(Texts(v), (V{"[1.0,2.5]", "(4,[0,2],[1.0,3.0])", "NULL", "[]", "(3,[],[])"}));
}

TEST(MlVectorFunctions, VectorToArrayDensifies) {
  EvalContext ctx = Ctx();
  VectorPtr v = Col(VectorUdtType(), {Dense({1, 2}), Sparse(3, {1}, {5}), Null(VectorUdtType())});
  EXPECT_EQ(Texts(Apply("vector_to_array", {Vec(v)}, ctx)), (V{"[1.0, 2.0]", "[0.0, 5.0, 0.0]", "NULL"}));
  VectorPtr f = Apply("vector_to_array", {Vec(v), Lit(Str("float32"), 3)}, ctx);
  EXPECT_EQ(f->type()->element->id, TypeId::kFloat);
  EXPECT_THROW(Apply("vector_to_array", {Vec(v), Lit(Str("int32"), 3)}, ctx), SparkError);
  EXPECT_THROW(Apply("vector_to_array", {Vec(Col(IntType(), {I32(1)}))}, ctx), SparkError);
}

TEST(MlVectorFunctions, NormalizeSliceAndDct) {
  EvalContext ctx = Ctx();
  VectorPtr v = Col(VectorUdtType(), {Dense({1, 3}), Sparse(4, {1, 3}, {3, -4}), Dense({0, 0}), Null(VectorUdtType())});
  auto apply = [&](const std::string& name, const std::string& arg) {
    return Texts(Apply(name, {Vec(v), Lit(Str(arg), 4)}, ctx));
  };
  EXPECT_EQ(apply("ml_normalize", "1"), (V{"[0.25,0.75]", "(4,[1,3],[0.42857142857142855,-0.5714285714285714])",
                                           "[0.0,0.0]", "NULL"}));
  EXPECT_EQ(apply("ml_normalize", "inf"), (V{"[0.3333333333333333,1.0]", "(4,[1,3],[0.75,-1.0])", "[0.0,0.0]", "NULL"}));
  VectorPtr wide = Col(VectorUdtType(), {Dense({1, 2, 3}), Sparse(3, {0, 2}, {5, 6})});
  EXPECT_EQ(Texts(Apply("ml_vector_slice", {Vec(wide), Lit(Str("2,1"), 2)}, ctx)), (V{"[3.0,2.0]", "(2,[0],[6.0])"}));
  EXPECT_EQ(ErrorClass([&] { Apply("ml_vector_slice", {Vec(wide), Lit(Str("3"), 2)}, ctx); }), "USER_RAISED_EXCEPTION");
  // DCT-II of [1, 1]: [sqrt(2), 0]; its inverse gives the vector back
  VectorPtr ones = Col(VectorUdtType(), {Dense({1, 1})});
  VectorPtr forward = Apply("ml_dct", {Vec(ones), Lit(Str("false"))}, ctx);
  const double* y = forward->child(3)->child(0)->Data<double>();
  EXPECT_NEAR(y[0], std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(y[1], 0.0, 1e-15);
  VectorPtr back = Apply("ml_dct", {Vec(forward), Lit(Str("true"))}, ctx);
  const double* x = back->child(3)->child(0)->Data<double>();
  EXPECT_NEAR(x[0], 1.0, 1e-15);
  EXPECT_NEAR(x[1], 1.0, 1e-15);
}

TEST(MlVectorFunctions, VectorIndexModes) {
  EvalContext ctx = Ctx();
  // feature 0 categories {0, 5, -1}, feature 2 {2.5}; feature 1 is continuous
  VectorPtr v = Col(VectorUdtType(), {Dense({5, 7, 2.5}), Sparse(3, {0, 1}, {-1, 4}), Dense({9, 1, 2.5}),
                                      Sparse(3, {1}, {3}), Null(VectorUdtType())});
  auto index = [&](const std::string& mode) {
    return Texts(Apply("ml_vector_index", {Vec(v), Lit(Str(mode), 5), Lit(Str("3"), 5), Lit(Str("0,0,5,-1"), 5),
                                           Lit(Str("2,2.5"), 5)},
                       ctx));
  };
  // a sparse row's implicit zeros are not looked up (feature 2's map has no 0)
  EXPECT_EQ(index("keep"), (V{"[1.0,7.0,0.0]", "(3,[0,1],[2.0,4.0])", "[3.0,1.0,0.0]", "(3,[1],[3.0])", "NULL"}));
  EXPECT_EQ(index("skip"), (V{"[1.0,7.0,0.0]", "(3,[0,1],[2.0,4.0])", "NULL", "(3,[1],[3.0])", "NULL"}));
  EXPECT_EQ(ErrorClass([&] { index("error"); }), "USER_RAISED_EXCEPTION");
  VectorPtr short_row = Col(VectorUdtType(), {Dense({1})});
  EXPECT_EQ(ErrorClass([&] {
              Apply("ml_vector_index", {Vec(short_row), Lit(Str("keep")), Lit(Str("3"))}, ctx);
            }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlVectorFunctions, InteractionProductsFirstColumnSlowest) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(DoubleType(), {F64(2), F64(0), Null(DoubleType())});
  VectorPtr v = Col(VectorUdtType(), {Dense({1, 3}), Dense({1, 3}), Dense({1, 3})});
  VectorPtr w = Col(VectorUdtType(), {Sparse(4, {1}, {5}), Sparse(4, {1}, {5}), Sparse(4, {1}, {5})});
  // [2] x [1, 3] is dense; [1, 3] x [0, 5, 0, 0] (2 non-zeros of 8) and 0 x [1, 3] sparse, as
  // Spark's compressed picks
  VectorPtr one_row_x = Col(DoubleType(), {F64(2)});
  VectorPtr one_row_v = Col(VectorUdtType(), {Dense({1, 3})});
  EXPECT_EQ(Texts(Apply("ml_interaction", {Vec(one_row_x), Vec(one_row_v)}, ctx)), (V{"[2.0,6.0]"}));
  VectorPtr vw = Apply("ml_interaction", {Vec(v), Vec(w)}, ctx);
  EXPECT_EQ(Texts(vw)[0], "(8,[1,5],[5.0,15.0])");
  VectorPtr zero_x = Col(DoubleType(), {F64(0)});
  EXPECT_EQ(Texts(Apply("ml_interaction", {Vec(zero_x), Vec(one_row_v)}, ctx)), (V{"(2,[],[])"}));
  EXPECT_EQ(ErrorClass([&] { Apply("ml_interaction", {Vec(x), Vec(v)}, ctx); }), "USER_RAISED_EXCEPTION");
}

TEST(MlItemsets, AprioriSubsetsKeepThoseOfFrequentSubsets) {
  EvalContext ctx = Ctx();
  VectorPtr ids = Col(ArrayType(IntType(), false), {IntList({0, 1, 3}), IntList({0, 1, 2, 3}), IntList({2}),
                                                     Null(ArrayType(IntType(), false))});
  EXPECT_EQ(Texts(Apply("ml_apriori_subsets", {Vec(ids), Lit(Str("2"), 4), Lit(Str(""), 4)}, ctx)),
            (V{"[0,1, 0,3, 1,3]", "[0,1, 0,2, 0,3, 1,2, 1,3, 2,3]", "[]", "NULL"}));
  // frequent pairs {0,1}, {0,3}, {1,3}, {1,2}: only {0,1,3} has all its pairs frequent
  EXPECT_EQ(Texts(Apply("ml_apriori_subsets", {Vec(ids), Lit(Str("3"), 4), Lit(Str("0,1,0,3,1,2,1,3"), 4)}, ctx)),
            (V{"[0,1,3]", "[0,1,3]", "[]", "NULL"}));
}

TEST(MlVectorFunctions, AssembleChoosesTheSmallerLayout) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(DoubleType(), {F64(1), F64(0), F64(0)});
  VectorPtr y = Col(IntType(), {I32(2), I32(0), I32(0)});
  VectorPtr v = Col(VectorUdtType(), {Dense({0, 3}), Sparse(4, {3}, {7}), Sparse(4, {}, {})});
  VectorPtr out = Apply("ml_assemble_vector",
                        {Lit(Str("error"), 3), Lit(Str("1,1,-1"), 3), Vec(x), Vec(y), Vec(v)}, ctx);
  // 3 non-zeros of 4 stay dense; 1 of 6 and 0 of 6 become sparse (1.5 * (nnz + 1) < size).
  EXPECT_EQ(Texts(out), (V{"[1.0,2.0,0.0,3.0]", "(6,[5],[7.0])", "(6,[],[])"}));
}

TEST(MlVectorFunctions, AssembleNullsAndNaNs) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(DoubleType(), {F64(1), Null(DoubleType())});
  VectorPtr v = Col(VectorUdtType(), {Null(VectorUdtType()), Dense({4, 5})});
  EXPECT_THROW(Apply("ml_assemble_vector", {Lit(Str("error"), 2), Lit(Str("1,2"), 2), Vec(x), Vec(v)}, ctx),
               SparkError);
  VectorPtr kept =
      Apply("ml_assemble_vector", {Lit(Str("keep"), 2), Lit(Str("1,2"), 2), Vec(x), Vec(v)}, ctx);
  EXPECT_EQ(Texts(kept), (V{"[1.0,NaN,NaN]", "[NaN,4.0,5.0]"}));
  VectorPtr nan = Col(DoubleType(), {F64(NAN), F64(NAN)});
  EXPECT_THROW(Apply("ml_assemble_vector", {Lit(Str("error"), 2), Lit(Str("1"), 2), Vec(nan)}, ctx),
               SparkError);
}

TEST(MlVectorFunctions, StringIndexModes) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("b"), Str("a"), Str("zzz"), Null(StringType())});
  auto index = [&](const std::string& mode, const VectorPtr& input) {
    return Apply("ml_string_index", {Vec(input), Lit(Str(mode), input->length()),
                                     Lit(Str("a"), input->length()), Lit(Str("b"), input->length())},
                 ctx);
  };
  EXPECT_EQ(Texts(index("keep", s)), (V{"1.0", "0.0", "2.0", "2.0"}));
  EXPECT_EQ(Texts(index("skip", s)), (V{"1.0", "0.0", "NULL", "NULL"}));
  try {
    index("error", s);
    FAIL() << "unseen label accepted";
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "USER_RAISED_EXCEPTION");
    EXPECT_NE(std::string(e.what()).find("Unseen label: zzz"), std::string::npos);
  }
  VectorPtr seen = Col(StringType(), {Str("a"), Str("b")});
  EXPECT_EQ(Texts(index("error", seen)), (V{"0.0", "1.0"}));
}

}  // namespace
}  // namespace ember::ftest
