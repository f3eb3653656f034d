"""xpath functions through pyspark.sql.functions: the xml and the path as columns or names, the
path passed with lit() as PySpark requires, and the Python values of each result type."""

import math

import pytest

import pyspark.sql.functions as F
from pyspark.errors import AnalysisException


@pytest.fixture(scope="module")
def docs(spark):
    return spark.createDataFrame([("<r><v k='a'>3</v><v k='b'>4.5</v></r>",), (None,)], "x string")


def test_typed_results(docs):
    row = docs.select(F.xpath("x", F.lit("r/v/@k")), F.xpath_string(F.col("x"), F.lit("r/v[2]")),
                      F.xpath_boolean("x", F.lit("r/v > 4")), F.xpath_short("x", F.lit("r/v")),
                      F.xpath_int("x", F.lit("sum(r/v)")), F.xpath_long("x", F.lit("count(r/v)")),
                      F.xpath_float("x", F.lit("r/v[2]")), F.xpath_double("x", F.lit("sum(r/v) div 2")),
                      F.xpath_number("x", F.lit("r/@none"))).collect()
    assert tuple(row[0])[:8] == (["a", "b"], "4.5", True, 3, int(3 + 4.5), 2, 4.5, (3 + 4.5) / 2)
    assert math.isnan(row[0][8])
    assert all(v is None for v in row[1])


def test_path_must_be_a_literal(docs):
    with pytest.raises(AnalysisException) as info:
        docs.select(F.xpath("x", "x")).collect()
    assert info.value.getErrorClass() == "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"
