"""Staging the Kaggle layout: aliases, zip twins, helper files, and a data folder left untouched."""

from __future__ import annotations

import zipfile

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.errors import InputError
from mlemodernizer.executor.layout import stage
from support import make_notebook


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "train.csv").write_text("a,b\n1,2\n")
    with zipfile.ZipFile(folder / "test.csv.zip", "w") as zf:
        zf.writestr("test.csv", "a\n3\n")
        zf.writestr("../escape.csv", "evil")  # must never be extracted outside the input folder
    return folder


def test_flat_slug_and_zip_twins(data):
    ws = stage(RunRequest(notebook=make_notebook("pass"), data_dir=data, competition="demo"))
    try:
        names = set(ws.data_files())
        assert {"train.csv", "train.csv.zip", "test.csv", "test.csv.zip"} <= names
        assert (ws.input / "demo" / "train.csv").read_text() == "a,b\n1,2\n"
        assert zipfile.ZipFile(ws.input / "train.csv.zip").read("train.csv") == b"a,b\n1,2\n"
        assert not (ws.root / "escape.csv").exists() and not (ws.input / "escape.csv").exists()
        assert sorted(p.name for p in data.iterdir()) == ["test.csv.zip", "train.csv"]  # source untouched
    finally:
        ws.cleanup()
    assert not ws.root.exists()


def test_missing_folders_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        stage(RunRequest(notebook=make_notebook("pass"), data_dir=tmp_path / "nope"))
    with pytest.raises(InputError, match="helper files"):
        stage(RunRequest(notebook=make_notebook("pass"), files_dir=tmp_path / "nope"))


def test_files_written_ignores_staged_helpers(tmp_path):
    helpers = tmp_path / "helpers"
    helpers.mkdir()
    (helpers / "util.py").write_text("X = 1\n")
    ws = stage(RunRequest(notebook=make_notebook("pass"), files_dir=helpers))
    try:
        assert ws.files_written() == []
        (ws.working / "out.csv").write_text("x\n")
        (ws.working / "util.py").write_text("X = 2\n")  # modified counts as written
        assert [f.path for f in ws.files_written()] == ["out.csv", "util.py"]
    finally:
        ws.cleanup()


def test_hardlinked_staging_leaves_the_users_file_modes_alone(data):
    (data / "train.csv").chmod(0o644)
    ws = stage(RunRequest(notebook=make_notebook("pass"), data_dir=data), hardlink=True)
    try:
        assert (data / "train.csv").stat().st_mode & 0o777 == 0o644
    finally:
        ws.cleanup()
