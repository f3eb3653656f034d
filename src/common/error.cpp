#include "common/error.h"

#include <cctype>
#include <unordered_map>

namespace ember {
namespace {

struct ErrorTemplate {
  const char* sql_state;
  const char* text;  // <name> marks a parameter
};

// Spark 4.0 error classes used by Ember. Parameters appear as <name>.
const std::unordered_map<std::string, ErrorTemplate>& Templates() {
  static const std::unordered_map<std::string, ErrorTemplate> templates = {
      {"UNRESOLVED_COLUMN.WITH_SUGGESTION",
       {"42703",
        "A column, variable, or function parameter with name <objectName> cannot be resolved. "
        "Did you mean one of the following? [<proposal>]."}},
      {"UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
       {"42703", "A column, variable, or function parameter with name <objectName> cannot be resolved."}},
      {"UNRESOLVED_ROUTINE",
       {"42883",
        "Cannot resolve routine <routineName> on search path <searchPath>."}},
      {"AMBIGUOUS_REFERENCE",
       {"42704", "Reference <name> is ambiguous, could be: <referenceNames>."}},
      {"TABLE_OR_VIEW_NOT_FOUND",
       {"42P01",
        "The table or view <relationName> cannot be found. Verify the spelling and correctness of "
        "the schema and catalog.\nIf you did not qualify the name with a schema, verify the "
        "current_schema() output, or qualify the name with the correct schema and catalog.\nTo "
        "tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS."}},
      {"PATH_NOT_FOUND", {"42K03", "Path does not exist: <path>."}},
      {"TABLE_OR_VIEW_ALREADY_EXISTS",
       {"42P07",
        "Cannot create table or view <relationName> because it already exists.\nChoose a different "
        "name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate "
        "pre-existing objects."}},
      {"TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
       {"42P07",
        "Cannot create the temporary view <relationName> because it already exists.\nChoose a "
        "different name, drop or replace the existing view, or add the IF NOT EXISTS clause to "
        "tolerate pre-existing views."}},
      {"TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS",
       {"428EK",
        "CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, "
        "but got: <actualName>."}},
      {"SCHEMA_ALREADY_EXISTS",
       {"42P06",
        "Cannot create schema <schemaName> because it already exists.\nChoose a different name, drop "
        "the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema."}},
      {"SCHEMA_NOT_FOUND",
       {"42704",
        "The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema "
        "and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() "
        "output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use "
        "DROP SCHEMA IF EXISTS."}},
      {"SCHEMA_NOT_EMPTY",
       {"2BP01",
        "Cannot drop a schema <schemaName> because it contains objects.\nUse DROP SCHEMA ... CASCADE "
        "to drop the schema and all its objects."}},
      {"UNSUPPORTED_FEATURE.DROP_DATABASE",
       {"0A000", "The feature is not supported: Drop the default database <database>."}},
      {"LOCATION_ALREADY_EXISTS",
       {"42710",
        "Cannot name the managed table as <identifier>, as its associated location <location> "
        "already exists. Please pick a different table name, or remove the existing location first."}},
      {"WRONG_COMMAND_FOR_OBJECT_TYPE",
       {"42809",
        "The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use "
        "<alternative> instead."}},
      {"EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE",
       {"42809", "The table <tableName> does not support <operation>."}},
      {"EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
       {"42809", "'<operation>' expects a table but <viewName> is a view."}},
      {"INSERT_PARTITION_COLUMN_ARITY_MISMATCH",
       {"21S01",
        "Cannot write to <tableName>, <reason>:\nTable columns: <tableColumns>.\nPartition columns with static "
        "values: <staticPartCols>.\nData columns: <dataColumns>."}},
      {"INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY",
       {"42601", "The partition command is invalid. Table <name> is not partitioned."}},
      {"NOT_A_PARTITIONED_TABLE",
       {"42809", "Operation <operation> is not allowed for <tableIdentWithDB> because it is not a partitioned table."}},
      {"PARTITIONS_ALREADY_EXIST",
       {"428FT",
        "Cannot ADD or RENAME TO partition(s) <partitionList> in table <tableName> because they already exist.\n"
        "Choose a different name, drop the existing partition, or add the IF NOT EXISTS clause to tolerate a "
        "pre-existing partition."}},
      {"PARTITIONS_NOT_FOUND",
       {"428FT",
        "The partition(s) <partitionList> cannot be found in table <tableName>.\nVerify the partition "
        "specification and table name.\nTo tolerate the error on drop use ALTER TABLE \u2026 DROP IF EXISTS PARTITION."}},
      {"_LEGACY_ERROR_TEMP_1236", {"", "ANALYZE TABLE is not supported on views."}},
      {"UNSUPPORTED_FEATURE.ANALYZE_UNSUPPORTED_COLUMN_TYPE",
       {"0A000",
        "The feature is not supported: The ANALYZE TABLE FOR COLUMNS command does not support the type "
        "<columnType> of the column <columnName> in the table <tableName>."}},
      {"_LEGACY_ERROR_TEMP_1060", {"", "<command> does not support nested column: <column>."}},
      {"_LEGACY_ERROR_TEMP_1061", {"", "Column <colName> does not exist."}},
      {"_LEGACY_ERROR_TEMP_1231", {"", "<key> is not a valid partition column in table <tblName>."}},
      {"_LEGACY_ERROR_TEMP_1232",
       {"", "Partition spec is invalid. The spec (<specKeys>) must match the partition spec (<partitionColumnNames>) "
            "defined in table '<tableName>'."}},
      {"INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
       {"21S01",
        "Cannot write to <tableName>, the reason is too many data columns:\nTable columns: "
        "<tableColumns>.\nData columns: <dataColumns>."}},
      {"INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
       {"21S01",
        "Cannot write to <tableName>, the reason is not enough data columns:\nTable columns: "
        "<tableColumns>.\nData columns: <dataColumns>."}},
      {"COLUMN_ALREADY_EXISTS",
       {"42711", "The column <columnName> already exists. Choose another name or rename the existing column."}},
      {"UNSUPPORTED_FEATURE.TABLE_OPERATION",
       {"0A000",
        "The feature is not supported: Table <tableName> does not support <operation>. Please check "
        "the current catalog and namespace to make sure the qualified table name is expected, and "
        "also check the catalog implementation which is configured by \"spark.sql.catalog\"."}},
      {"PATH_ALREADY_EXISTS",
       {"42K04", "Path <outputPath> already exists. Set mode as \"overwrite\" to overwrite the existing path."}},
      {"DIVIDE_BY_ZERO",
       {"22012",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. "
        "If necessary set <config> to \"false\" to bypass this error."}},
      {"INVALID_BITMAP_POSITION",
       {"22003",
        "The 0-indexed bitmap position <bitPosition> is out of bounds. The bitmap has <bitmapNumBits> bits "
        "(<bitmapNumBytes> bytes)."}},
      {"INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION",
       {"22006",
        "Cannot add an interval to a date because its microseconds part is not 0. To resolve this, "
        "cast the input date to a timestamp, which supports the addition of intervals with non-zero "
        "microseconds."}},
      {"ARITHMETIC_OVERFLOW",
       {"22003",
        "<message>.<alternative> If necessary set <config> to \"false\" to bypass this error."}},
      {"CAST_INVALID_INPUT",
       {"22018",
        "The value <expression> of the type <sourceType> cannot be cast to <targetType> because it "
        "is malformed. Correct the value as per the syntax, or change its target type. Use "
        "`try_cast` to tolerate malformed input and return NULL instead. If necessary set "
        "<ansiConfig> to \"false\" to bypass this error."}},
      {"CAST_OVERFLOW",
       {"22003",
        "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an "
        "overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary set "
        "<ansiConfig> to \"false\" to bypass this error."}},
      {"NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
       {"22003",
        "<value> cannot be represented as Decimal(<precision>, <scale>). If necessary set "
        "<config> to \"false\" to bypass this error, and return NULL instead."}},
      {"DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires "
        "the <requiredType> type, however <inputSql> has the type <inputType>."}},
      {"DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between "
        "<valueRange> (current value = <currentValue>)."}},
      {"DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the "
        "binary operator have incompatible types (<left> and <right>)."}},
      {"DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>."}},
      // arrays, maps and structs
      {"NULL_MAP_KEY", {"2200E", "Cannot use null as map key."}},
      {"DUPLICATED_MAP_KEY",
       {"23505",
        "Duplicate map key <key> was found, please check the input data. If you want to remove the "
        "duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted "
        "at last takes precedence."}},
      {"INVALID_ARRAY_INDEX",
       {"22003",
        "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL "
        "function `get()` to tolerate accessing element at invalid index and return NULL instead. "
        "If necessary set <ansiConfig> to \"false\" to bypass this error."}},
      {"INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
       {"22003",
        "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use "
        "`try_element_at` to tolerate accessing element at invalid index and return NULL instead. "
        "If necessary set <ansiConfig> to \"false\" to bypass this error."}},
      {"INVALID_INDEX_OF_ZERO",
       {"22003", "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1)."}},
      {"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
       {"22003", "Decimal precision <precision> exceeds max precision <maxPrecision>."}},
      {"NON_FOLDABLE_ARGUMENT",
       {"42K08",
        "The function <funcName> requires the parameter <paramName> to be a foldable expression of "
        "the type <paramType>, but the actual argument is a non-foldable."}},
      {"DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a "
        "foldable <inputType> expression; however, got <inputExpr>."}},
      {"DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Only foldable `STRING` expressions "
        "are allowed to appear at odd position, but they are <inputExprs>."}},
      {"DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: The key of map cannot be/contain <keyType>."}},
      {"DATATYPE_MISMATCH.DATA_DIFF_TYPES",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be "
        "the same type, but it's <dataType>."}},
      {"DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: Cannot drop all fields in struct."}},
      {"DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have "
        "been <dataType> followed by a value with same element type, but it's [<leftType>, <rightType>]."}},
      {"DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input to function <functionName> should "
        "have been two <arrayType> with same element type, but it's [<leftType>, <rightType>]."}},
      {"DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have "
        "been <dataType> followed by a value with same key type, but it's [<leftType>, <rightType>]."}},
      {"DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support "
        "ordering on type <dataType>."}},
      {"WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
       {"42605",
        "The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>. "
        "Please, refer to '<docroot>/sql-ref-functions.html' for a fix."}},
      {"MISSING_AGGREGATION",
       {"42803",
        "The non-aggregating expression <expression> is based on columns which are not "
        "participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, "
        "aggregate the expression, or use <expressionAnyValue> if you do not care which of the "
        "values within a group is returned."}},
      {"PARSE_SYNTAX_ERROR", {"42601", "Syntax error at or near <error><hint>."}},
      {"UNSUPPORTED_GROUPING_EXPRESSION",
       {"42K0E", "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup."}},
      {"GROUPING_COLUMN_MISMATCH",
       {"42803", "Column of grouping (<grouping>) can't be found in grouping columns <groupingColumns>."}},
      {"GROUPING_ID_COLUMN_MISMATCH",
       {"42803", "Columns of grouping_id (<groupingIdColumn>) does not match grouping columns (<groupByColumns>)."}},
      {"GROUPING_SIZE_LIMIT_EXCEEDED", {"54000", "Grouping sets size cannot be greater than <maxSize>."}},
      {"INVALID_VARIANT_CAST",
       {"22023", "The variant value `<value>` cannot be cast into `<dataType>`. Please use `try_variant_get` instead."}},
      {"INVALID_VARIANT_GET_PATH",
       {"22023",
        "The path `<path>` is not a valid variant extraction path in `<functionName>`. A valid path should "
        "start with `$` and is followed by zero or more segments like `[123]`, `.name`, `['name']`, or "
        "`[\"name\"]`."}},
      {"VARIANT_DUPLICATE_KEY", {"22023", "Failed to build variant because of a duplicate object key `<key>`."}},
      {"MALFORMED_VARIANT", {"22023", "Variant binary is malformed. Please check the data source is valid."}},
      {"MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
       {"22023",
        "Malformed records are detected in record parsing: <badRecord>.\nParse Mode: "
        "<failFastMode>. To process malformed records as null result, try setting the option "
        "'mode' as 'PERMISSIVE'."}},
      {"MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_JSON_ARRAYS_AS_STRUCTS",
       {"22023",
        "Malformed records are detected in record parsing: <badRecord>.\nParse Mode: "
        "<failFastMode>. To process malformed records as null result, try setting the option "
        "'mode' as 'PERMISSIVE'. Parsing JSON arrays as structs is forbidden."}},
      {"_LEGACY_ERROR_TEMP_1028",
       {"", "Number of column aliases does not match number of columns. Number of column aliases: "
            "<columnSize>; number of columns: <outputSize>."}},
      {"_LEGACY_ERROR_TEMP_1047",
       {"", "<hintName> Hint parameter should include columns, but <invalidParams> found."}},
      {"_LEGACY_ERROR_TEMP_1048", {"", "<hintName> Hint expects a partition number as a parameter."}},
      {"_LEGACY_ERROR_TEMP_2165",
       {"", "Malformed records are detected in schema inference. Parse Mode: <failFastMode>."}},
      {"FAILED_READ_FILE.NO_HINT", {"KD001", "Encountered error while reading file <path>."}},
      {"FAILED_READ_FILE.CORRUPT_PARQUET",
       {"KD001", "Encountered error while reading file <path>. <message>"}},
      {"FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH",
       {"KD001",
        "Encountered error while reading file <path>. Data type mismatches when reading Parquet "
        "column <column>. Expected Spark type <expectedType>, actual Parquet type <actualType>."}},
      {"TASK_WRITE_FAILED", {"58030", "Task failed while writing rows to <path>."}},
      {"UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING",
       {"0A000",
        "The char/varchar type can't be used in the table schema. If you want Spark treat them as string type as "
        "same as Spark 3.0 and earlier, please set \"spark.sql.legacy.charVarcharAsString\" to \"true\"."}},
      {"UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
       {"0A000", "The <format> datasource doesn't support the column <columnName> of the type <columnType>."}},
      {"CONFLICTING_DIRECTORY_STRUCTURES",
       {"KD009",
        "Conflicting directory structures detected.\nSuspicious paths:\n<discoveredBasePaths>\nIf provided "
        "paths are partition directories, please set \"basePath\" in the options of the data source to "
        "specify the root directory of the table.\nIf there are multiple root directories, please load them "
        "separately and then union them."}},
      {"COLUMN_NOT_FOUND",
       {"42703",
        "The column <colName> cannot be found. Verify the spelling and correctness of the column name "
        "according to the SQL config <caseSensitiveConfig>."}},
      {"ALL_PARTITION_COLUMNS_NOT_ALLOWED", {"KD005", "Cannot use all columns for partition columns."}},
      {"UNABLE_TO_INFER_SCHEMA",
       {"42KD9", "Unable to infer schema for <format>. It must be specified manually."}},
      {"UNSUPPORTED_FEATURE",
       {"0A000", "The feature is not supported: <feature>."}},
      {"UNSUPPORTED_FEATURE.WRITE_FOR_BINARY_SOURCE",
       {"0A000", "The feature is not supported: Write for the binary file data source."}},
      {"COLLATION_INVALID_NAME",
       {"42704", "The value <collationName> does not represent a correct collation name. Suggested valid collation names: [<proposals>]."}},
      {"COLLATION_MISMATCH.EXPLICIT",
       {"42P21", "Could not determine which collation to use for string functions and operators. Error occurred due to the mismatch between explicit collations: [<explicitTypes>]. Decide on a single explicit collation and remove others."}},
      {"COLLATION_MISMATCH.IMPLICIT",
       {"42P21", "Could not determine which collation to use for string functions and operators. Error occurred due to the mismatch between implicit collations: [<implicitTypes>]. Use COLLATE function to set the collation explicitly."}},
      {"HLL_INVALID_INPUT_SKETCH_BUFFER",
       {"22546", "Invalid call to <function>; only valid HLL sketch buffers are supported as inputs (such as those produced by the `hll_sketch_agg` function)."}},
      {"HLL_INVALID_LG_K",
       {"22546", "Invalid call to <function>; the `lgConfigK` value must be between <min> and <max>, inclusive: <value>."}},
      {"HLL_UNION_DIFFERENT_LG_K",
       {"22000", "Sketches have different `lgConfigK` values: <left> and <right>. Set the `allowDifferentLgConfigK` parameter to true to call <function> with different `lgConfigK` values."}},
      {"INVALID_PARAMETER_VALUE",
       {"22023", "The value of parameter(s) <parameter> in <functionName> is invalid: <message>."}},
      {"UNSUPPORTED_FEATURE.AES_MODE",
       {"0A000", "The feature is not supported: AES-<mode> with the padding <padding> by the <functionName> function."}},
      {"UNSUPPORTED_FEATURE.AES_MODE_IV",
       {"0A000", "The feature is not supported: <functionName> with AES-<mode> does not support initialization vectors (IVs)."}},
      {"UNSUPPORTED_FEATURE.AES_MODE_AAD",
       {"0A000", "The feature is not supported: <functionName> with AES-<mode> does not support additional authenticate data (AAD)."}},
      {"INVALID_PARAMETER_VALUE.AES_KEY_LENGTH",
       {"22023", "The value of parameter(s) <parameter> in <functionName> is invalid: expects a binary value with 16, 24 or 32 bytes, but got <actualLength> bytes."}},
      {"INVALID_PARAMETER_VALUE.AES_IV_LENGTH",
       {"22023", "The value of parameter(s) <parameter> in <functionName> is invalid: supports 16-byte CBC IVs and 12-byte GCM IVs, but got <actualLength> bytes for <mode>."}},
      {"INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR",
       {"22023", "The value of parameter(s) <parameter> in <functionName> is invalid: detail message: <detailMessage>"}},
      {"USER_RAISED_EXCEPTION", {"P0001", "<errorMessage>"}},
      {"UNABLE_TO_ACQUIRE_MEMORY",
       {"53200", "Unable to acquire <requestedBytes> bytes of memory, got <receivedBytes>."}},
      {"INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
       {"42823", "Invalid subquery: Scalar subquery must return only one column, but got <number>."}},
      {"SCALAR_SUBQUERY_TOO_MANY_ROWS", {"21000", "More than one row returned by a subquery used as an expression."}},
      {"DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The number of columns in the left hand side of an IN "
        "subquery does not match the number of columns in the output of subquery. Left hand side columns(length: "
        "<leftLength>): [<leftColumns>], right hand side columns(length: <rightLength>): [<rightColumns>]."}},
      {"DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The data type of one or more elements in the left "
        "hand side of an IN subquery is not compatible with the data type of the output of the subquery. "
        "Mismatched columns: [<mismatchedColumns>], left side: [<leftType>], right side: [<rightType>]."}},
      {"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE",
       {"0A000", "Unsupported subquery expression: Correlated column is not allowed in predicate: <treeNode>."}},
      {"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.LATERAL_JOIN_CONDITION_NON_DETERMINISTIC",
       {"0A000", "Unsupported subquery expression: Lateral join condition cannot be non-deterministic: <condition>."}},
      {"INVALID_LATERAL_JOIN_TYPE",
       {"42613",
        "The <joinType> JOIN with LATERAL correlation is not allowed because an OUTER subquery cannot correlate "
        "to its join partner. Remove the LATERAL correlation or use an INNER JOIN, or LEFT OUTER JOIN instead."}},
      {"UNSUPPORTED_FEATURE.LATERAL_JOIN_USING",
       {"0A000", "The feature is not supported: JOIN USING with LATERAL correlation."}},
      {"UNSUPPORTED_FEATURE.LATERAL_NATURAL_JOIN",
       {"0A000", "The feature is not supported: NATURAL join with LATERAL correlation."}},
      {"INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC",
       {"42000", "Invalid SQL syntax: LATERAL can only be used with subquery and table-valued functions."}},
      {"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY",
       {"0A000",
        "Unsupported subquery expression: Correlated scalar subqueries must be aggregated to return at most "
        "one row."}},
      {"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY",
       {"0A000",
        "Unsupported subquery expression: IN/EXISTS predicate subqueries can only be used in filters, joins, "
        "aggregations, window functions, projections, and UPDATE/MERGE/DELETE commands: <treeNode>."}},
      {"INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
       {"42K0D",
        "Invalid lambda function call. A higher order function expects <expectedNumArgs> arguments, "
        "but got <actualNumArgs>."}},
      {"INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES",
       {"42K0D",
        "Invalid lambda function call. The lambda function has duplicate arguments <args>. Please, "
        "consider to rename the argument names or set <caseSensitiveConfig> to \"true\"."}},
      {"INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION",
       {"42K0D",
        "Invalid lambda function call. A lambda function should only be used in a higher order "
        "function. However, its class is <class>, which is not a higher order function."}},
      {"NULL_MAP_KEY", {"2200E", "Cannot use null as map key."}},
      {"DUPLICATED_MAP_KEY",
       {"23505",
        "Duplicate map key <key> was found, please check the input data. If you want to remove the "
        "duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted "
        "at last takes precedence."}},
      {"DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input to the <functionName> should have "
        "been two maps with compatible key types, but it's [<leftType>, <rightType>]."}},
      {"DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> "
        "(current value = <currentValue>)."}},
      {"INVALID_FORMAT.EMPTY",
       {"42601", "The format is invalid: <format>. The number format string cannot be empty."}},
      {"INVALID_FORMAT.WRONG_NUM_DIGIT",
       {"42601", "The format is invalid: <format>. The format string requires at least one number digit."}},
      {"INVALID_FORMAT.CUR_MUST_BEFORE_DIGIT",
       {"42601", "The format is invalid: <format>. Currency characters must appear before digits in the number format."}},
      {"INVALID_FORMAT.CUR_MUST_BEFORE_DEC",
       {"42601", "The format is invalid: <format>. Currency characters must appear before any decimal point in the number format."}},
      {"INVALID_FORMAT.CONT_THOUSANDS_SEPS",
       {"42601", "The format is invalid: <format>. Thousands separators (, or G) must have digits in between them in the number format."}},
      {"INVALID_FORMAT.THOUSANDS_SEPS_MUST_BEFORE_DEC",
       {"42601", "The format is invalid: <format>. Thousands separators (, or G) may not appear after the decimal point in the number format."}},
      {"INVALID_FORMAT.WRONG_NUM_TOKEN",
       {"42601", "The format is invalid: <format>. At most one <token> is allowed in the number format."}},
      {"INVALID_FORMAT.UNEXPECTED_TOKEN",
       {"42601", "The format is invalid: <format>. Found the unexpected <token> in the format string; the structure of the format string must match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`."}},
      {"INVALID_FORMAT.MISMATCH_INPUT",
       {"42601", "The format is invalid: <format>. The input <inputType> <input> does not match the format."}},
      {"INVALID_PARAMETER_VALUE.BINARY_FORMAT",
       {"22023",
        "The value of parameter(s) <parameter> in <functionName> is invalid: expects one of binary formats "
        "'base64', 'hex', 'utf-8', but got <invalidFormat>."}},
      {"INVALID_SCHEMA.NON_STRING_LITERAL",
       {"42K07",
        "The input schema <inputSchema> is not a valid schema string. The input expression must be "
        "string literal and not null."}},
      {"INVALID_SCHEMA.NON_STRUCT_TYPE",
       {"42K07",
        "The input schema <inputSchema> is not a valid schema string. The input expression should be "
        "evaluated to struct type, but got <dataType>."}},
      {"DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: The input of <functionName> can't be <dataType> type data."}},
      {"DATATYPE_MISMATCH.INVALID_JSON_SCHEMA",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> must be a struct, "
        "an array, a map or a variant."}},
      {"DATATYPE_MISMATCH.NON_STRING_TYPE",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: all arguments of the function <funcName> must be strings."}},
      {"DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> can only contain "
        "STRING as a key type for a MAP."}},
      {"DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
       {"42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a "
        "foldable <inputType> expression; however, got <inputExpr>."}},
      {"DATATYPE_MISMATCH.UNEXPECTED_CLASS_TYPE",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: class <className> not found."}},
      {"DATATYPE_MISMATCH.UNEXPECTED_NULL",
       {"42K09", "Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null."}},
      {"INVALID_OPTIONS.NON_MAP_FUNCTION", {"42K06", "Invalid options: Must use the `map()` function for options."}},
      {"INVALID_OPTIONS.NON_STRING_TYPE",
       {"42K06", "Invalid options: A type of keys and values in `map()` must be string, but got <mapType>."}},
      {"PARSE_MODE_UNSUPPORTED",
       {"42601",
        "The function <funcName> doesn't support the <mode> mode. Acceptable modes are PERMISSIVE and "
        "FAILFAST."}},
      {"INVALID_CORRUPT_RECORD_TYPE",
       {"42804",
        "The column <columnName> for corrupt records must have the nullable STRING type, but got "
        "<actualType>."}},
      {"CANNOT_DECODE_URL",
       {"22546", "The provided URL cannot be decoded: <url>. Please ensure that the URL is properly formatted and try again."}},
      {"USER_RAISED_EXCEPTION", {"P0001", "<errorMessage>"}},
      {"PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY",
       {"42S23", "The expression <expression> must be inside 'partitionedBy'."}},
      {"INTERNAL_ERROR", {"XX000", "<message>"}},
  };
  return templates;
}

std::string Render(const std::string& text, const ErrorParams& params) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '<') {
      size_t end = text.find('>', i);
      if (end != std::string::npos) {
        std::string name = text.substr(i + 1, end - i - 1);
        bool found = false;
        for (const auto& [key, value] : params) {
          if (key == name) {
            out += value;
            found = true;
            break;
          }
        }
        if (found) {
          i = end + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string Compose(const std::string& error_class, const std::string& sql_state,
                    const std::string& text) {
  std::string message = "[" + error_class + "] ";
  // what() is a C string: a NUL byte from a damaged file would cut off the rest of the message
  // (the file's name among it), so it is spelled as an escape.
  for (char c : text) {
    if (c == '\0') {
      message += "\\u0000";
    } else {
      message += c;
    }
  }
  if (!sql_state.empty()) message += " SQLSTATE: " + sql_state;
  return message;
}

const ErrorTemplate& Lookup(const std::string& error_class) {
  auto it = Templates().find(error_class);
  if (it == Templates().end()) throw std::logic_error("unknown error class " + error_class);
  return it->second;
}

}  // namespace

SparkError::SparkError(std::string error_class, ErrorParams params)
    : std::runtime_error(Compose(error_class, Lookup(error_class).sql_state,
                                 Render(Lookup(error_class).text, params))),
      error_class_(std::move(error_class)),
      sql_state_(Lookup(error_class_).sql_state),
      params_(std::move(params)) {}

SparkError::SparkError(std::string error_class, std::string sql_state, std::string message_text,
                       ErrorParams params)
    : std::runtime_error(Compose(error_class, sql_state, message_text)),
      error_class_(std::move(error_class)),
      sql_state_(std::move(sql_state)),
      params_(std::move(params)) {}

InternalError::InternalError(const std::string& message)
    : SparkError("INTERNAL_ERROR", {{"message", message}}) {}

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string QuoteIdentifierIfNeeded(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
  }
  return plain ? name : QuoteIdentifier(name);
}

}  // namespace ember
