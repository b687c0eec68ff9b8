"""NLTK data in the fixed environment: installed by NLTK's own downloader from a local index, recorded,
part of the fingerprint, and found by a kernel of the environment without any setting."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor import lockenv, nltk_data
from mlemodernizer.executor.base import get_executor
from support import code_notebook, stdout

# Our own words, so that a read can only have come from the archive we wrote.
WORDS = ["mlemodword", "another", "third"]


def publish(folder: Path) -> Path:
    """A folder laid out as NLTK's index is served, with one package (stopwords) of our own making."""
    archive = folder / "packages" / "corpora" / "stopwords.zip"
    archive.parent.mkdir(parents=True)
    english = "\n".join(WORDS) + "\n"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("stopwords/english", english)
    data = archive.read_bytes()
    (folder / "index.xml").write_text(
        '<?xml version="1.0"?>\n<nltk_data><packages>\n'
        f'<package id="stopwords" name="Stopwords" unzip="1" unzipped_size="{len(english)}" size="{len(data)}"'
        f' checksum="{hashlib.md5(data).hexdigest()}" subdir="corpora"'
        ' url="https://example.invalid/stopwords.zip" />\n'
        '<package id="wordnet" name="WordNet" unzip="1" unzipped_size="1" size="1" checksum="00"'
        ' subdir="corpora" url="https://example.invalid/wordnet.zip" />\n'
        '</packages><collections/></nltk_data>\n')
    return folder


def test_the_list_reads_ids_without_comments(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("# header\nstopwords   # why\n\n  punkt_tab\n")
    assert nltk_data.requested(listing) == ["stopwords", "punkt_tab"]
    assert "stopwords" in nltk_data.requested()


def test_the_fingerprint_covers_the_list_not_its_comments(tmp_path, monkeypatch):
    before = lockenv.lock_hash("tabular")
    listing = tmp_path / "list.txt"
    listing.write_text(nltk_data.DATA_LIST.read_text() + "\n# a comment changes nothing\n")
    monkeypatch.setattr(nltk_data, "DATA_LIST", listing)
    assert lockenv.lock_hash("tabular") == before
    listing.write_text(nltk_data.DATA_LIST.read_text() + "brown\n")
    assert lockenv.lock_hash("tabular") != before


def test_installs_from_a_local_index_and_records_what_it_lacks(tmp_path, monkeypatch):
    python = lockenv.venv_python("tabular")
    monkeypatch.setenv(nltk_data.SOURCE_VARIABLE, str(publish(tmp_path / "index")))
    target = tmp_path / "env" / "nltk_data"
    assert nltk_data.install(python, target, ["stopwords", "wordnet", "no_such_package"]) == {
        "stopwords": True, "wordnet": False, "no_such_package": False}
    record = json.loads((target / nltk_data.RECORD).read_text())
    assert record["packages"]["stopwords"] and record["source"] == str(tmp_path / "index")
    assert set(record["missing"]) == {"wordnet", "no_such_package"} and all(record["missing"].values())
    read = subprocess.run([str(python), "-c", "from nltk.corpus import stopwords; print(stopwords.words('english'))"],
                          capture_output=True, text=True, env={**os.environ, "NLTK_DATA": str(target)})
    assert read.stdout.strip() == str(WORDS)


def test_a_folder_without_an_index_installs_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(nltk_data.SOURCE_VARIABLE, str(tmp_path / "empty"))
    assert nltk_data.install(lockenv.venv_python("tabular"), tmp_path / "data", ["stopwords"]) == {"stopwords": False}


def test_the_environment_records_its_nltk_data_and_a_kernel_searches_it():
    python = lockenv.venv_python("tabular")
    record = nltk_data.installed(python.parent.parent)
    assert set(record) == set(nltk_data.requested())
    nb = code_notebook("import nltk, sys, os; print(os.path.join(sys.prefix, 'nltk_data') in nltk.data.path)",
                       "from nltk.corpus import stopwords\ntry:\n    print(len(stopwords.words('english')) > 100)\n"
                       "except LookupError:\n    print('absent')")
    session = get_executor("local").start(RunRequest(notebook=nb))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert stdout(result.cells[0]).strip() == "True"
    # What the kernel finds is what the record says was installed.
    assert stdout(result.cells[1]).strip() == ("True" if record["stopwords"] else "absent")


@pytest.mark.parametrize("broken", ["<not xml", ""])
def test_a_broken_index_is_not_a_traceback(tmp_path, monkeypatch, broken):
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "index.xml").write_text(broken)
    monkeypatch.setenv(nltk_data.SOURCE_VARIABLE, str(folder))
    assert nltk_data.install(lockenv.venv_python("tabular"), tmp_path / "data", ["stopwords"]) == {"stopwords": False}


def test_env_nltk_completes_an_environment_built_without_its_data_and_keeps_what_it_held(tmp_path, monkeypatch):
    # an environment of our own (the tabular one's interpreter and packages) whose build reached no NLTK data
    real = lockenv.venv_python("tabular").parent.parent
    env = tmp_path / "cache" / "envs" / real.name
    (env / "bin").mkdir(parents=True)
    (env / "bin" / "python").symlink_to(real / "bin" / "python")
    (env / "lib").symlink_to(real / "lib")
    (env / "pyvenv.cfg").write_text((real / "pyvenv.cfg").read_text())
    (env / ".complete").write_text("")
    run = {**os.environ, "MLEMOD_CACHE": str(tmp_path / "cache"), nltk_data.SOURCE_VARIABLE: str(tmp_path / "none")}
    mlemod = [sys.executable, "-m", "mlemodernizer.cli", "env", "nltk"]
    first = subprocess.run(mlemod, capture_output=True, text=True, env=run, timeout=300)
    assert first.returncode == 1 and f"0 of {len(nltk_data.requested())} installed" in first.stdout, first.stderr
    # a local copy of the index that has stopwords (ours) and not the rest: stopwords is installed, the rest stays
    # missing with the downloader's reason, and a second run asks again only for what is still missing
    run[nltk_data.SOURCE_VARIABLE] = str(publish(tmp_path / "index"))
    second = subprocess.run(mlemod, capture_output=True, text=True, env=run, timeout=300)
    assert second.returncode == 1 and f"1 of {len(nltk_data.requested())} installed" in second.stdout
    assert re.search(r"(?m)^stopwords +installed$", second.stdout)
    assert re.search(r"(?m)^wordnet +missing: .+", second.stdout)
    run[nltk_data.SOURCE_VARIABLE] = str(tmp_path / "none")
    third = subprocess.run(mlemod, capture_output=True, text=True, env=run, timeout=300)
    assert re.search(r"(?m)^stopwords +installed$", third.stdout) and nltk_data.installed(env)["stopwords"]
    read = subprocess.run([str(env / "bin" / "python"), "-c", "from nltk.corpus import stopwords; "
                           "print(stopwords.words('english'))"], capture_output=True, text=True,
                          env={**os.environ, "NLTK_DATA": str(env / "nltk_data")})
    assert read.stdout.strip() == str(WORDS)


def test_env_nltk_says_an_environment_not_built_is_not_built(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mlemodernizer.cli", "env", "nltk", "--profile", "full"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MLEMOD_CACHE": str(tmp_path / "empty")})
    assert proc.returncode == 3 and "not built here yet" in proc.stderr and "Traceback" not in proc.stderr
