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
