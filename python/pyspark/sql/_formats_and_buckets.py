"""Time buckets, bitmaps, number formats and seeded random values of pyspark.sql.functions:
window, window_time, bitmap_bucket_number, bitmap_bit_position, bitmap_count,
bitmap_construct_agg, bitmap_or_agg, to_number, try_to_number, to_char, to_varchar, uniform,
randstr."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["window", "session_window", "window_time", "bitmap_bucket_number", "bitmap_bit_position", "bitmap_count",
           "bitmap_construct_agg", "bitmap_or_agg", "to_number", "try_to_number", "to_char", "to_varchar", "uniform", "randstr"]


def window(timeColumn, windowDuration, slideDuration=None, startTime=None):
    """The time windows struct<start, end> holding each timestamp ("10 minutes"): one per row when
    tumbling, several when slideDuration is shorter; a null time gives no row."""
    args = [col_expr(timeColumn), lit_expr(windowDuration)]
    if slideDuration is not None or startTime is not None:
        args.append(lit_expr(slideDuration if slideDuration is not None else windowDuration))
    if startTime is not None:
        args.append(lit_expr(startTime))
    return Column(fn("window", *args))


def session_window(timeColumn, gapDuration):
    """Each event's session struct<start, end>; grouped by, the sessions of events less than
    gapDuration apart (a string such as "5 minutes", or a Column giving one per row) merge."""
    gap = lit_expr(gapDuration) if isinstance(gapDuration, str) else col_expr(gapDuration)
    return Column(fn("session_window", col_expr(timeColumn), gap))


def window_time(windowColumn):
    """The last instant of a time window column (its end minus one microsecond)."""
    return Column(fn("window_time", col_expr(windowColumn)))


def bitmap_bucket_number(col):
    return Column(fn("bitmap_bucket_number", col_expr(col)))


def bitmap_bit_position(col):
    return Column(fn("bitmap_bit_position", col_expr(col)))


def bitmap_count(col):
    return Column(fn("bitmap_count", col_expr(col)))


def bitmap_construct_agg(col):
    return Column({"e": "agg", "name": "bitmap_construct_agg", "args": [col_expr(col)], "distinct": False})


def bitmap_or_agg(col):
    return Column({"e": "agg", "name": "bitmap_or_agg", "args": [col_expr(col)], "distinct": False})


def to_number(col, format):
    """The decimal a string holds, read with a number format Column (lit("$99.99"))."""
    return Column(fn("to_number", col_expr(col), col_expr(format)))


def try_to_number(col, format):
    return Column(fn("try_to_number", col_expr(col), col_expr(format)))


def to_char(col, format):
    """A number, date, timestamp or binary as text in the format Column (lit("9,999.99"))."""
    return Column(fn("to_char", col_expr(col), col_expr(format)))


def to_varchar(col, format):
    return Column(fn("to_varchar", col_expr(col), col_expr(format)))


def uniform(min, max, seed=None):
    """A random value between constant min and max, of their type."""
    args = [lit_expr(min), lit_expr(max)] + ([] if seed is None else [lit_expr(seed)])
    return Column(fn("uniform", *args))


def randstr(length, seed=None):
    """A random string of `length` characters from 0-9, a-z and A-Z."""
    args = [lit_expr(length)] + ([] if seed is None else [lit_expr(seed)])
    return Column(fn("randstr", *args))
