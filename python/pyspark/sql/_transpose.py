"""DataFrame.transpose as Spark 4.0 computes it: the rows with a non-null index value (at most
spark.sql.transposeMaxValues of them) are collected, ordered by that value, and become the
columns, named by the value as a string; the other columns become the rows, with their names in
a first column `key` and their values cast to the tightest type they share."""

from pyspark.errors import AnalysisException
from pyspark.sql.types import (
    ArrayType, ByteType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType,
    MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType,
    TimestampType, UserDefinedType,
)

_NUMERIC_ORDER = (ByteType, ShortType, IntegerType, LongType, FloatType, DoubleType)
_INTEGER_DIGITS = {ByteType: 3, ShortType: 5, IntegerType: 10, LongType: 20}
_DATETIME_ORDER = (DateType, TimestampNTZType, TimestampType)


def _error(error_class, sql_state, parameters, text):
    return AnalysisException(errorClass=error_class, sqlState=sql_state,
                             messageParameters=parameters,
                             message="[%s] %s SQLSTATE: %s" % (error_class, text, sql_state))


def _catalyst_name(data_type):
    """A type as Catalyst's DataType.toString prints it (IntegerType, ArrayType(IntegerType,true))."""
    if isinstance(data_type, DecimalType):
        return "DecimalType(%d,%d)" % (data_type.precision, data_type.scale)
    if isinstance(data_type, ArrayType):
        return "ArrayType(%s,%s)" % (_catalyst_name(data_type.elementType),
                                     str(data_type.containsNull).lower())
    if isinstance(data_type, MapType):
        return "MapType(%s,%s,%s)" % (_catalyst_name(data_type.keyType),
                                      _catalyst_name(data_type.valueType),
                                      str(data_type.valueContainsNull).lower())
    if isinstance(data_type, StructType):
        return "StructType(%s)" % ",".join(
            "StructField(%s,%s,%s)" % (f.name, _catalyst_name(f.dataType), str(f.nullable).lower())
            for f in data_type.fields)
    return type(data_type).__name__


def tightest_common_type(a, b):
    """Spark's findTightestCommonType of two types, or None."""
    if a == b:
        return a
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    kinds = (type(a), type(b))
    if all(k in _NUMERIC_ORDER for k in kinds):
        return a if _NUMERIC_ORDER.index(kinds[0]) >= _NUMERIC_ORDER.index(kinds[1]) else b
    if all(k in _DATETIME_ORDER for k in kinds):
        return a if _DATETIME_ORDER.index(kinds[0]) >= _DATETIME_ORDER.index(kinds[1]) else b
    for decimal, integer in ((a, b), (b, a)):
        if isinstance(decimal, DecimalType) and type(integer) in _INTEGER_DIGITS and \
                decimal.precision - decimal.scale >= _INTEGER_DIGITS[type(integer)]:
            return decimal
    return None


def _index_column(df, index):
    if index is None:
        return df.schema.fields[0]
    name = df.select(index).columns[0]  # an unknown name raises Spark's UNRESOLVED_COLUMN
    matches = [f for f in df.schema.fields if f.name == name]
    if not matches:  # an expression or a nested field
        raise _error("TRANSPOSE_INVALID_INDEX_COLUMN", "42804",
                     {"reason": "Index column must be an atomic attribute"},
                     "Invalid index column for TRANSPOSE because: Index column must be an "
                     "atomic attribute")
    return matches[0]


def transpose(df, index_column=None):
    index = _index_column(df, index_column)
    if isinstance(index.dataType, (ArrayType, MapType, StructType, UserDefinedType)):
        reason = "Index column must be of atomic type, but found: %s" \
            % _catalyst_name(index.dataType)
        raise _error("TRANSPOSE_INVALID_INDEX_COLUMN", "42804", {"reason": reason},
                     "Invalid index column for TRANSPOSE because: " + reason)
    values = [f for f in df.schema.fields if f.name != index.name]
    common = values[0].dataType if values else StringType()
    for field in values[1:]:
        wider = tightest_common_type(common, field.dataType)
        if wider is None:
            dt1, dt2 = ('"%s"' % t.simpleString().upper() for t in (common, field.dataType))
            raise _error("TRANSPOSE_NO_LEAST_COMMON_TYPE", "42K09", {"dt1": dt1, "dt2": dt2},
                         "Transpose requires non-index columns to share a least common type, "
                         "but %s and %s do not." % (dt1, dt2))
        common = wider
    limit = int(df.sparkSession.conf.get("spark.sql.transposeMaxValues", "500"))
    key = df[index.name]
    rows = (df.filter(key.isNotNull())
            .select(key, key.cast("string"), *[df[f.name].cast(common) for f in values])
            .limit(limit + 1).collect())
    if len(rows) > limit:
        raise _error("TRANSPOSE_EXCEED_ROW_LIMIT", "54006",
                     {"maxValues": str(limit), "config": "spark.sql.transposeMaxValues"},
                     "Number of rows exceeds the allowed limit of %d for TRANSPOSE. If this was "
                     "intended, set spark.sql.transposeMaxValues to at least the current row "
                     "count." % limit)
    rows.sort(key=lambda row: row[0])
    schema = StructType([StructField("key", StringType(), False)] +
                        [StructField(row[1], common, True) for row in rows])
    data = [tuple([field.name] + [row[2 + i] for row in rows]) for i, field in enumerate(values)]
    return df.sparkSession.createDataFrame(data, schema)
