"""The files of a notebook's repository that its code names: images, the author's intermediate tables, pickles.

A user who clones a repository to run one of its notebooks has every file the
repository holds; a corpus built from notebooks alone has none of them, so a
notebook that shows ``../images/1.jpg`` or reads ``processed/train_clean.csv``
(committed beside it) failed in our runs where it would not fail for its user.
The manifest's ``repo_files`` column lists, per notebook, the repository paths
(a folder ends with ``/``) that ``find`` chose from the notebook's own text, so the
corpus stages them as a user's clone would have them (``staged_path``).

What is chosen, from the string literals of the code cells only (never from a run):

* the literal resolved against the notebook's folder, as its author's working
  directory would (``data/x.csv``, ``../images/``), when the tree has it;
  failing every exact match, the same in any case (``Leaf.csv`` for ``leaf.csv``:
  macOS and Windows, where many notebooks were written, do not tell them apart);
* else the longest tail of the literal that names a tree path, or ends one
  (``/Users/me/proj/processed/x.csv`` -> ``processed/x.csv``); a bare file name only
  when one file of the tree has it;
* never a notebook or a module (helper modules are ``helper_files``), never a file
  named as a competition data file (those are served from the data folder, as
  Kaggle did), never a file the notebook writes itself (its own output must come
  from its own run), never a git-lfs pointer or a blob the mirror lacks;
* with a chosen file, its companions: files beside it whose name is its name and
  more (``corpus.mm.index``), or a shapefile's stem (``x.dbf``), which the library
  that reads it reads too;
* at most ``FILE_CAP`` bytes a file and ``NOTEBOOK_CAP`` bytes a notebook, taken in
  the order the literals appear.

    python -m mlemodernizer.eval.repo_files --mirrors DIR [--manifest M] [--write]

prints, per row, what it would record (``--write`` updates the manifest's column).
"""

from __future__ import annotations

import argparse
import csv
import json
import posixpath
import re
import sys
from pathlib import Path, PurePosixPath

from ..errors import InputError, MlemodError
from .mirrors import Tree, git_dir, git_show, read_tree

FILE_CAP = 32 * 2**20
NOTEBOOK_CAP = 64 * 2**20
_LITERAL = re.compile(r"""(['"])((?:\\.|(?!\1)[^\n\\]){1,300})\1""")
_NOT_DATA = (".ipynb", ".py", ".pyc", ".pyx")
# A call on a line that writes the path it is given: the notebook makes that file itself.
_WRITES = re.compile(r"\b(to_csv|to_pickle|to_excel|to_json|to_parquet|to_hdf|to_feather|to_file|to_html|savefig|"
                     r"save|savez|dump|imsave|imwrite|save_model|save_weights|write_html|write_image|ExcelWriter|"
                     r"ModelCheckpoint)\s*\(|open\([^)]*,\s*['\"][wax]")
# A competition file under any container the author kept it in (train.csv, train.zip, train.csv.zip).
_DATA_SUFFIXES = {".csv", ".zip", ".txt", ".tsv", ".json", ".gz", ".7z"}


def literals(notebook: dict) -> list[tuple[str, bool]]:
    """(string literal, whether a writer on its line is given it) of the code cells, in order; the text is
    read with a pattern, not parsed, so Python 2 notebooks count too."""
    out = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        for line in (source if isinstance(source, str) else "".join(source)).split("\n"):
            writes = _WRITES.search(line) is not None
            out.extend((m.group(2), writes) for m in _LITERAL.finditer(line))
    return out


def _parts(literal: str) -> list[str]:
    """datapath_rules.path_parts for literals, kept here so that the assembler does not import the rules."""
    text = literal.replace("\\\\", "/").replace("\\", "/")
    text = re.sub(r"^[A-Za-z]:/", "/", text)
    return [p for p in text.split("/") if p not in ("", ".", "..", "~")]


def resolve(literal: str, folder: str, tree: Tree) -> str | None:
    """The tree path (a file, or a folder as ``path/``) that ``literal``, written in a notebook kept in
    ``folder``, names; None when it names none or more than one."""
    text = literal.replace("\\", "/").strip()
    template = re.search(r"[{%*]", text)
    if template:  # '../images/{}.jpg'.format(i): the folder the template fills in
        text = text[: text.rfind("/", 0, template.start()) + 1]
    if not text or "://" in text or text in (".", "..", "./", "../") or not _parts(text):
        return None
    if template:
        found = resolve(text, folder, tree)
        return found if found and found.endswith("/") else None
    relative = not text.startswith(("/", "~")) and not re.match(r"^[A-Za-z]:/", text)
    parts = _parts(text)
    # the exact name first; then in any case, as the author's macOS or Windows file system found it
    for fold in (False, True):
        if fold and not re.search(r"[./]", text):
            break  # a word ('r', 'Survived') is no file name to find in any case
        if relative:
            near = posixpath.normpath(posixpath.join(folder or ".", text))
            held = tree.held(near, fold)
            if held:
                return held + "/" if held in tree.folders else held
        for start in range(len(parts)):
            found = tree.ending("/".join(parts[start:]), fold)
            if not found:
                continue
            if start == len(parts) - 1 and len(found) > 1:
                return None  # a bare name many files share says nothing about which one
            best = max(found, key=lambda p: (len(posixpath.commonpath([p, folder])) if folder else 0, -len(p)))
            return best + "/" if best in tree.folders else best
    return None


def find(notebook: dict, folder: str, tree: Tree, data_names: set[str], helpers: tuple[str, ...] = ()) -> list[str]:
    """The repository paths ``notebook`` (kept in ``folder``) names, chosen as the module says."""
    found = [(resolve(text, folder, tree), writes) for text, writes in literals(notebook)]
    written = {path for path, writes in found if path and writes}
    skip = _helpers(folder, helpers)
    chosen: list[str] = []
    total = 0
    named = [path for path, _ in found if path]
    # A library's companions beside the file it was given (gensim's corpus.mm.index, model.wv.vectors.npy; a
    # TensorFlow checkpoint's .index and .data parts): read with it, never named in the code.
    named += [f for path in named if not path.endswith("/") for f in tree.companions(path)]
    for path in named:
        if path in written or path in chosen or path.rstrip("/") in ("", "."):
            continue
        files = tree.below(path.rstrip("/")) if path.endswith("/") else [path]
        files = [f for f in files if _wanted(f, tree, data_names, skip)]
        size = sum(tree.sizes[f] for f in files)
        if not files or total + size > NOTEBOOK_CAP:
            continue
        chosen.append(path)
        total += size
    return chosen


def _helpers(folder: str, helpers: tuple[str, ...]) -> set[str]:
    """The helper modules' repository paths (``helper_files`` are relative to the notebook's folder)."""
    return {posixpath.normpath(posixpath.join(folder or ".", h)) for h in helpers}


def _wanted(path: str, tree: Tree, data_names: set[str], skip: set[str]) -> bool:
    name = PurePosixPath(path).name.lower()
    served = name.split(".", 1)[0] in data_names and PurePosixPath(name).suffix in _DATA_SUFFIXES
    return path not in skip and not name.endswith(_NOT_DATA) and not served and 0 < tree.sizes[path] <= FILE_CAP


def staged_path(repo_path: str, folder: str) -> str:
    """Where a chosen file goes in the notebook's working directory: relative to the notebook's folder when
    under it (its author's working directory), else relative to the repository's root (a rule finds it by
    the path's tail: ``../images/1.jpg`` is ``images/1.jpg``)."""
    if folder and repo_path.startswith(folder + "/"):
        return repo_path[len(folder) + 1:]
    return repo_path


def stage(directory: Path, commit: str, paths: tuple[str, ...], folder: str, target: Path, data_names: set[str],
          helpers: tuple[str, ...] = ()) -> list[str]:
    """Write one notebook's chosen ``paths`` (a folder: the files below it that ``find`` would take) under
    ``target`` at their staged paths; returns the repository paths that could not be read."""
    files = [p for p in paths if not p.endswith("/")]
    if len(files) < len(paths):  # folders: the tree says what is below them, read once
        tree, skip = read_tree(directory, commit), _helpers(folder, helpers)
        files += [f for p in paths if p.endswith("/") for f in tree.below(p.rstrip("/"))
                  if _wanted(f, tree, data_names, skip)]
    missing = []
    for path in files:
        content = git_show(directory, commit, path)
        if content is None:
            missing.append(path)
            continue
        out = target / staged_path(path, folder)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    return missing


def data_names(data: Path, competition: str) -> set[str]:
    """The competition's file names, lower-cased and without extensions: those come from the data folder."""
    folder = data / competition / "input"
    return {p.name.lower().split(".", 1)[0] for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def choose(row: dict, git_dir: Path, names: set[str]) -> list[str] | None:
    """``find`` for one manifest row, its notebook and tree read from ``git_dir``; None when the mirror lacks it."""
    content = git_show(git_dir, row["commit"], row["path"])
    if content is None:
        return None
    try:
        notebook = json.loads(content)
    except ValueError:
        return None
    folder = str(PurePosixPath(row["path"]).parent).strip(".")
    helpers = tuple(h for h in (row.get("helper_files") or "").split(";") if h)
    return find(notebook, folder, read_tree(git_dir, row["commit"]), names, helpers)


def main(argv: list[str] | None = None) -> int:
    from .assemble import COLUMNS, DEFAULT_MANIFEST

    parser = argparse.ArgumentParser(prog="python -m mlemodernizer.eval.repo_files",
                                     description=__doc__.split("\n\n", 1)[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="manifest CSV (default: the project's)")
    parser.add_argument("--mirrors", type=Path, required=True,
                        help="folder holding <owner>+<name>/repo git directories")
    parser.add_argument("--data", type=Path, required=True, help="folder holding <competition>/input/")
    parser.add_argument("--write", action="store_true",
                        help="record the choice in the manifest's repo_files column")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if not args.manifest.is_file():
            raise InputError(f"manifest {args.manifest} does not exist")
        for folder, what in ((args.mirrors, "mirrors"), (args.data, "data")):
            if not folder.is_dir():
                raise InputError(f"{what} folder {folder} does not exist")
        with args.manifest.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        unread = 0
        for row in rows:
            directory = git_dir(args.mirrors, row["repo"])
            chosen = choose(row, directory, data_names(args.data, row["competition"])) if directory else None
            if chosen is None:
                unread += 1
                continue
            row["repo_files"] = ";".join(chosen)
            if chosen:
                print(f"{row['repo']}:{row['path']}\t{row['repo_files']}")
        print(f"{sum(bool(r.get('repo_files')) for r in rows)} of {len(rows)} notebooks name files of their "
              f"repository; {unread} could not be read", file=sys.stderr)
        if args.write:
            if unread:
                raise InputError(f"{unread} rows could not be read from --mirrors: the manifest is left as it was")
            with args.manifest.open("w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
    except MlemodError as exc:
        print(f"repo_files: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
