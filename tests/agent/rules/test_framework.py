"""framework.py's shortcuts give what the libraries they stand in for give."""

import ast
from collections import deque

import libcst as cst
from hypothesis import given, settings
from hypothesis import strategies as st
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.framework import _walk, build_context
from mlemodernizer.agent.rules.traversal import module_code


def _cells() -> list[str]:
    return sorted({text for r in RULES.values() for pair in r.examples for text in pair})


def _parsed(cells):
    for text in cells:
        try:
            yield text, cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue


def test_module_code_is_modules_code_for_every_example():
    modules = list(_parsed(_cells()))
    assert len(modules) > 500
    for text, module in modules:
        assert module_code(module) == module.code == text


class _Renamed(cst.CSTTransformer):
    """Changes every name, as a rule's rewrite does: the code is generated from new nodes."""

    def leave_Name(self, original, updated):
        return updated.with_changes(value=updated.value + "_x")


def test_module_code_after_a_rewrite():
    for _, module in _parsed(_cells()[:300]):
        rewritten = module.visit(_Renamed())
        assert module_code(rewritten) == rewritten.code


def _trees(cells: list[str]):
    """The ast trees of the cells that parse."""
    for text in cells:
        try:
            yield ast.parse(text)
        except SyntaxError:
            continue


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_cells()), min_size=1, max_size=4))
def test_walk_visits_what_ast_walk_visits_but_the_name_markers(cells):
    for tree in _trees(cells):
        expected = [n for n in ast.walk(tree) if not isinstance(n, ast.expr_context)]
        assert list(_walk(tree)) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_cells()), min_size=1, max_size=4))
def test_walk_without_expressions_keeps_the_order_of_the_other_nodes(cells):
    for tree in _trees(cells):
        expected = [n for n, within in _flagged(tree) if not within]
        assert list(_walk(tree, expressions=False)) == expected


def _flagged(tree: ast.AST):
    """ast.walk's nodes but the name markers, each with whether it is or lies within an expression: told by
    the path, not by id(), since the operator nodes (Mult, Add, ...) are shared singletons that a statement
    (x *= 2) and an expression (x * 2) hold alike."""
    todo = deque([(tree, False)])
    while todo:
        node, within = todo.popleft()
        within = within or isinstance(node, ast.expr)
        todo.extend((child, within) for child in ast.iter_child_nodes(node) if not isinstance(child, ast.expr_context))
        yield node, within


def test_context_reads_frame_uses_only_where_the_cell_names_one():
    ctx = build_context(["import pandas as pd\ndf = pd.read_csv('a')", "x = df2.groupby('a')", "y = z.head()"])
    assert {"df", "df2"} <= ctx.frames and "z" not in ctx.frames


def test_a_loop_over_a_list_of_frames_binds_a_frame_whether_the_list_is_written_there_or_named():
    ctx = build_context(["import pandas as pd\ntrain = pd.read_csv('a')\ntest = pd.read_csv('b')",
                         "combine = [train, test]\nfor dataset in combine:\n    dataset['Age'][dataset.Age.isnull()] = 0",
                         "for df in (train, test):\n    pass\nnumbers = [1, 2]\nfor n in numbers:\n    pass"])
    assert {"dataset", "df"} <= ctx.frames and "n" not in ctx.frames


def test_a_submodule_imported_unaliased_is_reached_by_its_full_path():
    ctx = build_context(["import matplotlib.pyplot\nimport numpy as np\nimport matplotlib.cm as cm"])
    assert ctx.module_names("matplotlib.pyplot") == {"matplotlib.pyplot"}
    assert ctx.module_names("matplotlib.cm") == {"cm"}  # aliased: only the alias is bound
    assert ctx.module_names("numpy") == {"np"}
    assert build_context(["import matplotlib"]).module_names("matplotlib.pyplot") == set()


def test_a_name_imported_inside_a_function_is_read_but_not_written_elsewhere():
    shim = "def prctile(x, p=(0.0, 25.0, 50.0, 75.0, 100.0)):\n    import numpy\n    return numpy.percentile(x, p)"
    ctx = build_context([shim, "import matplotlib.cm as cm\ndef prep():\n    from matplotlib import cm as cmap\n"
                               "    return cmap.jet"])
    assert ctx.module_names("numpy") == {"numpy"}, "read: the shim's own calls are numpy's"
    assert ctx.name_to_write("numpy") is None, "written in another cell it would be a NameError: import it there"
    assert ctx.name_to_write("matplotlib.cm") == "cm", "a top-level alias is written, not the function's own"
    both = build_context([shim, "import numpy as np\nif True:\n    import numpy"])
    assert both.name_to_write("numpy") == "np" and both.function_local == set(), "an import under if is top level"


def test_assign_to_writes_where_an_in_place_method_wrote():
    import libcst as cst
    from mlemodernizer.agent.rules.framework import assign_to, code_of

    value = cst.parse_expression("df['a'].fillna(0)")
    assert code_of(assign_to(cst.parse_expression("df['a']"), value)) == "df['a'] = df['a'].fillna(0)"
    assert assign_to(cst.parse_expression("load()"), value) is None  # a call's result: nowhere to write


def test_a_rule_reading_scopes_runs_where_no_line_is_known():
    """Positions are resolved for error-keyed runs only; scopes wherever the rule runs (the pass over the cell
    that defined a name the failing line reads has no line of its own)."""
    from mlemodernizer.agent.rules.engine import transform_cell

    source = "def f(cmp):\n    return cmp(1, 2)\nsign = cmp(x, 0)"
    ctx = build_context([source], None)
    assert ctx.error_line is None
    out = transform_cell(source, [RULES["python2-cmp-builtin"]], ctx, check_wants=False).source
    assert out == "def f(cmp):\n    return cmp(1, 2)\nsign = ((x > 0) - (x < 0))"
