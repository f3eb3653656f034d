"""Spark SQL data types as PySpark exposes them: simpleString (DDL), typeName (printSchema),
jsonValue/fromJson (Spark's schema JSON), repr as PySpark 4 prints it, and Row.

Types are plain value objects compared by their parameters; the simple types are singletons.
A DDL parser turns "id INT, s STRING" or "array<struct<a:int>>" into these objects.
"""

import datetime as _datetime
import json as _json
import re as _re

__all__ = [
    "DataType", "NullType", "BooleanType", "ByteType", "ShortType", "IntegerType", "LongType",
    "FloatType", "DoubleType", "DecimalType", "StringType", "BinaryType", "DateType",
    "TimestampType", "TimestampNTZType", "DayTimeIntervalType", "YearMonthIntervalType", "CalendarIntervalType", "VariantType", "VariantVal", "ArrayType", "MapType", "StructField", "StructType",
    "UserDefinedType", "AtomicType", "NumericType", "IntegralType", "FractionalType", "Row",
]


class DataType:
    """Base class of every data type."""

    def __repr__(self):
        return self.__class__.__name__ + "()"

    def __hash__(self):
        return hash(str(self))

    def __eq__(self, other):
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other):
        return not self.__eq__(other)

    @classmethod
    def typeName(cls):
        return cls.__name__[:-4].lower()

    def simpleString(self):
        return self.typeName()

    def jsonValue(self):
        return self.typeName()

    def json(self):
        return _json.dumps(self.jsonValue(), separators=(",", ":"), sort_keys=True)

    def needConversion(self):
        return False

    @classmethod
    def fromJson(cls, json_value):
        return _parse_json_value(json_value)

    @classmethod
    def fromDDL(cls, ddl):
        return _parse_ddl_schema_or_type(ddl)


class _Singleton(type):
    _instances = {}

    def __call__(cls):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__()
        return cls._instances[cls]


class AtomicType(DataType):
    """Every type that is not null, array, map or struct."""


class NumericType(AtomicType):
    """Numeric types."""


class IntegralType(NumericType, metaclass=_Singleton):
    """byte, short, int, long."""


class FractionalType(NumericType):
    """float, double, decimal."""


class NullType(DataType, metaclass=_Singleton):
    """The type of None; shown as void."""

    @classmethod
    def typeName(cls):
        return "void"


class BooleanType(AtomicType, metaclass=_Singleton):
    """Boolean."""


class ByteType(IntegralType):
    """Signed 8-bit integer."""

    def simpleString(self):
        return "tinyint"


class ShortType(IntegralType):
    """Signed 16-bit integer."""

    def simpleString(self):
        return "smallint"


class IntegerType(IntegralType):
    """Signed 32-bit integer."""

    def simpleString(self):
        return "int"


class LongType(IntegralType):
    """Signed 64-bit integer."""

    def simpleString(self):
        return "bigint"


class FloatType(FractionalType, metaclass=_Singleton):
    """Single precision float."""


class DoubleType(FractionalType, metaclass=_Singleton):
    """Double precision float."""


class DecimalType(FractionalType):
    """Fixed-point decimal with a precision (digits, at most 38) and a scale."""

    def __init__(self, precision=10, scale=0):
        self.precision = precision
        self.scale = scale
        self.hasPrecisionInfo = True

    def simpleString(self):
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def jsonValue(self):
        return self.simpleString()

    def __repr__(self):
        return "DecimalType(%d,%d)" % (self.precision, self.scale)


class StringType(AtomicType):
    """UTF-8 string under a collation: UTF8_BINARY (Spark's default, byte-wise), UTF8_LCASE,
    UNICODE, UNICODE_CI or an ICU locale's ("de_CI_AI")."""

    def __init__(self, collation="UTF8_BINARY"):
        self.collation = "UTF8_BINARY" if collation.upper() == "UTF8_BINARY" else collation

    def isUTF8BinaryCollation(self):
        return self.collation == "UTF8_BINARY"

    @staticmethod
    def collationProvider(collationName):
        return "spark" if collationName.upper().startswith("UTF8_") else "icu"

    def simpleString(self):
        return "string" if self.isUTF8BinaryCollation() else "string collate %s" % self.collation

    def jsonValue(self):
        # Spark's schema JSON keeps a collation in the field's metadata (StructField.jsonValue).
        return "string"

    def __repr__(self):
        return "StringType()" if self.isUTF8BinaryCollation() else "StringType('%s')" % self.collation


class BinaryType(AtomicType, metaclass=_Singleton):
    """Byte array."""


class DateType(AtomicType, metaclass=_Singleton):
    """Calendar date (datetime.date)."""


class TimestampType(AtomicType, metaclass=_Singleton):
    """Instant in time, shown in the session time zone (naive datetime.datetime in Python)."""


class TimestampNTZType(AtomicType, metaclass=_Singleton):
    """Wall-clock timestamp without a time zone."""

    @classmethod
    def typeName(cls):
        return "timestamp_ntz"


class AnsiIntervalType(AtomicType):
    """An ANSI interval: a start and an end field of one kind, which only shape its text form."""

    _FIELD_NAMES = ()

    def __init__(self, startField=None, endField=None):
        if startField is None and endField is None:
            startField, endField = 0, len(self._FIELD_NAMES) - 1
        elif endField is None:
            endField = startField
        if startField not in range(len(self._FIELD_NAMES)) or \
                endField not in range(len(self._FIELD_NAMES)) or endField < startField:
            raise ValueError("interval fields %r to %r are invalid" % (startField, endField))
        self.startField = startField
        self.endField = endField

    def simpleString(self):
        start = self._FIELD_NAMES[self.startField]
        if self.startField == self.endField:
            return "interval " + start
        return "interval %s to %s" % (start, self._FIELD_NAMES[self.endField])

    def jsonValue(self):
        return self.simpleString()

    def __repr__(self):
        return "%s(%d, %d)" % (type(self).__name__, self.startField, self.endField)


class DayTimeIntervalType(AnsiIntervalType):
    """Days to seconds as microseconds; Python values are datetime.timedelta."""

    DAY, HOUR, MINUTE, SECOND = 0, 1, 2, 3
    _FIELD_NAMES = ("day", "hour", "minute", "second")

    def needConversion(self):
        return True

    def toInternal(self, value):
        if value is None:
            return None
        return (value.days * 86400 + value.seconds) * 1000000 + value.microseconds

    def fromInternal(self, micros):
        if micros is None:
            return None
        return _datetime.timedelta(microseconds=micros)


class YearMonthIntervalType(AnsiIntervalType):
    """Years and months as a count of months; Python values are int months."""

    YEAR, MONTH = 0, 1
    _FIELD_NAMES = ("year", "month")


class CalendarIntervalType(DataType, metaclass=_Singleton):
    """Months, days and microseconds (make_interval); PySpark 4.0 has no Python value for it."""

    @classmethod
    def typeName(cls):
        return "interval"

    def needConversion(self):
        return True

    def fromInternal(self, obj):
        raise _not_implemented_calendar_interval()


class VariantType(AtomicType, metaclass=_Singleton):
    """Semi-structured values (parse_json); Python values are VariantVal."""

    def needConversion(self):
        return True

    def fromInternal(self, obj):
        return obj

    def deserialize(self, datum):
        """The engine's stored (value, metadata) pair as a VariantVal."""
        return VariantVal(datum[0], datum[1])


class VariantVal:
    """A variant value in Spark's binary encoding: the value bytes and the metadata bytes."""

    def __init__(self, value, metadata):
        self.value = value
        self.metadata = metadata

    def __str__(self):
        return self.toJson()

    def __repr__(self):
        return "VariantVal(%r, %r)" % (self.value, self.metadata)

    def toPython(self):
        """The value as Python objects: dict, list, str, int, float, Decimal, bool, None, date,
        datetime, bytes."""
        import ember
        return ember.load_core().variant_to_python(bytes(self.value), bytes(self.metadata))

    def toJson(self, zone_id="UTC"):
        """The value as JSON text, timestamps in `zone_id`."""
        import ember
        return ember.load_core().variant_to_json(bytes(self.value), bytes(self.metadata), zone_id)


def _not_implemented_calendar_interval():
    from pyspark.errors import PySparkNotImplementedError
    return PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                      messageParameters={"feature": "CalendarIntervalType.fromInternal"})


def _interval_type(text):
    """The interval type of "interval day to second" style text, or None."""
    m = _INTERVAL_TEXT.fullmatch(text.strip().lower())
    if not m:
        return None
    for cls in (YearMonthIntervalType, DayTimeIntervalType):
        names = cls._FIELD_NAMES
        if m.group(1) in names and (m.group(2) or m.group(1)) in names:
            start = names.index(m.group(1))
            end = names.index(m.group(2) or m.group(1))
            if end >= start:
                return cls(start, end)
    return None


_INTERVAL_TEXT = _re.compile(r"interval\s+(\w+?)s?(?:\s+to\s+(\w+?)s?)?")


class ArrayType(DataType):
    """Array of elementType values; containsNull tells whether elements may be null."""

    def __init__(self, elementType, containsNull=True):
        if not isinstance(elementType, DataType):
            raise TypeError("elementType %s should be an instance of DataType" % (elementType,))
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self):
        return "array<%s>" % self.elementType.simpleString()

    def __repr__(self):
        return "ArrayType(%r, %r)" % (self.elementType, self.containsNull)

    def jsonValue(self):
        return {"type": "array", "elementType": self.elementType.jsonValue(),
                "containsNull": self.containsNull}

    @classmethod
    def fromJson(cls, json_value):
        return ArrayType(_parse_json_value(json_value["elementType"]), json_value["containsNull"])


class MapType(DataType):
    """Map from keyType to valueType; keys are never null."""

    def __init__(self, keyType, valueType, valueContainsNull=True):
        if not isinstance(keyType, DataType) or not isinstance(valueType, DataType):
            raise TypeError("keyType and valueType should be instances of DataType")
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self):
        return "map<%s,%s>" % (self.keyType.simpleString(), self.valueType.simpleString())

    def __repr__(self):
        return "MapType(%r, %r, %r)" % (self.keyType, self.valueType, self.valueContainsNull)

    def jsonValue(self):
        return {"type": "map", "keyType": self.keyType.jsonValue(),
                "valueType": self.valueType.jsonValue(),
                "valueContainsNull": self.valueContainsNull}

    @classmethod
    def fromJson(cls, json_value):
        return MapType(_parse_json_value(json_value["keyType"]),
                       _parse_json_value(json_value["valueType"]),
                       json_value["valueContainsNull"])


class StructField(DataType):
    """A named, typed field of a StructType."""

    def __init__(self, name, dataType, nullable=True, metadata=None):
        if not isinstance(dataType, DataType):
            raise TypeError("dataType %s should be an instance of DataType" % (dataType,))
        if not isinstance(name, str):
            raise TypeError("field name %s should be a string" % (name,))
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self):
        return "%s:%s" % (_quote_field_name(self.name), self.dataType.simpleString())

    def __repr__(self):
        return "StructField(%r, %r, %r)" % (self.name, self.dataType, self.nullable)

    def jsonValue(self):
        metadata = dict(self.metadata)
        collations = {}
        _collect_collations(self.name, self.dataType, collations)
        if collations:
            metadata[_COLLATIONS_KEY] = collations
        return {"name": self.name, "type": self.dataType.jsonValue(), "nullable": self.nullable,
                "metadata": metadata}

    @classmethod
    def fromJson(cls, json_value):
        metadata = dict(json_value.get("metadata") or {})
        data_type = _parse_json_value(json_value["type"])
        collations = metadata.pop(_COLLATIONS_KEY, None)
        if collations:
            data_type = _with_collations(json_value["name"], data_type, collations)
        return StructField(json_value["name"], data_type, json_value.get("nullable", True), metadata)

    def typeName(self):
        raise TypeError("StructField does not have typeName. "
                        "Use typeName on its type explicitly instead.")


class StructType(DataType):
    """A list of StructFields: the type of a Row and the schema of a DataFrame."""

    def __init__(self, fields=None):
        self.fields = list(fields) if fields else []
        if not all(isinstance(f, StructField) for f in self.fields):
            raise TypeError("fields should be a list of StructField")
        self.names = [f.name for f in self.fields]

    def add(self, field, data_type=None, nullable=True, metadata=None):
        if isinstance(field, StructField):
            self.fields.append(field)
        else:
            if not isinstance(field, str) or data_type is None:
                raise ValueError("Must specify DataType if passing name of struct_field to create.")
            if isinstance(data_type, str):
                data_type = _parse_ddl_type(data_type)
            self.fields.append(StructField(field, data_type, nullable, metadata))
        self.names = [f.name for f in self.fields]
        return self

    def __iter__(self):
        return iter(self.fields)

    def __len__(self):
        return len(self.fields)

    def __getitem__(self, key):
        if isinstance(key, str):
            for field in self.fields:
                if field.name == key:
                    return field
            raise KeyError("No StructField named %s" % key)
        if isinstance(key, int):
            return self.fields[key]
        if isinstance(key, slice):
            return StructType(self.fields[key])
        raise TypeError("StructType keys should be strings, integers or slices")

    def fieldNames(self):
        return list(self.names)

    def simpleString(self):
        return "struct<%s>" % ",".join(f.simpleString() for f in self.fields)

    def __repr__(self):
        return "StructType([%s])" % ", ".join(repr(f) for f in self.fields)

    def jsonValue(self):
        return {"type": "struct", "fields": [f.jsonValue() for f in self.fields]}

    @classmethod
    def fromJson(cls, json_value):
        return StructType([StructField.fromJson(f) for f in json_value["fields"]])

    def treeString(self, level=None):
        lines = ["root"]
        for field in self.fields:
            _tree_lines(field.name, field.dataType, "nullable", field.nullable, 1, level, lines)
        return "\n".join(lines) + "\n"


class UserDefinedType(DataType):
    """A type whose values are Python objects stored as values of sqlType() (Spark's UDT).

    Subclasses give sqlType, module, scalaUDT, serialize and deserialize (pyspark.ml.linalg's
    VectorUDT is one). The engine keeps the Scala class name with the storage type.
    """

    @classmethod
    def typeName(cls):
        return cls.__name__.lower()

    @classmethod
    def sqlType(cls):
        raise NotImplementedError("UDT must implement sqlType().")

    @classmethod
    def module(cls):
        raise NotImplementedError("UDT must implement module().")

    @classmethod
    def scalaUDT(cls):
        return ""

    def needConversion(self):
        return True

    def toInternal(self, obj):
        return None if obj is None else self.serialize(obj)

    def fromInternal(self, obj):
        return None if obj is None else self.deserialize(obj)

    def serialize(self, obj):
        raise NotImplementedError("UDT must implement serialize().")

    def deserialize(self, datum):
        raise NotImplementedError("UDT must implement deserialize().")

    def simpleString(self):
        return "udt"

    def jsonValue(self):
        return {"type": "udt", "class": self.scalaUDT(),
                "pyClass": "%s.%s" % (self.module(), type(self).__name__),
                "sqlType": self.sqlType().jsonValue()}

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)


def _udt_from_json(value):
    """The UDT object of a {"type": "udt", "pyClass": ...} schema entry."""
    return _udt_instance(value["pyClass"])


_UDT_INSTANCES = {}


def _udt_instance(py_class):
    udt = _UDT_INSTANCES.get(py_class)
    if udt is None:
        import importlib
        module_name, _, class_name = py_class.rpartition(".")
        udt = _UDT_INSTANCES[py_class] = getattr(importlib.import_module(module_name), class_name)()
    return udt


def _udt_value(py_class, values):
    """The Python object of a user-defined type's stored value (the engine's UDT factory)."""
    return _udt_instance(py_class).deserialize(values)


def _tree_lines(name, data_type, null_label, nullable, depth, max_level, lines):
    """Appends printSchema lines of one field and its nested children."""
    if max_level is not None and max_level > 0 and depth > max_level:
        return
    prefix = " |   " * (depth - 1) + " |-- "
    if null_label is None:
        lines.append("%s%s: %s" % (prefix, name, _tree_type_name(data_type)))
    else:
        lines.append("%s%s: %s (%s = %s)" % (prefix, name, _tree_type_name(data_type), null_label,
                                             str(nullable).lower()))
    if isinstance(data_type, StructType):
        for field in data_type.fields:
            _tree_lines(field.name, field.dataType, "nullable", field.nullable, depth + 1,
                        max_level, lines)
    elif isinstance(data_type, ArrayType):
        _tree_lines("element", data_type.elementType, "containsNull", data_type.containsNull,
                    depth + 1, max_level, lines)
    elif isinstance(data_type, MapType):
        _tree_lines("key", data_type.keyType, None, False, depth + 1, max_level, lines)
        _tree_lines("value", data_type.valueType, "valueContainsNull",
                    data_type.valueContainsNull, depth + 1, max_level, lines)


# Spark's schema JSON names the collated strings of a field in its metadata: the path of each (the
# field's name, then ".element", ".key" or ".value" into arrays and maps) to "provider.COLLATION".
_COLLATIONS_KEY = "__COLLATIONS"


def _collect_collations(path, data_type, out):
    if isinstance(data_type, StringType) and not data_type.isUTF8BinaryCollation():
        out[path] = "%s.%s" % (StringType.collationProvider(data_type.collation), data_type.collation)
    elif isinstance(data_type, ArrayType):
        _collect_collations(path + ".element", data_type.elementType, out)
    elif isinstance(data_type, MapType):
        _collect_collations(path + ".key", data_type.keyType, out)
        _collect_collations(path + ".value", data_type.valueType, out)


def _with_collations(path, data_type, collations):
    if isinstance(data_type, StringType) and path in collations:
        return StringType(collations[path].split(".", 1)[-1])
    if isinstance(data_type, ArrayType):
        return ArrayType(_with_collations(path + ".element", data_type.elementType, collations),
                         data_type.containsNull)
    if isinstance(data_type, MapType):
        return MapType(_with_collations(path + ".key", data_type.keyType, collations),
                       _with_collations(path + ".value", data_type.valueType, collations),
                       data_type.valueContainsNull)
    return data_type


def _tree_type_name(data_type):
    if isinstance(data_type, (DecimalType, AnsiIntervalType, UserDefinedType, StringType)):
        return data_type.simpleString()
    return data_type.typeName()


def _quote_field_name(name):
    if _re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "`%s`" % name.replace("`", "``")


# ---- JSON schema ---------------------------------------------------------------------------

_ATOMIC_BY_JSON_NAME = {
    "void": NullType, "null": NullType, "boolean": BooleanType, "byte": ByteType,
    "short": ShortType, "integer": IntegerType, "long": LongType, "float": FloatType,
    "double": DoubleType, "string": StringType, "binary": BinaryType, "date": DateType,
    "timestamp": TimestampType, "timestamp_ntz": TimestampNTZType, "interval": CalendarIntervalType,
    "variant": VariantType,
}

_DECIMAL_JSON = _re.compile(r"decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)")


def _parse_json_value(value):
    if isinstance(value, str):
        if value.startswith("string collate "):  # the engine's own form of a collated string
            return StringType(value[len("string collate "):])
        if value in _ATOMIC_BY_JSON_NAME:
            return _ATOMIC_BY_JSON_NAME[value]()
        if value == "decimal":
            return DecimalType(10, 0)
        m = _DECIMAL_JSON.fullmatch(value)
        if m:
            return DecimalType(int(m.group(1)), int(m.group(2)))
        interval = _interval_type(value)
        if interval is not None:
            return interval
        raise ValueError("Could not parse datatype: %s" % value)
    kind = value.get("type")
    if kind == "struct":
        return StructType.fromJson(value)
    if kind == "array":
        return ArrayType.fromJson(value)
    if kind == "map":
        return MapType.fromJson(value)
    if kind == "udt" and value.get("pyClass"):
        return _udt_from_json(value)
    raise ValueError("Could not parse datatype: %s" % value)


def _parse_datatype_json_string(text):
    return _parse_json_value(_json.loads(text))


# ---- DDL -----------------------------------------------------------------------------------

_DDL_ATOMIC = {
    "void": NullType, "null": NullType, "boolean": BooleanType, "bool": BooleanType,
    "tinyint": ByteType, "byte": ByteType, "smallint": ShortType, "short": ShortType,
    "int": IntegerType, "integer": IntegerType, "bigint": LongType, "long": LongType,
    "float": FloatType, "real": FloatType, "double": DoubleType, "string": StringType,
    "binary": BinaryType, "date": DateType, "timestamp": TimestampType,
    "timestamp_ltz": TimestampType, "timestamp_ntz": TimestampNTZType, "variant": VariantType,
}

_TOKEN = _re.compile(r"\s*(?:(`(?:[^`]|``)*`)|([A-Za-z_][A-Za-z0-9_]*)|(-?\d+)|(.))")


class _DdlParser:
    def __init__(self, text):
        self.text = text
        self.tokens = []
        for m in _TOKEN.finditer(text):
            if m.group(1):
                self.tokens.append(("name", m.group(1)[1:-1].replace("``", "`")))
            elif m.group(2):
                self.tokens.append(("word", m.group(2)))
            elif m.group(3):
                self.tokens.append(("num", m.group(3)))
            elif m.group(4) and not m.group(4).isspace():
                self.tokens.append(("sym", m.group(4)))
        self.pos = 0

    def peek(self, offset=0):
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else (None, None)

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def expect_sym(self, sym):
        kind, val = self.take()
        if kind != "sym" or val != sym:
            self.fail()

    def at_end(self):
        return self.pos >= len(self.tokens)

    def fail(self):
        from pyspark.errors import ParseException
        kind, val = self.peek(-1) if self.pos > len(self.tokens) else self.peek()
        near = "end of input" if val is None else "'%s'" % val
        raise ParseException(
            errorClass="PARSE_SYNTAX_ERROR",
            messageParameters={"error": near, "hint": ""},
            sqlState="42601")

    def data_type(self):
        kind, val = self.take()
        if kind != "word":
            self.fail()
        word = val.lower()
        if word in ("decimal", "dec", "numeric"):
            if self.peek() == ("sym", "("):
                self.take()
                precision = int(self.number())
                scale = 0
                if self.peek() == ("sym", ","):
                    self.take()
                    scale = int(self.number())
                self.expect_sym(")")
                return DecimalType(precision, scale)
            return DecimalType(10, 0)
        if word == "array":
            self.expect_sym("<")
            element = self.data_type()
            self.expect_sym(">")
            return ArrayType(element, True)
        if word == "map":
            self.expect_sym("<")
            key = self.data_type()
            self.expect_sym(",")
            value = self.data_type()
            self.expect_sym(">")
            return MapType(key, value, True)
        if word == "struct":
            self.expect_sym("<")
            fields = []
            if self.peek() != ("sym", ">"):
                while True:
                    fields.append(self.field(colon_allowed=True))
                    if self.peek() == ("sym", ","):
                        self.take()
                        continue
                    break
            self.expect_sym(">")
            return StructType(fields)
        if word in ("char", "varchar") and self.peek() == ("sym", "("):
            self.take()
            self.number()
            self.expect_sym(")")
            return StringType()
        if word == "string" and self.peek()[0] == "word" and self.peek()[1].lower() == "collate":
            self.take()
            kind, name = self.take()
            if kind != "word":
                self.fail()
            return StringType(name)
        if word in _DDL_ATOMIC:
            return _DDL_ATOMIC[word]()
        if word == "interval":
            if self.peek()[0] != "word" or _interval_type("interval " + self.peek()[1]) is None:
                return CalendarIntervalType()
            return self.interval_fields()
        self.pos -= 1
        self.fail()

    def interval_fields(self):
        words = [self.take()]
        if self.peek()[0] == "word" and self.peek()[1].lower() == "to":
            words += [self.take(), self.take()]
        if any(kind != "word" for kind, _ in words):
            self.fail()
        interval = _interval_type("interval " + " ".join(val for _, val in words))
        if interval is None:
            self.fail()
        return interval

    def number(self):
        kind, val = self.take()
        if kind != "num":
            self.fail()
        return val

    def field(self, colon_allowed):
        kind, name = self.take()
        if kind not in ("word", "name"):
            self.fail()
        if self.peek() == ("sym", ":"):
            self.take()
        data_type = self.data_type()
        nullable = True
        if self.peek()[0] == "word" and self.peek()[1].lower() == "not" and \
                self.peek(1)[0] == "word" and self.peek(1)[1].lower() == "null":
            self.pos += 2
            nullable = False
        if self.peek()[0] == "word" and self.peek()[1].lower() == "comment":
            self.pos += 1
            self.take()
        return StructField(name, data_type, nullable)


def _parse_ddl_type(text):
    parser = _DdlParser(text)
    result = parser.data_type()
    if not parser.at_end():
        parser.fail()
    return result


def _parse_ddl_schema(text):
    """Parses "a INT, b STRING" (or "a: int, b: string", or "struct<...>") into a StructType."""
    parser = _DdlParser(text)
    if parser.peek()[0] == "word" and parser.peek()[1].lower() == "struct" and \
            parser.peek(1) == ("sym", "<"):
        result = parser.data_type()
        if parser.at_end():
            return result
        parser.pos = 0
    fields = []
    while True:
        fields.append(parser.field(colon_allowed=True))
        if parser.peek() == ("sym", ","):
            parser.take()
            continue
        break
    if not parser.at_end():
        parser.fail()
    return StructType(fields)


def _parse_ddl_schema_or_type(text):
    """As PySpark's _parse_datatype_string: a schema if it looks like one, else a single type."""
    try:
        return _parse_ddl_schema(text)
    except Exception:
        return _parse_ddl_type(text)


def _type_from_engine(value):
    """Converts the engine's schema description (Spark's schema JSON as Python objects)."""
    return _parse_json_value(value)


# ---- Row -----------------------------------------------------------------------------------

class Row(tuple):
    """A row of a DataFrame: a tuple whose fields can also be reached by name.

    Row(a=1, b="x") has fields a and b; Row("a", "b") makes a row class whose call fills values.
    """

    def __new__(cls, *args, **kwargs):
        if args and kwargs:
            raise ValueError("Can not use both args and kwargs to create Row")
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    def asDict(self, recursive=False):
        if not hasattr(self, "__fields__"):
            raise TypeError("Cannot convert a Row class into dict")
        if recursive:
            def conv(obj):
                if isinstance(obj, Row):
                    return obj.asDict(True)
                if isinstance(obj, list):
                    return [conv(o) for o in obj]
                if isinstance(obj, dict):
                    return {k: conv(v) for k, v in obj.items()}
                return obj
            return dict(zip(self.__fields__, (conv(o) for o in self)))
        return dict(zip(self.__fields__, self))

    def __contains__(self, item):
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args):
        if len(args) > len(self):
            raise ValueError("Can not create Row with fields %s, expected %d values but got %s"
                             % (self, len(self), args))
        return _create_row(list(self), args)

    def __getitem__(self, item):
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            idx = self.__fields__.index(item)
            return super().__getitem__(idx)
        except IndexError:
            raise KeyError(item)
        except ValueError:
            raise ValueError(item)

    def __getattr__(self, item):
        if item.startswith("__"):
            raise AttributeError(item)
        try:
            idx = self.__fields__.index(item)
            return self[idx]
        except IndexError:
            raise AttributeError(item)
        except ValueError:
            raise AttributeError(item)

    def __setattr__(self, key, value):
        if key != "__fields__":
            raise RuntimeError("Row is read-only")
        self.__dict__[key] = value

    def __reduce__(self):
        if hasattr(self, "__fields__"):
            return (_create_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self):
        if hasattr(self, "__fields__"):
            return "Row(%s)" % ", ".join("%s=%r" % (k, v) for k, v in zip(self.__fields__, self))
        return "<Row(%s)>" % ", ".join(repr(field) for field in self)


def _create_row(fields, values):
    row = Row(*values)
    row.__fields__ = fields
    return row
