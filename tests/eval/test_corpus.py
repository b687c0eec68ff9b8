"""The corpus layout, competition.toml and the built-in registry."""

import json
from pathlib import Path

import pytest
from mlemodernizer.errors import InputError
from mlemodernizer.eval.corpus import load_corpus
from mlemodernizer.competitions.registry import BUILTIN
from support import SHARED_DATA

SHARED = SHARED_DATA


def make_comp(root: Path, slug: str, notebooks=("a", "b"), toml: str | None = None, csv: str | None = None) -> Path:
    folder = root / slug
    (folder / "data").mkdir(parents=True)
    (folder / "notebooks").mkdir()
    for name in notebooks:
        (folder / "notebooks" / f"{name}.ipynb").write_text(json.dumps({"cells": [], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}))
    if toml is not None:
        (folder / "competition.toml").write_text(toml)
    if csv is not None:
        (folder / "notebooks.csv").write_text(csv)
    return folder


def test_known_slug_needs_no_toml_and_notebooks_csv_is_merged(tmp_path):
    folder = make_comp(tmp_path, "titanic", csv="name,repo,written,reported_score\na,x/y,2017-03,0.78\n")
    (folder / "notebooks" / "a").mkdir()  # helper folder
    (folder / "answers.csv").write_text("PassengerId,Survived\n")
    [comp] = load_corpus(tmp_path)
    assert comp.spec == BUILTIN["titanic"] and comp.answers == folder / "answers.csv"
    a, b = comp.notebooks
    assert (a.key, a.written, a.reported_score, a.repo, a.files_dir) == ("titanic/a", "2017-03", 0.78, "x/y", folder / "notebooks/a")
    assert (b.written, b.reported_score, b.files_dir) == (None, None, None)


def test_toml_declares_an_unknown_competition_and_overrides_a_known_one(tmp_path):
    make_comp(tmp_path, "my-comp", toml='metric = "mae"\nid_column = "key"\ntarget_columns = "value"\nsubmission = "out*.csv"\n')
    make_comp(tmp_path, "titanic", toml='submission = "submission.csv"\n')
    comps = {c.slug: c for c in load_corpus(tmp_path)}
    mine = comps["my-comp"].spec
    assert (mine.metric, mine.better, mine.id_column, mine.target_columns, mine.submission) == ("mae", "min", "key", ("value",), "out*.csv")
    assert comps["titanic"].spec.submission == "submission.csv" and comps["titanic"].spec.metric == "accuracy"


@pytest.mark.parametrize(
    "toml, message",
    [
        ('metric = "mae"\n', "id_column must be set"),
        ('metric = "bleu"\nid_column = "id"\n', "unknown metric 'bleu'"),
        ('metric = "mae"\nid_column = "id"\ncolour = 1\n', "unknown key(s) colour"),
        ('metric = "mae"\nid_column = "id"\ndirection = "up"\n', "direction must be"),
        ("metric = \n", "not valid TOML"),
    ],
)
def test_bad_competition_toml_is_a_one_line_error(tmp_path, toml, message):
    make_comp(tmp_path, "my-comp", toml=toml)
    with pytest.raises(InputError, match=None) as info:
        load_corpus(tmp_path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_layout_errors(tmp_path):
    with pytest.raises(InputError, match="not a directory"):
        load_corpus(tmp_path / "missing")
    make_comp(tmp_path, "unknown-slug")
    with pytest.raises(InputError, match="needs a competition.toml"):
        load_corpus(tmp_path)
    with pytest.raises(InputError, match="no competition folder nope"):
        load_corpus(tmp_path, ["nope"])
    make_comp(tmp_path, "titanic", csv="name,reported_score\na,high\n")
    with pytest.raises(InputError, match="reported_score of a is not a number"):
        load_corpus(tmp_path, ["titanic"])


def test_limit_and_competition_filter(tmp_path):
    make_comp(tmp_path, "titanic", notebooks=("c", "a", "b"))
    make_comp(tmp_path, "spooky-author-identification")
    [comp] = load_corpus(tmp_path, ["titanic"], limit=2)
    assert [n.name for n in comp.notebooks] == ["a", "b"]


@pytest.mark.skipif(not (SHARED / "leaf-classification").is_dir(), reason="needs ../shared/data")
def test_leaf_species_columns_come_from_the_sample_submission():
    targets = BUILTIN["leaf-classification"].resolve_targets(SHARED / "leaf-classification/input")
    assert len(targets) == 99 and "Acer_Capillipes" in targets and "id" not in targets
    with pytest.raises(InputError, match="no target columns declared"):
        BUILTIN["leaf-classification"].resolve_targets(Path("/nonexistent"))
