"""One notebook, or a corpus of them, inspected from code, markdown and stored images."""

from __future__ import annotations

import time
from pathlib import Path

from ..core import Notebook, corpus_defaults, load_notebook
from ..errors import InputError, MlemodError
from .code import analyse_code
from .images import figures
from .model import STAGES, CorpusInsight, Eroded, Library, NotebookInsight
from .text import claims, outline
from .versions import distribution, python_now, version_now, version_then


def inspect_notebook(nb: Notebook, competition: str | None = None, data_files: list[str] | None = None,
                     lint: bool = True) -> NotebookInsight:
    """Everything ``mlemod inspect`` says about ``nb``; ``data_files`` (the competition's, relative to its
    data folder) let the rules' path checks speak; ``lint=False`` skips the rules (the slowest part)."""
    started = time.perf_counter()
    cells = nb.cells
    code = [(i, c.source) for i, c in enumerate(cells) if c.cell_type == "code"]
    markdown = [(i, c.source) for i, c in enumerate(cells) if c.cell_type == "markdown"]
    from ..agent.rules.engine import helper_modules

    facts = analyse_code(code, nb.python2)
    helpers = helper_modules(nb)
    libraries = []
    for module, where in sorted(facts.imports.items()):
        if module in helpers:
            continue
        dist = distribution(module)
        now, profile = version_now(dist)
        libraries.append(Library(module=module, distribution=dist, then=version_then(dist, nb.written), now=now,
                                 profile=profile, cells=where))
    meta = nb.node.metadata
    python_then = str(meta.get("language_info", {}).get("version", "") or "") or ("2" if nb.python2 else None)
    insight = NotebookInsight(
        path=str(nb.path) if nb.path else "",
        name=nb.path.stem if nb.path else "notebook",
        competition=competition,
        written=nb.written,
        python_then=python_then,
        python_now=python_now(),
        code_cells=len(code),
        markdown_cells=len(markdown),
        unparsed_cells=facts.unparsed,
        libraries=libraries,
        eroded=_eroded(nb, data_files or []) if lint else [],
        stages={stage: facts.stages[stage] for stage in STAGES if stage in facts.stages},
        models=facts.models,
        metrics=facts.metrics,
        data_read=facts.data_read,
        data_written=facts.data_written,
        plots=facts.plots,
        testing=facts.testing,
        outline=outline(markdown),
        claims=claims(markdown, [i for i, _ in code]),
        figures=figures([(i, c.get("outputs", [])) for i, c in enumerate(cells) if c.cell_type == "code"],
                        facts.plots),
    )
    insight.seconds = round(time.perf_counter() - started, 4)
    return insight


def _eroded(nb: Notebook, data_files: list[str]) -> list[Eroded]:
    from ..agent.rules import RULES, lint

    found = []
    for finding in lint(nb, nb.written, data_files):
        rule = RULES.get(finding.rule_id)
        found.append(Eroded(rule_id=finding.rule_id, cell=finding.cell, line=finding.line,
                            library=rule.library if rule else None, changed_in=rule.changed_in if rule else None,
                            severity=finding.severity, fixable=finding.fixable, message=finding.message))
    return found


def inspect_file(path: Path, lint: bool = True) -> NotebookInsight:
    """Load and inspect one .ipynb (a NotebookError for a broken one); corpus layout gives its date and data."""
    from ..agent.diagnosis import list_files

    defaults = corpus_defaults(path)
    nb = load_notebook(path, defaults.get("written"))
    return inspect_notebook(nb, defaults.get("competition"), list_files(defaults.get("data_dir")), lint)


def corpus_notebooks(root: Path) -> list[Path]:
    """The notebooks of a corpus (``<root>/<competition>/notebooks/*.ipynb``), else the .ipynb files under root."""
    laid_out = sorted(root.glob("*/notebooks/*.ipynb"))
    if laid_out:
        return laid_out
    return sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def inspect_corpus(root: Path, lint: bool = True, progress=None) -> CorpusInsight:
    """Every notebook under ``root``; one that cannot be read is listed in ``failed`` with the reason."""
    paths = corpus_notebooks(root)
    if not paths:
        raise InputError(f"{root} holds no .ipynb (a corpus is <corpus>/<competition>/notebooks/*.ipynb)")
    started = time.perf_counter()
    result = CorpusInsight(root=str(root))
    for path in paths:
        try:
            insight = inspect_file(path, lint)
        except MlemodError as exc:
            result.failed[str(path)] = str(exc)
            continue
        if insight.competition is None:
            insight.competition = path.parent.name
        result.notebooks.append(insight)
        if progress:
            progress(insight)
    result.seconds = round(time.perf_counter() - started, 3)
    return result
