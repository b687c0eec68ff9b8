"""What a person reads: facts about a notebook from its code, its markdown and its stored figures.

- ``inspect_notebook(nb)`` / ``inspect_corpus(root)``: libraries then and now, eroded APIs, pipeline
  stages, models, metrics, data files, plots by kind, ML-testing activity, the outline, scores stated
  in prose, stored figures with perceptual hashes (``mlemod inspect``).
- ``compare_figures(published, reproduced)``: each stored figure against the reproduced figure of the
  same cell (perceptual-hash distance and SSIM), with a verdict ("2 of 9 figures differ").

Imports are lazy: ``mlemod --help`` must not load libcst or Pillow.
"""

from __future__ import annotations

__all__ = ["inspect_notebook", "inspect_corpus", "inspect_file", "compare_figures", "FigureComparison"]


def __getattr__(name: str):
    if name in {"inspect_notebook", "inspect_corpus", "inspect_file"}:
        from . import notebook

        return getattr(notebook, name)
    if name in {"compare_figures", "FigureComparison"}:
        from . import figures

        return getattr(figures, name)
    raise AttributeError(name)
