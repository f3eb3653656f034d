"""Vectors and matrices of pyspark.ml (pyspark.ml.linalg), with PySpark's behaviour.

Values are numpy float64 arrays. In a DataFrame a vector is a VectorUDT column, stored as Spark
stores it: struct<type:tinyint,size:int,indices:array<int>,values:array<double>> with type 0 for a
sparse and 1 for a dense vector; matrices likewise as MatrixUDT.
"""

import numpy as np

from pyspark.sql.types import (
    ArrayType, BooleanType, ByteType, DoubleType, IntegerType, StructField, StructType,
    UserDefinedType,
)

__all__ = ["Vector", "DenseVector", "SparseVector", "Vectors", "VectorUDT",
           "Matrix", "DenseMatrix", "SparseMatrix", "Matrices", "MatrixUDT"]


def _short_float(value, digits=4):
    """A float as PySpark's reprs show it: rounded to 4 decimals, never longer."""
    text = str(round(float(value), digits))
    if "." in text:
        text = text[:text.index(".") + 1 + digits]
    return text


def _convert_to_vector(value):
    if isinstance(value, Vector):
        return value
    if isinstance(value, (list, tuple, range, np.ndarray)) or type(value).__name__ == "array":
        return DenseVector(value)
    raise TypeError("Cannot convert type %s into Vector" % type(value))


def _vector_size(value):
    if isinstance(value, Vector):
        return len(value)
    if isinstance(value, (list, tuple, range)):
        return len(value)
    if isinstance(value, np.ndarray):
        if value.ndim == 1 or (value.ndim == 2 and value.shape[1] == 1):
            return len(value)
        raise ValueError("Cannot treat an ndarray of shape %s as a vector" % str(value.shape))
    raise TypeError("Cannot treat type %s as a vector" % type(value))


class VectorUDT(UserDefinedType):
    """The SQL type of a vector column (Spark's org.apache.spark.ml.linalg.VectorUDT)."""

    @classmethod
    def sqlType(cls):
        return StructType([
            StructField("type", ByteType(), False),
            StructField("size", IntegerType(), True),
            StructField("indices", ArrayType(IntegerType(), False), True),
            StructField("values", ArrayType(DoubleType(), False), True)])

    @classmethod
    def module(cls):
        return "pyspark.ml.linalg"

    @classmethod
    def scalaUDT(cls):
        return "org.apache.spark.ml.linalg.VectorUDT"

    def serialize(self, obj):
        if isinstance(obj, SparseVector):
            return (0, obj.size, [int(i) for i in obj.indices], [float(v) for v in obj.values])
        if isinstance(obj, DenseVector):
            return (1, None, None, [float(v) for v in obj])
        raise TypeError("cannot serialize %r of type %r" % (obj, type(obj)))

    def deserialize(self, datum):
        kind = datum[0]
        if kind == 0:
            return SparseVector(datum[1], datum[2], datum[3])
        if kind == 1:
            return DenseVector(datum[3])
        raise ValueError("do not recognize type %r" % kind)

    def simpleString(self):
        return "vector"


class MatrixUDT(UserDefinedType):
    """The SQL type of a matrix column (Spark's org.apache.spark.ml.linalg.MatrixUDT)."""

    @classmethod
    def sqlType(cls):
        return StructType([
            StructField("type", ByteType(), False),
            StructField("numRows", IntegerType(), False),
            StructField("numCols", IntegerType(), False),
            StructField("colPtrs", ArrayType(IntegerType(), False), True),
            StructField("rowIndices", ArrayType(IntegerType(), False), True),
            StructField("values", ArrayType(DoubleType(), False), True),
            StructField("isTransposed", BooleanType(), False)])

    @classmethod
    def module(cls):
        return "pyspark.ml.linalg"

    @classmethod
    def scalaUDT(cls):
        return "org.apache.spark.ml.linalg.MatrixUDT"

    def serialize(self, obj):
        if isinstance(obj, SparseMatrix):
            return (0, obj.numRows, obj.numCols, [int(i) for i in obj.colPtrs],
                    [int(i) for i in obj.rowIndices], [float(v) for v in obj.values],
                    bool(obj.isTransposed))
        if isinstance(obj, DenseMatrix):
            return (1, obj.numRows, obj.numCols, None, None, [float(v) for v in obj.values],
                    bool(obj.isTransposed))
        raise TypeError("cannot serialize type %r" % type(obj))

    def deserialize(self, datum):
        kind, rows, cols = datum[0], datum[1], datum[2]
        if kind == 0:
            return SparseMatrix(rows, cols, datum[3], datum[4], datum[5], datum[6])
        if kind == 1:
            return DenseMatrix(rows, cols, datum[5], datum[6])
        raise ValueError("do not recognize type %r" % kind)

    def simpleString(self):
        return "matrix"


# ---- vectors -------------------------------------------------------------------------------

class Vector:
    __UDT__ = VectorUDT()

    def toArray(self):
        raise NotImplementedError


def _nonzero_entries_equal(indices1, values1, indices2, values2):
    """Whether two (index, value) lists hold the same non-zero entries (explicit zeros ignored)."""
    a = {int(i): float(v) for i, v in zip(indices1, values1) if v != 0}
    b = {int(i): float(v) for i, v in zip(indices2, values2) if v != 0}
    return a == b


class DenseVector(Vector):
    """A dense vector of float64 values."""

    def __init__(self, ar):
        if isinstance(ar, bytes):
            ar = np.frombuffer(ar, dtype=np.float64)
        elif not isinstance(ar, np.ndarray):
            ar = np.array(list(ar), dtype=np.float64)
        if ar.dtype != np.float64:
            ar = ar.astype(np.float64)
        self.array = ar

    @staticmethod
    def parse(s):
        """DenseVector.parse("[1.0, 2.0]")."""
        text = s.strip()
        start, end = text.find("["), text.find("]")
        if start == -1 or end == -1:
            raise ValueError("Array should be represented by square brackets")
        body = text[start + 1:end].strip()
        try:
            return DenseVector([float(x) for x in body.split(",")] if body else [])
        except ValueError:
            raise ValueError("Unable to parse values from %s" % body)

    def __reduce__(self):
        return DenseVector, (self.array.tobytes(),)

    def numNonzeros(self):
        return int(np.count_nonzero(self.array))

    def norm(self, p):
        return float(np.linalg.norm(self.array, p))

    def dot(self, other):
        if type(other) == np.ndarray:
            if other.ndim > 1:
                assert len(self) == other.shape[0], "dimension mismatch"
            return np.dot(self.array, other)
        assert len(self) == _vector_size(other), "dimension mismatch"
        if isinstance(other, SparseVector):
            return other.dot(self)
        if isinstance(other, Vector):
            return float(np.dot(self.toArray(), other.toArray()))
        return float(np.dot(self.toArray(), other))

    def squared_distance(self, other):
        assert len(self) == _vector_size(other), "dimension mismatch"
        if isinstance(other, SparseVector):
            return other.squared_distance(self)
        if isinstance(other, Vector):
            other = other.toArray()
        diff = self.toArray() - np.asarray(other, dtype=np.float64).reshape(-1)
        return float(np.dot(diff, diff))

    def toArray(self):
        return self.array

    def __array__(self, dtype=None, copy=None):
        return self.array if dtype is None else self.array.astype(dtype)

    @property
    def values(self):
        return self.array

    def __getitem__(self, item):
        return self.array[item]

    def __len__(self):
        return len(self.array)

    def __str__(self):
        return "[" + ",".join(str(float(v)) for v in self.array) + "]"

    def __repr__(self):
        return "DenseVector([%s])" % ", ".join(_short_float(v) for v in self.array)

    def __eq__(self, other):
        if isinstance(other, DenseVector):
            return bool(np.array_equal(self.array, other.array))
        if isinstance(other, SparseVector):
            if len(self) != other.size:
                return False
            return _nonzero_entries_equal(range(len(self)), self.array, other.indices,
                                          other.values)
        return False

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        size = len(self)
        result = 31 + size
        nonzeros = 0
        for i, v in enumerate(self.array):
            if nonzeros >= 128:
                break
            if v != 0:
                result = 31 * result + i
                result = 31 * result + hash(float(v))
                nonzeros += 1
        return result

    def __getattr__(self, item):
        return getattr(self.array, item)

    def __neg__(self):
        return DenseVector(-self.array)

    def _binary(op):
        def apply(self, other):
            if isinstance(other, DenseVector):
                other = other.array
            return DenseVector(getattr(self.array, op)(other))
        return apply

    __add__ = _binary("__add__")
    __sub__ = _binary("__sub__")
    __mul__ = _binary("__mul__")
    __truediv__ = _binary("__truediv__")
    __floordiv__ = _binary("__floordiv__")
    __mod__ = _binary("__mod__")
    __pow__ = _binary("__pow__")
    __radd__ = _binary("__radd__")
    __rsub__ = _binary("__rsub__")
    __rmul__ = _binary("__rmul__")
    __rtruediv__ = _binary("__rtruediv__")
    __rfloordiv__ = _binary("__rfloordiv__")
    __rmod__ = _binary("__rmod__")
    del _binary


class SparseVector(Vector):
    """A sparse vector: its size, and strictly increasing indices with their values.

    SparseVector(4, {1: 1.0, 3: 5.5}), SparseVector(4, [(1, 1.0), (3, 5.5)]) and
    SparseVector(4, [1, 3], [1.0, 5.5]) are the same vector.
    """

    def __init__(self, size, *args):
        self.size = int(size)
        if len(args) not in (1, 2):
            raise TypeError("SparseVector takes a dict, a list of pairs, or indices and values")
        if len(args) == 1:
            pairs = args[0]
            if isinstance(pairs, dict):
                pairs = pairs.items()
            pairs = sorted((int(i), float(v)) for i, v in pairs)
            self.indices = np.array([p[0] for p in pairs], dtype=np.int32)
            self.values = np.array([p[1] for p in pairs], dtype=np.float64)
        else:
            indices, values = args
            if isinstance(indices, bytes):
                indices = np.frombuffer(indices, np.int32)
                values = np.frombuffer(values, np.float64)
            self.indices = np.array(list(indices) if not isinstance(indices, np.ndarray)
                                    else indices, dtype=np.int32)
            self.values = np.array(list(values) if not isinstance(values, np.ndarray)
                                   else values, dtype=np.float64)
            if len(self.indices) != len(self.values):
                raise AssertionError("Index and value arrays must have the same length")
            for i in range(len(self.indices) - 1):
                if self.indices[i] >= self.indices[i + 1]:
                    raise TypeError("Indices %s and %s are not strictly increasing"
                                    % (self.indices[i], self.indices[i + 1]))
        if len(self.indices):
            if self.indices[-1] >= self.size:
                raise ValueError("Index %d is out of the size of vector with size=%d"
                                 % (self.indices[-1], self.size))
            if self.indices[0] < 0:
                raise ValueError("Contains negative index %d" % self.indices[0])

    def __reduce__(self):
        return SparseVector, (self.size, self.indices.tobytes(), self.values.tobytes())

    @staticmethod
    def parse(s):
        """SparseVector.parse("(4, [0, 2], [1.0, 3.0])")."""
        text = s.strip().replace(" ", "")
        if not (text.startswith("(") and text.endswith(")")):
            raise ValueError("Tuple should be represented by parentheses")
        body = text[1:-1]
        comma = body.find(",")
        size = int(body[:comma])
        rest = body[comma + 1:]
        close = rest.find("]")
        index_text = rest[1:close]
        value_text = rest[close + 3:-1]
        indices = [int(x) for x in index_text.split(",")] if index_text else []
        values = [float(x) for x in value_text.split(",")] if value_text else []
        return SparseVector(size, indices, values)

    def numNonzeros(self):
        return int(np.count_nonzero(self.values))

    def norm(self, p):
        return float(np.linalg.norm(self.values, p))

    def dot(self, other):
        if isinstance(other, np.ndarray):
            if other.ndim not in (1, 2):
                raise ValueError("Cannot call dot with %d-dimensional array" % other.ndim)
            assert len(self) == other.shape[0], "dimension mismatch"
            return np.dot(self.values, other[self.indices])
        assert len(self) == _vector_size(other), "dimension mismatch"
        if isinstance(other, DenseVector):
            return float(np.dot(other.array[self.indices], self.values))
        if isinstance(other, SparseVector):
            common = np.intersect1d(self.indices, other.indices, assume_unique=True)
            if not len(common):
                return 0.0
            mine = np.in1d(self.indices, common, assume_unique=True)
            theirs = np.in1d(other.indices, common, assume_unique=True)
            return float(np.dot(self.values[mine], other.values[theirs]))
        return self.dot(_convert_to_vector(other))

    def squared_distance(self, other):
        assert len(self) == _vector_size(other), "dimension mismatch"
        if isinstance(other, SparseVector):
            dense = self.toArray() - other.toArray()
            return float(np.dot(dense, dense))
        if isinstance(other, Vector):
            other = other.toArray()
        other = np.asarray(other, dtype=np.float64).reshape(-1)
        diff = self.toArray() - other
        return float(np.dot(diff, diff))

    def toArray(self):
        out = np.zeros((self.size,), dtype=np.float64)
        out[self.indices] = self.values
        return out

    def __array__(self, dtype=None, copy=None):
        out = self.toArray()
        return out if dtype is None else out.astype(dtype)

    def __len__(self):
        return self.size

    def __str__(self):
        return "(%d,[%s],[%s])" % (self.size, ",".join(str(int(i)) for i in self.indices),
                                   ",".join(str(float(v)) for v in self.values))

    def __repr__(self):
        entries = ", ".join("%d: %s" % (i, _short_float(v))
                            for i, v in zip(self.indices, self.values))
        return "SparseVector(%d, {%s})" % (self.size, entries)

    def __eq__(self, other):
        if isinstance(other, SparseVector):
            return (other.size == self.size and np.array_equal(other.indices, self.indices)
                    and np.array_equal(other.values, self.values))
        if isinstance(other, DenseVector):
            if self.size != len(other):
                return False
            return _nonzero_entries_equal(self.indices, self.values, range(len(other)),
                                          other.array)
        return False

    def __ne__(self, other):
        return not self == other

    def __getitem__(self, index):
        if not isinstance(index, (int, np.integer)):
            raise TypeError("Indices must be of type integer, got type %s" % type(index))
        if index >= self.size or index < -self.size:
            raise IndexError("Index %d out of bounds." % index)
        if index < 0:
            index += self.size
        position = int(np.searchsorted(self.indices, index))
        if position < len(self.indices) and self.indices[position] == index:
            return self.values[position]
        return np.float64(0.0)

    def __hash__(self):
        result = 31 + self.size
        nonzeros = 0
        for i, v in zip(self.indices, self.values):
            if nonzeros >= 128:
                break
            if v != 0:
                result = 31 * result + int(i)
                result = 31 * result + hash(float(v))
                nonzeros += 1
        return result


class Vectors:
    """Factory methods for vectors. Prefer these to the constructors."""

    @staticmethod
    def sparse(size, *args):
        return SparseVector(size, *args)

    @staticmethod
    def dense(*elements):
        if len(elements) == 1 and not isinstance(elements[0], (float, int, np.number)):
            elements = elements[0]
        return DenseVector(elements)

    @staticmethod
    def squared_distance(v1, v2):
        return _convert_to_vector(v1).squared_distance(v2)

    @staticmethod
    def norm(vector, p):
        return _convert_to_vector(vector).norm(p)

    @staticmethod
    def zeros(size):
        return DenseVector(np.zeros(size))

    @staticmethod
    def parse(s):
        text = s.strip()
        if text.startswith("["):
            return DenseVector.parse(text)
        if text.startswith("("):
            return SparseVector.parse(text)
        raise ValueError("Cannot find tokens '[' or '(' from the input string.")

    @staticmethod
    def _equals(v1_indices, v1_values, v2_indices, v2_values):
        return _nonzero_entries_equal(v1_indices, v1_values, v2_indices, v2_values)


# ---- matrices ------------------------------------------------------------------------------

class Matrix:
    __UDT__ = MatrixUDT()

    def __init__(self, numRows, numCols, isTransposed=False):
        self.numRows = int(numRows)
        self.numCols = int(numCols)
        self.isTransposed = bool(isTransposed)

    def toArray(self):
        raise NotImplementedError

    def _checked_index(self, item):
        i, j = item
        if not 0 <= i < self.numRows:
            raise IndexError("Row index %d is out of range [0, %d)" % (i, self.numRows))
        if not 0 <= j < self.numCols:
            raise IndexError("Column index %d is out of range [0, %d)" % (j, self.numCols))
        return int(i), int(j)


def _float_array(values):
    if isinstance(values, bytes):
        return np.frombuffer(values, np.float64)
    return np.asarray(values, dtype=np.float64)


def _entries_text(values, limit=16):
    """Up to `limit` values as reprs show them, with ", ..., " and the last when there are more."""
    shown = [_short_float(v) for v in values]
    if len(shown) > limit:
        shown = shown[:limit - 1] + ["..."] + shown[-1:]
    return ", ".join(shown)


class DenseMatrix(Matrix):
    """A column-major dense matrix (row-major when isTransposed)."""

    def __init__(self, numRows, numCols, values, isTransposed=False):
        Matrix.__init__(self, numRows, numCols, isTransposed)
        self.values = _float_array(values)
        if len(self.values) != self.numRows * self.numCols:
            raise ValueError("The number of values (%d) does not match numRows * numCols (%d)"
                             % (len(self.values), self.numRows * self.numCols))

    def __reduce__(self):
        return DenseMatrix, (self.numRows, self.numCols, self.values.tobytes(),
                             int(self.isTransposed))

    def toArray(self):
        order = "C" if self.isTransposed else "F"
        return self.values.reshape((self.numRows, self.numCols), order=order)

    def toSparse(self):
        dense = self.toArray()
        col_ptrs = [0]
        row_indices, values = [], []
        for j in range(self.numCols):
            for i in range(self.numRows):
                if dense[i, j] != 0:
                    row_indices.append(i)
                    values.append(dense[i, j])
            col_ptrs.append(len(values))
        return SparseMatrix(self.numRows, self.numCols, col_ptrs, row_indices, values)

    def __getitem__(self, item):
        i, j = self._checked_index(item)
        if self.isTransposed:
            return self.values[i * self.numCols + j]
        return self.values[i + j * self.numRows]

    def __str__(self):
        lines = np.array2string(self.toArray()).split("\n")
        return "DenseMatrix(" + "\n            ".join(lines) + ")"

    def __repr__(self):
        return "DenseMatrix(%d, %d, [%s], %s)" % (self.numRows, self.numCols,
                                                 _entries_text(self.values), self.isTransposed)

    def __eq__(self, other):
        if isinstance(other, SparseMatrix):
            return bool(np.array_equal(self.toArray(), other.toArray()))
        if not isinstance(other, DenseMatrix):
            return False
        return (self.numRows == other.numRows and self.numCols == other.numCols
                and bool(np.array_equal(self.toArray(), other.toArray())))

    def __ne__(self, other):
        return not self == other


class SparseMatrix(Matrix):
    """A sparse matrix in compressed sparse column form (compressed rows when isTransposed)."""

    def __init__(self, numRows, numCols, colPtrs, rowIndices, values, isTransposed=False):
        Matrix.__init__(self, numRows, numCols, isTransposed)
        self.colPtrs = (np.frombuffer(colPtrs, np.int32) if isinstance(colPtrs, bytes)
                        else np.asarray(colPtrs, dtype=np.int32))
        self.rowIndices = (np.frombuffer(rowIndices, np.int32) if isinstance(rowIndices, bytes)
                           else np.asarray(rowIndices, dtype=np.int32))
        self.values = _float_array(values)
        pointers = self.numRows if self.isTransposed else self.numCols
        if len(self.colPtrs) != pointers + 1:
            raise ValueError("Expected colPtrs of size %d, got %d."
                             % (pointers + 1, len(self.colPtrs)))
        if len(self.values) != len(self.rowIndices):
            raise ValueError("Expected rowIndices of length %d, got %d."
                             % (len(self.values), len(self.rowIndices)))

    def __reduce__(self):
        return SparseMatrix, (self.numRows, self.numCols, self.colPtrs.tobytes(),
                              self.rowIndices.tobytes(), self.values.tobytes(),
                              int(self.isTransposed))

    def toArray(self):
        out = np.zeros((self.numRows, self.numCols), dtype=np.float64, order="F")
        for k in range(len(self.colPtrs) - 1):
            start, end = self.colPtrs[k], self.colPtrs[k + 1]
            minor = self.rowIndices[start:end]
            if self.isTransposed:
                out[k, minor] = self.values[start:end]
            else:
                out[minor, k] = self.values[start:end]
        return out

    def toDense(self):
        return DenseMatrix(self.numRows, self.numCols, self.toArray().ravel(order="F"))

    def __getitem__(self, item):
        i, j = self._checked_index(item)
        major, minor = (i, j) if self.isTransposed else (j, i)
        start, end = self.colPtrs[major], self.colPtrs[major + 1]
        position = start + int(np.searchsorted(self.rowIndices[start:end], minor))
        if position < end and self.rowIndices[position] == minor:
            return self.values[position]
        return np.float64(0.0)

    def __str__(self):
        lines = ["%d X %d %s" % (self.numRows, self.numCols,
                                 "CSRMatrix" if self.isTransposed else "CSCMatrix")]
        for k in range(len(self.colPtrs) - 1):
            for p in range(self.colPtrs[k], self.colPtrs[k + 1]):
                i, j = (k, self.rowIndices[p]) if self.isTransposed else (self.rowIndices[p], k)
                lines.append("(%d,%d) %s" % (i, j, _short_float(self.values[p])))
        return "\n".join(lines)

    def __repr__(self):
        return "SparseMatrix(%d, %d, [%s], [%s], [%s], %s)" % (
            self.numRows, self.numCols, ", ".join(str(int(p)) for p in self.colPtrs),
            ", ".join(str(int(i)) for i in self.rowIndices), _entries_text(self.values),
            self.isTransposed)

    def __eq__(self, other):
        if not isinstance(other, Matrix):
            return False
        return (self.numRows == other.numRows and self.numCols == other.numCols
                and bool(np.array_equal(self.toArray(), other.toArray())))

    def __ne__(self, other):
        return not self == other


class Matrices:
    @staticmethod
    def dense(numRows, numCols, values):
        return DenseMatrix(numRows, numCols, values)

    @staticmethod
    def sparse(numRows, numCols, colPtrs, rowIndices, values):
        return SparseMatrix(numRows, numCols, colPtrs, rowIndices, values)
