"""Rewriting the cells a notebook-level rule reaches: the one loop its error-keyed fixes share."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import libcst as cst

from .masking import mask


def rewrite_cells(sources: list[str], upto: int, wanted: Callable[[str], bool],
                  rewrite: Callable[[int, cst.Module], cst.Module]) -> Iterator[tuple[int, str]]:
    """(cell, new source) for every cell up to ``upto`` whose text ``wanted`` accepts and whose libcst tree
    ``rewrite(cell, tree)`` changes. IPython lines are masked and restored; a cell that is not Python
    (a %%bash body) or that libcst cannot read is left alone."""
    for i, source in enumerate(sources[: upto + 1]):
        if not source or not wanted(source):
            continue
        masked = mask(source)
        if masked.foreign:
            continue
        try:
            module = cst.parse_module(masked.code)
        except Exception:  # noqa: BLE001 - a cell libcst cannot read is left alone
            continue
        new = rewrite(i, module)
        if new.code != module.code:
            yield i, masked.unmask(new.code)
