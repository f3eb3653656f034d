"""Column metadata (StructField.metadata) through DataFrame transformations, as Spark keeps it.

The engine's schema has no metadata, so each DataFrame keeps its columns' metadata by name and a
new plan node derives its own from its input's: a column reference keeps the metadata of the column
it names, an alias keeps its child's (or takes the one given by alias(metadata=...)), any other
expression has none. Joins keep both sides', unions the first input's.
"""

from pyspark.sql.column import name_parts

# Plan ops whose output columns are their input's.
_KEEPING_OPS = {"filter", "sort", "limit", "offset", "repartition", "distinct", "alias", "hint",
                "union", "set_op"}
# Joins whose output is the left input's columns alone.
_LEFT_ONLY_JOINS = {"semi", "leftsemi", "anti", "leftanti"}


def _lookup(metadata, name):
    if name in metadata:
        return metadata[name]
    lowered = name.lower()
    for key, value in metadata.items():
        if key.lower() == lowered:
            return value
    return None


def _output_metadata(metadata, expr):
    """(output name, metadata) of one select item, None when it has no metadata or no fixed name."""
    kind = expr.get("e")
    if kind == "sql" and expr["text"].strip().isidentifier():  # selectExpr("name")
        expr = {"e": "col", "name": expr["text"].strip()}
        kind = "col"
    if kind == "col":
        name = name_parts(expr["name"])[-1]
        found = _lookup(metadata, name)
        return (name, found) if found else None
    if kind == "alias" and "names" not in expr:
        if expr.get("metadata") is not None:
            return expr["name"], expr["metadata"]
        inner = _output_metadata(metadata, expr["child"])
        return (expr["name"], inner[1]) if inner else None
    return None


def _select(metadata, exprs):
    out = {}
    for expr in exprs:
        if expr.get("e") == "star":
            out.update(metadata)
            continue
        named = _output_metadata(metadata, expr)
        if named:
            out[named[0]] = named[1]
    return out


def _with_columns(metadata, names, exprs):
    lowered = {n.lower() for n in names}
    out = {k: v for k, v in metadata.items() if k.lower() not in lowered}
    for name, expr in zip(names, exprs):
        named = _output_metadata(metadata, {"e": "alias", "child": expr, "name": name})
        if named:
            out[name] = named[1]
    return out


def _rename(metadata, names):
    renames = {old.lower(): new for old, new in zip(names[0::2], names[1::2])}
    return {renames.get(k.lower(), k): v for k, v in metadata.items()}


def metadata_after(metadata, plan, other=None):
    """The column metadata of `plan`'s output, given its input's (`other`: a join's right input's)."""
    op = plan.get("op")
    if op == "join":
        if plan.get("how", "").replace("_", "").lower() in _LEFT_ONLY_JOINS:
            return dict(metadata)
        return dict(other or {}, **metadata)
    if not metadata:
        return {}
    if op in _KEEPING_OPS:
        return dict(metadata)
    if op == "project":
        return _select(metadata, plan["exprs"])
    if op == "with_columns":
        return _with_columns(metadata, plan["names"], plan["exprs"])
    if op == "rename":
        return _rename(metadata, plan["names"])
    if op == "drop":
        dropped = {n.lower() for n in plan["names"]}
        return {k: v for k, v in metadata.items() if k.lower() not in dropped}
    if op == "aggregate":
        return _select(metadata, list(plan["groups"]) + list(plan["aggs"]))
    return {}
