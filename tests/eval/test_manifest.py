"""The project's own manifest (eval/manifests/kaggle-notebooks.csv) keeps the promises its README makes."""

import re
from collections import Counter

import pytest
from mlemodernizer.eval.assemble import DEFAULT_MANIFEST, VALIDATE_FRACTION, read_manifest, recorded_splits


@pytest.fixture(scope="module")
def rows():
    return read_manifest(DEFAULT_MANIFEST)


def test_every_row_names_one_notebook_once(rows):
    keys = Counter((r.repo, r.path) for r in rows)
    assert [k for k, n in keys.items() if n > 1] == []
    assert all(re.fullmatch(r"[0-9a-f]{40}", r.commit) for r in rows)
    assert all(r.path.endswith(".ipynb") and ".ipynb_checkpoints" not in r.path for r in rows)


def test_notebooks_were_first_committed_2013_to_2021(rows):
    assert all(re.fullmatch(r"20(1[3-9]|2[01])-(0[1-9]|1[0-2])", r.written) for r in rows)


def test_a_repository_is_on_one_side_and_validate_is_about_a_third(rows):
    splits = recorded_splits(rows)  # raises for a repository with rows in both splits
    counts = Counter(r.split for r in rows)
    assert abs(counts["validate"] / len(rows) - VALIDATE_FRACTION) < 0.03
    assert set(splits.values()) == {"tune", "validate"}


def test_a_repository_gives_at_most_six_notebooks(rows):
    assert max(Counter(r.repo for r in rows).values()) <= 6
