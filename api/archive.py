"""Safe extraction of an uploaded data zip: nothing lands outside the target, nothing unbounded.

Every member is checked before a byte is written (absolute paths, ``..``,
symlinks and other special files, member count, declared total size), and the
bytes actually written are counted too, so the bound holds even if a member's
data disagrees with the size its header declares.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import InputError

_CHUNK = 1024 * 1024


def check_members(archive: zipfile.ZipFile, max_members: int, max_bytes: int) -> list[zipfile.ZipInfo]:
    """The members to extract, or InputError naming the first one that is unsafe."""
    members = archive.infolist()
    if len(members) > max_members:
        raise InputError(f"data archive has {len(members)} members; at most {max_members} are accepted")
    total = 0
    for info in members:
        name = info.filename
        if "\\" in name or "\0" in name:
            raise InputError(f"data archive member {name!r} has a backslash or NUL in its name")
        path = PurePosixPath(name)
        if path.is_absolute() or (path.parts and path.parts[0].endswith(":")):
            raise InputError(f"data archive member {name!r} has an absolute path")
        if ".." in path.parts:
            raise InputError(f"data archive member {name!r} points outside the archive (..)")
        kind = stat.S_IFMT(info.external_attr >> 16)  # Unix file type bits; 0 when the zip tool kept none
        if kind == stat.S_IFLNK:
            raise InputError(f"data archive member {name!r} is a symbolic link")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise InputError(f"data archive member {name!r} is not a regular file or folder")
        if info.flag_bits & 0x1:
            raise InputError(f"data archive member {name!r} is encrypted")
        total += info.file_size
        if total > max_bytes:
            raise InputError(f"data archive unpacks to more than {max_bytes} bytes, the limit")
    return members


def extract_zip(source: Path, target: Path, max_members: int, max_bytes: int) -> Path:
    """Extract ``source`` into ``target``; return the data folder (the single top folder, if that is all
    there is, since people zip ``input/`` as often as its contents). Raises InputError."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"data is not a readable zip archive ({exc})") from None
    with archive:
        members = check_members(archive, max_members, max_bytes)
        target.mkdir(parents=True, exist_ok=True)
        root = target.resolve()
        written = 0
        for info in members:
            dest = (root / info.filename).resolve()
            if dest != root and root not in dest.parents:  # belt and braces over check_members
                raise InputError(f"data archive member {info.filename!r} points outside the archive")
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as src, open(dest, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise InputError(f"data archive unpacks to more than {max_bytes} bytes, the limit")
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise InputError(f"data archive member {info.filename!r} cannot be read ({exc})") from None
    entries = [p for p in target.iterdir() if p.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def remove_tree(path: Path | None) -> None:
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)
