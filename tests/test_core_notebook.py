"""Notebook.with_edits: the edits a repair or `lint --fix` made, applied to a copy."""

from mlemodernizer.core import Edit
from support import code_notebook


def test_cell_edits_apply_in_order_and_a_helper_module_edit_is_left_to_its_file():
    nb = code_notebook("a = 1", "b = 2")
    nb.cells[0].outputs = [{"output_type": "stream", "name": "stdout", "text": "old"}]
    edits = [Edit(cell=0, old="a = 1", new="a = 10", fix_type="error-repair", origin="rule:x", rationale="r"),
             Edit(cell=0, old="a = 10", new="a = 100", fix_type="error-repair", origin="rule:y", rationale="r"),
             Edit(cell=0, file="helpers.py", old="x", new="y", fix_type="error-repair", origin="rule:z", rationale="r")]
    fixed = nb.with_edits(edits)
    assert fixed.sources() == ["a = 100", "b = 2"]
    assert fixed.cells[0].outputs == [] and fixed.sha256 != nb.sha256  # a changed cell's old outputs go
    assert nb.sources() == ["a = 1", "b = 2"]  # a copy: the original is as it was
