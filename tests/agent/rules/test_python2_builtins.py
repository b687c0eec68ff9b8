"""Python 2 builtins in a notebook its kernelspec calls Python 3 (re-saved by a newer Jupyter): each fails in the
real kernel with Python 3's error, the error-keyed rules repair the cell, and the repaired cells print what
Python 2 printed."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook

PYTHON2_IN_PYTHON3 = code_notebook(
    "import itertools, math, operator, string, types\n"
    "words = [('b', 2), ('a', 2), ('c', 1)]",
    "print(sorted(words, cmp=lambda x, y: cmp(y[1], x[1]) or cmp(x[0], y[0])))",
    "print('Hello, world!'.translate(None, string.punctuation), 'a1b2'.translate(string.maketrans('ab', 'xy'), '12'))",
    "print([isinstance(v, types.StringType) for v in ('text', 1, u'more')], types.ListType is list)",
    "print(apply(max, [3, 9]), intern('x'), list(itertools.izip('ab', [1, 2])), operator.isCallable(len))",
    "print(range(3) + [7], math.factorial(4.0))",
)

PYTHON2 = ["[('a', 2), ('b', 2), ('c', 1)]", "Hello world xy", "[True, False, True] True",
           "9 x [('a', 1), ('b', 2)] True", "[0, 1, 2, 7] 24"]


def test_python2_builtins_give_python2s_results(run_repaired):
    record: list = []
    printed = run_repaired(PYTHON2_IN_PYTHON3, attempts=8, record=record)
    assert [p.strip() for p in printed[1:]] == PYTHON2
    rules = {rule for _, edit in record for rule in edit.rule_ids}
    assert {"python2-cmp-builtin", "python2-str-translate-delete", "python2-to-3",
            "python-math-factorial-float"} <= rules, rules


def test_types_constants_are_rewritten_by_the_static_pass_where_types_is_the_module():
    static = fix_static(code_notebook("import types\nok = type(v) == types.StringType", "x = types.IntType"))
    assert [(e.cell, e.new) for e in static] == [(0, "import types\nok = type(v) == str"), (1, "x = int")]
    assert not fix_static(code_notebook("types = {'a': 1}", "x = types.StringType"))
