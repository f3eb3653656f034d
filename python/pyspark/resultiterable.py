"""ResultIterable: the values of one key in groupByKey and cogroup results."""

__all__ = ["ResultIterable"]


class ResultIterable:
    """An iterable over a list of values that also knows its length."""

    def __init__(self, data):
        self.data = data
        self.index = 0
        self.maxindex = len(data)

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def __repr__(self):
        return "<pyspark.resultiterable.ResultIterable object>"
