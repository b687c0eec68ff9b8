#!/usr/bin/env python3
"""Which packages the notebooks of an assembled corpus import that no locked environment has.

    corpus_imports.py CORPUS [--profile tabular|full|both]

A static scan, nothing runs: every top-level module imported by each notebook (and
by the helper modules next to it) that is not in the standard library, not one of
the notebook's own helper modules, and not in the lock of the profile (default
"both": in neither executor/image/tabular.lock nor full.lock). Printed as a
Markdown table: module, how many notebooks import it, how many of them are in the
tune and the validate split (notebooks.csv's ``split`` column), and a few of them.
Cells that do not parse (Python 2) are read for their import lines only.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from pathlib import Path

from mlemodernizer.agent.rules.masking import parse_masked
from mlemodernizer.agent.rules.packages import locked_distributions, missing_imports

_IMPORT_LINE = re.compile(r"^[ \t]*(?:import[ \t]+[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*|from[ \t]+[A-Za-z_][\w.]*[ \t]+import[ \t]+\S.*)$", re.M)


def code_sources(path: Path) -> list[str]:
    """The code cells of a notebook (nbformat 3 or 4), as strings."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except json.JSONDecodeError:
        return []
    cells = nb.get("cells")
    if cells is None:
        cells = [c for ws in nb.get("worksheets", []) for c in ws.get("cells", [])]
    sources = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        sources.append("".join(source) if isinstance(source, list) else source)
    return sources


def parsable(sources: list[str]) -> list[str]:
    """Each source, or just its import lines when it does not parse."""
    result = []
    for source in sources:
        if parse_masked(source) is not None:
            result.append(source)
        else:
            result.append("\n".join(m.group(0).strip().rstrip(";") for m in _IMPORT_LINE.finditer(source)))
    return result


def helper_modules(folder: Path | None) -> tuple[set[str], list[str]]:
    """Module names a notebook's helper folder provides, and the helpers' sources."""
    if folder is None or not folder.is_dir():
        return set(), []
    names, sources = set(), []
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder)
        # the top-level package, and the module itself: notebooks add helper folders to sys.path,
        # and Python 2 packages import their siblings without a dot
        names.update({relative.parts[0], path.stem} if len(relative.parts) > 1 else {path.stem})
        sources.append(path.read_text(encoding="utf-8", errors="replace"))
    return names, sources


def _cpu_build_locked(module: str, profiles: list[str]) -> bool:
    """tensorflow is locked as tensorflow-cpu (as xgboost is as xgboost-cpu), which packages.py does not map."""
    name = re.sub(r"[-_.]+", "-", module).lower() + "-cpu"
    return any(name in locked_distributions(profile) for profile in profiles)


def scan(corpus: Path, profiles: list[str]) -> dict[str, dict[str, object]]:
    """module -> {"notebooks": [keys], "split": Counter}."""
    found: dict[str, dict[str, object]] = {}
    for competition in sorted(p for p in corpus.iterdir() if (p / "notebooks").is_dir()):
        splits = {}
        index = competition / "notebooks.csv"
        if index.is_file():
            splits = {row["name"]: row.get("split") or "?" for row in csv.DictReader(index.open(newline=""))}
        for notebook in sorted((competition / "notebooks").glob("*.ipynb")):
            folder = notebook.with_suffix("")
            helpers, helper_sources = helper_modules(folder if folder.is_dir() else None)
            sources = parsable(code_sources(notebook) + helper_sources)
            missing_per_profile = [{m for _, _, m in missing_imports(sources, helpers, profile)} for profile in profiles]
            missing = set.intersection(*missing_per_profile) if missing_per_profile else set()
            missing = {m for m in missing if not _cpu_build_locked(m, profiles)}
            key = f"{competition.name}/{notebook.stem}"
            for module in missing:
                entry = found.setdefault(module, {"notebooks": [], "split": collections.Counter()})
                entry["notebooks"].append(key)
                entry["split"][splits.get(notebook.stem, "?")] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--profile", choices=["tabular", "full", "both"], default="both")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus_imports: {args.corpus} is not a directory", file=sys.stderr)
        return 2
    profiles = ["tabular", "full"] if args.profile == "both" else [args.profile]
    found = scan(args.corpus, profiles)
    total = sum(1 for _ in args.corpus.glob("*/notebooks/*.ipynb"))
    print(f"Imports missing from {' and '.join(p + '.lock' for p in profiles)} in {total} notebooks of {args.corpus}\n")
    print("| module | notebooks | tune | validate | for example |")
    print("| --- | ---: | ---: | ---: | --- |")
    for module, entry in sorted(found.items(), key=lambda item: (-len(item[1]["notebooks"]), item[0])):
        notebooks, split = entry["notebooks"], entry["split"]
        examples = ", ".join(n.split("/", 1)[1] for n in notebooks[:2]) + (", ..." if len(notebooks) > 2 else "")
        print(f"| {module} | {len(notebooks)} | {split.get('tune', 0)} | {split.get('validate', 0)} | {examples} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
