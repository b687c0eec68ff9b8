"""`mlemod inspect` through the real CLI entry point: text, JSON, HTML, and bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from insight_support import TITANIC, build, write
from mlemodernizer.cli import main


@pytest.fixture
def titanic_file(tmp_path):
    return write(tmp_path / "titanic.ipynb", build(*TITANIC, written="2017-06"))


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    write(root / "titanic" / "notebooks" / "a.ipynb", build(*TITANIC))
    (root / "titanic" / "notebooks.csv").write_text("name,written\na,2017-06\n")
    write(root / "house-prices" / "notebooks" / "b.ipynb",
          build("import pandas as pd\nimport seaborn as sns", ("sns.distplot(df.SalePrice)", ["hist"])))
    (root / "house-prices" / "notebooks.csv").write_text("name,written\nb,2019-03\n")
    return root


def assert_self_contained(html: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "<link" not in html.lower() and "<script" not in html.lower()
    assert "@import" not in html and "url(" not in html


def test_inspect_a_notebook_prints_its_facts_and_the_time(titanic_file, capsys):
    assert main(["inspect", str(titanic_file)]) == 0
    out, err = capsys.readouterr()
    assert "sklearn-moved-modules" in out and "pandas-ix" in out
    assert "pipeline: load (cells 2)" in out
    assert "plots: histogram, confusion matrix" in out
    assert "accuracy 0.8134" in out and "stored figures (2)" in out
    assert re.search(r"inspected 1 notebook\(s\) in [\d.]+ s: [\d.]+ s per notebook", err)


def test_inspect_json_is_the_model(titanic_file, capsys):
    assert main(["inspect", str(titanic_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["written"] == "2017-06"
    assert [f["kinds"] for f in data["figures"]] == [["histogram"], ["confusion matrix"]]
    assert data["claims"][0]["code_cell"] == 7


def test_inspect_html_of_a_notebook_embeds_its_figures_and_requests_nothing(titanic_file, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["inspect", str(titanic_file), "--html", str(out)]) == 0
    html = out.read_text()
    assert html.count('src="data:image/png;base64,') == 3  # the two stored figures and the plot-kind chart
    assert "Eroded APIs" in html and "0.8134" in html
    assert_self_contained(html)


def test_inspect_a_corpus_aggregates_and_writes_html(corpus, tmp_path, capsys):
    out = tmp_path / "corpus.html"
    assert main(["inspect", str(corpus), "--html", str(out)]) == 0
    text, err = capsys.readouterr()
    assert "per competition" in text and "per year" in text
    assert re.search(r"^house-prices\s+1\s", text, re.MULTILINE) and re.search(r"^2019\s+1\s", text, re.MULTILINE)
    assert "inspected 2 notebook(s)" in err
    html = out.read_text()
    assert "Per competition" in html and "Per year" in html and html.count("data:image/png;base64,") >= 3
    assert_self_contained(html)


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.ipynb", "no such file or directory"),
    (lambda p: (p / "broken.ipynb", (p / "broken.ipynb").write_text('{"cells": [')), "not valid JSON"),
    (lambda p: (p / "other.ipynb", (p / "other.ipynb").write_text('{"a": 1}')), "not a Jupyter notebook"),
    (lambda p: (p / "empty").mkdir() or p / "empty", "holds no .ipynb"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, make, message):
    made = make(tmp_path)
    path = made[0] if isinstance(made, tuple) else made
    assert main(["inspect", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert err.startswith("mlemod: ") and err.count("\n") == 1


def test_a_corpus_of_only_broken_notebooks_exits_2(tmp_path, capsys):
    (tmp_path / "c" / "notebooks").mkdir(parents=True)
    (tmp_path / "c" / "notebooks" / "x.ipynb").write_text("nope")
    assert main(["inspect", str(tmp_path)]) == 2
    assert "no readable notebook" in capsys.readouterr().err


def test_html_into_a_missing_folder_is_bad_input(titanic_file, tmp_path, capsys):
    assert main(["inspect", str(titanic_file), "--html", str(tmp_path / "no" / "r.html")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (apt-get install "
                    "chromium); the HTML is checked as text only")
def test_the_corpus_html_renders_in_headless_chromium(corpus, tmp_path):
    out = tmp_path / "corpus.html"
    assert main(["inspect", str(corpus), "--html", str(out)]) == 0
    shot = tmp_path / "corpus.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={shot}", "--window-size=1280,2000", out.as_uri()],
                   check=True, capture_output=True, timeout=120)
    from PIL import Image

    image = Image.open(shot)
    assert image.size == (1280, 2000)
    assert len(set(image.convert("L").resize((64, 64)).getdata())) > 8  # something was drawn, not a blank page
