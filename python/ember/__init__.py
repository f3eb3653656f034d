"""Ember: a Spark-compatible engine behind the PySpark API.

`import ember; ember.activate()` makes `import pyspark` resolve to Ember's implementation in this
process. `load_core()` finds the native module `_core`: in $EMBER_BUILD_DIR when set, else in the
checkout's build/release folder (as `make release` builds it), with no install step.
"""

import glob
import importlib.machinery
import importlib.util
import os
import sys

__version__ = "4.0.0"

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_DIR = os.path.dirname(PYTHON_DIR)

_core_module = None


def build_dir():
    """The build folder that holds the native module."""
    env = os.environ.get("EMBER_BUILD_DIR")
    if env:
        return os.path.abspath(env)
    return os.path.join(REPO_DIR, "build", "release")


def _find_core_file(folder):
    for sub in ("python", "src/python", ""):
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            candidate = os.path.join(folder, sub, "_core" + suffix)
            if os.path.isfile(candidate):
                return candidate
    matches = sorted(glob.glob(os.path.join(folder, "**", "_core*.so"), recursive=True))
    return matches[0] if matches else None


def load_core():
    """Imports and returns the native module; raises PySparkRuntimeError when it is not built."""
    global _core_module
    if _core_module is not None:
        return _core_module
    folder = build_dir()
    path = _find_core_file(folder) if os.path.isdir(folder) else None
    if path is None:
        from pyspark.errors import PySparkRuntimeError
        raise PySparkRuntimeError(errorClass="ENGINE_NOT_BUILT", messageParameters={"path": folder})
    spec = importlib.util.spec_from_file_location("ember._core", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["ember._core"] = module
    _core_module = module
    return module


def activate():
    """Puts Ember's pyspark first on sys.path and drops any real pyspark already imported."""
    if sys.path[:1] != [PYTHON_DIR]:
        while PYTHON_DIR in sys.path:
            sys.path.remove(PYTHON_DIR)
        sys.path.insert(0, PYTHON_DIR)
    for name in list(sys.modules):
        if name == "pyspark" or name.startswith("pyspark."):
            module = sys.modules[name]
            origin = getattr(module, "__file__", None) or ""
            if not os.path.abspath(origin).startswith(PYTHON_DIR + os.sep):
                del sys.modules[name]
