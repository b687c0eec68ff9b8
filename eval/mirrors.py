"""Reading the fetched repositories (``fetch``'s git directories): where one is, a file at a commit, a commit's tree.

The assembler reads notebooks and their helper modules from them, ``repo_files`` the
tree a notebook's literals are resolved against and the files it stages.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

LFS_HEAD = b"version https://git-lfs"


def git_dir(mirrors: Path, repo: str) -> Path | None:
    """The git directory fetched for ``repo`` under ``mirrors``, or None."""
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo" / ".git", base / "repo", base / ".git", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def git_show(directory: Path, commit: str, path: str) -> bytes | None:
    """The file's bytes at ``commit``; None for a path the commit lacks, a blob the mirror lacks, or a git-lfs
    pointer (its content is elsewhere: as unusable as a missing file)."""
    result = subprocess.run(["git", "--git-dir", str(directory), "show", f"{commit}:{path}"], capture_output=True)
    if result.returncode != 0 or result.stdout.startswith(LFS_HEAD):
        return None
    return result.stdout


@dataclass
class Tree:
    """One commit's files: path -> size in bytes (blobs only), and the folders above them."""

    sizes: dict[str, int]
    folders: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for path in self.sizes:
            parts = path.split("/")[:-1]
            self.folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))

    def below(self, folder: str) -> list[str]:
        return sorted(p for p in self.sizes if p.startswith(folder + "/"))

    def companions(self, path: str) -> list[str]:
        """Files beside ``path`` that its readers read with it: its name and more (``x.mm.index``), and for a
        shapefile the same stem (``x.shx``, ``x.dbf``, ``x.prj``)."""
        stem = path[: -len(".shp")] + "." if path.endswith(".shp") else path + "."
        return sorted(p for p in self.sizes if p != path and p.startswith(stem) and "/" not in p[len(stem):])

    def held(self, path: str, fold: bool = False) -> str | None:
        """The tree's own spelling of ``path`` (a file or a folder), in any case when ``fold``; None when absent, or
        when two spellings differ only in case (no telling which the author read)."""
        if not fold:
            return path if path in self.sizes or path in self.folders else None
        found = [p for p in (*self.sizes, *self.folders) if p.lower() == path.lower()]
        return found[0] if len(found) == 1 else None

    def ending(self, tail: str, fold: bool = False) -> list[str]:
        """Paths that are ``tail`` or end with it; ``fold``: in any case, as the case-insensitive file systems of
        macOS and Windows, where many notebooks were written, found ``Leaf.csv`` for ``leaf.csv``."""
        if fold:
            tail = tail.lower()
            return [p for p in (*self.sizes, *self.folders) if p.lower() == tail or p.lower().endswith("/" + tail)]
        return [p for p in (*self.sizes, *self.folders) if p == tail or p.endswith("/" + tail)]


def read_tree(directory: Path, commit: str) -> Tree:
    out = subprocess.run(["git", "--git-dir", str(directory), "ls-tree", "-r", "-l", "-z", commit],
                         capture_output=True, check=False).stdout.decode(errors="replace")
    sizes = {}
    for entry in out.split("\0"):
        head, _, path = entry.partition("\t")
        fields = head.split()
        if len(fields) == 4 and fields[1] == "blob" and fields[3].isdigit():
            sizes[path] = int(fields[3])
    return Tree(sizes)
