"""The Kaggle folder layout a notebook expects, staged in a scratch workspace.

    <root>/input/             the competition files, as Kaggle served them:
    <root>/input/<file>           flat (old kernels read ../input/train.csv)
    <root>/input/<file>.zip       and the zipped/unzipped twin of each file
    <root>/input/<slug>/<file>    the newer /kaggle/input/<slug>/ convention
    <root>/working/           the notebook's working directory (helper modules copied in)
    <root>/conn/              kernel connection files and logs

Backends map these to ``/kaggle/input`` and ``/kaggle/working`` (a private
mount namespace or container mounts) or, failing that, rewrite the literal
paths. The user's data directory is never written: the staged input holds
copies (or hard links where the backend mounts it read-only).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core import FileInfo, RunRequest
from ..errors import InputError

ZIP_TWIN_MAX_BYTES = 256 * 2**20  # zipping bigger files costs more than it is likely to help
IGNORED_DIRS = {".ipynb_checkpoints", "__pycache__"}


@dataclass
class Workspace:
    root: Path
    slug: str | None = None
    before: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def input(self) -> Path:
        return self.root / "input"

    @property
    def working(self) -> Path:
        return self.root / "working"

    @property
    def conn(self) -> Path:
        return self.root / "conn"

    def data_files(self) -> list[str]:
        """Names a notebook can open relative to the input folder (flat view)."""
        return sorted(p.name for p in self.input.iterdir() if p.is_file() or p.is_symlink())

    def snapshot(self) -> None:
        self.before = _scan(self.working)

    def files_written(self) -> list[FileInfo]:
        now = _scan(self.working)
        return [
            FileInfo(path=path, size=size, mtime=mtime_ns / 1e9)
            for path, (size, mtime_ns) in sorted(now.items())
            if self.before.get(path) != (size, mtime_ns)
        ]

    def collect(self, dest: Path, written: list[FileInfo]) -> None:
        """Copy ``written`` (from ``files_written``) into ``dest``, kept after the session."""
        for info in written:
            target = dest / info.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.working / info.path, target)

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def stage(req: RunRequest, hardlink: bool = False) -> Workspace:
    """Create the workspace for ``req``. ``hardlink`` only where input is mounted read-only."""
    if req.data_dir is not None and not Path(req.data_dir).is_dir():
        raise InputError(f"data directory {req.data_dir} does not exist")
    if req.files_dir is not None and not Path(req.files_dir).is_dir():
        raise InputError(f"helper files directory {req.files_dir} does not exist")
    # Short path under /tmp: kernels talk over unix sockets, whose paths max out near 100 bytes.
    ws = Workspace(Path(tempfile.mkdtemp(prefix="mlemod-", dir="/tmp")), req.competition)
    for folder in (ws.input, ws.working, ws.conn):
        folder.mkdir()
    if req.data_dir is not None:
        _stage_input(Path(req.data_dir), ws.input, hardlink)
    if req.competition:
        alias = ws.input / req.competition
        alias.mkdir(exist_ok=True)
        for item in ws.input.iterdir():
            if item != alias:
                (alias / item.name).symlink_to(Path("..") / item.name)
    if req.files_dir is not None:
        shutil.copytree(req.files_dir, ws.working, dirs_exist_ok=True)
    ws.snapshot()
    return ws


def _stage_input(src: Path, dest: Path, hardlink: bool) -> None:
    def copy(s: str, d: str) -> None:
        if hardlink:
            try:
                os.link(s, d)
                return
            except OSError:
                pass  # another filesystem: copy instead
        shutil.copy2(s, d)

    shutil.copytree(src, dest, dirs_exist_ok=True, copy_function=copy)
    for item in list(dest.iterdir()):
        if not item.is_file():
            continue
        if item.suffix == ".zip":
            _unzip_twin(item, dest)
        elif item.stat().st_size <= ZIP_TWIN_MAX_BYTES and not (dest / (item.name + ".zip")).exists():
            # Stored, not deflated: pandas reads it just the same and it costs one copy.
            with zipfile.ZipFile(dest / (item.name + ".zip"), "w", zipfile.ZIP_STORED) as zf:
                zf.write(item, item.name)
    if not hardlink:  # a hard link shares the user's inode: its mode is theirs (the mount is read-only anyway)
        for item in dest.rglob("*"):
            if item.is_file() and not item.is_symlink():
                item.chmod(0o444)


def _unzip_twin(archive: Path, dest: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                name = Path(member.filename)
                # Only plain members: an archive must not write outside the input folder.
                if member.is_dir() or name.is_absolute() or ".." in name.parts or name.parts[0] == "__MACOSX":
                    continue
                target = dest / name.name
                if not target.exists():
                    with zf.open(member) as fin, open(target, "wb") as fout:
                        shutil.copyfileobj(fin, fout)
    except zipfile.BadZipFile:
        pass  # not really a zip: leave the file as it is


def _scan(root: Path) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in IGNORED_DIRS]
        for name in filenames:
            path = Path(dirpath) / name
            try:
                st = path.stat()
            except OSError:
                continue
            found[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return found

