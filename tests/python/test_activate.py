"""ember.activate(): Ember's pyspark wins over a pyspark that was imported before."""

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCRIPT = textwrap.dedent("""
    import os, sys, types
    fake = types.ModuleType("pyspark")
    fake.__file__ = "/elsewhere/pyspark/__init__.py"
    sys.modules["pyspark"] = fake
    sys.modules["pyspark.sql"] = types.ModuleType("pyspark.sql")
    sys.path.insert(0, os.path.join(sys.argv[1], "python"))
    import ember
    ember.activate()
    import pyspark
    from pyspark.sql import SparkSession
    print(pyspark.__file__)
    print(sys.path[0])
""")


def test_activate_replaces_imported_pyspark():
    out = subprocess.run([sys.executable, "-c", SCRIPT, ROOT], capture_output=True, text=True,
                         check=True, cwd="/")
    assert out.stdout.splitlines() == [os.path.join(ROOT, "python", "pyspark", "__init__.py"),
                                       os.path.join(ROOT, "python")]
