"""The corpus assembler over a tiny real git repository made here (no network, no shared mirrors)."""

import csv
import json

import pytest
from mlemodernizer.errors import InputError
from mlemodernizer.eval.assemble import MARKER, main, read_manifest, recorded_splits, split_repos
from mlemodernizer.eval.corpus import load_corpus
from support import git

NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
               "source": ["import helper\n", "import pandas as pd\n", "df = pd.read_csv('../input/train.csv')"]}],
    "metadata": {"language_info": {"name": "python", "version": "3.6.1"}},
    "nbformat": 4,
    "nbformat_minor": 2,
}
HEADER = "competition,repo,path,commit,written,python,code_cells,helper_files,split"


@pytest.fixture
def world(tmp_path):
    """mirrors/alice+titanic/repo (a work tree's .git) holding a notebook and its helper; data/titanic/input."""
    work = tmp_path / "mirrors" / "alice+titanic" / "repo"
    (work / "nb").mkdir(parents=True)
    (work / "nb" / "My Analysis.ipynb").write_text(json.dumps(NOTEBOOK))
    (work / "nb" / "helper.py").write_text("X = 1\n")
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "first")
    commit = git(work, "rev-parse", "HEAD")
    data = tmp_path / "data" / "titanic" / "input"
    data.mkdir(parents=True)
    (data / "train.csv").write_text("PassengerId,Survived\n1,0\n")
    (data.parent / "answers.csv").write_text("PassengerId,Survived\n892,0\n")
    rows = [
        f"titanic,alice/titanic,nb/My Analysis.ipynb,{commit},2017-06,3.6.1,1,helper.py,tune",
        f"titanic,bob/titanic,a.ipynb,{'0' * 40},2018-01,2.7,9,,validate",
    ]
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("\n".join([HEADER, *rows]) + "\n")
    return {"root": tmp_path, "manifest": manifest, "commit": commit}


def _args(world, out, *extra):
    root = world["root"]
    return ["--manifest", str(world["manifest"]), "--mirrors", str(root / "mirrors"), "--data", str(root / "data"),
            "--out", str(out), *extra]


def test_tune_split_writes_the_corpus_layout(world, capsys):
    out = world["root"] / "corpus"
    assert main(_args(world, out, "--split", "tune")) == 0
    comp = out / "titanic"
    name = "alice__titanic__nb_My_Analysis"
    assert json.loads((comp / "notebooks" / f"{name}.ipynb").read_text()) == NOTEBOOK
    assert (comp / "notebooks" / name / "helper.py").read_text() == "X = 1\n"
    assert (comp / "data" / "train.csv").is_file() and (comp / "answers.csv").is_file()
    rows = list(csv.DictReader((comp / "notebooks.csv").open()))
    assert [(r["name"], r["commit"], r["split"]) for r in rows] == [(name, world["commit"], "tune")]
    assert "1 notebooks written" in capsys.readouterr().out
    # what eval/corpus.py reads
    (competition,) = load_corpus(out)
    (entry,) = competition.notebooks
    assert entry.name == name and entry.files_dir == comp / "notebooks" / name and entry.written == "2017-06"


def test_unfetched_repository_exits_1_and_names_it(world, capsys):
    out = world["root"] / "corpus"
    assert main(_args(world, out)) == 1  # bob/titanic was never fetched
    assert "bob/titanic" in capsys.readouterr().out
    assert len(list((out / "titanic" / "notebooks").glob("*.ipynb"))) == 1


def test_validate_split_only_has_the_unfetched_one(world):
    assert main(_args(world, world["root"] / "v", "--split", "validate")) == 1


def test_rerun_replaces_its_own_output_but_not_a_foreign_folder(world):
    out = world["root"] / "corpus"
    assert main(_args(world, out, "--split", "tune")) == 0
    (out / "titanic" / "notebooks" / "stale.ipynb").write_text("{}")
    assert main(_args(world, out, "--split", "tune")) == 0
    assert not (out / "titanic" / "notebooks" / "stale.ipynb").exists() and (out / MARKER).is_file()
    foreign = world["root"] / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    assert main(_args(world, foreign)) == 2
    assert (foreign / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("breakage", ["no manifest", "no mirrors", "no data", "bad split", "bad row"])
def test_bad_input_exits_2(world, breakage, capsys):
    root = world["root"]
    args = _args(world, root / "out")
    if breakage == "no manifest":
        args[1] = str(root / "missing.csv")
    elif breakage == "no mirrors":
        args[3] = str(root / "nowhere")
    elif breakage == "no data":
        args[5] = str(root / "nodata")
    elif breakage == "bad split":
        world["manifest"].write_text(world["manifest"].read_text().replace(",validate", ",holdout"))
    else:
        world["manifest"].write_text(HEADER + "\ntitanic,not-a-repo,a.ipynb,abc,,,,,tune\n")
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("assemble: ")


def test_missing_out_is_bad_usage(world):
    assert main(["--manifest", str(world["manifest"]), "--mirrors", str(world["root"] / "mirrors")]) == 2


def test_list_repos_with_and_without_split(world, capsys):
    assert main(["--manifest", str(world["manifest"]), "--list-repos"]) == 0
    assert capsys.readouterr().out.split() == ["alice/titanic", "bob/titanic"]
    assert main(["--manifest", str(world["manifest"]), "--list-repos", "--split", "validate"]) == 0
    assert capsys.readouterr().out.split() == ["bob/titanic"]


def test_read_manifest_rejects_a_missing_column(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("competition,repo,path\ntitanic,a/b,x.ipynb\n")
    with pytest.raises(InputError, match="commit"):
        read_manifest(path)


def test_split_repos_is_deterministic_whole_repo_and_near_the_fraction():
    counts = {f"owner{i}/repo{i}": 1 + i % 5 for i in range(40)}
    fixed = {"owner0/repo0", "owner1/repo1"}
    first = split_repos(counts, "20261202", 1 / 3, fixed_tune=fixed)
    assert first == split_repos(dict(reversed(list(counts.items()))), "20261202", 1 / 3, fixed_tune=fixed)
    assert set(first) == set(counts) and all(first[r] == "tune" for r in fixed)
    validate = sum(counts[r] for r, s in first.items() if s == "validate")
    total = sum(counts.values())
    assert total / 3 <= validate < total / 3 + max(counts.values())
    assert split_repos(counts, "another seed", 1 / 3, fixed_tune=fixed) != first
    assert set(split_repos(counts, "s", 0.0).values()) == {"tune"}
    assert set(split_repos(counts, "s", 1.0).values()) == {"validate"}
    with pytest.raises(ValueError):
        split_repos(counts, "s", 1.5)


def test_split_repos_keeps_recorded_splits_and_assigns_only_new_repositories():
    old = {f"old{i}/r": 1 + i % 4 for i in range(30)}
    recorded = split_repos(old, "20261202", 1 / 3, fixed_tune={"old0/r"})
    new = {f"new{i}/r": 1 + i % 3 for i in range(30)}
    grown = split_repos({**old, **new}, "20261202", 1 / 3, assigned=recorded)
    assert {r: grown[r] for r in old} == recorded  # nothing recorded moves
    assert set(grown) == set(old) | set(new)
    total = sum(old.values()) + sum(new.values())
    validate = sum(n for r, n in {**old, **new}.items() if grown[r] == "validate")
    assert total / 3 <= validate < total / 3 + max(new.values())
    # a recorded split wins over the hash order and over fixed_tune; new repos are filled in hash order
    flipped = {r: ("tune" if s == "validate" else "validate") for r, s in recorded.items()}
    again = split_repos({**old, **new}, "20261202", 1 / 3, fixed_tune={"old0/r"}, assigned=flipped)
    assert {r: again[r] for r in old} == flipped
    # already a third in validate: every new repository is tune
    full = {r: "validate" for r in old}
    assert {grown_split for r, grown_split in split_repos({**old, **new}, "s", 1 / 3, assigned=full).items() if r in new} == {"tune"}
    with pytest.raises(ValueError):
        split_repos(old, "s", 1 / 3, assigned={"old1/r": "holdout"})


def test_recorded_splits_reads_manifest_rows_and_rejects_a_split_repository():
    rows = [{"repo": "a/b", "split": "tune"}, {"repo": "a/b", "split": "tune"}, {"repo": "c/d", "split": "validate"},
            {"repo": "e/f", "split": ""}]
    assert recorded_splits(rows) == {"a/b": "tune", "c/d": "validate"}
    with pytest.raises(InputError, match="a/b"):
        recorded_splits([*rows, {"repo": "a/b", "split": "validate"}])
