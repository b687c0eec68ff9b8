"""Helper modules shipped with a notebook: repaired in a private copy, written beside the repaired notebook."""

from __future__ import annotations

import textwrap

from mlemodernizer.agent.loop import AgentConfig, repair_notebook
from mlemodernizer.agent.modules import HelperModules, repaired_modules
from mlemodernizer.agent.report import write_outputs
from mlemodernizer.core import CellError, RunRequest
from support import make_notebook

HELPERS = textwrap.dedent("""\
    import numpy as np

    def total(values):
        out = 0
        for i in xrange(len(values)):
            out += np.float(values[i])
        return out
""")


def test_a_helper_module_is_repaired_in_a_copy(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "helpers.py").write_text(HELPERS)
    nb = make_notebook("import helpers", "print(helpers.total([1, 2]))")
    req = RunRequest(notebook=nb, files_dir=files, workdir=tmp_path / "work", cell_timeout=60)
    report = repair_notebook(req, AgentConfig(memory=False, max_seconds=600))
    assert report.baseline.status == "error" and report.baseline.first_failure.error.ename == "NameError"
    assert report.verdict == "reproduced", report.reason
    assert report.final.cells[-1].outputs[0]["text"] == "3.0\n"
    module_edits = [e for e in report.accepted_edits if e.file is not None]
    assert [e.file for e in module_edits] == ["helpers.py"]
    repaired = repaired_modules(report.accepted_edits)["helpers.py"]
    assert "range(len(values))" in repaired and "xrange" not in repaired and "np.float(" not in repaired
    assert (files / "helpers.py").read_text() == HELPERS  # the user's folder is never written
    paths = write_outputs(tmp_path / "out", nb, report)
    assert paths["module helpers.py"].read_text() == repaired
    assert "Module helpers.py · error-repair" in paths["markdown"].read_text()


def test_the_deepest_frame_inside_a_module_is_found(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "feat.py").write_text("x = 1\n")
    (tmp_path / "util.py").write_text("y = 2\n")
    modules = HelperModules(tmp_path)
    try:
        ipython_style = ("Cell In[3], line 2\n----> 2 run()\n"
                         "File /tmp/mlemod-ab/working/util.py:7, in run()\n----> 7 go()\n"
                         "File /tmp/mlemod-ab/working/pkg/feat.py:12, in go()\n---> 12 bad\n"
                         "File /env/lib/python3.11/site-packages/pandas/core/frame.py:40, in f()\n")
        assert modules.frame(CellError(ename="KeyError", evalue="'a'", traceback=ipython_style)) == ("pkg/feat.py", 12)
        plain = 'Traceback:\n  File "/w/util.py", line 3, in <module>\n    y = z\n'
        assert modules.frame(CellError(ename="NameError", evalue="z", traceback=plain)) == ("util.py", 3)
        elsewhere = "File /env/lib/python3.11/site-packages/numpy/__init__.py:400, in __getattr__(attr)\n"
        assert modules.frame(CellError(ename="AttributeError", evalue="float", traceback=elsewhere)) is None
    finally:
        modules.cleanup()


def test_no_helper_folder_means_no_copy(tmp_path):
    assert not HelperModules(None) and HelperModules(None).root is None
    (tmp_path / "data.csv").write_text("a\n1\n")
    assert not HelperModules(tmp_path)  # no Python in it: nothing to repair, nothing copied
