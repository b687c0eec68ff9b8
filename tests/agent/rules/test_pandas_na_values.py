"""pandas-default-read-csv-none: pandas 2.0 reads the text None as missing. The list the rule writes is pandas'
own today less "None"; a notebook written for pandas 1 whose data holds None as a category, repaired by the loop
with rules only, reads the category back before its first run, and the files without it are read as written."""

from __future__ import annotations

import subprocess

from mlemodernizer.agent.loop import AgentConfig, apply_report, repair_notebook
from mlemodernizer.agent.rules.pandas_na_values import PANDAS1_NA_VALUES
from mlemodernizer.core import RunRequest
from mlemodernizer.executor.lockenv import venv_python
from support import make_notebook


def test_the_list_is_the_locked_pandas_defaults_without_none():
    today = subprocess.run([str(venv_python("tabular")), "-c",
                            "import pandas._libs.parsers as p; print('\\n'.join(sorted(p.STR_NA_VALUES)))"],
                           capture_output=True, text=True, check=True, timeout=120).stdout.split("\n")[:-1]
    assert sorted(today) == sorted((*PANDAS1_NA_VALUES, "None"))


def test_an_old_notebook_reads_its_none_category_before_the_first_run(tmp_path):
    data = tmp_path / "input"
    data.mkdir()
    (data / "train.csv").write_text('Id,MasVnrType,MasVnrArea\n1,None,0\n2,BrkFace,196\n3,,\n4,"None",0\n'
                                    "5,Stone,120\n")
    (data / "sample.csv").write_text("Id,Price\n1,NA\n2,None of these\n")
    nb = make_notebook(
        "import pandas as pd\ntrain = pd.read_csv('../input/train.csv')\nsample = pd.read_csv('../input/sample.csv')",
        # pandas 1 kept MasVnrType: 1 of 5 missing; read with pandas 3's defaults 3 of 5 are, and it is dropped
        "train = train.loc[:, train.isnull().mean() < 0.5]\nprint(train.MasVnrType.fillna('?').tolist())",
        "print(sample.Price.isnull().tolist())",
        written="2018-05",
    )
    report = repair_notebook(RunRequest(notebook=nb, data_dir=data, cell_timeout=60, workdir=tmp_path / "work"),
                             AgentConfig(memory=False, max_seconds=600, written="2018-05"))
    assert report.baseline.status == "error" and report.baseline.first_failure.error.ename == "AttributeError"
    assert report.verdict == "reproduced", report.reason
    [edit] = report.accepted_edits
    assert edit.rule_ids == ["pandas-default-read-csv-none"] and edit.fix_type == "score-calibration"
    repaired = apply_report(nb, report).sources()
    assert "train.csv', keep_default_na=False, na_values=['', '#N/A'" in repaired[1]
    assert "sample = pd.read_csv('../input/sample.csv')\n" in repaired[1] + "\n"  # no text None in that file
    printed = [c.outputs[0]["text"] for c in report.final.cells if c.outputs]
    assert printed == ["['None', 'BrkFace', '?', 'None', 'Stone']\n", "[True, False]\n"]
