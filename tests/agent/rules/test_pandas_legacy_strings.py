"""pandas-legacy-strings: the str-dtype family's last resort, placed, and tried only after the precise rules."""

from __future__ import annotations

import pytest
from mlemodernizer.agent.loop import AgentConfig, apply_report, repair_notebook
from mlemodernizer.agent.rules import fix_error
from mlemodernizer.agent.rules.pandas_legacy_strings import (
    RULE_ID,
    SWITCH,
    fix_legacy_strings,
)
from mlemodernizer.core import CellError, RunRequest, edit_key
from support import make_notebook

OFF = f"set_option({SWITCH!r}, False)"


@pytest.mark.parametrize(("cells", "where", "expected_lines"), [
    (["%%time\nx = 1", "import numpy as np\nimport pandas as pd\ndf = pd.read_csv('a.csv')"], 1,
     ["import numpy as np", "import pandas as pd", f"pd.{OFF}", "df = pd.read_csv('a.csv')"]),
    (["import pandas\nfrom pandas import (\n    read_csv,\n)\nx = 1"], 0,
     ["import pandas", f"pandas.{OFF}", "from pandas import ("]),
    (["from pandas import read_csv\ndf = read_csv('a.csv')"], 0,
     ["from pandas import read_csv", "import pandas", f"pandas.{OFF}", "df = read_csv('a.csv')"]),
    # the import shares its line: the first Python cell imports pandas and turns the switch off first
    (["x = 1", "import pandas as pd; df = pd.read_csv('a.csv')"], 0, ["import pandas", f"pandas.{OFF}", "x = 1"]),
])
def test_the_switch_follows_the_notebook_s_pandas_import(cells, where, expected_lines):
    [(cell, new, rule_id, why)] = fix_legacy_strings(cells, len(cells) - 1, None)
    assert (cell, rule_id) == (where, RULE_ID)
    lines = [line.split("  #")[0] for line in new.split("\n")]
    assert lines[:len(expected_lines)] == expected_lines
    assert "pandas 4" in new and "4.0" in why


def test_no_second_switch():
    assert fix_legacy_strings([f"import pandas as pd\npd.{OFF}", "df.loc[0, 'a'] = 1"], 1, None) == []


def test_it_comes_after_the_rules_that_read_the_line():
    nb = make_notebook("import pandas as pd\ndf = pd.DataFrame({'s': ['a', 'b']})", "df.loc[df.s == 'a', 's'] = 0")
    error = CellError(ename="TypeError", evalue="Invalid value '0' for dtype 'str'. Value should be a string",
                      traceback="", line=1, line_source="df.loc[df.s == 'a', 's'] = 0")
    cell = nb.code_indices()[1]
    first = fix_error(nb, cell, error, [])
    assert first and all(RULE_ID not in e.origin for e in first), "the precise rule (pandas-str-value) first"
    second = fix_error(nb, cell, error, [], tried={edit_key(first)})
    assert [e.origin for e in second] == [f"rule:{RULE_ID}"] and OFF in second[0].new
    assert fix_error(nb, cell, error, [], tried={edit_key(first), edit_key(second)}) == []


def test_a_dtype_named_object_is_restored_by_the_switch_in_a_real_kernel(tmp_path):
    # The name 'object' built from str(dtype) in a helper: no rewrite of the failing line can know it.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "train.csv").write_text("Street,Area,Price\nPave,8450,208500\nGrvl,9600,181500\n,11250,\n")
    nb = make_notebook(
        "import pandas as pd\ntrain = pd.read_csv('../input/train.csv')",
        "def by_type(data):\n    found = {}\n    for name, dtype in zip(data.dtypes.index, data.dtypes.values):\n"
        "        found.setdefault(str(dtype), set()).add(name)\n    return found",
        "cols = by_type(train)\ntrain[list(cols['object'])] = train[list(cols['object'])].fillna('NA')\n"
        "train.loc[train.Street == 'NA', 'Street'] = 0\nprint(train.Street.tolist())",
    )
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, data_dir=tmp_path / "data"),
                             AgentConfig(memory_path=tmp_path / "m.sqlite", max_seconds=300))
    assert report.baseline.first_failure.error.ename == "KeyError"
    assert report.verdict == "reproduced", report.reason
    assert report.final.cells[-1].outputs[0]["text"] == "['Pave', 'Grvl', 0]\n"
    assert [e.origin for e in report.accepted_edits] == [f"rule:{RULE_ID}"], "one edit: the switch; nothing else"
    assert OFF in apply_report(nb, report).cells[nb.code_indices()[0]].source


def test_the_catalogue_entries_it_covers_raise_its_errors_and_run_clean_with_the_switch_off():
    from mlemodernizer.agent.catalogue import entries
    from mlemodernizer.agent.catalogue.probe import run_probes
    from mlemodernizer.agent.rules import RULES

    covered = [e for e in entries() if e.covering_rule == RULE_ID]
    assert covered
    for key, got in run_probes(covered).items():  # one interpreter each: the switch is process-wide
        ename, _, evalue = got.partition(": ")
        assert RULES[RULE_ID].matches(CellError(ename=ename, evalue=evalue, traceback="")), (key, got)
    switched = [e.model_copy(update={"probe": f"import pandas\npandas.{OFF}\n{e.probe}"}) for e in covered]
    assert run_probes(switched) == {e.id: "" for e in covered}


def test_a_list_indexed_by_an_array_is_numpy_s_complaint_and_not_the_switch_s():
    """numpy says of a list indexed by an array what pandas 3's string array says of scikit-learn's X[idx, ...]:
    only the error raised through pandas' string arrays gets the switch. Both errors are raised for real."""
    from mlemodernizer.agent.catalogue.probe import ProbeServer

    head = "import numpy as np\nimport pandas as pd\nfrom sklearn.model_selection import train_test_split\n"
    from_a_list = head + "docs = ['a', 'b']\ndocs[np.array([0, 1])]"
    from_text = head + ("df = pd.DataFrame({'t': list('abcd'), 'y': [0, 1, 0, 1]})\n"
                        "train_test_split(df.t.values, df.y.values, test_size=0.5)")
    probes = ProbeServer("tabular")
    try:
        errors = [probes.run(code) for code in (from_a_list, from_text)]
    finally:
        probes.close()
    assert errors[0].evalue == errors[1].evalue == "only integer scalar arrays can be converted to a scalar index"
    assert fix_error(make_notebook(from_a_list), 0, errors[0], []) == []
    [edit] = fix_error(make_notebook(from_text), 0, errors[1], [])
    assert edit.origin == f"rule:{RULE_ID}" and OFF in edit.new
