"""IPython syntax is hidden from the parsers and restored byte for byte."""

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mlemodernizer.agent.rules.masking import PLACEHOLDER, cell_magic, mask

CELLS = [
    "%matplotlib inline\nimport pandas as pd",
    "!pip install xgboost\nimport xgboost",
    "files = !ls ../input\nprint(files)",
    "df.head?\ndf.describe()",
    "%%time\nx = 1\n  \nfor i in range(3):\n    %time y = i",
    "print('%d rows'\n      % len(df))",  # a continuation line starting with %: the modulo operator
    "s = '''\n!not a shell line\n'''",  # inside a string
]


@pytest.mark.parametrize("source", CELLS)
def test_masked_cell_parses_and_unmasks_to_the_original(source):
    masked = mask(source)
    ast.parse(masked.code)
    assert masked.unmask(masked.code) == source


def test_modulo_continuation_and_strings_are_not_masked():
    assert PLACEHOLDER not in mask(CELLS[5]).code
    assert PLACEHOLDER not in mask(CELLS[6]).code


def test_magic_lines_are_masked_with_their_indentation():
    masked = mask("for i in range(3):\n    !echo $i")
    assert masked.code == f"for i in range(3):\n    {PLACEHOLDER}(0)"


def test_foreign_cell_magics_are_not_python():
    assert mask("%%bash\nls -la").foreign
    assert not mask("%%time\nx = 1").foreign
    assert cell_magic("%%writefile a.py\nx = 1") == "writefile"
    assert cell_magic("x = 1") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["x = 1", "%matplotlib inline", "!pip install a", "df.head?", "files = !ls",
                                 "y = a % b", "s = '''", "? '''", "z = x != y", "  %time f()", "a = b  # ok?",
                                 "f(1,", "  %2)", "\tq = ! echo", "", "# %comment", "w == !v"]), max_size=6))
def test_the_shortcut_for_cells_without_ipython_lines_masks_as_the_full_scan(lines):
    import re

    from mlemodernizer.agent.rules import masking

    source = "\n".join(lines)
    fast = masking.mask(source)
    saved, masking._MAYBE_IPYTHON = masking._MAYBE_IPYTHON, re.compile("")  # every cell takes the full scan
    try:
        full = masking.mask(source)
    finally:
        masking._MAYBE_IPYTHON = saved
    assert (fast.code, fast.lines, fast.foreign) == (full.code, full.lines, full.foreign)
