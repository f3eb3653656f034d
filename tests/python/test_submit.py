"""bin/ember submit: sys.argv as spark-submit sets it, Ember's pyspark on the path, and settings
merged with spark-submit's precedence (flags > --conf > properties file)."""

import json
import os
import subprocess
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBER = os.path.join(ROOT, "bin", "ember")

PROBE = textwrap.dedent("""
    import json, os, sys
    import pyspark
    from pyspark.sql import functions as F
    print(json.dumps({"argv": sys.argv, "pyspark": pyspark.__file__,
                      "conf": json.loads(os.environ["EMBER_SUBMIT_CONF"])}))
""")


def run(args, cwd):
    out = subprocess.run([EMBER] + args, cwd=cwd, capture_output=True, text=True, check=True)
    return out.stdout


def test_submit_sets_argv_path_and_settings(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    props = tmp_path / "defaults.conf"
    props.write_text("# defaults\nspark.master local[4]\nspark.a  from-file\n"
                     "spark.b=from-file\nspark.c : from-file\n")
    result = json.loads(run(["submit", "--properties-file", str(props), "--conf", "spark.b=cli",
                             "--conf=spark.d=x=y", "--master", "local[2]", "--name", "probe",
                             str(script), "in", "--flag"], tmp_path))
    assert result["argv"] == [str(script), "in", "--flag"]
    assert result["pyspark"] == os.path.join(ROOT, "python", "pyspark", "__init__.py")
    assert result["conf"] == {"spark.master": "local[2]", "spark.a": "from-file",
                              "spark.b": "cli", "spark.c": "from-file", "spark.d": "x=y",
                              "spark.app.name": "probe"}


def test_version():
    assert "4.0.0" in subprocess.run([EMBER, "version"], capture_output=True, text=True,
                                     check=True).stdout


def test_unknown_option_fails(tmp_path):
    out = subprocess.run([EMBER, "submit", "--bogus", "x.py"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "unknown option --bogus" in out.stderr
