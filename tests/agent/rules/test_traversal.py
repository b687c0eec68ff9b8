"""traversal.visit is libcst's visit, hook for hook, but keeps what did not change; module_code is Module.code."""

import libcst as cst
import pytest
from mlemodernizer.agent.rules import RULES, traversal
from mlemodernizer.agent.rules.framework import Context, RuleTransformer, build_context
from mlemodernizer.agent.rules.traversal import module_code, visit, visit_modes


def _own_hooks(cls):
    return visit_modes(cls, RuleTransformer)[1]


def _cells() -> list[str]:
    return sorted({text for r in RULES.values() for pair in r.examples for text in pair})


def _modules(cells):
    for text in cells:
        try:
            yield cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue


def _rule_classes() -> list[tuple[type, list[str]]]:
    """Each rule's transformer class (in its transform's closure) with the rule's example cells."""
    found = []
    for r in RULES.values():
        held = [c.cell_contents for c in r.transform.__closure__ or ()]
        for cls in held:
            if isinstance(cls, type) and issubclass(cls, RuleTransformer):
                found.append((cls, [text for pair in r.examples for text in pair]))
    return found


class _Log(cst.CSTTransformer):
    """Every hook libcst calls, in order; renames names and drops ``pass`` lines (a change, a removal)."""

    def __init__(self):
        super().__init__()
        self.log = []

    def on_visit(self, node):
        self.log.append(("visit", type(node).__name__))
        return super().on_visit(node)

    def on_leave(self, original, updated):
        self.log.append(("leave", type(original).__name__, original is updated))
        return super().on_leave(original, updated)

    def leave_Name(self, original, updated):
        return updated.with_changes(value=updated.value + "_x") if updated.value.startswith("d") else updated

    def leave_SimpleStatementLine(self, original, updated):
        if any(isinstance(s, cst.Pass) for s in updated.body):
            return cst.RemoveFromParent()
        return updated


def test_visit_calls_libcsts_hooks_in_libcsts_order_and_builds_the_same_code():
    for module in _modules(_cells()):
        ours, theirs = _Log(), _Log()
        new = visit(module, ours)
        old = module.visit(theirs)
        assert new.code == old.code
        # the same hooks in the same order; a node that kept all its fields is the node itself
        assert [e[:2] for e in ours.log] == [e[:2] for e in theirs.log]


def test_every_rule_transformer_gives_what_libcsts_visit_gives():
    classes = _rule_classes()
    assert len(classes) > 100
    for cls, cells in classes:
        ctx = build_context(cells)
        for module in _modules(cells):
            try:
                theirs = cls(ctx)
                old = module.visit(theirs)
            except Exception:  # noqa: BLE001 - a rule that fails on a cell fails either way
                continue
            ours = cls(ctx)
            new = visit(module, ours, _own_hooks(cls))
            assert new.code == old.code, cls
            assert ours.changed == theirs.changed, cls


class _Renamer(RuleTransformer):
    def leave_Name(self, original, updated):
        return updated.with_changes(value="renamed") if updated.value == "target" else updated


def test_statements_without_a_change_are_kept_as_they_were():
    module = cst.parse_module("a = f(1)\nb = target + 2\nc = [g(x) for x in y]\n")
    visitor = _Renamer(Context())
    new = visit(module, visitor, plain=_own_hooks(_Renamer))
    assert new.code == "a = f(1)\nb = renamed + 2\nc = [g(x) for x in y]\n"
    assert new.body[0] is module.body[0] and new.body[2] is module.body[2]
    assert new.body[1] is not module.body[1]
    assert visit(module, _Renamer(Context()), plain=False).code == new.code
    untouched = cst.parse_module("x = 1\n")
    assert visit(untouched, _Renamer(Context()), plain=True) is untouched


def test_a_tree_deeper_than_max_depth_is_left_to_libcst(monkeypatch):
    module = cst.parse_module("y = " + "f(" * 30 + "target" + ")" * 30 + "\n")
    with pytest.raises(traversal.TooDeep):
        monkeypatch.setattr(traversal, "MAX_DEPTH", 10)
        visit(module, _Renamer(Context()), plain=True)
    # the rule then runs on libcst's visit (framework._class_transform): same code
    from mlemodernizer.agent.rules.framework import _class_transform

    assert _class_transform(_Renamer)(module, Context()).code == "y = " + "f(" * 30 + "renamed" + ")" * 30 + "\n"


def test_plans_follow_libcsts_visiting_order():
    assert [name for name, _ in traversal._plan(cst.Call)] == [
        "lpar", "func", "whitespace_after_func", "whitespace_before_args", "args", "rpar"]
    assert traversal._plan(cst.ImportFrom) is None  # its names are visited one way or another: libcst's method


def test_module_code_reuses_the_statements_a_rewrite_kept():
    for module in _modules(_cells()[:300]):
        assert module_code(module) == module.code
        renamed = visit(module, _Log())
        assert module_code(renamed) == renamed.code
        again = visit(renamed, _Renamer(Context()), plain=True)
        assert module_code(again) == again.code
    no_newline = cst.parse_module("a = 1\nb = 2")
    assert module_code(no_newline) == "a = 1\nb = 2" == module_code(no_newline)
    assert module_code(cst.parse_module("")) == "" and module_code(cst.parse_module("\n")) == "\n"
