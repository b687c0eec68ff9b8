"""Helper modules shipped with a notebook (``--files``): a private copy that the repair may rewrite.

Old notebooks often import their own ``helpers.py`` or a small package, and those erode like the
notebook does (``from scipy import interp``, ``xrange``, chained assignment). The rules read plain
Python the same way, so the repair fixes the copy: statically once, and by error signature when a
traceback's deepest frame is inside a module. The user's folder is never written; the repaired
modules are written beside the repaired notebook (``repaired_modules``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..core import CellError, Edit

class HelperModules:
    """The ``.py`` files of a notebook's helper folder, copied to a scratch folder runs stage from."""

    def __init__(self, source_dir: Path | None):
        self.root: Path | None = None
        self.sources: dict[str, str] = {}  # path relative to the folder -> current text
        if source_dir is None or not any(Path(source_dir).rglob("*.py")):
            return
        self.root = Path(tempfile.mkdtemp(prefix="mlemod-files-"))
        shutil.copytree(source_dir, self.root, dirs_exist_ok=True)
        for path in sorted(self.root.rglob("*.py")):
            self.sources[path.relative_to(self.root).as_posix()] = path.read_text(errors="replace")

    def __bool__(self) -> bool:
        return bool(self.sources)

    # ----------------------------------------------------------------- proposals

    def static_edits(self, written: str | None) -> list[Edit]:
        """Every static rule over every module (the rule fixer asks once, with the notebook's)."""
        from .rules.engine import fix_helper_module

        return [e for rel, text in self.sources.items()
                if (e := self._edit(rel, fix_helper_module(text, written), "error-repair"))]

    def error_edits(self, error: CellError, written: str | None) -> list[Edit]:
        """Rules keyed by ``error`` on the module line its traceback ends in; [] when it ends elsewhere."""
        where = self.frame(error)
        if where is None:
            return []
        from .rules.engine import fix_helper_module

        rel, line = where
        edit = self._edit(rel, fix_helper_module(self.sources[rel], written, error, line), "error-repair")
        return [edit] if edit else []

    def frame(self, error: CellError) -> tuple[str, int] | None:
        """(module, line) of the deepest traceback frame inside one of the modules."""
        found = None
        for path, line in error.frames():
            rel = next((r for r in self.sources if path == r or path.endswith("/" + r)), None)
            if rel is not None:
                found = (rel, line)
        return found

    def _edit(self, rel: str, change, fix_type) -> Edit | None:
        edit = change.edit(self.sources[rel], fix_type, file=rel)
        return edit and edit.model_copy(update={"rationale": f"In {rel}: {edit.rationale}"})

    # ----------------------------------------------------------------- the copy

    def apply(self, edits: list[Edit]) -> bool:
        """Write the module edits into the copy; False (nothing written) when one is stale."""
        mine = [e for e in edits if e.file is not None]
        if any(self.sources.get(e.file) != e.old for e in mine):
            return False
        for e in mine:
            self._write(e.file, e.new)
        return True

    def revert(self, edits: list[Edit]) -> None:
        for e in edits:
            if e.file is not None:
                self._write(e.file, e.old)

    def _write(self, rel: str, text: str) -> None:
        self.sources[rel] = text
        (self.root / rel).write_text(text)

    def cleanup(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)


def repaired_modules(edits: list[Edit]) -> dict[str, str]:
    """Module path -> its repaired text, from a report's accepted edits (later edits win)."""
    return {e.file: e.new for e in edits if e.file is not None}
