"""One notebook from code, text and stored images together; a corpus aggregated."""

from __future__ import annotations

import io

import imagehash
from insight_support import TITANIC, build, png, write
from mlemodernizer.insight.notebook import inspect_corpus, inspect_notebook
from mlemodernizer.insight.render import corpus_text, notebook_text
from mlemodernizer.insight.versions import version_now
from PIL import Image


def test_a_notebook_from_its_code_text_and_figures(titanic):
    n = inspect_notebook(titanic)
    libs = {lib.module: lib for lib in n.libraries}
    assert sorted(libs) == ["matplotlib", "numpy", "pandas", "seaborn", "sklearn"]
    assert (libs["pandas"].then, libs["sklearn"].then) == ("0.20", "0.18")
    assert libs["sklearn"].now == version_now("scikit-learn")[0]
    assert n.python_then == "3.6.4" and n.python_now == "3.11"
    rules = {e.rule_id for e in n.eroded}
    assert {"sklearn-moved-modules", "pandas-ix"} <= rules, rules
    assert [e.cell for e in n.eroded if e.rule_id == "pandas-ix"] == [7]
    assert n.stages == {"load": [2], "explore": [2, 3], "preprocess": [5, 7], "train": [7], "evaluate": [7, 8],
                        "submit": [9]}
    assert [m.name for m in n.models] == ["RandomForestClassifier"]
    assert [m.name for m in n.metrics] == ["accuracy_score", "confusion_matrix"]
    assert [d.path for d in n.data_read] == ["../input/train.csv", "../input/test.csv"]
    assert [d.path for d in n.data_written] == ["submission.csv"]
    assert [(t.kind, t.name) for t in n.testing if t.kind == "split"] == [("split", "train_test_split")]
    assert [(h.level, h.text) for h in n.outline] == [(1, "Titanic survival"), (2, "Loading"), (2, "Features"),
                                                      (2, "Model")]
    (claim,) = n.claims
    assert (claim.cell, claim.code_cell, claim.metric, claim.value) == (6, 7, "accuracy", 0.8134)


def test_stored_figures_have_size_hash_and_the_call_that_drew_them(titanic):
    n = inspect_notebook(titanic, lint=False)
    hist, heat = n.figures
    assert (hist.cell, hist.output, hist.mime, hist.width, hist.height) == (3, 1, "image/png", 288, 216)
    assert hist.calls == ["train['Age'].hist"] and hist.kinds == ["histogram"]
    assert heat.calls == ["seaborn.heatmap"] and heat.kinds == ["confusion matrix"]
    # the hash is imagehash's phash (of a small copy laid on white): close to the full image's phash
    full = imagehash.phash(Image.open(io.BytesIO(png("hist"))).convert("RGB"))
    assert imagehash.hex_to_hash(hist.phash) - full <= 6
    assert imagehash.hex_to_hash(hist.phash) - imagehash.hex_to_hash(heat.phash) > 10
    text = notebook_text(n)
    assert "stored figures (2)" in text and "confusion matrix" in text and "0.8134" in text


def test_a_corpus_is_aggregated_per_competition_and_per_year(tmp_path):
    root = tmp_path / "corpus"
    write(root / "titanic" / "notebooks" / "a.ipynb", build(*TITANIC))
    write(root / "titanic" / "notebooks" / "b.ipynb", build("import pandas as pd\ndf = pd.read_csv('train.csv')"))
    (root / "titanic" / "notebooks.csv").write_text("name,written\na,2017-06\nb,2019-02\n")
    write(root / "leaf-classification" / "notebooks" / "c.ipynb",
          build("import numpy as np\nimport matplotlib.pyplot as plt", ("plt.scatter(x, y)", [png("scatter")])))
    (root / "leaf-classification" / "notebooks" / "broken.ipynb").parent.mkdir(exist_ok=True)
    (root / "leaf-classification" / "notebooks" / "broken.ipynb").write_text("{not json")
    corpus = inspect_corpus(root)
    assert sorted(n.name for n in corpus.notebooks) == ["a", "b", "c"]
    assert list(corpus.failed) == [str(root / "leaf-classification" / "notebooks" / "broken.ipynb")]
    by_name = {n.name: n for n in corpus.notebooks}
    assert (by_name["a"].written, by_name["a"].competition, by_name["c"].year) == ("2017-06", "titanic", "unknown")
    text = corpus_text(corpus)
    lines = text.splitlines()
    titanic_row = next(line for line in lines if line.startswith("titanic "))
    assert titanic_row.split()[1:4] == ["2", str(by_name["a"].code_cells + by_name["b"].code_cells), "2"]
    for year in ("2017", "2019", "unknown"):
        assert any(line.startswith(year + " ") for line in lines), year
    assert "scatter" in text and "unreadable" in text
