"""pyspark.ml.linalg: vectors and matrices, checked against plain numpy/Python computations."""

import math
import pickle

import numpy as np
import pytest

from pyspark.ml.linalg import (
    DenseMatrix, DenseVector, Matrices, MatrixUDT, SparseMatrix, SparseVector, Vectors, VectorUDT,
)


def test_dense_constructors_and_access():
    v = Vectors.dense([1.0, 2.0, 3.5])
    assert Vectors.dense(1.0, 2.0, 3.5) == v
    assert DenseVector(np.array([1, 2, 3.5])) == v
    assert v.toArray().dtype == np.float64
    assert len(v) == 3 and v[2] == 3.5 and v[-1] == 3.5
    assert list(v[0:2]) == [1.0, 2.0]
    assert v.values is v.toArray()
    assert str(v) == "[1.0,2.0,3.5]"
    assert repr(v) == "DenseVector([1.0, 2.0, 3.5])"
    assert repr(Vectors.dense([1 / 3])) == "DenseVector([0.3333])"


def test_sparse_constructor_forms_agree():
    a = Vectors.sparse(4, {2: 3.0, 0: 1.0})
    b = Vectors.sparse(4, [(0, 1.0), (2, 3.0)])
    c = Vectors.sparse(4, [0, 2], [1.0, 3.0])
    assert a == b == c
    assert list(a.indices) == [0, 2] and a.indices.dtype == np.int32
    assert str(a) == "(4,[0,2],[1.0,3.0])"
    assert repr(a) == "SparseVector(4, {0: 1.0, 2: 3.0})"
    assert a[2] == 3.0 and a[1] == 0.0 and a[-2] == 3.0
    assert list(a.toArray()) == [1.0, 0.0, 3.0, 0.0]
    assert len(a) == 4 and a.numNonzeros() == 2


@pytest.mark.parametrize("args", [
    (3, [0, 3], [1.0, 2.0]),   # index out of range
    (3, [1, 0], [1.0, 2.0]),   # not increasing
    (3, [0, 1], [1.0]),        # lengths differ
])
def test_sparse_rejects_bad_input(args):
    with pytest.raises((ValueError, TypeError, AssertionError)):
        SparseVector(*args)


def test_sparse_index_out_of_bounds():
    with pytest.raises(IndexError):
        Vectors.sparse(3, {0: 1.0})[3]


def test_dense_sparse_equality_ignores_explicit_zeros():
    assert Vectors.dense([1.0, 0.0, 3.0]) == Vectors.sparse(3, [0, 1, 2], [1.0, 0.0, 3.0])
    assert Vectors.sparse(3, {0: 1.0, 2: 3.0}) == Vectors.dense([1.0, 0.0, 3.0])
    assert Vectors.dense([1.0, 0.0]) != Vectors.sparse(3, {0: 1.0})
    assert Vectors.dense([1.0]) != [1.0]
    assert hash(Vectors.dense([1.0, 0.0, 3.0])) == hash(Vectors.sparse(3, {0: 1.0, 2: 3.0}))


def test_dot_norm_distance_match_numpy():
    rng = np.random.default_rng(7)
    x = rng.normal(size=6)
    y = rng.normal(size=6)
    y[[1, 3]] = 0.0
    dense_x, dense_y = Vectors.dense(x), Vectors.dense(y)
    sparse_y = Vectors.sparse(6, {i: y[i] for i in range(6) if y[i] != 0})
    sparse_x = Vectors.sparse(6, {i: x[i] for i in range(6)})
    expected_dot = sum(a * b for a, b in zip(x, y))
    for left, right in [(dense_x, dense_y), (dense_x, sparse_y), (sparse_y, dense_x),
                        (sparse_x, sparse_y)]:
        assert left.dot(right) == pytest.approx(expected_dot, rel=1e-12)
    assert dense_x.dot(list(y)) == pytest.approx(expected_dot)
    assert sparse_y.dot(x) == pytest.approx(expected_dot)
    expected_sq = sum((a - b) ** 2 for a, b in zip(x, y))
    for left, right in [(dense_x, dense_y), (dense_x, sparse_y), (sparse_y, dense_x),
                        (sparse_x, sparse_y)]:
        assert left.squared_distance(right) == pytest.approx(expected_sq, rel=1e-12)
    assert Vectors.squared_distance(list(x), list(y)) == pytest.approx(expected_sq)
    assert dense_x.norm(2) == pytest.approx(math.sqrt(sum(a * a for a in x)))
    assert dense_x.norm(1) == pytest.approx(sum(abs(a) for a in x))
    assert sparse_y.norm(float("inf")) == pytest.approx(max(abs(a) for a in y))
    assert Vectors.norm(sparse_y, 2) == pytest.approx(math.sqrt(sum(a * a for a in y)))


def test_dimension_mismatch():
    with pytest.raises(AssertionError):
        Vectors.dense([1.0, 2.0]).dot(Vectors.dense([1.0]))


def test_dense_arithmetic_and_numpy_interop():
    v = Vectors.dense([1.0, 2.0])
    assert v + Vectors.dense([1.0, 1.0]) == Vectors.dense([2.0, 3.0])
    assert v * 2 == Vectors.dense([2.0, 4.0])
    assert 2 - v == Vectors.dense([1.0, 0.0])
    assert -v == Vectors.dense([-1.0, -2.0])
    assert np.asarray(v).tolist() == [1.0, 2.0]
    assert np.asarray(Vectors.sparse(3, {1: 2.0})).tolist() == [0.0, 2.0, 0.0]
    assert v.sum() == 3.0  # attribute lookups fall through to the numpy array


def test_parse_and_pickle():
    assert Vectors.parse("[1.0, 2.5]") == Vectors.dense([1.0, 2.5])
    assert Vectors.parse("(4,[0,2],[1.0,3.0])") == Vectors.sparse(4, {0: 1.0, 2: 3.0})
    for v in [Vectors.dense([1.0, -2.0]), Vectors.sparse(5, {4: 1.5})]:
        copy = pickle.loads(pickle.dumps(v))
        assert copy == v and type(copy) is type(v)
    assert Vectors.zeros(3) == Vectors.dense([0.0, 0.0, 0.0])


def test_vector_udt_serialization():
    udt = VectorUDT()
    assert udt.serialize(Vectors.dense([1.0, 2.0])) == (1, None, None, [1.0, 2.0])
    assert udt.serialize(Vectors.sparse(3, {1: 4.0})) == (0, 3, [1], [4.0])
    assert udt.deserialize((0, 3, [1], [4.0])) == Vectors.sparse(3, {1: 4.0})
    assert type(udt.deserialize((1, None, None, [1.0]))) is DenseVector
    assert udt.simpleString() == "vector"
    assert udt.sqlType().simpleString() == (
        "struct<type:tinyint,size:int,indices:array<int>,values:array<double>>")
    assert udt.jsonValue()["class"] == "org.apache.spark.ml.linalg.VectorUDT"
    assert udt.jsonValue()["pyClass"] == "pyspark.ml.linalg.VectorUDT"
    assert VectorUDT() == udt


def test_dense_matrix_is_column_major():
    m = Matrices.dense(2, 3, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert m.toArray().tolist() == [[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]
    assert m[1, 2] == 6.0 and m[0, 1] == 3.0
    t = DenseMatrix(2, 3, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], True)
    assert t.toArray().tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert t[1, 0] == 4.0
    assert repr(m) == "DenseMatrix(2, 3, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], False)"
    with pytest.raises(IndexError):
        m[2, 0]
    with pytest.raises(ValueError):
        DenseMatrix(2, 2, [1.0])


def test_sparse_matrix_matches_its_dense_form():
    # column 0: rows 0 and 2; column 1: row 1
    s = Matrices.sparse(3, 2, [0, 2, 3], [0, 2, 1], [1.0, 2.0, 3.0])
    expected = [[1.0, 0.0], [0.0, 3.0], [2.0, 0.0]]
    assert s.toArray().tolist() == expected
    assert s.toDense().toArray().tolist() == expected
    assert s[2, 0] == 2.0 and s[0, 1] == 0.0
    assert s == s.toDense()
    assert s.toDense().toSparse() == s
    transposed = SparseMatrix(2, 3, [0, 2, 3], [0, 2, 1], [1.0, 2.0, 3.0], True)
    assert transposed.toArray().tolist() == [[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]


def test_matrix_udt_round_trip():
    udt = MatrixUDT()
    for m in [Matrices.dense(2, 2, [1.0, 2.0, 3.0, 4.0]),
              Matrices.sparse(2, 2, [0, 1, 2], [1, 0], [5.0, 6.0])]:
        back = udt.deserialize(udt.serialize(m))
        assert back == m and type(back) is type(m)
