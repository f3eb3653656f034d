"""aes_encrypt, aes_decrypt, try_aes_decrypt against the `cryptography` package: what Ember
encrypts decrypts there (Spark's layouts: GCM iv|ciphertext|tag, CBC iv|ciphertext, ECB
ciphertext, PKCS#7 padding) and the other way round, with AAD and given IVs."""

import os

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import functions as F

crypto = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
from cryptography.hazmat.primitives import padding as pkcs  # noqa: E402
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

KEYS = [b"k" * 16, b"0123456789abcdefghijklmn", bytes(range(32))]
TEXTS = [b"", b"Spark", b"sixteen bytes!!!", "grüße, 世界".encode() * 5]


def decrypt_reference(mode, key, data, aad=b""):
    if mode == "GCM":
        return AESGCM(key).decrypt(data[:12], data[12:], aad or None)
    if mode == "CBC":
        d = Cipher(algorithms.AES(key), modes.CBC(data[:16])).decryptor()
        padded = d.update(data[16:]) + d.finalize()
    else:
        d = Cipher(algorithms.AES(key), modes.ECB()).decryptor()
        padded = d.update(data) + d.finalize()
    u = pkcs.PKCS7(128).unpadder()
    return u.update(padded) + u.finalize()


def encrypt_reference(mode, key, text, iv, aad=b""):
    if mode == "GCM":
        return iv + AESGCM(key).encrypt(iv, text, aad or None)
    p = pkcs.PKCS7(128).padder()
    padded = p.update(text) + p.finalize()
    e = Cipher(algorithms.AES(key), modes.CBC(iv) if mode == "CBC" else modes.ECB()).encryptor()
    return iv + e.update(padded) + e.finalize()


@pytest.mark.parametrize("mode", ["GCM", "CBC", "ECB"])
def test_round_trips_with_the_reference(spark, mode):
    rows = [(t, k) for t in TEXTS for k in KEYS]
    df = spark.createDataFrame(rows, "t BINARY, k BINARY").withColumn("m", F.lit(mode))
    out = df.select("t", "k", F.aes_encrypt("t", "k", "m").alias("e")).collect()
    for r in out:
        assert decrypt_reference(mode, bytes(r.k), bytes(r.e)) == bytes(r.t)
    ivs = {"GCM": os.urandom(12), "CBC": os.urandom(16), "ECB": b""}
    ours = [(encrypt_reference(mode, k, t, ivs[mode]), k, t) for t, k in rows]
    back = (spark.createDataFrame(ours, "e BINARY, k BINARY, t BINARY").withColumn("m", F.lit(mode))
            .select("t", F.aes_decrypt("e", "k", "m").alias("d")).collect())
    assert all(bytes(r.d) == bytes(r.t) for r in back)


def test_given_iv_and_aad(spark):
    key, iv, aad = bytes(range(16)), bytes(range(100, 112)), b"header"
    df = spark.createDataFrame([(b"payload", key, iv, aad)], "t BINARY, k BINARY, iv BINARY, aad BINARY")
    e = df.select(F.aes_encrypt("t", "k", F.lit("GCM"), F.lit("DEFAULT"), "iv", "aad")).first()[0]
    assert bytes(e) == encrypt_reference("GCM", key, b"payload", iv, aad)
    cbc_iv = bytes(16)
    e = df.select(F.aes_encrypt("t", "k", F.lit("cbc"), F.lit("pkcs"), F.lit(cbc_iv))).first()[0]
    assert bytes(e) == encrypt_reference("CBC", key, b"payload", cbc_iv)
    wrong = spark.createDataFrame([(bytes(e), key)], "e BINARY, k BINARY")
    assert wrong.select(F.try_aes_decrypt("e", "k")).first()[0] is None


def test_sql_strings_nulls_and_errors(spark):
    row = spark.sql("SELECT CAST(aes_decrypt(aes_encrypt('hello', 'abcdefghijklmnop'), "
                    "'abcdefghijklmnop') AS STRING), aes_encrypt(NULL, 'abcdefghijklmnop'), "
                    "try_aes_decrypt(X'0102', 'abcdefghijklmnop', 'ECB')").first()
    assert tuple(row) == ("hello", None, None)
    with pytest.raises(Exception, match="AES_KEY_LENGTH"):
        spark.sql("SELECT aes_encrypt('x', 'short')").collect()
    with pytest.raises(Exception, match="AES_CRYPTO_ERROR"):
        spark.sql("SELECT aes_decrypt(X'00112233445566778899AABBCCDDEEFF00', 'abcdefghijklmnop')").collect()
    with pytest.raises(Exception, match="AES_MODE"):
        spark.sql("SELECT aes_encrypt('x', 'abcdefghijklmnop', 'GCM', 'PKCS')").collect()
    with pytest.raises(AnalysisException):
        spark.sql("SELECT aes_encrypt(1, 'abcdefghijklmnop')").collect()
