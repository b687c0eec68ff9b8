"""The static pass over many notebooks: folders expanded, results in input order from worker processes,
an unreadable notebook a result rather than the end of the batch."""

import os
from functools import partial
from pathlib import Path

import pytest

from mlemodernizer.agent.rules.batch import LintOptions, lint_file, notebook_paths, over_notebooks
from mlemodernizer.errors import ExecutorError, InputError


def _pid_of(path: Path) -> tuple[str, int]:
    return path.name, os.getpid()


def test_work_runs_in_worker_processes_and_comes_back_in_input_order(tmp_path):
    paths = [tmp_path / f"{i:02d}.ipynb" for i in range(12)]
    done = list(over_notebooks(_pid_of, paths, jobs=2))
    assert [name for name, _ in done] == [p.name for p in paths]
    assert os.getpid() not in {pid for _, pid in done}
    # one job: in this process, no pool
    assert {pid for _, pid in over_notebooks(_pid_of, paths[:3], jobs=1)} == {os.getpid()}


def _dies_on_the_third(path: Path) -> str:
    if path.name == "02.ipynb":
        os._exit(9)  # as a worker killed by the kernel's OOM killer would vanish
    return path.name


def test_a_worker_that_dies_ends_the_batch_with_an_error_not_a_hang(tmp_path):
    paths = [tmp_path / f"{i:02d}.ipynb" for i in range(6)]
    with pytest.raises(ExecutorError, match="worker process died"):
        list(over_notebooks(_dies_on_the_third, paths, jobs=2))


def test_folders_stand_for_their_notebooks_but_not_fixed_outputs_or_checkpoints(tmp_path):
    for name in ("b.ipynb", "a.ipynb", "a.fixed.ipynb", "sub/c.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb",
                 "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    found = notebook_paths([tmp_path, tmp_path / "b.ipynb"])  # a file named twice is checked once
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.ipynb", "b.ipynb", "sub/c.ipynb"]
    with pytest.raises(InputError, match="no such file"):
        notebook_paths([tmp_path / "missing.ipynb"])
    with pytest.raises(InputError, match="holds no .ipynb"):
        notebook_paths([_empty(tmp_path)])


def _empty(tmp_path: Path) -> Path:
    (tmp_path / "empty").mkdir()
    return tmp_path / "empty"


def test_an_unreadable_notebook_is_a_result_with_its_reason(tmp_path, notebook):
    bad, good = tmp_path / "bad.ipynb", tmp_path / "good.ipynb"
    bad.write_text('{"cells": [{"cell_type": "code", "source": 3}], "nbformat": 4}')
    good.write_text(notebook("import numpy as np\nx = np.float(1)").dumps())
    results = list(over_notebooks(partial(lint_file, LintOptions()), [bad, good], jobs=2))
    assert results[0].error is not None and "cells[0].source" in results[0].error
    assert not results[0].clean
    assert [f.rule_id for f in results[1].findings] == ["numpy-builtin-aliases"]
    assert results[1].error is None and not results[1].clean
