"""Every rule's own before/after examples: the rewrite, idempotence, and IPython lines kept intact."""

import ast

import pytest
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.engine import transform_cell
from mlemodernizer.agent.rules.framework import build_context
from mlemodernizer.agent.rules.masking import mask
from mlemodernizer.core import CellError

EXAMPLES = [(rule_id, before, after) for rule_id, r in RULES.items() for before, after in r.examples]
ERROR_EXAMPLES = [(rule_id, *example) for rule_id, r in RULES.items() for example in r.error_examples]
WRITTEN = "2015-06"  # before every calibrated change, so calibration rules fire


def run_rule(rule_id: str, source: str) -> str:
    ctx = build_context([source], WRITTEN)
    ctx.none_text_files = ["train.csv"]  # the workspace's data: train.csv holds the text None as a value
    rules = [r for r in RULES.values() if r.kind == "static"] if rule_id == "python2-to-3" else [RULES[rule_id]]
    return transform_cell(source, rules, ctx, python2_notebook=rule_id == "python2-to-3").source


def test_every_rule_documents_itself():
    for r in RULES.values():
        assert r.library and r.changed_in and r.rationale, r.id
        assert r.kind in ("static", "error", "calibration")
    # notebook-level rules have no per-cell example; the catalogue's rules take theirs from its entries
    per_cell = [r for r in RULES.values() if "\0" not in r.needles and r.library != "catalogue"]
    assert all(r.examples or r.error_examples for r in per_cell), [r.id for r in per_cell if not r.examples]
    assert len(RULES) >= 35


@pytest.mark.parametrize(("rule_id", "before", "after"), EXAMPLES, ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_example(rule_id, before, after):
    assert run_rule(rule_id, before) == after


@pytest.mark.parametrize(("rule_id", "before", "after"), EXAMPLES, ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_idempotent(rule_id, before, after):
    assert run_rule(rule_id, after) == after


@pytest.mark.parametrize(("rule_id", "before", "after"), EXAMPLES, ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_magics_preserved(rule_id, before, after):
    if before.startswith("%%"):
        pytest.skip("a cell magic must stay the first line")
    head = "%matplotlib inline\n!ls ../input\n"
    tail = "\ndf.head?\nout = !echo done"
    got = run_rule(rule_id, head + before + tail)
    assert got == head + after + tail
    if not mask(got).foreign:
        ast.parse(mask(got).code)  # still Python once the IPython lines are hidden


def _on_error(rule_id: str, error: str, line: int, source: str) -> str:
    ctx = build_context([source], WRITTEN)
    ename, _, evalue = error.partition(": ")
    ctx.error, ctx.error_line = CellError(ename=ename, evalue=evalue, traceback="", line=line), line
    return transform_cell(source, [RULES[rule_id]], ctx).source


@pytest.mark.parametrize(("rule_id", "error", "line", "before", "after"), ERROR_EXAMPLES,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(ERROR_EXAMPLES)])
def test_error_example(rule_id, error, line, before, after):
    ename, _, evalue = error.partition(": ")
    assert RULES[rule_id].matches(CellError(ename=ename, evalue=evalue, traceback=""))  # the rule is keyed by it
    assert _on_error(rule_id, error, line, before) == after
    assert _on_error(rule_id, error, line, after) == after  # the same error again changes nothing more
