"""Array, map and struct functions of pyspark.sql.functions: constructors, element access and
the collection functions, with PySpark's signatures (columns or column names, Python literals
where PySpark takes them)."""

from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql.column import Column, col_expr, fn, lit_expr


def _cols(cols):
    """*cols as PySpark takes them: columns or names, or one list or set of them."""
    if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
        cols = tuple(cols[0])
    return [col_expr(c) for c in cols]


def _lit_or_col(value):
    return value._expr if isinstance(value, Column) else lit_expr(value)


# ---- constructors --------------------------------------------------------------------------

def array(*cols):
    return Column(fn("array", *_cols(cols)))


def create_map(*cols):
    return Column(fn("map", *_cols(cols)))


def struct(*cols):
    return Column(fn("struct", *_cols(cols)))


def named_struct(*cols):
    return Column(fn("named_struct", *[col_expr(c) for c in cols]))


# ---- element access ------------------------------------------------------------------------

def element_at(col, extraction):
    return Column(fn("element_at", col_expr(col), _lit_or_col(extraction)))


def try_element_at(col, extraction):
    return Column(fn("try_element_at", col_expr(col), col_expr(extraction)))


def get(col, index):
    return Column(fn("get", col_expr(col), _lit_or_col(index)))


# ---- collection functions ------------------------------------------------------------------

def _call(name, *cols):
    return Column(fn(name, *[col_expr(c) for c in cols]))


def array_contains(col, value):
    return Column(fn("array_contains", col_expr(col), _lit_or_col(value)))


def array_position(col, value):
    return Column(fn("array_position", col_expr(col), _lit_or_col(value)))


def arrays_overlap(a1, a2):
    return _call("arrays_overlap", a1, a2)


def array_distinct(col):
    return _call("array_distinct", col)


def array_union(col1, col2):
    return _call("array_union", col1, col2)


def array_intersect(col1, col2):
    return _call("array_intersect", col1, col2)


def array_except(col1, col2):
    return _call("array_except", col1, col2)


def array_join(col, delimiter, null_replacement=None):
    args = [col_expr(col), lit_expr(delimiter)]
    if null_replacement is not None:
        args.append(lit_expr(null_replacement))
    return Column(fn("array_join", *args))


def array_max(col):
    return _call("array_max", col)


def array_min(col):
    return _call("array_min", col)


def array_remove(col, element):
    return Column(fn("array_remove", col_expr(col), _lit_or_col(element)))


def array_repeat(col, count):
    return Column(fn("array_repeat", col_expr(col), _lit_or_col(count)))


def array_append(col, value):
    return Column(fn("array_append", col_expr(col), _lit_or_col(value)))


def array_prepend(col, value):
    return Column(fn("array_prepend", col_expr(col), _lit_or_col(value)))


def array_insert(arr, pos, value):
    return Column(fn("array_insert", col_expr(arr), _lit_or_col(pos), _lit_or_col(value)))


def array_compact(col):
    return _call("array_compact", col)


def arrays_zip(*cols):
    return Column(fn("arrays_zip", *_cols(cols)))


def flatten(col):
    return _call("flatten", col)


def sequence(start, stop, step=None):
    if step is None:
        return _call("sequence", start, stop)
    return _call("sequence", start, stop, step)


def shuffle(col, seed=None):
    if seed is None:
        return _call("shuffle", col)
    return Column(fn("shuffle", col_expr(col), _lit_or_col(seed)))


def slice(x, start, length):
    return Column(fn("slice", col_expr(x), _lit_or_col(start), _lit_or_col(length)))


def sort_array(col, asc=True):
    return Column(fn("sort_array", col_expr(col), lit_expr(asc)))


def array_sort(col, comparator=None):
    if comparator is not None:
        raise PySparkValueError(errorClass="NOT_IMPLEMENTED",
                                messageParameters={"feature": "array_sort with a comparator"})
    return _call("array_sort", col)


def map_keys(col):
    return _call("map_keys", col)


def map_values(col):
    return _call("map_values", col)


def map_entries(col):
    return _call("map_entries", col)


def map_from_arrays(col1, col2):
    return _call("map_from_arrays", col1, col2)


def map_from_entries(col):
    return _call("map_from_entries", col)


def map_concat(*cols):
    return Column(fn("map_concat", *_cols(cols)))


def map_contains_key(col, value):
    return Column(fn("map_contains_key", col_expr(col), _lit_or_col(value)))


def str_to_map(text, pairDelim=None, keyValueDelim=None):
    args = [col_expr(text)]
    if pairDelim is not None or keyValueDelim is not None:
        args.append(_lit_or_col(pairDelim if pairDelim is not None else ","))
    if keyValueDelim is not None:
        args.append(_lit_or_col(keyValueDelim))
    return Column(fn("str_to_map", *args))


# ---- generators ----------------------------------------------------------------------------

def explode(col):
    return _call("explode", col)


def explode_outer(col):
    return _call("explode_outer", col)


def posexplode(col):
    return _call("posexplode", col)


def posexplode_outer(col):
    return _call("posexplode_outer", col)


def inline(col):
    return _call("inline", col)


def inline_outer(col):
    return _call("inline_outer", col)


def stack(*cols):
    return Column(fn("stack", *[_lit_or_col(c) if not isinstance(c, str) else col_expr(c)
                                for c in cols]))


__all__ = [name for name, value in list(globals().items())
           if callable(value) and getattr(value, "__module__", None) == __name__
           and not name.startswith("_")]
