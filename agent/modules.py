"""Helper modules shipped with a notebook (``--files``): a private copy that the repair may rewrite.

Old notebooks often import their own ``helpers.py`` or a small package, and those erode like the
notebook does (``from scipy import interp``, ``xrange``, chained assignment). The rules read plain
Python the same way, so the repair fixes the copy: statically once, and by error signature when a
traceback's deepest frame is inside a module. The user's folder is never written; the repaired
modules are written beside the repaired notebook (``repaired_modules``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from ..core import CellError, Edit

# IPython's traceback frames: "File /tmp/mlemod-x/working/helpers.py:12, in fill_age(df)";
# plain Python's: 'File "/tmp/.../helpers.py", line 12, in fill_age'.
_FRAME = re.compile(r'File "?(?P<path>[^",\n]+\.py)"?(?::(?P<line1>\d+)|, line (?P<line2>\d+))')


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
        self._static_done = False

    def __bool__(self) -> bool:
        return bool(self.sources)

    # ----------------------------------------------------------------- proposals

    def static_edits(self, written: str | None) -> list[Edit]:
        """Every static rule over every module, proposed once."""
        if not self or self._static_done:
            return []
        self._static_done = True
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
        for match in _FRAME.finditer(error.traceback):
            path = match.group("path").replace("\\", "/")
            rel = next((r for r in self.sources if path == r or path.endswith("/" + r)), None)
            if rel is not None:
                found = (rel, int(match.group("line1") or match.group("line2")))
        return found

    def _edit(self, rel: str, change, fix_type) -> Edit | None:
        old = self.sources[rel]
        if change.source == old:
            return None
        reasons = " ".join(dict.fromkeys(text for _, _, text in change.applied))
        return Edit(cell=0, file=rel, old=old, new=change.source, fix_type=fix_type,
                    origin="rule:" + "+".join(change.ids), rationale=f"In {rel}: {reasons}")

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
