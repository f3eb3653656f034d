"""RDD.saveAsTextFile: every task writes its partition as one part file under a temporary
folder; the driver moves the parts into place and marks the output with _SUCCESS once all are
written, and removes everything when a task fails."""

import gzip
import os
import shutil

_CODECS = {"org.apache.hadoop.io.compress.GzipCodec": (".gz", gzip.open)}


def _text(x):
    if isinstance(x, bytes):
        return x
    return (x if isinstance(x, str) else str(x)).encode("utf-8")


def save_text(rdd, path, codec_class=None):
    from pyspark.errors import PySparkValueError
    if codec_class is not None and codec_class not in _CODECS:
        raise PySparkValueError(message="Unsupported compression codec: %s" % codec_class)
    suffix, opener = _CODECS.get(codec_class, ("", open))
    folder = path[len("file:"):] if path.startswith("file:") else path
    folder = os.path.abspath(folder.replace("file://", "", 1))
    if os.path.exists(folder):
        raise FileExistsError("Output directory file:%s already exists" % folder)
    temporary = os.path.join(folder, "_temporary")
    os.makedirs(temporary)

    def write(index, records):
        with opener(os.path.join(temporary, "part-%05d%s" % (index, suffix)), "wb") as f:
            for x in records:
                f.write(_text(x) + b"\n")
        return ()
    try:
        rdd._run(write)
        for name in sorted(os.listdir(temporary)):
            os.rename(os.path.join(temporary, name), os.path.join(folder, name))
        os.rmdir(temporary)
        open(os.path.join(folder, "_SUCCESS"), "wb").close()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
