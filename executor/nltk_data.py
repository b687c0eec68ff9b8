"""NLTK's data packages, installed with the fixed environment.

Notebooks call ``nltk.download('stopwords')`` and then read the corpus. A run never
reaches the network, so inside it the download fails and the read raises
LookupError: the data has to be in the environment before the run. The packages
named in ``image/nltk-data.txt`` go into ``<env>/nltk_data``, a folder NLTK searches
under ``sys.prefix``, by NLTK's own downloader run with the environment's Python:

* from NLTK's index (its publisher's, served from GitHub) by default;
* from ``MLEMOD_NLTK_DATA`` when set: a folder laid out as that index is served
  (``index.xml`` and ``packages/<subdir>/<id>.zip``, as in nltk/nltk_data's gh-pages
  branch), for machines that cannot reach GitHub. The downloader still checks each
  archive against the index's checksum.

A package neither source has is recorded as missing, not fatal: the environment is
still its lock, and the record (``installed.json`` beside the data) says what is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

DATA_LIST = Path(__file__).resolve().parent / "image" / "nltk-data.txt"
RECORD = "installed.json"
SOURCE_VARIABLE = "MLEMOD_NLTK_DATA"
NLTK_INDEX = "NLTK's index (nltk.downloader's default URL)"

# Run by the environment's Python: one package at a time, so one that cannot be had
# does not stop the rest; prints {id: null when installed, else why not}.
_INSTALL = """
import json, sys
from nltk.downloader import Downloader
url, target, ids = sys.argv[1] or None, sys.argv[2], sys.argv[3:]
downloader, why = Downloader(server_index_url=url), {}
for pkg in ids:
    try:
        downloader.download(pkg, download_dir=target, quiet=True, raise_on_error=True, extract=True,
                            print_error_to=sys.stderr)
        why[pkg] = None if downloader.status(pkg, target) == Downloader.INSTALLED else "not installed"
    except Exception as exc:
        why[pkg] = " ".join(str(exc).split())[:300] or type(exc).__name__
print(json.dumps(why))
"""


def requested(path: Path | None = None) -> list[str]:
    """The package ids the environment carries, in the list's order."""
    ids = (line.split("#", 1)[0].strip() for line in (path or DATA_LIST).read_text().splitlines())
    return [pkg for pkg in ids if pkg]


def install(python: Path, target: Path, ids: list[str] | None = None, timeout: float = 900) -> dict[str, bool]:
    """Install ``ids`` (default: the list) into ``target`` with ``python``'s NLTK; returns and records
    which were installed. Never raises for a package that cannot be had."""
    ids = requested() if ids is None else ids
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mlemod-nltk-") as tmp:
        source = os.environ.get(SOURCE_VARIABLE)
        url = local_index(Path(source), Path(tmp)) if source else ""
        # NLTK reads local files only under its data roots: the target, the index copy, the source.
        roots = os.pathsep.join(str(p) for p in (target, tmp, source) if p)
        try:
            proc = subprocess.run([str(python), "-c", _INSTALL, url, str(target), *ids], capture_output=True,
                                  text=True, timeout=timeout, env={**os.environ, "NLTK_DATA": roots})
            why = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else {}
        except (subprocess.TimeoutExpired, json.JSONDecodeError, IndexError):
            why = {}
    unfinished = "the downloader did not run to the end"
    missing = {pkg: why.get(pkg, unfinished) for pkg in ids if why.get(pkg, unfinished) is not None}
    installed = {pkg: pkg not in missing for pkg in ids}
    # the record keeps the packages of earlier installs into the same folder (mlemod env nltk completes one)
    before = _record(target)
    record = {"source": source_label(), "packages": {**before.get("packages", {}), **installed},
              "missing": {**{p: w for p, w in before.get("missing", {}).items() if p not in ids}, **missing}}
    (target / RECORD).write_text(json.dumps(record, indent=1) + "\n")
    return installed


def source_label() -> str:
    """Where the data comes from: the local folder when one is set, else NLTK's index."""
    return os.environ.get(SOURCE_VARIABLE) or NLTK_INDEX


def local_index(folder: Path, tmp: Path) -> str:
    """A copy of ``folder``'s index.xml whose package URLs point into ``folder`` (file:// URLs), so NLTK's
    downloader installs from it; packages the folder lacks keep no URL and fail as unavailable."""
    try:
        tree = ET.parse(folder / "index.xml")
    except (OSError, ET.ParseError):
        return (tmp / "missing-index.xml").as_uri()  # the downloader reports it; every package is then missing
    for package in tree.iter("package"):
        archive = folder / "packages" / package.get("subdir", "") / f"{package.get('id')}.zip"
        package.set("url", archive.resolve().as_uri() if archive.is_file() else (tmp / "absent.zip").as_uri())
    out = tmp / "index.xml"
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out.as_uri()


def complete(python: Path, target: Path) -> dict:
    """Install the listed packages ``target`` does not hold yet (an environment built where the source lacked
    them, completed once NLTK's index or a local copy is reachable); returns its record: {"source", "packages":
    id -> installed, "missing": id -> why not}."""
    held = {pkg for pkg, ok in _record(target).get("packages", {}).items() if ok}
    wanted = [pkg for pkg in requested() if pkg not in held]
    if wanted:
        install(python, target, wanted)
    return _record(target)


def _record(target: Path) -> dict:
    try:
        return json.loads((target / RECORD).read_text())
    except (OSError, ValueError):
        return {}


def installed(env_root: Path) -> dict[str, bool]:
    """What a built environment's record says (empty when it carries none)."""
    return _record(env_root / "nltk_data").get("packages", {})
