"""The static pass over the real old notebooks of the development corpus (skipped when it is absent).

The corpus is assembled locally (see ../shared/corpus/README.md) into corpus/ at the
repository root, or named by MLEMOD_CORPUS.
"""

import ast
import os
from pathlib import Path

import pytest
from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.masking import mask
from mlemodernizer.core import load_notebook

CORPUS = Path(os.environ.get("MLEMOD_CORPUS", Path(__file__).resolve().parents[3] / "corpus"))
NOTEBOOKS = sorted(CORPUS.glob("*/notebooks/*.ipynb"))
pytestmark = pytest.mark.skipif(not NOTEBOOKS, reason=f"no assembled corpus under {CORPUS}")


def test_static_pass_on_real_notebooks_parses_and_is_idempotent():
    changed = 0
    for path in NOTEBOOKS:
        nb = load_notebook(path)
        edits = fix_static(nb)
        changed += bool(edits)
        sources = nb.sources()
        for e in edits:
            sources[e.cell] = e.new
            masked = mask(e.new)
            if not masked.foreign:
                ast.parse(masked.code)  # a rule never leaves a cell that does not parse
        fixed = nb.with_sources(sources)
        assert fix_static(fixed) == [], path.name
    assert changed >= len(NOTEBOOKS) // 2, "most old notebooks need at least one static fix"
