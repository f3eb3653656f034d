"""Python values <-> Ember's JSON plan values (docs/plan-format.md), and type inference as PySpark
does it for createDataFrame and lit().

Dates travel as days since 1970-01-01, timestamps as microseconds since the epoch (naive
datetimes are read in the session time zone), decimals as text, binary as hex, maps as pairs,
structs as lists of field values.
"""

import datetime
import decimal
import math
import re
from operator import itemgetter

from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql.types import (
    ArrayType, AtomicType, BinaryType, BooleanType, ByteType, DataType, DateType, DecimalType, DoubleType,
    FloatType, IntegerType, LongType, MapType, NullType, Row, ShortType, StringType, StructField,
    StructType, TimestampNTZType, TimestampType, UserDefinedType, VariantType, VariantVal,
)

_EPOCH_DATE = datetime.date(1970, 1, 1)
_EPOCH_NAIVE = datetime.datetime(1970, 1, 1)
_UTC = datetime.timezone.utc


# ---- time zones ----------------------------------------------------------------------------

_OFFSET = re.compile(r"(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?")


def time_zone(name):
    """A tzinfo for a Spark session time zone name ("America/New_York", "UTC", "+08:00")."""
    if name in (None, "", "UTC", "Z", "GMT", "UT", "Etc/UTC"):
        return _UTC
    m = _OFFSET.fullmatch(name)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        delta = datetime.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0),
                                   seconds=int(m.group(4) or 0))
        return datetime.timezone(sign * delta)
    try:
        import zoneinfo
        return zoneinfo.ZoneInfo(name)
    except Exception:
        return _UTC


def timestamp_micros(value, tz):
    """Microseconds since the epoch of a datetime; naive values are wall time in `tz`."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    delta = value - datetime.datetime(1970, 1, 1, tzinfo=_UTC)
    return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds


def ntz_micros(value):
    naive = value.replace(tzinfo=None)
    delta = naive - _EPOCH_NAIVE
    return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds


# ---- type inference ------------------------------------------------------------------------

def _decimal_type_of(value):
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise PySparkValueError(errorClass="CANNOT_INFER_TYPE_FOR_FIELD",
                                messageParameters={"field_name": str(value)})
    if exponent > 0:
        return DecimalType(min(38, max(1, len(digits) + exponent)), 0)
    scale = -exponent
    return DecimalType(min(38, max(len(digits), scale, 1)), scale)


def literal_type(value):
    """The type of lit(value): ints that fit 32 bits are int, others bigint."""
    if isinstance(value, bool):
        return BooleanType()
    if isinstance(value, int):
        return IntegerType() if -(2 ** 31) <= value < 2 ** 31 else LongType()
    if isinstance(value, decimal.Decimal):
        return _decimal_type_of(value)
    if isinstance(value, (list, tuple)) and not isinstance(value, Row):
        element = NullType()
        for item in value:
            element = merge_types(element, literal_type(item))
        # lit([...]) is array(lit(x), ...): its elements may be null only if one is None.
        return ArrayType(element, any(item is None for item in value))
    return infer_type(value)


def infer_type(value, infer_dict_as_struct=False):
    """PySpark's _infer_type: int -> bigint, float -> double, Decimal -> decimal(38,18), ..."""
    if value is None:
        return NullType()
    if hasattr(type(value), "__UDT__"):
        return type(value).__UDT__
    if isinstance(value, bool):
        return BooleanType()
    if isinstance(value, int):
        return LongType()
    if isinstance(value, float):
        return DoubleType()
    if isinstance(value, str):
        return StringType()
    if isinstance(value, decimal.Decimal):
        return DecimalType(38, 18)
    if isinstance(value, datetime.datetime):
        return TimestampType()
    if isinstance(value, datetime.date):
        return DateType()
    if isinstance(value, (bytes, bytearray)):
        return BinaryType()
    if isinstance(value, VariantVal):
        return VariantType()
    if isinstance(value, Row):
        return infer_struct(value)
    if isinstance(value, dict):
        if infer_dict_as_struct:
            return infer_struct(value)
        key_type, value_type = NullType(), NullType()
        for k, v in value.items():
            key_type = merge_types(key_type, infer_type(k))
            value_type = merge_types(value_type, infer_type(v))
        return MapType(key_type, value_type, True)
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        element = NullType()
        for item in value:
            element = merge_types(element, infer_type(item))
        return ArrayType(element, True)
    try:
        import numpy as np
        if isinstance(value, np.generic):
            return infer_type(value.item())
    except ImportError:
        pass
    if hasattr(value, "_fields") or hasattr(value, "__dict__"):
        return infer_struct(value)
    raise PySparkTypeError(errorClass="CANNOT_INFER_SCHEMA_FOR_TYPE",
                           messageParameters={"data_type": type(value).__name__})


def _row_items(row):
    """(name, value) pairs of a record as PySpark reads them (dict keys sorted)."""
    if isinstance(row, dict):
        return sorted(row.items())
    if isinstance(row, Row):
        if hasattr(row, "__fields__"):
            return list(zip(row.__fields__, tuple(row)))
        return [("_%d" % (i + 1), v) for i, v in enumerate(row)]
    if isinstance(row, (list, tuple)):
        if hasattr(row, "_fields"):  # namedtuple
            return list(zip(row._fields, row))
        return [("_%d" % (i + 1), v) for i, v in enumerate(row)]
    if hasattr(row, "__dict__"):
        return sorted((k, v) for k, v in vars(row).items() if not k.startswith("_"))
    raise PySparkTypeError(errorClass="CANNOT_INFER_SCHEMA_FOR_TYPE",
                           messageParameters={"data_type": type(row).__name__})


def infer_struct(row, names=None):
    items = _row_items(row)
    fields = []
    for i, (name, value) in enumerate(items):
        if names is not None and i < len(names):
            name = names[i]
        fields.append(StructField(name, infer_type(value), True))
    return StructType(fields)


def java_text(value):
    """The text Java's toString gives a value PySpark sends to a string column."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, float):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        return repr(value)
    # Java's scientific form: 1.0E-4, -1.5E10
    sign, digits, exponent = decimal.Decimal(repr(value)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    return "%s%s.%sE%d" % ("-" if sign else "", text[0], text[1:] or "0", exponent + len(digits) - 1)


def merge_types(a, b):
    """PySpark's _merge_type: null yields to anything, a timestamp to a local timestamp, an atomic
    type to a string; otherwise types must agree."""
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    if isinstance(a, TimestampType) and isinstance(b, TimestampNTZType):
        return a
    if isinstance(a, TimestampNTZType) and isinstance(b, TimestampType):
        return b
    if isinstance(a, AtomicType) and isinstance(b, StringType):
        return b
    if isinstance(a, StringType) and isinstance(b, AtomicType):
        return a
    if type(a) is not type(b):
        raise PySparkTypeError(errorClass="CANNOT_MERGE_TYPE",
                               messageParameters={"data_type1": type(a).__name__,
                                                  "data_type2": type(b).__name__})
    if isinstance(a, StructType):
        by_name = {f.name: f for f in b.fields}
        fields = []
        for f in a.fields:
            other = by_name.get(f.name)
            fields.append(StructField(f.name, merge_types(f.dataType, other.dataType)
                                      if other else f.dataType, True))
        seen = {f.name for f in a.fields}
        fields.extend(StructField(f.name, f.dataType, True) for f in b.fields if f.name not in seen)
        return StructType(fields)
    if isinstance(a, ArrayType):
        return ArrayType(merge_types(a.elementType, b.elementType), True)
    if isinstance(a, MapType):
        return MapType(merge_types(a.keyType, b.keyType), merge_types(a.valueType, b.valueType),
                       True)
    return a


def _has_null_type(data_type):
    if isinstance(data_type, NullType):
        return True
    if isinstance(data_type, StructType):
        return any(_has_null_type(f.dataType) for f in data_type.fields)
    if isinstance(data_type, ArrayType):
        return _has_null_type(data_type.elementType)
    if isinstance(data_type, MapType):
        return _has_null_type(data_type.keyType) or _has_null_type(data_type.valueType)
    return False


# Python types whose values all infer one flat type (bool before int: it is its subclass).
_FLAT_TYPES = {
    type(None): NullType, bool: BooleanType, int: LongType, float: DoubleType, str: StringType,
    decimal.Decimal: lambda: DecimalType(38, 18), datetime.datetime: TimestampType,
    datetime.date: DateType, bytes: BinaryType, bytearray: BinaryType,
}


def _infer_column(values):
    """The merged type of one column's values: from the set of their Python types when those are
    flat, else value by value."""
    kinds = set(map(type, values))
    flat = {_FLAT_TYPES[k]().simpleString(): _FLAT_TYPES[k]() for k in kinds if k in _FLAT_TYPES}
    if len(flat) == len(kinds) and len(set(flat) - {"void"}) <= 1:
        types = [t for name, t in flat.items() if name != "void"]
        return types[0] if types else NullType()
    merged = NullType()
    for value in values:
        merged = merge_types(merged, infer_type(value))
    return merged


def _same_shape_tuples(rows):
    """The field names of rows that are all plain tuples/lists of one length, or all Rows with
    the same fields; None for other records."""
    kinds = set(map(type, rows))
    if kinds <= {tuple, list}:
        widths = set(map(len, rows))
        return ["_%d" % (i + 1) for i in range(widths.pop())] if len(widths) == 1 else None
    if kinds == {Row}:
        fields = rows[0].__dict__.get("__fields__")
        if fields is not None and all(r.__dict__.get("__fields__") == fields for r in rows):
            return list(fields)
    return None


def infer_schema(rows, names=None):
    """Schema of a list of records, merged over every record as PySpark does."""
    if not rows:
        raise PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    fields = _same_shape_tuples(rows)
    if fields is not None:
        if names:
            fields = [names[i] if i < len(names) else f for i, f in enumerate(fields)]
        schema = StructType([StructField(f, _infer_column(list(map(itemgetter(i), rows))), True)
                             for i, f in enumerate(fields)])
    else:
        schema = None
        for row in rows:
            struct = infer_struct(row, names)
            schema = struct if schema is None else merge_types(schema, struct)
    if _has_null_type(schema):
        raise PySparkValueError(errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    return schema


# ---- encoding ------------------------------------------------------------------------------

_INT_RANGES = {
    ByteType: (-(2 ** 7), 2 ** 7 - 1), ShortType: (-(2 ** 15), 2 ** 15 - 1),
    IntegerType: (-(2 ** 31), 2 ** 31 - 1), LongType: (-(2 ** 63), 2 ** 63 - 1),
}


def _unacceptable(data_type, value, name):
    params = {"data_type": repr(data_type), "obj": repr(value), "obj_type": str(type(value))}
    if name:
        params["field_name"] = name
        raise PySparkTypeError(errorClass="FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                               messageParameters=params)
    raise PySparkTypeError(errorClass="FIELD_DATA_TYPE_UNACCEPTABLE", messageParameters=params)


def _float_json(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def encode_value(value, data_type, tz, name=None, nullable=True):
    """The plan-JSON form of a Python value of `data_type`, checking it as verifySchema does."""
    if value is None:
        if not nullable:
            raise PySparkValueError(errorClass="FIELD_NOT_NULLABLE_WITH_NAME",
                                    messageParameters={"field_name": name or "value"})
        return None
    if isinstance(data_type, UserDefinedType):
        return encode_value(data_type.serialize(value), data_type.sqlType(), tz, name)
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if isinstance(data_type, BooleanType):
        if not isinstance(value, bool):
            _unacceptable(data_type, value, name)
        return value
    if type(data_type) in _INT_RANGES:
        if not isinstance(value, int) or isinstance(value, bool):
            _unacceptable(data_type, value, name)
        low, high = _INT_RANGES[type(data_type)]
        if not low <= value <= high:
            raise PySparkValueError(
                errorClass="VALUE_OUT_OF_BOUNDS",
                messageParameters={"arg_name": name or "obj", "lower_bound": str(low),
                                   "upper_bound": str(high), "actual": str(value)})
        return value
    if isinstance(data_type, (FloatType, DoubleType)):
        if not isinstance(value, float):
            _unacceptable(data_type, value, name)
        return _float_json(value)
    if isinstance(data_type, DecimalType):
        if not isinstance(value, decimal.Decimal):
            _unacceptable(data_type, value, name)
        return str(value)
    if isinstance(data_type, StringType):
        # A string column takes any value, as PySpark's does: the JVM stores its text.
        return value if isinstance(value, str) else java_text(value)
    if isinstance(data_type, BinaryType):
        if not isinstance(value, (bytes, bytearray, memoryview)):
            _unacceptable(data_type, value, name)
        return bytes(value).hex()
    if isinstance(data_type, TimestampType):
        if not isinstance(value, datetime.datetime):
            _unacceptable(data_type, value, name)
        return timestamp_micros(value, tz)
    if isinstance(data_type, TimestampNTZType):
        if not isinstance(value, datetime.datetime):
            _unacceptable(data_type, value, name)
        return ntz_micros(value)
    if isinstance(data_type, DateType):
        if not isinstance(value, datetime.date):
            _unacceptable(data_type, value, name)
        if isinstance(value, datetime.datetime):
            value = value.date()
        return (value - _EPOCH_DATE).days
    if isinstance(data_type, ArrayType):
        if not isinstance(value, (list, tuple)):
            _unacceptable(data_type, value, name)
        return [encode_value(v, data_type.elementType, tz, name, data_type.containsNull)
                for v in value]
    if isinstance(data_type, MapType):
        if not isinstance(value, dict):
            _unacceptable(data_type, value, name)
        return [[encode_value(k, data_type.keyType, tz, name, False),
                 encode_value(v, data_type.valueType, tz, name, data_type.valueContainsNull)]
                for k, v in value.items()]
    if isinstance(data_type, StructType):
        return encode_struct(value, data_type, tz)
    if isinstance(data_type, NullType):
        _unacceptable(data_type, value, name)
    raise PySparkTypeError(errorClass="CANNOT_INFER_SCHEMA_FOR_TYPE",
                           messageParameters={"data_type": repr(data_type)})


def record_values(record, names):
    """The values of one record in the order of the field `names`: dicts and named Rows by name,
    else by position; objects of a user-defined type by their serialized fields."""
    udt = getattr(type(record), "__UDT__", None)
    if udt is not None:
        return list(udt.serialize(record))
    if isinstance(record, dict):
        return [record.get(n) for n in names]
    if isinstance(record, Row) and hasattr(record, "__fields__"):
        lookup = dict(zip(record.__fields__, tuple(record)))
        if all(n in lookup for n in names):
            return [lookup[n] for n in names]
        return list(record)
    if isinstance(record, (list, tuple)):
        return list(record)
    if hasattr(record, "__dict__"):
        return [getattr(record, n, None) for n in names]
    return [record]


def encode_struct(record, schema, tz):
    """The values of one record in schema order, checked and encoded."""
    values = record_values(record, [f.name for f in schema.fields])
    if len(values) != len(schema.fields):
        raise PySparkValueError(
            errorClass="LENGTH_SHOULD_BE_THE_SAME",
            messageParameters={"arg1": "obj", "arg2": "fields", "arg1_length": str(len(values)),
                               "arg2_length": str(len(schema.fields))})
    return [encode_value(v, f.dataType, tz, f.name, f.nullable)
            for v, f in zip(values, schema.fields)]


def schema_json(schema):
    """A schema as the plan format writes it."""
    return [{"name": f.name, "type": type_ddl(f.dataType), "nullable": f.nullable}
            for f in schema.fields]


def type_ddl(data_type):
    if not isinstance(data_type, DataType):
        raise PySparkTypeError(errorClass="NOT_DATATYPE_OR_STR",
                               messageParameters={"arg_name": "dataType",
                                                  "arg_type": type(data_type).__name__})
    return data_type.simpleString()
