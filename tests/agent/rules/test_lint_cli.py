"""`mlemod lint`: findings without running, --fix writes the repaired notebook, clear errors for bad input."""

import json

from mlemodernizer.cli import main
from mlemodernizer.core import load_notebook


def write(tmp_path, notebook, *cells, **kw):
    path = tmp_path / "old.ipynb"
    path.write_text(notebook(*cells, **kw).dumps())
    return path


def test_lint_lists_findings_and_exits_1(tmp_path, notebook, capsys):
    path = write(tmp_path, notebook, "import numpy as np\nx = np.zeros(3, dtype=np.float)", "y = df.ix[0]")
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("old.ipynb: cell 0, line 2: numpy-builtin-aliases: numpy 1.24:")
    assert out[1].startswith("old.ipynb: cell 1, line 1: pandas-ix:")


def test_lint_json_with_calibration(tmp_path, notebook, capsys):
    path = write(
        tmp_path, notebook, "from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier()"
    )
    assert main(["lint", str(path), "--written", "2017-04", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    # the default that changed is reported (and pinned back by calibration, below)
    assert [f["rule_id"] for f in report["findings"]] == ["sklearn-default-randomforestclassifier-n-estimators"]
    assert report["written"] == "2017-04"
    assert report["calibrations"][0]["origin"] == "rule:sklearn-default-n-estimators"


def test_clean_notebook_exits_0(tmp_path, notebook):
    assert main(["lint", str(write(tmp_path, notebook, "print(1)"))]) == 0


def test_fix_writes_a_notebook_that_lints_clean(tmp_path, notebook, capsys):
    path = write(
        tmp_path,
        notebook,
        "%matplotlib inline\nimport pandas as pd\nd = pd.get_dummies(s)",
        "from sklearn.svm import SVC\nm = SVC()",
    )
    out = tmp_path / "fixed.ipynb"
    assert main(["lint", str(path), "--fix", "--out", str(out), "--written", "2016-01"]) == 0
    fixed = load_notebook(out)
    assert fixed.cells[0].source == "%matplotlib inline\nimport pandas as pd\nd = pd.get_dummies(s, dtype='uint8')"
    assert fixed.cells[1].source.endswith("SVC(gamma='auto')")
    capsys.readouterr()
    assert main(["lint", str(out), "--written", "2016-01"]) == 0


def test_bad_input_is_one_line_error(tmp_path, notebook, capsys):
    assert main(["lint", str(tmp_path / "missing.ipynb")]) == 2
    assert "no such file" in capsys.readouterr().err
    path = write(tmp_path, notebook, "print(1)")
    assert main(["lint", str(path), "--written", "March 2017"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["lint", str(path), "--out", str(tmp_path / "x.ipynb")]) == 2
