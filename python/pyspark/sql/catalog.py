"""spark.catalog: databases, tables, views and columns of the session's catalog (the persistent
metastore of spark.sql.warehouse.dir, temporary views and global temporary views)."""

from typing import List, NamedTuple, Optional

from pyspark.errors import AnalysisException


class CatalogMetadata(NamedTuple):
    name: str
    description: Optional[str]


class Database(NamedTuple):
    name: str
    catalog: Optional[str]
    description: Optional[str]
    locationUri: str


class Table(NamedTuple):
    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    tableType: str
    isTemporary: bool

    @property
    def database(self):
        if self.namespace is not None and len(self.namespace) == 1:
            return self.namespace[0]
        return None


class Function(NamedTuple):
    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    className: str
    isTemporary: bool


class Column(NamedTuple):
    name: str
    description: Optional[str]
    dataType: str
    nullable: bool
    isPartition: bool
    isBucket: bool
    isCluster: bool = False


_CATALOG = "spark_catalog"


def _quoted(name):
    return "`" + name.replace("`", "``") + "`"


def _matches(name, pattern):
    """SHOW ... LIKE patterns: `*` for any characters, `|` between alternatives."""
    import re
    if pattern is None:
        return True
    alternatives = ["".join(".*" if c == "*" else re.escape(c) for c in p) for p in pattern.split("|")]
    return re.fullmatch("|".join(alternatives), name, re.IGNORECASE) is not None


class Catalog:
    """The session's catalog (pyspark.sql.Catalog)."""

    def __init__(self, session):
        self._session = session

    def _call(self, method, *args):
        return self._session._call(method, *args)

    # ---- catalogs and databases ------------------------------------------------------------

    def currentCatalog(self):
        return _CATALOG

    def setCurrentCatalog(self, catalogName):
        if catalogName != _CATALOG:
            raise AnalysisException(
                errorClass="CATALOG_NOT_FOUND", sqlState="42P08",
                message="[CATALOG_NOT_FOUND] The catalog `%s` not found. SQLSTATE: 42P08" % catalogName,
                messageParameters={"catalogName": "`%s`" % catalogName})

    def listCatalogs(self, pattern=None):
        return [CatalogMetadata(_CATALOG, None)] if _matches(_CATALOG, pattern) else []

    def currentDatabase(self):
        return self._call("current_database")

    def setCurrentDatabase(self, dbName):
        self._call("set_current_database", dbName)

    def listDatabases(self, pattern=None):
        return [Database(name, _CATALOG, description, location)
                for name, description, location in self._call("list_databases")
                if _matches(name, pattern)]

    def getDatabase(self, dbName):
        for database in self.listDatabases():
            if database.name == dbName.lower():
                return database
        self._session.sql("DESCRIBE DATABASE " + _quoted(dbName))  # raises SCHEMA_NOT_FOUND

    def databaseExists(self, dbName):
        return bool(self._call("database_exists", dbName))

    # ---- tables ------------------------------------------------------------------------------

    def listTables(self, dbName=None, pattern=None):
        tables = []
        for name, database, description, table_type, temporary in self._call("list_tables",
                                                                             dbName or ""):
            if not _matches(name, pattern):
                continue
            namespace = [database] if database else []
            catalog = _CATALOG if database and not temporary else None
            tables.append(Table(name, catalog, namespace, description or None, table_type,
                                bool(temporary)))
        return tables

    def getTable(self, tableName):
        from pyspark.sql.column import name_parts
        parts = name_parts(tableName)
        self._session.table(tableName)  # raises TABLE_OR_VIEW_NOT_FOUND
        database = parts[-2] if len(parts) > 1 else None
        for table in self.listTables(database):
            if table.name == parts[-1].lower() and (len(parts) == 1 or table.namespace):
                return table
        return Table(parts[-1].lower(), None, [], None, "TEMPORARY", True)

    def tableExists(self, tableName, dbName=None):
        from pyspark.sql.column import name_parts
        parts = [dbName, tableName] if dbName else name_parts(tableName)
        return bool(self._call("table_exists", parts))

    def listColumns(self, tableName, dbName=None):
        name = "%s.%s" % (_quoted(dbName), _quoted(tableName)) if dbName else tableName
        schema = self._session.table(name).schema
        return [Column(f.name, None, f.dataType.simpleString(), f.nullable, False, False, False)
                for f in schema.fields]

    def createTable(self, tableName, path=None, source=None, schema=None, description=None,
                    **options):
        """CREATE TABLE: external when `path` is given, else managed; returns the table."""
        from pyspark.sql.column import name_parts
        name = ".".join(_quoted(p) for p in name_parts(tableName))
        text = "CREATE TABLE " + name
        if schema is not None:
            text += " (%s)" % ", ".join("%s %s" % (_quoted(f.name), f.dataType.simpleString())
                                        for f in schema.fields)
        text += " USING " + (source or self._session.conf.get("spark.sql.sources.default",
                                                              "parquet"))
        if options:
            text += " OPTIONS (%s)" % ", ".join("'%s' = '%s'" % (k, str(v).replace("'", "\\'"))
                                                for k, v in options.items())
        if path is not None:
            text += " LOCATION '%s'" % str(path).replace("'", "\\'")
        if description is not None:
            text += " COMMENT '%s'" % description.replace("'", "\\'")
        self._session.sql(text)
        return self._session.table(tableName)

    def createExternalTable(self, tableName, path=None, source=None, schema=None, **options):
        return self.createTable(tableName, path, source, schema, **options)

    def refreshTable(self, tableName):
        """Files are listed by every query, so nothing is cached: checks the table exists."""
        self._session.sql("REFRESH TABLE " + tableName)

    # ---- functions ---------------------------------------------------------------------------

    def listFunctions(self, dbName=None, pattern=None):
        rows = self._session.sql("SHOW FUNCTIONS").collect()
        return [Function(r.function, None, None, None, "builtin", True)
                for r in rows if _matches(r.function, pattern)]

    def functionExists(self, functionName, dbName=None):
        return any(r.function == functionName.lower()
                   for r in self._session.sql("SHOW FUNCTIONS").collect())

    # ---- views -------------------------------------------------------------------------------

    def clearCache(self):
        """Forgets the kept rows of every persisted DataFrame."""
        self._session._storage_levels.clear()
        self._session._call("clear_cache")

    def dropTempView(self, viewName):
        return bool(self._call("drop_temp_view", viewName))

    def dropGlobalTempView(self, viewName):
        return bool(self._call("drop_global_temp_view", viewName))
