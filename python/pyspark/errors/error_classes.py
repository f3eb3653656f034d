"""Message templates of the error classes the Python layer raises itself, with <param> markers,
and the rendering of "[CLASS] message". Engine errors bring their own finished text."""

import re

ERROR_CLASSES = {
    "CANNOT_CONVERT_COLUMN_INTO_BOOL":
        "Cannot convert column into bool: please use '&' for 'and', '|' for 'or', '~' for "
        "'not' when building DataFrame boolean expressions.",
    "NOT_IMPLEMENTED": "<feature> is not implemented.",
    "INVALID_UDF_EVAL_TYPE": "Eval type for UDF must be <eval_type>.",
    "PACKAGE_NOT_INSTALLED": "<package_name> >= <minimum_version> must be installed; however, it "
                             "was not found.",
    "CLASSIC_OPERATION_NOT_SUPPORTED_ON_DF":
        "Calling property or member '<member>' is not supported in PySpark Classic, please use "
        "Spark Connect instead.",
    "RESULT_COLUMNS_MISMATCH_FOR_PANDAS_UDF":
        "Column names of the returned pandas.DataFrame do not match specified schema."
        "<missing><extra>",
    "RESULT_LENGTH_MISMATCH_FOR_PANDAS_UDF":
        "Number of columns of the returned pandas.DataFrame doesn't match specified schema. "
        "Expected: <expected> Actual: <actual>",
    "NOT_STORAGELEVEL": "Argument `<arg_name>` should be a StorageLevel, got <arg_type>.",
    "STOP_ITERATION_OCCURRED":
        "Caught StopIteration thrown from user's code; failing the task: <exc>",
    "VALUE_NOT_ACCESSIBLE": "Value `<value>` cannot be accessed inside tasks.",
    "VALUE_NOT_PEARSON": "Value for `<arg_name>` only supports the 'pearson', got '<arg_value>'.",
    "VALUE_NOT_POSITIVE": "Value for `<arg_name>` must be positive, got '<arg_value>'.",
    "NEGATIVE_VALUE": "Value for `<arg_name>` must be greater than or equal to 0, got "
                      "'<arg_value>'.",
    "NOT_FLOAT_OR_INT": "Argument `<arg_name>` should be a float or int, got <arg_type>.",
    "NOT_LIST_OF_FLOAT_OR_INT":
        "Argument `<arg_name>` should be a list[float, int], got <arg_type>.",
    "NOT_BOOL_OR_FLOAT_OR_INT":
        "Argument `<arg_name>` should be a bool, float or int, got <arg_type>.",
    "DISALLOWED_TYPE_FOR_CONTAINER":
        "Argument `<arg_name>`(type: <arg_type>) should only contain a type in [<allowed_types>], "
        "got <item_type>",
    "NOT_INSTANCE_OF": "<value> is not an instance of type <type>.",
    "DIFFERENT_SCHEMA": "Schemas do not match.\n<error_msg>",
    "DIFFERENT_ROWS": "<error_msg>",
    "INVALID_TYPE_DF_EQUALITY_ARG":
        "Expected type <expected_type> for `<arg_name>` but got type <actual_type>.",
    "NOT_STRUCT": "Argument `<arg_name>` should be a struct type, got <arg_type>.",
    "CANNOT_APPLY_IN_FOR_COLUMN":
        "Cannot apply 'in' operator against a column: please use 'contains' in a string column "
        "or 'array_contains' function for an array column.",
    "NOT_SAME_TYPE":
        "Argument `<arg_name1>` and `<arg_name2>` should be the same type, got <arg_type1> and "
        "<arg_type2>.",
    "NOT_COLUMN_OR_INT": "Argument `<arg_name>` should be a Column or int, got <arg_type>.",
    "NOT_CALLABLE": "Argument `<arg_name>` should be a callable, got <arg_type>.",
    "SCHEMA_MISMATCH_FOR_PANDAS_UDF":
        "Result vector from pandas_udf was not the required length: expected <expected>, "
        "got <actual>.",
    "UDF_RETURN_TYPE": "Return type of the user-defined function should be <expected>, but is "
                       "<actual>.",
    "CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF":
        "returnType can not be specified when `<arg_name>` is a user-defined function, but got "
        "<return_type>.",
    "INVALID_RETURN_TYPE_FOR_PANDAS_UDF":
        "Pandas UDF should return StructType for <eval_type>, got <return_type>.",
    "INVALID_PANDAS_UDF_TYPE": "`<arg_name>` should be one of the values from PandasUDFType, got "
                               "<arg_type>",
    "UNSUPPORTED_SIGNATURE": "Unsupported signature: <signature>.",
    "RESULT_LENGTH_MISMATCH_FOR_SCALAR_ITER_PANDAS_UDF":
        "The length of output in Scalar iterator pandas UDF should be the same with the input's; "
        "however, the length of output was <output_length> and the length of input was "
        "<input_length>.",
    "INVALID_UDTF_HANDLER_TYPE":
        "The UDTF is invalid. The function handler must be a class, but got '<type>'. Please "
        "provide a class as the function handler.",
    "INVALID_UDTF_NO_EVAL":
        "The UDTF '<name>' is invalid. It does not implement the required 'eval' method. Please "
        "implement the 'eval' method in '<name>' and try again.",
    "INVALID_UDTF_RETURN_TYPE":
        "The UDTF '<name>' is invalid. It does not specify its return type or implement the "
        "required 'analyze' static method. Please specify the return type or implement the "
        "'analyze' static method in '<name>' and try again.",
    "INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE":
        "The UDTF '<name>' is invalid. It has both its return type and an 'analyze' attribute. "
        "Please make it have one of either the return type or the 'analyze' static method in "
        "'<name>' and try again.",
    "INVALID_UDTF_EVAL_TYPE":
        "The eval type for the UDTF '<name>' is invalid. It must be one of <eval_type>.",
    "UDTF_RETURN_TYPE_MISMATCH":
        "Mismatch in return type for the UDTF '<name>'. Expected a 'StructType', but got "
        "'<return_type>'. Please ensure the return type is a correctly formatted StructType.",
    "UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE":
        "Failed to evaluate the user-defined table function '<name>' because the function "
        "arguments did not match the expected signature of the 'eval' method (<reason>). Please "
        "update the query so that this table function call provides arguments matching the "
        "expected signature, or else update the table function so that its 'eval' method "
        "accepts the provided arguments, and then try the query again.",
    "UDTF_EXEC_ERROR":
        "User defined table function encountered an error in the '<method_name>' method: <error>",
    "UDTF_RETURN_NOT_ITERABLE":
        "The return value of the '<func>' method of the UDTF is invalid. It should be an "
        "iterable (e.g., generator or list), but got '<type>'. Please make sure that the UDTF "
        "returns one of these types.",
    "UDTF_RETURN_SCHEMA_MISMATCH":
        "The number of columns in the result does not match the specified schema. Expected "
        "column count: <expected>, Actual column count: <actual>. Please make sure the values "
        "returned by the '<func>' method have the same number of columns as specified in the "
        "output schema.",
    "UDTF_INVALID_OUTPUT_ROW_TYPE":
        "The type of an individual output row in the '<func>' method of the UDTF is invalid. "
        "Each row should be a tuple, list, or dict, but got '<type>'. Please make sure that the "
        "output rows are of the correct type.",
    "CANNOT_ACCESS_TO_DUNDER": "Dunder(double underscore) attribute is for internal use only.",
    "SLICE_WITH_STEP": "Slice with step is not supported.",
    "NOT_ITERABLE": "<objectName> is not iterable.",
    "INVALID_WHEN_USAGE": "<func_name>() can only be applied on a Column previously generated by "
                          "when() function, and cannot be applied once otherwise() is applied.",
    "PARSE_SYNTAX_ERROR": "Syntax error at or near <error><hint>. SQLSTATE: 42601",
    "NOT_COLUMN": "Argument `<arg_name>` should be a Column, got <arg_type>.",
    "NOT_COLUMN_OR_STR": "Argument `<arg_name>` should be a Column or str, got <arg_type>.",
    "NOT_COLUMN_OR_INT_OR_STR":
        "Argument `<arg_name>` should be a Column, int or str, got <arg_type>.",
    "NOT_STR": "Argument `<arg_name>` should be a str, got <arg_type>.",
    "NOT_BOOL": "Argument `<arg_name>` should be a bool, got <arg_type>.",
    "NOT_INT": "Argument `<arg_name>` should be an int, got <arg_type>.",
    "NOT_WINDOWSPEC": "Argument `<arg_name>` should be a WindowSpec, got <arg_type>.",
    "NOT_BOOL_OR_INT": "Argument `<arg_name>` should be a bool or int, got <arg_type>.",
    "NOT_DATAFRAME": "Argument `<arg_name>` should be a DataFrame, got <arg_type>.",
    "NOT_LIST_OR_TUPLE": "Argument `<arg_name>` should be a list or tuple, got <arg_type>.",
    "NOT_DATATYPE_OR_STR": "Argument `<arg_name>` should be a DataType or str, got <arg_type>.",
    "NOT_STRUCT_OR_STR": "Argument `<arg_name>` should be a StructType or str, got <arg_type>.",
    "NOT_DICT": "Argument `<arg_name>` should be a dict, got <arg_type>.",
    "NOT_BOOL_OR_LIST": "Argument `<arg_name>` should be a bool or list, got <arg_type>.",
    "NOT_LIST_OR_NONE_OR_STRUCT":
        "Argument `<arg_name>` should be a list, None or StructType, got <arg_type>.",
    "INVALID_TYPE": "Argument `<arg_name>` should not be a <arg_type>.",
    "CANNOT_BE_EMPTY": "At least one <item> must be specified.",
    "CANNOT_SET_TOGETHER": "<arg_list> should not be set together.",
    "UNKNOWN_EXPLAIN_MODE": "explain_mode should be one of simple, extended, codegen, cost, "
                            "formatted, got <explain_mode>.",
    "ATTRIBUTE_NOT_SUPPORTED": "Attribute `<attr_name>` is not supported.",
    "CANNOT_DETERMINE_TYPE": "Some of types cannot be determined after inferring.",
    "CANNOT_INFER_EMPTY_SCHEMA": "Can not infer schema from an empty dataset.",
    "CANNOT_INFER_SCHEMA_FOR_TYPE":
        "Can not infer schema for type: `<data_type>`.",
    "CANNOT_INFER_TYPE_FOR_FIELD": "Unable to infer the type of the field `<field_name>`.",
    "CANNOT_MERGE_TYPE": "Can not merge type `<data_type1>` and `<data_type2>`.",
    "CANNOT_ACCEPT_OBJECT_IN_TYPE":
        "`<data_type>` can not accept object `<obj_name>` in type `<obj_type>`.",
    "FIELD_DATA_TYPE_UNACCEPTABLE":
        "<data_type> can not accept object <obj> in type <obj_type>.",
    "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME":
        "<field_name>: <data_type> can not accept object <obj> in type <obj_type>.",
    "FIELD_NOT_NULLABLE_WITH_NAME": "<field_name>: This field is not nullable, but got None.",
    "FIELD_NOT_NULLABLE": "Field is not nullable, but got None.",
    "VALUE_OUT_OF_BOUNDS":
        "Value for `<arg_name>` must be between <lower_bound> and <upper_bound> (inclusive), "
        "got <actual>",
    "LENGTH_SHOULD_BE_THE_SAME":
        "<arg1> and <arg2> should be of the same length, got <arg1_length> and <arg2_length>.",
    "AXIS_LENGTH_MISMATCH":
        "Length mismatch: Expected axis has <expected_length> element, new values have "
        "<actual_length> elements.",
    "SESSION_ALREADY_EXIST": "Cannot start a remote Spark session because there is a regular "
                             "Spark session already running.",
    "INDEX_OUT_OF_RANGE": "<arg_name> index out of range, got '<index>'.",
    "UNSUPPORTED_OPERATION": "<operation> is not supported.",
    "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR":
        "Argument `<arg_name>` should be a bool, dict, float, int or str, got <arg_type>.",
    "NOT_BOOL_OR_FLOAT_OR_INT_OR_STR":
        "Argument `<arg_name>` should be a bool, float, int or str, got <arg_type>.",
    "NOT_LIST_OR_STR_OR_TUPLE":
        "Argument `<arg_name>` should be a list, str or tuple, got <arg_type>.",
    "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_LIST_OR_STR_OR_TUPLE":
        "Argument `<arg_name>` should be a bool, dict, float, int, str or tuple, got <arg_type>.",
    "NOT_BOOL_OR_FLOAT_OR_INT_OR_LIST_OR_NONE_OR_STR_OR_TUPLE":
        "Argument `<arg_name>` should be a bool, float, int, list, None, str or tuple, got "
        "<arg_type>.",
    "VALUE_NOT_ANY_OR_ALL": "Value for `<arg_name>` must be 'any' or 'all', got '<arg_value>'.",
    "ARGUMENT_REQUIRED": "Argument `<arg_name>` is required when <condition>.",
    "MIXED_TYPE_REPLACEMENT": "Mixed type replacements are not supported.",
    "NOT_LIST_OF_COLUMN": "Argument `<arg_name>` should be a list[Column].",
    "VALUE_NOT_NON_EMPTY_STR":
        "Value for `<arg_name>` must be a non-empty string, got '<arg_value>'.",
    "REUSE_OBSERVATION": "An Observation can be used with a DataFrame only once.",
    "NO_OBSERVE_BEFORE_GET": "Should observe by calling `DataFrame.observe` before `get`.",
    "ENGINE_NOT_BUILT": "Ember's native engine module (_core) was not found in <path>. Build it "
                        "with `make release` or point EMBER_BUILD_DIR at a build folder.",
}


def render_message(error_class, params):
    """"[CLASS] text" with each <param> replaced; unknown classes show their parameters."""
    if error_class is None:
        return ""
    template = ERROR_CLASSES.get(error_class)
    if template is None:
        detail = ", ".join("%s=%s" % kv for kv in params.items())
        return "[%s] %s" % (error_class, detail)
    text = re.sub(r"<([A-Za-z0-9_]+)>",
                  lambda m: str(params.get(m.group(1), m.group(0))), template)
    return "[%s] %s" % (error_class, text)
