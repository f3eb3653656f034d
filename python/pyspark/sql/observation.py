"""pyspark.sql.Observation: named metrics (aggregate expressions) over the rows of a DataFrame,
available once an action has run on the observed DataFrame (or one derived from it)."""

from pyspark.errors import PySparkAssertionError, PySparkTypeError, PySparkValueError


class Observation:
    """Metrics of df.observe(observation, *exprs), read with .get after an action."""

    def __init__(self, name=None):
        if name is not None:
            if not isinstance(name, str):
                raise PySparkTypeError(errorClass="NOT_STR",
                                       messageParameters={"arg_name": "name",
                                                          "arg_type": type(name).__name__})
            if name == "":
                raise PySparkValueError(errorClass="VALUE_NOT_NON_EMPTY_STR",
                                        messageParameters={"arg_name": "name", "arg_value": name})
        self._name = name
        self._df = None
        self._exprs = None
        self._result = None

    def _on(self, df, exprs):
        if self._df is not None:
            raise PySparkAssertionError(errorClass="REUSE_OBSERVATION", messageParameters={})
        self._df = df
        self._exprs = list(exprs)
        observed = df.select("*")
        observed._observations = df._observations + [self]
        return observed

    def _compute(self):
        if self._result is None:
            row = self._df.agg(*self._exprs).collect()[0]
            self._result = row.asDict()

    @property
    def get(self):
        """The metrics by name; they are computed for the rows the observed DataFrame gives."""
        if self._df is None:
            raise PySparkAssertionError(errorClass="NO_OBSERVE_BEFORE_GET", messageParameters={})
        self._compute()
        return dict(self._result)
