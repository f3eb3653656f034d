"""DataFrame.plot: PySpark 4.0's plotting accessor. Every plot needs plotly; without it each
raises PySpark's PACKAGE_NOT_INSTALLED."""

from pyspark.errors import PySparkNotImplementedError


class PySparkPlotAccessor:
    def __init__(self, df):
        self._df = df

    def __call__(self, kind="line", **kwargs):
        from pyspark.sql._requirements import require
        require("plotly")
        raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                         messageParameters={"feature": "DataFrame.plot"})

    def line(self, x, y, **kwargs):
        return self(kind="line", x=x, y=y, **kwargs)

    def bar(self, x, y, **kwargs):
        return self(kind="bar", x=x, y=y, **kwargs)

    def barh(self, x, y, **kwargs):
        return self(kind="barh", x=x, y=y, **kwargs)

    def scatter(self, x, y, **kwargs):
        return self(kind="scatter", x=x, y=y, **kwargs)

    def area(self, x, y, **kwargs):
        return self(kind="area", x=x, y=y, **kwargs)

    def pie(self, x, y, **kwargs):
        return self(kind="pie", x=x, y=y, **kwargs)

    def box(self, column, **kwargs):
        return self(kind="box", column=column, **kwargs)

    def kde(self, column, bw_method, ind=None, **kwargs):
        return self(kind="kde", column=column, bw_method=bw_method, ind=ind, **kwargs)

    def hist(self, column, bins=10, **kwargs):
        return self(kind="hist", column=column, bins=bins, **kwargs)
