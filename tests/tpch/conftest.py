"""Makes bench/tpch importable (the shared harness, the runner, the DataFrame queries) with `pyspark`
meaning Ember; the `spark` fixture is one local[2] session for the module's tests."""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "tpch"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import ember_runner  # noqa: E402  (activates Ember's pyspark)
import pytest  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    session = ember_runner.session(2)
    yield session
    session.stop()
