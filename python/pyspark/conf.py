"""SparkConf: a set of key/value settings handed to SparkSession.builder.config(conf=...)."""


class SparkConf:
    """Spark configuration as key/value strings."""

    def __init__(self, loadDefaults=True):
        self._values = {}

    def set(self, key, value):
        self._values[key] = _conf_string(value)
        return self

    def setIfMissing(self, key, value):
        if key not in self._values:
            self.set(key, value)
        return self

    def setAll(self, pairs):
        for key, value in pairs:
            self.set(key, value)
        return self

    def setMaster(self, value):
        return self.set("spark.master", value)

    def setAppName(self, value):
        return self.set("spark.app.name", value)

    def get(self, key, defaultValue=None):
        return self._values.get(key, defaultValue)

    def getAll(self):
        return list(self._values.items())

    def contains(self, key):
        return key in self._values

    def toDebugString(self):
        return "\n".join("%s=%s" % kv for kv in self._values.items())


def _conf_string(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
