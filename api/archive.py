"""Safe extraction of an uploaded zip (the data, or the notebook's own files): nothing lands outside the
target, nothing unbounded.

Every member is checked before a byte is written (absolute paths, ``..``,
symlinks and other special files, member count, the sizes and compression
ratios the archive declares). Declared sizes are only an early refusal, never
the bound: extraction streams each member in chunks and counts the bytes it
really produces, stopping at the size limit, at a per-member compression ratio
(once a member has produced ``RATIO_FLOOR`` bytes: small files of zeros
legitimately compress very well) and at an overall ratio against the archive's
real size on disk. A zip bomb is refused after about ``RATIO_FLOOR`` bytes of
output, not after gigabytes. ``room`` (bytes the server may still hold, see
``api.quota``) bounds the output too, with ``ServerFull`` instead of an input error.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..errors import InputError

_CHUNK = 1024 * 1024
MAX_RATIO = 100.0  # uncompressed / compressed, per member and overall (CSV text: 3-20; a bomb: ~1000)
RATIO_FLOOR = 1024 * 1024  # below this much output a ratio is not judged


class ServerFull(Exception):
    """The server holds too much queued data to take this archive now (HTTP 503, try again later)."""


def check_members(archive: zipfile.ZipFile, max_members: int, max_bytes: int,
                  max_ratio: float = MAX_RATIO, what: str = "data") -> list[zipfile.ZipInfo]:
    """The members to extract, or InputError naming the first one that is unsafe."""
    members = archive.infolist()
    if len(members) > max_members:
        raise InputError(f"{what} archive has {len(members)} members; at most {max_members} are accepted")
    total = 0
    for info in members:
        name = info.filename
        if "\\" in name or "\0" in name:
            raise InputError(f"{what} archive member {name!r} has a backslash or NUL in its name")
        path = PurePosixPath(name)
        if path.is_absolute() or (path.parts and path.parts[0].endswith(":")):
            raise InputError(f"{what} archive member {name!r} has an absolute path")
        if ".." in path.parts:
            raise InputError(f"{what} archive member {name!r} points outside the archive (..)")
        kind = stat.S_IFMT(info.external_attr >> 16)  # Unix file type bits; 0 when the zip tool kept none
        if kind == stat.S_IFLNK:
            raise InputError(f"{what} archive member {name!r} is a symbolic link")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise InputError(f"{what} archive member {name!r} is not a regular file or folder")
        if info.flag_bits & 0x1:
            raise InputError(f"{what} archive member {name!r} is encrypted")
        _check_ratio(name, info.file_size, info.compress_size, max_ratio, what)
        total += info.file_size
        if total > max_bytes:
            raise InputError(f"{what} archive unpacks to more than {max_bytes} bytes, the limit")
    return members


def _check_ratio(name: str, produced: int, compressed: int, max_ratio: float, what: str) -> None:
    if produced > RATIO_FLOOR and produced > max_ratio * max(compressed, 1):
        raise InputError(f"{what} archive member {name!r} expands more than {max_ratio:g} times (a zip bomb?)")


def extract_zip(source: Path, target: Path, max_members: int, max_bytes: int, max_ratio: float = MAX_RATIO,
                room: int | None = None, on_bytes: Callable[[int], None] | None = None,
                what: str = "data") -> Path:
    """Extract ``source`` into ``target``; return the data folder (the single top folder, if that is all
    there is, since people zip ``input/`` as often as its contents). ``what`` names the archive in errors.
    Raises InputError, or ServerFull when the output would pass ``room``. ``on_bytes(n)`` is told of every
    chunk before it is written (the server's quota; it may raise ServerFull itself). On any failure
    ``target`` is removed."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{what} is not a readable zip archive ({exc})") from None
    archive_bytes = max(source.stat().st_size, 1)
    created = not target.exists()
    try:
        with archive:
            members = check_members(archive, max_members, max_bytes, max_ratio, what)
            target.mkdir(parents=True, exist_ok=True)
            root = target.resolve()
            written = 0
            for info in members:
                dest = (root / info.filename).resolve()
                if dest != root and root not in dest.parents:  # belt and braces over check_members
                    raise InputError(f"{what} archive member {info.filename!r} points outside the archive")
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                member_bytes = 0
                try:
                    with archive.open(info) as src, open(dest, "wb") as out:
                        while chunk := src.read(_CHUNK):
                            written += len(chunk)
                            member_bytes += len(chunk)
                            if written > max_bytes:
                                raise InputError(f"{what} archive unpacks to more than {max_bytes} bytes, the limit")
                            _check_ratio(info.filename, member_bytes, info.compress_size, max_ratio, what)
                            if written > RATIO_FLOOR and written > max_ratio * archive_bytes:
                                raise InputError(f"{what} archive expands more than {max_ratio:g} times its "
                                                 f"{archive_bytes} bytes (a zip bomb?)")
                            if room is not None and written > room:
                                raise ServerFull(f"the server holds too much queued data to unpack {written} "
                                                 "more bytes now")
                            if on_bytes is not None:
                                on_bytes(len(chunk))
                            out.write(chunk)
                except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
                    raise InputError(f"{what} archive member {info.filename!r} cannot be read ({exc})") from None
    except BaseException:
        if created:
            remove_tree(target)
        raise
    remove_tree(target / "__MACOSX")  # macOS's resource forks: no file of the notebook's
    entries = list(target.iterdir())
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def tree_bytes(path: Path) -> int:
    """Bytes the files under ``path`` hold (what a job's uploads cost the server)."""
    total = 0
    for file in path.rglob("*"):
        try:
            if file.is_file() and not file.is_symlink():
                total += file.stat().st_size
        except OSError:
            pass
    return total


def remove_tree(path: Path | None) -> None:
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)
