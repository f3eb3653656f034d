"""The memory budget: spark.driver.memory bounds what a query holds; what cannot fit raises
UNABLE_TO_ACQUIRE_MEMORY instead of growing without limit."""

import pytest
from pyspark.errors import SparkRuntimeException
from pyspark.sql import SparkSession


@pytest.fixture
def small_session():
    session = (SparkSession.builder.master("local[2]").config("spark.driver.memory", "1m")
               .config("spark.sql.session.timeZone", "UTC").create())
    yield session
    session.stop()


def test_collect_beyond_the_budget_raises(small_session):
    df = small_session.range(300000)
    with pytest.raises(SparkRuntimeException) as error:
        df.collect()
    assert error.value.getErrorClass() == "UNABLE_TO_ACQUIRE_MEMORY"
    assert error.value.getSqlState() == "53200"


def test_small_results_fit(small_session):
    df = small_session.range(1000).selectExpr("id % 10 AS k", "id").groupBy("k").count()
    assert sorted(row["count"] for row in df.collect()) == [100] * 10
