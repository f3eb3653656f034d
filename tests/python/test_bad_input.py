"""Damaged and hostile input files: a wrong magic, a corrupt footer, a truncated page, lying
lengths (footer and page sizes beyond the file) and invalid UTF-8 in CSV and JSON. Each read must
fail with the PySpark exception naming the file (never a crash or a UnicodeDecodeError), or, for
text that is merely not UTF-8, read with U+FFFD in place of the bad bytes as Spark's decoder does."""

import os
import struct

import pytest
from pyspark.errors import PySparkException
from pyspark.errors.exceptions.base import SparkRuntimeException
from pyspark.sql import Row


@pytest.fixture
def parquet_bytes(spark, tmp_path):
    """An uncompressed single-file Parquet table of one int and one string column."""
    out = str(tmp_path / "source")
    (spark.range(500).selectExpr("CAST(id AS INT) AS n", "concat('value-', id) AS s").coalesce(1)
     .write.option("compression", "none").parquet(out))
    part = [f for f in os.listdir(out) if f.endswith(".parquet")][0]
    with open(os.path.join(out, part), "rb") as f:
        return f.read()


def read_parquet_error(spark, path, data):
    path.write_bytes(data)
    with pytest.raises(SparkRuntimeException) as error:
        spark.read.parquet(str(path)).collect()
    assert error.value.getCondition().startswith("FAILED_READ_FILE"), str(error.value)
    assert str(path) in str(error.value)
    return str(error.value)


def footer_start(data):
    (length,) = struct.unpack("<I", data[-8:-4])
    return len(data) - 8 - length


def varint(data, pos):
    """A ULEB128 varint at pos: (value, position after it)."""
    value, shift = 0, 0
    while True:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        shift += 7
        if byte < 0x80:
            return value, pos


def encode_varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def first_page_sizes(data):
    """Positions of the first page header's compressed_page_size varint (field 3, an i32 after the
    page type and uncompressed size; the thrift compact header byte of each is 0x15) and the
    page's compressed size."""
    pos = 4
    for _field in range(2):
        assert data[pos] == 0x15
        _, pos = varint(data, pos + 1)
    assert data[pos] == 0x15
    start = pos + 1
    zigzag, end = varint(data, start)
    return start, end, zigzag >> 1


def test_wrong_magic(spark, tmp_path, parquet_bytes):
    read_parquet_error(spark, tmp_path / "head.parquet", b"PAR0" + parquet_bytes[4:])
    read_parquet_error(spark, tmp_path / "tail.parquet", parquet_bytes[:-4] + b"PARQ")
    read_parquet_error(spark, tmp_path / "text.parquet", b"this is not parquet at all\n" * 4)


def test_corrupt_footer(spark, tmp_path, parquet_bytes):
    start = footer_start(parquet_bytes)
    garbage = bytes((i * 151 + 7) % 256 for i in range(len(parquet_bytes) - 8 - start))
    read_parquet_error(spark, tmp_path / "garbage.parquet", parquet_bytes[:start] + garbage + parquet_bytes[-8:])
    half = (len(parquet_bytes) - 8 - start) // 2
    cut = parquet_bytes[:start] + parquet_bytes[start:start + half] + struct.pack("<I", half) + b"PAR1"
    read_parquet_error(spark, tmp_path / "half_footer.parquet", cut)


def test_truncated_page(spark, tmp_path, parquet_bytes):
    start, end, compressed = first_page_sizes(parquet_bytes)
    page_data = end + 16  # past the rest of a small page header
    cut = parquet_bytes[:page_data + compressed // 3] + parquet_bytes[footer_start(parquet_bytes):]
    read_parquet_error(spark, tmp_path / "truncated.parquet", cut)


def test_lying_lengths(spark, tmp_path, parquet_bytes):
    beyond = struct.pack("<I", len(parquet_bytes) * 4) + b"PAR1"
    read_parquet_error(spark, tmp_path / "footer_length.parquet", parquet_bytes[:-8] + beyond)
    start, end, _ = first_page_sizes(parquet_bytes)
    huge = encode_varint((0x7FFFFF00) << 1)
    lying = parquet_bytes[:start] + huge + parquet_bytes[end:]
    # The column chunk still starts where it did, and its first page now claims about 2 GB.
    read_parquet_error(spark, tmp_path / "page_length.parquet", lying)


def test_invalid_utf8_in_csv_reads_as_replacement_characters(spark, tmp_path):
    raw = b"na\xffme,b\n1,\xc3\x28x\n2,ok\xfe\n"
    path = tmp_path / "latin.csv"
    path.write_bytes(raw)
    rows = spark.read.option("header", True).csv(str(path)).collect()
    lines = raw.decode("utf-8", "replace").splitlines()
    names = lines[0].split(",")
    assert rows == [Row(**dict(zip(names, line.split(",")))) for line in lines[1:]]


def test_invalid_utf8_in_failfast_errors_reaches_python_as_spark_exception(spark, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"1,a\n\xff\xfe,b\n")
    with pytest.raises(PySparkException) as error:
        spark.read.schema("n INT, s STRING").option("mode", "FAILFAST").csv(str(path)).collect()
    assert error.value.getCondition().startswith("MALFORMED_RECORD_IN_PARSING")
    assert "bad.csv" in str(error.value) and "\ufffd" in str(error.value)

    path = tmp_path / "bad.json"
    path.write_bytes(b'{"n": 1}\n{"n": "\xff\xfe"}\n')
    with pytest.raises(PySparkException) as error:
        spark.read.schema("n INT").option("mode", "FAILFAST").json(str(path)).collect()
    assert error.value.getCondition().startswith("MALFORMED_RECORD_IN_PARSING")
    assert "bad.json" in str(error.value)


def test_invalid_utf8_in_json_is_a_malformed_record(spark, tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"s": "fine"}\n{"s": "bro\xffken"}\n')
    rows = spark.read.schema("s STRING, _corrupt_record STRING").json(str(path)).collect()
    assert rows[0] == Row(s="fine", _corrupt_record=None)
    assert rows[1].s is None
    assert rows[1]._corrupt_record == '{"s": "bro\ufffdken"}'


def test_nul_byte_in_a_bad_record_keeps_the_rest_of_the_message(spark, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"1,a\nx\x00y,b\n")
    with pytest.raises(PySparkException) as error:
        spark.read.schema("n INT, s STRING").option("mode", "FAILFAST").csv(str(path)).collect()
    assert "nul.csv" in str(error.value)


def test_show_and_explain_of_text_that_is_not_utf8(spark, tmp_path, capsys):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"caf\xe9,1\n")
    df = spark.read.csv(str(path))
    df.show()
    assert "caf\ufffd" in capsys.readouterr().out
    df.where(df["_c0"] == "x").explain()
    assert "latin1.csv" in capsys.readouterr().out
