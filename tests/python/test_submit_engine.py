"""bin/ember submit running an unmodified PySpark script on the engine."""

import os
import subprocess
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBER = os.path.join(ROOT, "bin", "ember")


def run(args, cwd):
    out = subprocess.run([EMBER] + args, cwd=cwd, capture_output=True, text=True, check=True)
    return out.stdout


def test_submit_runs_an_unmodified_pyspark_script(tmp_path):
    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent("""
        import sys
        from pyspark.sql import SparkSession, functions as F
        spark = SparkSession.builder.appName("job").getOrCreate()
        df = spark.createDataFrame([(1, "a"), (2, "b"), (3, "a")], ["n", "k"])
        df.groupBy("k").agg(F.sum("n").alias("total")).orderBy("k").show()
        print(spark.conf.get("spark.sql.session.timeZone"), sys.argv[1])
        spark.stop()
    """))
    out = run(["submit", "--conf", "spark.sql.session.timeZone=Asia/Tokyo", str(script), "arg"],
              tmp_path)
    assert out == ("+---+-----+\n"
                   "|  k|total|\n"
                   "+---+-----+\n"
                   "|  a|    4|\n"
                   "|  b|    2|\n"
                   "+---+-----+\n"
                   "\n"
                   "Asia/Tokyo arg\n")
