#!/usr/bin/env python3
"""What a library's own source removed between two releases, and which of it the catalogue records.

    python scripts/signature_diff.py GIT_DIR OLD_TAG NEW_TAG PACKAGE_DIR [--library NAME]

GIT_DIR is a clone (or a bare mirror, as `fetch` brings) of the library's repository;
PACKAGE_DIR the folder of its Python package inside it (``python-package/lightgbm``).
Every ``.py`` file under it is read at both tags with Python's own parser (nothing is
imported or run). Printed: the public functions, classes and methods of OLD_TAG that
NEW_TAG no longer defines, and the parameters a callable of both lost; each line ends
with the catalogue entry that records it, or ``-- not in the catalogue``. Changelogs
are written by hand and miss things; this reads what the code says, so an audit of the
catalogue starts from the removals the release actually made. A parameter gone from a
signature that takes ``**kwargs`` is left out (``--all`` lists it): a subclass usually
hands it on to its base. Read the release notes before writing an entry.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

from mlemodernizer.agent.catalogue import entries


def _git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True, text=True, check=True).stdout


def definitions(git_dir: str, tag: str, package: str) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """{"Booster.__init__": {parameter names}, "train": {...}, ...} at ``tag``, and each class's base classes
    by name (private classes too: a method that moved into ``_BaseGrid`` is still there for ``FacetGrid``)."""
    found: dict[str, set[str]] = {}
    bases: dict[str, list[str]] = {}
    for path in _git(git_dir, "ls-tree", "-r", "--name-only", tag, package).split():
        if not path.endswith(".py") or Path(path).name.startswith("test_") or \
                any(f"/{folder}/" in path for folder in ("tests", "testing", "externals", "_vendor", "vendor")):
            continue  # private modules count: packages define their public classes there (_smote.py)
        try:
            tree = ast.parse(_git(git_dir, "show", f"{tag}:{path}"))
        except (SyntaxError, subprocess.CalledProcessError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[node.name] = _parameters(node)
            elif isinstance(node, ast.ClassDef):
                found.setdefault(node.name, set())
                bases.setdefault(node.name, []).extend(
                    b.id if isinstance(b, ast.Name) else b.attr for b in node.bases if isinstance(b, (ast.Name, ast.Attribute)))
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        found[f"{node.name}.{item.name}"] = _parameters(item)
    return found, bases


def _inherited(name: str, definitions: dict[str, set[str]], bases: dict[str, list[str]]) -> set[str] | None:
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
    """Its parameter names, and "**" when it takes **kwargs (a name it lost may still be accepted there)."""
    args = node.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs} - {"self", "cls"}
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
    for name in sorted(n for n in before if _public(n)):
        now = after.get(name) if "." not in name else _inherited(name, after, after_bases)
        if now is None:
            if "." not in name or name.split(".")[0] in after:  # a class gone is one line, not one per method
                out.append((name, None))
        elif passed_on or "**" not in now:
            out += [(name, p) for p in sorted(before[name] - now - {"**"})]
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
    parser.add_argument("git_dir")
    parser.add_argument("old_tag")
    parser.add_argument("new_tag")
    parser.add_argument("package_dir", help="the Python package's folder in the repository")
    parser.add_argument("--library", help="the catalogue's name for it (default: the package folder's name)")
    parser.add_argument("--all", action="store_true",
                        help="also parameters a callable's **kwargs still accepts (usually handed to a base class)")
    args = parser.parse_args(argv)
    library = args.library or Path(args.package_dir).name
    try:
        old = definitions(args.git_dir, args.old_tag, args.package_dir)
        new = definitions(args.git_dir, args.new_tag, args.package_dir)
    except subprocess.CalledProcessError as exc:
        print(f"signature_diff: git failed: {exc.stderr.strip()}", file=sys.stderr)
        return 2
    if not old[0] or not new[0]:
        print(f"signature_diff: no Python definitions under {args.package_dir} at one of the tags", file=sys.stderr)
        return 2
    found = removals(old, new, passed_on=args.all)
    missing = 0
    for name, parameter in found:
        entry = recorded(name, parameter, library)
        missing += entry is None
        what = f"{name}({parameter}=)" if parameter else name
        print(f"{'param' if parameter else 'gone ':5s} {what:60s} {entry or '-- not in the catalogue'}")
    print(f"{len(found)} removals from {args.old_tag} to {args.new_tag}; {len(found) - missing} in the catalogue")
    return 0


if __name__ == "__main__":
    sys.exit(main())
