"""Checks and helpers the feature transformers share: Spark's 'requirement failed' errors,
column type checks, and the engine function calls they emit."""

from pyspark.errors import IllegalArgumentException
from pyspark.ml.linalg import VectorUDT
from pyspark.sql.column import Column, col_expr, fn, lit_expr
from pyspark.sql.types import BooleanType, NumericType, StringType


def require(condition, message):
    if not condition:
        raise IllegalArgumentException(message="requirement failed: " + message)


def check_choice(stage, name, value, choices):
    if value not in choices:
        raise IllegalArgumentException(
            message="%s parameter %s given invalid value %s." % (stage.uid, name, value))


def column_type(dataset, name):
    fields = {f.name: f.dataType for f in dataset.schema.fields}
    if name not in fields:
        raise IllegalArgumentException(
            message="%s does not exist. Available: %s" % (name, ", ".join(fields)))
    return fields[name]


def check_new_column(dataset, name):
    require(name not in dataset.columns, "Output column %s already exists." % name)


def check_vector_column(dataset, name):
    data_type = column_type(dataset, name)
    require(isinstance(data_type, VectorUDT),
            "Column %s must be of type class org.apache.spark.ml.linalg.VectorUDT:struct<type:"
            "tinyint,size:int,indices:array<int>,values:array<double>> but was actually "
            "class %s:%s." % (name, type(data_type).__name__, data_type.simpleString()))


def is_numeric(data_type):
    return isinstance(data_type, NumericType)


def is_string_or_numeric(data_type):
    return isinstance(data_type, (StringType, NumericType))


def is_assemblable(data_type):
    return isinstance(data_type, (NumericType, BooleanType, VectorUDT))


def engine_call(name, *args):
    """A Column calling engine function `name`; str arguments are literals, Columns columns."""
    return Column(fn(name, *[lit_expr(a) if not isinstance(a, Column) else col_expr(a)
                             for a in args]))


def doubles_text(values):
    """Doubles as the engine's literal lists take them (repr round-trips exactly)."""
    return ",".join(repr(float(v)) for v in values)


def single_or_multi_columns(stage):
    """(input columns, output columns) of a stage with inputCol/outputCol or inputCols/outputCols."""
    if stage.isSet(stage.inputCol):
        require(not stage.isSet(stage.inputCols),
                "%s %s requires exactly one of inputCol, inputCols Params to be set, but both "
                "are set." % (type(stage).__name__, stage.uid))
        return [stage.getInputCol()], [stage.getOutputCol()]
    require(stage.isSet(stage.inputCols),
            "%s %s requires exactly one of inputCol, inputCols Params to be set, but neither is "
            "set." % (type(stage).__name__, stage.uid))
    inputs = stage.getInputCols()
    outputs = stage.getOutputCols() if stage.isSet(stage.outputCols) else []
    require(len(inputs) == len(outputs),
            "The number of input columns %d must be the same as the number of output columns %d."
            % (len(inputs), len(outputs)))
    return inputs, outputs
