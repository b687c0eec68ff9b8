"""scripts/signature_diff.py against a real git repository with two tagged releases of a small package."""

from __future__ import annotations

import importlib.util
import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "signature_diff.py"
OLD = '''
def train(params, data, rounds=10, learning_rates=None, verbose_eval=True):
    pass

def helper(x):
    pass

class Booster:
    def __init__(self, params=None, silent=False):
        pass
    def predict(self, data, ntree_limit=0):
        pass
    def attr(self, key):
        pass

class Model(Booster):
    def __init__(self, depth=3, silent=False, **kwargs):
        pass
'''
NEW = '''
def train(params, data, rounds=10, callbacks=None):
    pass

class Booster:
    def __init__(self, params=None):
        pass
    def predict(self, data, iteration_range=None):
        pass

class Model(Booster):
    def __init__(self, **kwargs):
        pass
'''


def _load():
    spec = importlib.util.spec_from_file_location("signature_diff", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def repo(tmp_path):
    work = tmp_path / "lib"
    (work / "pkg" / "tests").mkdir(parents=True)

    def git(*args):
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path), "PATH": os.environ["PATH"]})

    git("init", "-q")
    for tag, text in (("v1", OLD), ("v2", NEW)):
        (work / "pkg" / "_core.py").write_text(text)  # a private module: packages define public classes there
        (work / "pkg" / "tests" / "test_core.py").write_text("def test_gone(): pass\n" if tag == "v1" else "")
        git("add", "-A")
        git("commit", "-q", "-m", tag)
        git("tag", tag)
    return str(work / ".git")


def test_removed_callables_and_parameters_are_listed(repo, capsys):
    tool = _load()
    assert tool.main([repo, "v1", "v2", "pkg", "--library", "nosuchlibrary"]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = {" ".join(line.split()[:2]) for line in out[:-1]}
    assert lines == {"param Booster.__init__(silent=)", "gone Booster.attr", "param Booster.predict(ntree_limit=)",
                     "gone helper", "param train(learning_rates=)", "param train(verbose_eval=)"}
    assert all(line.endswith("-- not in the catalogue") for line in out[:-1])
    assert out[-1] == "6 removals from v1 to v2; 0 in the catalogue"


def test_parameters_a_kwargs_still_takes_are_listed_only_on_request(repo, capsys):
    tool = _load()
    assert tool.main([repo, "v1", "v2", "pkg", "--library", "nosuchlibrary", "--all"]) == 0
    out = capsys.readouterr().out
    assert "Model.__init__(depth=)" in out and "Model.__init__(silent=)" in out


def test_a_removal_the_catalogue_records_names_its_entry(repo, capsys):
    tool = _load()
    assert tool.recorded("Booster.__init__", "silent", "lightgbm") == "lightgbm-booster-silent"
    assert tool.recorded("train", "learning_rates", "xgboost") == "xgboost-train-learning-rates"
    assert tool.recorded("train", "learning_rates", "catboost") is None  # another library's removal


def test_an_unknown_tag_is_a_one_line_error(repo, capsys):
    assert _load().main([repo, "v1", "v9", "pkg"]) == 2
    assert capsys.readouterr().err.startswith("signature_diff: git failed:")


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


OLD_API = {
    "__init__.py": "from ._core import Booster, train\nfrom .plots import *\n",
    "_core.py": OLD,
    "plots.py": "def plot_importance(booster, ax=None, height=0.2):\n    pass\n",
}
NEW_API = {
    "__init__.py": "from ._core import Booster, train\n",
    "_core.py": NEW + "\nclass Axes:\n    get_xticks = _wrapper('xaxis')\n",
    "plots.py": "def plot_importance(booster, ax=None):\n    pass\n",
}


def test_two_folders_are_compared_as_two_tags(tmp_path, capsys):
    old = _package(tmp_path / "old" / "pkg", OLD_API)
    new = _package(tmp_path / "new" / "pkg", NEW_API)
    assert _load().main(["--dirs", str(old), str(new), "--library", "nosuchlibrary"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert {" ".join(line.split()[:2]) for line in out[:-1]} >= {"gone helper", "param plot_importance(height=)"}


def test_api_keeps_what_the_old_release_exported_star_imports_included(tmp_path, capsys):
    old = _package(tmp_path / "old" / "pkg", OLD_API)
    new = _package(tmp_path / "new" / "pkg", NEW_API)
    assert _load().main(["--dirs", str(old), str(new), "--library", "nosuchlibrary", "--api"]) == 0
    lines = {" ".join(line.split()[:2]) for line in capsys.readouterr().out.splitlines()[:-1]}
    assert "gone helper" not in lines  # defined, never exported
    assert {"param plot_importance(height=)", "gone Booster.attr", "param train(learning_rates=)"} <= lines
    assert not any(line.startswith("gone Model") or "Model." in line for line in lines)  # not exported


def test_a_name_bound_by_assignment_is_still_defined(tmp_path):
    tool = _load()
    old = tool.definitions_of([("_core.py", "class Axes:\n    def get_xticks(self, minor=False):\n        pass\n")])
    new = tool.definitions_of([("_core.py", "class Axes:\n    get_xticks = _wrapper('xaxis', 'get_ticklocs')\n")])
    assert tool.removals(old, new) == []  # generated at import: neither gone nor a parameter lost
    gone = tool.definitions_of([("_core.py", "LIMIT = 3\nclass Axes:\n    pass\n")])
    assert tool.removals(gone, tool.definitions_of([("_core.py", "class Axes:\n    pass\n")])) == []  # a constant


def test_dirs_that_are_not_folders_are_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        _load().main(["--dirs", str(tmp_path / "nope"), str(tmp_path), "--library", "x"])
    assert stop.value.code == 2 and "--dirs takes two folders" in capsys.readouterr().err


def test_old_parameters_table_keeps_callables_that_lost_a_parameter(tmp_path):
    spec = importlib.util.spec_from_file_location("old_parameters_table", SCRIPT.with_name("old_parameters_table.py"))
    module = importlib.util.module_from_spec(spec)
    import sys
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPT.parent))
    first = _package(tmp_path / "a" / "pkg", {"__init__.py": "from .core import read, check\n", "core.py":
                     "def read(io, sheetname=None, sheet_name=0):\n    pass\ndef check(x, dtype=None):\n    pass\n"})
    second = _package(tmp_path / "b" / "pkg", {"__init__.py": "from .core import read, check\n", "core.py":
                      "def read(io, sheet_name=0, header=0):\n    pass\ndef check(x, dtype=None):\n    pass\n"})
    today = _package(tmp_path / "c" / "pkg", {"core.py": "def read(io, sheet_name=0, header=0):\n    pass\n"
                                                         "def check(x, dtype=None):\n    pass\n"})
    table = module.table_for("pkg", [first, second], today)
    # read lost sheetname (given by one release of two); check lost nothing and is left out
    assert table == {"read": [["header", "io", "sheet_name", "sheetname"], ["io", "sheet_name"]]}
