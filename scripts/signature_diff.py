#!/usr/bin/env python3
"""What a library's own source removed between two releases, and which of it the catalogue records.

    python scripts/signature_diff.py GIT_DIR OLD_TAG NEW_TAG PACKAGE_DIR [--library NAME]
    python scripts/signature_diff.py --dirs OLD_FOLDER NEW_FOLDER --library NAME [--api]

GIT_DIR is a clone (or a bare mirror, as `fetch` brings) of the library's repository;
PACKAGE_DIR the folder of its Python package inside it (``python-package/lightgbm``).
With ``--dirs`` the two releases are folders instead: the package folder of an unpacked
sdist (``scikit-learn-0.20.4/sklearn``) and, for today's, the locked environment's
``site-packages/sklearn``. Every ``.py`` file is read with Python's own parser (nothing is
imported or run). Printed: the public functions, classes and methods of the old release
that the new one no longer defines, and the parameters a callable of both lost; each line
ends with the catalogue entry that records it, or ``-- not in the catalogue``. Changelogs
are written by hand and miss things; this reads what the code says, so an audit of the
catalogue starts from the removals the release actually made. A parameter gone from a
signature that takes ``**kwargs`` is left out (``--all`` lists it): a subclass usually
hands it on to its base. ``--api`` keeps only what the old release exported (names an
``__init__.py`` or ``api.py`` imports, names a public module lists in ``__all__``, and their
methods, inherited ones included): large libraries define many public-looking helpers nobody imports.
Read the release notes before writing an entry.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Iterator

from mlemodernizer.agent.catalogue import entries


def _git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True, text=True, check=True).stdout


Definitions = tuple[dict[str, set[str]], dict[str, list[str]]]
_SKIPPED = ("tests", "testing", "externals", "_vendor", "vendor")


def _read(path: str) -> bool:
    """Whether a module's definitions count: private modules do (packages define their public classes there,
    ``_smote.py``), tests and vendored copies do not."""
    return path.endswith(".py") and not Path(path).name.startswith("test_") and \
        not any(f"/{folder}/" in f"/{path}" for folder in _SKIPPED)


def _git_sources(git_dir: str, tag: str, package: str) -> Iterator[tuple[str, str]]:
    for path in _git(git_dir, "ls-tree", "-r", "--name-only", tag, package).split():
        if _read(path):
            try:
                yield path, _git(git_dir, "show", f"{tag}:{path}")
            except subprocess.CalledProcessError:
                continue


def folder_sources(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder).as_posix()
        if _read(relative):
            yield relative, path.read_text(encoding="utf-8", errors="replace")


def definitions(git_dir: str, tag: str, package: str) -> Definitions:
    """``definitions_of`` the package's modules at ``tag``."""
    return definitions_of(_git_sources(git_dir, tag, package))


def definitions_of(sources: Iterable[tuple[str, str]], api_only: bool = False) -> Definitions:
    """{"Booster.__init__": {parameter names}, "train": {...}, ...} of the modules ``sources`` yields (path,
    text), and each class's base classes by name (private classes too: a method that moved into ``_BaseGrid``
    is still there for ``FacetGrid``). With ``api_only``, only the exported names and their methods."""
    found: dict[str, set[str]] = {}
    bases: dict[str, list[str]] = {}
    exported: set[str] = set()
    by_module: dict[str, set[str]] = {}  # a module's top-level callables, by its file's stem (for star imports)
    for path, text in sources:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        if Path(path).name in ("__init__.py", "api.py"):
            exported |= _exports(tree)
        elif not any(part.startswith("_") for part in Path(path).parts):
            exported |= _exports(tree, imports=False)  # a public module's __all__ (sklearn/naive_bayes.py)
        by_module.setdefault(Path(path).stem, set()).update(
            n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[node.name] = _parameters(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                _assigned(found, "", node)
            elif isinstance(node, ast.ClassDef):
                found.setdefault(node.name, set())
                bases.setdefault(node.name, []).extend(
                    b.id if isinstance(b, ast.Name) else b.attr for b in node.bases if isinstance(b, (ast.Name, ast.Attribute)))
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        found[f"{node.name}.{item.name}"] = _parameters(item)
                    elif isinstance(item, (ast.Assign, ast.AnnAssign)):
                        _assigned(found, f"{node.name}.", item)
    for star in [name for name in exported if name.startswith("*")]:
        exported |= by_module.get(star[1:], set())
    return (_api(found, bases, exported), bases) if api_only else (found, bases)


def _assigned(found: dict[str, set[str]], prefix: str, node: ast.Assign | ast.AnnAssign) -> None:
    """A name bound by assignment (``get_xticks = _axis_method_wrapper(...)``, ``isnull = isna``) is defined,
    with parameters unknown ("**": none is reported lost) and marked "=": constants come along, so such a
    name counts where it is still defined but is never listed as removed."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            found.setdefault(f"{prefix}{target.id}", {"**", "="})


def _exports(tree: ast.Module, imports: bool = True) -> set[str]:
    """The names a package's ``__init__.py`` (or ``api.py``) imports or lists in ``__all__``; ``*rcmod`` for
    ``from .rcmod import *`` (every callable that module defines). Without ``imports``, ``__all__`` only."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if imports and isinstance(node, ast.ImportFrom):
            names |= {f"*{(node.module or '').rsplit('.', 1)[-1]}" if a.name == "*" else a.asname or a.name
                      for a in node.names}
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets) \
                and isinstance(node.value, (ast.List, ast.Tuple)):
            names |= {e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return names


def _api(found: dict[str, set[str]], bases: dict[str, list[str]], exported: set[str]) -> dict[str, set[str]]:
    """The exported callables, and every method an exported class has, its own or a base's, under its name."""
    kept = {name: params for name, params in found.items() if name.split(".")[0] in exported}
    for cls in (c for c in bases if c in exported):
        methods = {name.split(".", 1)[1] for name in found if "." in name}
        for method in methods:
            params = inherited(f"{cls}.{method}", found, bases)
            if params is not None:
                kept.setdefault(f"{cls}.{method}", params)
    return kept


def inherited(name: str, definitions: dict[str, set[str]], bases: dict[str, list[str]]) -> set[str] | None:
    """``Class.method``'s parameters where the class or one of its bases (by name) defines it; None if none does."""
    cls, _, method = name.partition(".")
    seen, todo = set(), [cls]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if f"{current}.{method}" in definitions:
            return definitions[f"{current}.{method}"]
        todo += bases.get(current, [])
    return None


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Its parameter names, and "**" when it takes **kwargs (a name it lost may still be accepted there). A name
    pandas' ``@deprecate_kwarg('sheetname', 'sheet_name')`` still took counts: the release accepted it."""
    args = node.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs} - {"self", "cls"}
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", getattr(decorator.func, "attr", "")) \
                == "deprecate_kwarg":
            given = decorator.args[:1] or [k.value for k in decorator.keywords if k.arg == "old_arg_name"]
            names |= {g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)}
    return names | ({"**"} if args.kwarg is not None else set())


def _public(name: str) -> bool:
    return all(not part.startswith("_") or part == "__init__" for part in name.split("."))


def removals(old: tuple[dict[str, set[str]], dict[str, list[str]]], new: tuple[dict[str, set[str]], dict[str, list[str]]],
             passed_on: bool = False) -> list[tuple[str, str | None]]:
    """(callable, None) for a public callable gone; (callable, parameter) for a parameter gone from one that
    stayed, defined on the class or inherited (with ``passed_on``, also those its **kwargs still takes: a
    subclass handing them to its base)."""
    (before, _), (after, after_bases) = old, new
    out: list[tuple[str, str | None]] = []
    for name in sorted(n for n in before if _public(n) and "=" not in before[n]):
        now = after.get(name) if "." not in name else inherited(name, after, after_bases)
        if now is None:
            if "." not in name or name.split(".")[0] in after:  # a class gone is one line, not one per method
                out.append((name, None))
        elif passed_on or "**" not in now:
            out += [(name, p) for p in sorted(before[name] - now - {"**", "="})]
    return out


def recorded(name: str, parameter: str | None, library: str | None) -> str | None:
    """The id of a catalogue entry naming this removal, if any."""
    owner, _, method = name.rpartition(".")
    short = owner if method == "__init__" else name
    for entry in entries():
        if library and entry.library != library:
            continue
        if parameter is None and (entry.old.endswith(short) or entry.name == short.split(".")[-1]):
            return entry.id
        form = entry.keyword_form()
        if parameter is not None and form and form[1] == parameter and form[0] == short.split(".")[-1]:
            return entry.id
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("git_dir", nargs="?")
    parser.add_argument("old_tag", nargs="?")
    parser.add_argument("new_tag", nargs="?")
    parser.add_argument("package_dir", nargs="?", help="the Python package's folder in the repository")
    parser.add_argument("--dirs", nargs=2, metavar=("OLD_FOLDER", "NEW_FOLDER"),
                        help="read the two releases from package folders instead of git tags")
    parser.add_argument("--library", help="the catalogue's name for it (default: the package folder's name)")
    parser.add_argument("--all", action="store_true",
                        help="also parameters a callable's **kwargs still accepts (usually handed to a base class)")
    parser.add_argument("--api", action="store_true", help="only what the old release exported, and its methods")
    args = parser.parse_args(argv)
    if args.dirs:
        folders = [Path(d) for d in args.dirs]
        if not all(f.is_dir() for f in folders):
            parser.error(f"--dirs takes two folders: {' '.join(args.dirs)}")
        library, (old_label, new_label) = args.library or folders[1].name, args.dirs
        old = definitions_of(folder_sources(folders[0]), args.api)
        new = definitions_of(folder_sources(folders[1]))
    else:
        if not args.package_dir:
            parser.error("give GIT_DIR OLD_TAG NEW_TAG PACKAGE_DIR, or --dirs OLD_FOLDER NEW_FOLDER")
        library, old_label, new_label = args.library or Path(args.package_dir).name, args.old_tag, args.new_tag
        try:
            old = definitions_of(_git_sources(args.git_dir, args.old_tag, args.package_dir), args.api)
            new = definitions(args.git_dir, args.new_tag, args.package_dir)
        except subprocess.CalledProcessError as exc:
            print(f"signature_diff: git failed: {exc.stderr.strip()}", file=sys.stderr)
            return 2
    if not old[0] or not new[0]:
        print("signature_diff: no Python definitions in one of the releases", file=sys.stderr)
        return 2
    found = removals(old, new, passed_on=args.all)
    missing = 0
    for name, parameter in found:
        entry = recorded(name, parameter, library)
        missing += entry is None
        what = f"{name}({parameter}=)" if parameter else name
        print(f"{'param' if parameter else 'gone ':5s} {what:60s} {entry or '-- not in the catalogue'}")
    print(f"{len(found)} removals from {old_label} to {new_label}; {len(found) - missing} in the catalogue")
    return 0


if __name__ == "__main__":
    sys.exit(main())
