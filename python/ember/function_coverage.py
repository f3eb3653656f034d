"""Which of PySpark 4.0's pyspark.sql.functions names Ember's pyspark.sql.functions defines."""

import os

_LIST = os.path.join(os.path.dirname(__file__), "pyspark_functions_4_0.txt")


def pyspark_function_names():
    with open(_LIST, encoding="utf-8") as lines:
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def missing_functions():
    import pyspark.sql.functions as F
    return [name for name in pyspark_function_names() if not callable(getattr(F, name, None))]
