"""Puts Ember's pyspark first on sys.path; the `spark` fixture is one session for the test run
(it needs the native module from build/release, or $EMBER_BUILD_DIR)."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))

import ember  # noqa: E402

ember.activate()

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]").appName("ember-tests")
               .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    yield session
    session.stop()
