"""pyspark.keyword_only: the decorator ML stages use so that their __init__ and setParams take
keyword arguments only, recorded in self._input_kwargs."""

import functools


def keyword_only(func):
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        if len(args) > 0:
            raise TypeError("Method %s forces keyword arguments." % func.__name__)
        self._input_kwargs = kwargs
        return func(self, **kwargs)
    return wrapper
