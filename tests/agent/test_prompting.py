"""Prompt building: which packages are shown, how cells and attempts are rendered, template files."""

import nbformat
import pytest
from mlemodernizer.agent.prompting import (
    PROMPTS_DIR,
    imported_modules,
    load_template,
    package_versions,
    render_cells,
)
from mlemodernizer.core import Fingerprint, parse_notebook


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return parse_notebook(nbformat.writes(nb))


def test_imported_modules_reads_python2_and_ipython_cells():
    nb = notebook("%matplotlib inline\nimport numpy as np, pandas as pd\nprint 'hello'",
                  "from sklearn.cross_validation import train_test_split\nimport xgboost.sklearn\n"
                  "    from . import local\n# import os (a comment, not an import)\nx = 1  # import nothing",
                  "!pip install lightgbm\nfrom PIL import Image")
    assert imported_modules(nb) == {"numpy", "pandas", "sklearn", "xgboost", "PIL"}


def test_package_versions_only_for_imported_modules():
    fingerprint = Fingerprint(backend="local", lock="tabular", lock_hash="h",
                              packages={"scikit-learn": "1.9.0", "Pillow": "11.0.0", "numpy": "2.3.4",
                                        "lightgbm": "4.6.0", "scikit_image": "0.25.0", "xgboost-cpu": "3.2.0",
                                        "opencv-python-headless": "5.0.0", "typing_extensions": "4.15.0"})
    modules = {"sklearn", "PIL", "lightgbm", "skimage", "notinstalled", "xgboost", "cv2", "typing_extensions"}
    assert package_versions(fingerprint, modules) == [
        "- cv2 (opencv-python-headless) 5.0.0", "- lightgbm 4.6.0", "- PIL (Pillow) 11.0.0",
        "- skimage (scikit_image) 0.25.0", "- sklearn (scikit-learn) 1.9.0", "- typing_extensions 4.15.0",
        "- xgboost (xgboost-cpu) 3.2.0"]
    assert package_versions(None, {"numpy"}) == []


def test_render_cells_leaves_out_the_earliest_when_too_long(monkeypatch):
    import mlemodernizer.agent.prompting as prompting

    monkeypatch.setattr(prompting, "MAX_CELLS_CHARS", 120)
    nb = notebook("a = 1\n" * 10, "b = 2\n" * 10, "c = 3\n" * 10, "d = 4")
    text = render_cells(nb, upto=2)
    assert text.startswith("(cells 0..1 are left out for length)")
    assert "### cell 2" in text and "### cell 3" not in text


@pytest.mark.parametrize("name", ["error-repair", "runtime-reduction", "score-calibration", "reask"])
def test_templates_have_only_known_placeholders(name):
    known = {"cell", "written", "python", "packages", "data_files", "cells", "traceback", "attempts",
             "score_note", "reason", "timings", "outputs", "problem"}
    template = load_template(name)
    assert set(template.get_identifiers()) <= known
    assert template.is_valid()
    assert (PROMPTS_DIR / "system.md").read_text().count("$") == 0
