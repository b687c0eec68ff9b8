"""Builders shared by the rule tests: notebooks made from cell sources, edits applied."""

from __future__ import annotations

import nbformat
import pytest
from mlemodernizer.core import Notebook, parse_notebook


def make_notebook(*cells: str, python2: bool = False, written: str | None = None) -> Notebook:
    """A notebook whose code cells are ``cells``; a string starting with '#md ' is a markdown cell."""
    node = nbformat.v4.new_notebook()
    for source in cells:
        if source.startswith("#md "):
            node.cells.append(nbformat.v4.new_markdown_cell(source[4:]))
        else:
            node.cells.append(nbformat.v4.new_code_cell(source))
    if python2:
        node.metadata["kernelspec"] = {"name": "python2", "display_name": "Python 2", "language": "python"}
    return parse_notebook(nbformat.writes(node), written=written)


def apply_edits(nb: Notebook, edits) -> Notebook:
    sources = nb.sources()
    for edit in edits:
        assert sources[edit.cell] == edit.old, "an edit's old source must be the cell as it was"
        sources[edit.cell] = edit.new
    return nb.with_sources(sources)


@pytest.fixture
def notebook():
    """The ``make_notebook`` builder (a fixture: test modules cannot import conftest by name)."""
    return make_notebook


@pytest.fixture
def apply():
    return apply_edits


@pytest.fixture
def run_repaired(tmp_path):
    """Runs a notebook in a profile's real kernel (tabular unless named) and answers each failure with the
    error-keyed rules' edits (the errors the static pass cannot see), at most ``attempts`` runs (in
    tmp_path/after0, after1, ...); what each cell printed in the run that went through."""

    def run(nb: Notebook, attempts: int, record: list | None = None, profile: str = "tabular") -> list[str]:
        """``record``, when given, receives (failing cell, edit) for each edit applied, in order."""
        from mlemodernizer.agent.rules import fix_error
        from support import run_local, stdout

        for attempt in range(attempts):
            result = run_local(nb, tmp_path / f"after{attempt}", profile=profile)
            if result.status == "ok":
                break
            failure = result.first_failure
            edits = fix_error(nb, failure.index, failure.error, [])
            assert edits, result.summary()
            if record is not None:
                record += [(failure.index, e) for e in edits]
            nb = apply_edits(nb, edits)
        assert result.status == "ok", result.summary()
        return [stdout(c) for c in result.cells]

    return run


@pytest.fixture
def fails_then_runs(tmp_path):
    """Runs a notebook as written in the profile's real kernel (tabular unless named), where it must fail at
    cell ``index`` with ``needle`` in the error, then after the static pass, whose edits must include the
    ``rules``; the run after, which must have gone through (tmp_path/before, tmp_path/after). The full profile's
    environment is not built in CI: there the test skips (`mlemod run --profile full` builds it once)."""

    def run(nb: Notebook, index: int, needle: str, rules: set[str], profile: str = "tabular"):
        from mlemodernizer.agent.rules import fix_static
        from support import full_ready, run_local

        missing = full_ready("local") if profile == "full" else None
        if missing:
            pytest.skip(missing)
        before = run_local(nb, tmp_path / "before", profile=profile)
        assert before.first_failure is not None, "the notebook must fail as written"
        assert before.first_failure.index == index and needle in before.first_failure.error.evalue, before.summary()
        edits = fix_static(nb)
        assert rules <= {r for e in edits for r in e.rule_ids}
        assert fix_static(apply_edits(nb, edits)) == [], "the static pass is idempotent"
        after = run_local(apply_edits(nb, edits), tmp_path / "after", profile=profile)
        assert after.status == "ok", after.summary()
        return after

    return run


@pytest.fixture(scope="session", autouse=True)
def tabular_environment():
    """Some rules read facts from the locked environment (where a private name lives today, an estimator's
    defaults) and stand down when it is not built. On a fresh machine it is built here, before the first rule
    test, rather than by whichever test starts a kernel first while the others find nothing to read."""
    from mlemodernizer.executor.lockenv import venv_python

    venv_python("tabular")
