"""DataFrameReader (spark.read) and DataFrameWriter (df.write): file sources and sinks by format
name, with options passed to the engine as strings (booleans as "true"/"false")."""

from pyspark.errors import AnalysisException, PySparkNotImplementedError, PySparkTypeError
from pyspark.sql import _values
from pyspark.sql.types import StructType, _parse_ddl_schema


def _option_string(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _paths(path):
    if isinstance(path, str):
        return [path]
    if isinstance(path, (list, tuple)):
        return [str(p) for p in path]
    return [str(path)]


class _OptionsBuilder:
    """option()/options() of the readers and writers: keys lower-cased, values as strings; a None
    value is ignored."""

    def option(self, key, value):
        if value is not None:
            self._options[key.lower()] = _option_string(value)
        return self

    def options(self, **options):
        for key, value in options.items():
            self.option(key, value)
        return self


class DataFrameReader(_OptionsBuilder):
    """Builds read plans: format, schema and options, then load()."""

    def __init__(self, session):
        self._session = session
        self._format = None
        self._schema = None
        self._options = {}

    def format(self, source):
        self._format = source.lower()
        return self

    def option(self, key, value):
        super().option(key, value)
        self._check_single_variant_column()
        return self

    def _check_single_variant_column(self):
        # As Spark's reader: a JSON file read whole into one variant column takes no schema.
        if self._schema is not None and "singlevariantcolumn" in self._options:
            raise AnalysisException(
                errorClass="INVALID_SINGLE_VARIANT_COLUMN", sqlState="42613", messageParameters={},
                message="[INVALID_SINGLE_VARIANT_COLUMN] The `singleVariantColumn` option cannot be "
                        "used if there is also a user specified schema. SQLSTATE: 42613")

    def schema(self, schema):
        if isinstance(schema, str):
            schema = _parse_ddl_schema(schema)
        elif not isinstance(schema, StructType):
            raise PySparkTypeError(errorClass="NOT_STRUCT_OR_STR",
                                   messageParameters={"arg_name": "schema",
                                                      "arg_type": type(schema).__name__})
        self._schema = schema
        self._check_single_variant_column()
        return self

    def load(self, path=None, format=None, schema=None, **options):
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        if path is None:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "load() without a path (tables)"})
        plan = {
            "op": "read",
            "format": self._format or "parquet",
            "paths": _paths(path),
            "schema": _values.schema_json(self._schema) if self._schema is not None else None,
            "options": dict(self._options),
        }
        from pyspark.sql.dataframe import DataFrame
        return DataFrame(plan, self._session)

    def json(self, path, schema=None, **options):
        return self.load(path, format="json", schema=schema, **options)

    def parquet(self, *paths, **options):
        return self.load(list(paths), format="parquet", **options)

    def csv(self, path, schema=None, **options):
        return self.load(path, format="csv", schema=schema, **options)

    def text(self, paths, **options):
        return self.load(paths, format="text", **options)

    def table(self, tableName):
        return self._session.table(tableName)


_MODES = {"append": "append", "overwrite": "overwrite", "error": "errorifexists",
          "errorifexists": "errorifexists", "default": "errorifexists", "ignore": "ignore"}


def _refuse_bucketing(operation):
    """Every Ember sink refuses bucketed output, as Spark's file sinks (save) do."""
    from pyspark.errors import AnalysisException
    raise AnalysisException(
        message="'%s' does not support bucketBy right now." % operation,
        errorClass="_LEGACY_ERROR_TEMP_1312", messageParameters={"operation": operation})


class DataFrameWriter(_OptionsBuilder):
    """Writes a DataFrame to files: mode, format, options, then save(path)."""

    def __init__(self, df):
        self._df = df
        self._format = None
        self._mode = "errorifexists"
        self._options = {}
        self._partition_by = []
        self._bucketed = False

    def mode(self, saveMode):
        if saveMode is None:
            return self
        mode = _MODES.get(saveMode.lower())
        if mode is None:
            from pyspark.errors import IllegalArgumentException
            raise IllegalArgumentException(
                message="Unknown save mode: %s. Accepted save modes are 'overwrite', 'append', "
                        "'ignore', 'error', 'errorifexists', 'default'." % saveMode,
                errorClass="INVALID_SAVE_MODE", sqlState="42000",
                messageParameters={"mode": saveMode})
        self._mode = mode
        return self

    def format(self, source):
        self._format = source.lower()
        return self

    def partitionBy(self, *cols):
        """Writes the rows under directories `col=value/...` of these columns (Hive style)."""
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        self._partition_by = [str(c) for c in cols]
        return self

    def bucketBy(self, numBuckets, col, *cols):
        """Recorded; every sink refuses bucketed output as Spark's file sinks do."""
        self._bucketed = True
        return self

    def sortBy(self, col, *cols):
        self._bucketed = True
        return self

    def _refuse_buckets(self, operation):
        if self._bucketed:
            _refuse_bucketing(operation)

    def save(self, path=None, format=None, mode=None, partitionBy=None, **options):
        if format is not None:
            self.format(format)
        self.mode(mode)
        if partitionBy:
            self.partitionBy(partitionBy)
        self.options(**options)
        if path is None:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "save() without a path (tables)"})
        self._refuse_buckets("save")
        self._df._session._call("write", self._df._json(), self._format or "parquet", str(path),
                                self._mode, dict(self._options), list(self._partition_by))

    def parquet(self, path, mode=None, partitionBy=None, compression=None):
        self.option("compression", compression)
        self.save(path, format="parquet", mode=mode, partitionBy=partitionBy)

    def json(self, path, mode=None, compression=None, **options):
        self.option("compression", compression)
        self.save(path, format="json", mode=mode, **options)

    def csv(self, path, mode=None, compression=None, **options):
        self.option("compression", compression)
        self.save(path, format="csv", mode=mode, **options)

    def text(self, path, compression=None, lineSep=None):
        if lineSep not in (None, "\n"):
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                             messageParameters={"feature": "text lineSep"})
        self.option("compression", compression)
        self.save(path, format="text")

    def saveAsTable(self, name, format=None, mode=None, partitionBy=None, **options):
        """Writes the DataFrame as the catalog table `name`: created (managed, or external with a
        `path` option), or by mode appended to (columns by name), overwritten, or left alone."""
        from pyspark.sql.column import name_parts
        if format is not None:
            self.format(format)
        self.mode(mode)
        if partitionBy:
            self.partitionBy(partitionBy)
        self.options(**options)
        self._refuse_buckets("saveAsTable")
        session = self._df._session
        session._call("save_as_table", self._df._json(), name_parts(name), self._format or "",
                      self._mode, dict(self._options), list(self._partition_by))

    def insertInto(self, tableName, overwrite=None):
        """Appends the rows to the existing table `tableName` (replaces them with `overwrite` or
        mode("overwrite")), matching columns by position."""
        from pyspark.sql.column import name_parts
        if overwrite is None:
            overwrite = self._mode == "overwrite"
        self._df._session._call("insert_into", self._df._json(), name_parts(tableName),
                                bool(overwrite))


class DataFrameWriterV2(_OptionsBuilder):
    """df.writeTo(table): create, replace or append to a catalog table (columns by name)."""

    def __init__(self, df, table):
        self._df = df
        self._table = table
        self._provider = None
        self._options = {}
        self._partition_by = []
        self._transforms = []

    def using(self, provider):
        self._provider = provider.lower()
        return self

    def partitionedBy(self, col, *cols):
        """Partitions by plain columns (names or F.col) and partition transforms (years, months,
        days, hours, bucket), which the session catalog's file tables refuse when created."""
        from pyspark.sql.column import Column
        names, transforms = [], []
        for c in (col,) + cols:
            if isinstance(c, Column):
                expr = c._expr if hasattr(c, "_expr") else None
                if isinstance(expr, dict) and expr.get("e") == "partition_transform":
                    transforms.append(expr)
                    continue
                if not (isinstance(expr, dict) and expr.get("e") == "col" and "name" in expr):
                    raise PySparkNotImplementedError(
                        errorClass="NOT_IMPLEMENTED",
                        messageParameters={"feature": "DataFrameWriterV2.partitionedBy with expressions"})
                c = expr["name"]
            names.append(str(c))
        self._partition_by = names
        self._transforms = transforms
        return self

    def _refuse_transforms(self, operation):
        # Spark's session catalog turns bucket into a bucket spec (which Ember's tables refuse, as
        # bucketBy) and refuses every other transform.
        from pyspark.errors import UnsupportedOperationException
        for transform in self._transforms:
            if transform["name"] != "bucket":
                source = transform["args"][-1]
                text = "`%s(%s)`" % (transform["name"], source.get("name", source.get("display")))
                raise UnsupportedOperationException(
                    message="Unsupported partition transform: %s. The supported transforms are "
                            "`identity`, `bucket`, and `clusterBy`. Ensure your transform "
                            "expression uses one of these." % text,
                    errorClass="UNSUPPORTED_PARTITION_TRANSFORM", sqlState="0A000",
                    messageParameters={"transform": text})
        if self._transforms:
            _refuse_bucketing(operation)

    def _save(self, mode):
        from pyspark.sql.column import name_parts
        self._df._session._call("save_as_table", self._df._json(), name_parts(self._table),
                                self._provider or "", mode, dict(self._options), list(self._partition_by))

    def _require_table(self):
        # Raises TABLE_OR_VIEW_NOT_FOUND for a missing table.
        self._df._session.table(self._table)

    def create(self):
        self._refuse_transforms("create")
        self._save("errorifexists")

    def replace(self):
        self._require_table()
        self._refuse_transforms("replace")
        self._save("overwrite")

    def createOrReplace(self):
        self._refuse_transforms("createOrReplace")
        self._save("overwrite")

    def append(self):
        self._require_table()
        self._save("append")

    def overwritePartitions(self):
        """Replaces the partitions the rows fall into (all rows of an unpartitioned table),
        keeping the table's other partitions, whatever partitionOverwriteMode says."""
        self._require_table()
        self._save("overwritePartitions")
