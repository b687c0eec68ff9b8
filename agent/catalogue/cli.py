"""`mlemod catalogue`: how much of what the libraries changed our rules cover, per library."""

from __future__ import annotations

import argparse
import json

from ...errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "catalogue",
        help="coverage of the erosion catalogue (what each library changed) by rules, per library",
        description="Print, per library, the catalogue's entries (removals, renames, signature and default "
        "changes written from the libraries' changelogs), how many raise in the locked environment, how many "
        "of those a rule covers, how many changed defaults lint reports, and what is not covered and why. "
        "Exit 0 when every entry that raises today is covered, 1 otherwise.",
    )
    p.add_argument("--library", action="append", metavar="NAME", help="only this library (repeatable)")
    p.add_argument("--uncovered", action="store_true", help="list each entry no rule covers, with the reason")
    p.add_argument("--check", action="store_true",
                   help="also run every entry's probe in the locked environment and report false entries")
    p.add_argument("--profile", default=None,
                   help="the environment --check probes in (default: each entry's own, the full profile for keras, "
                        "tensorflow and torch and tabular for the rest)")
    p.add_argument("--json", action="store_true", help="print the coverage as JSON")
    p.set_defaults(func=cmd_catalogue)


# A lock's distribution -> the catalogue library that covers it (its file's name), where the two differ; the
# successor packages added for a library's entries count as that library's.
_LIBRARY_OF = {
    "scikit-learn": "sklearn", "opencv-contrib-python-headless": "opencv", "imbalanced-learn": "imblearn",
    "bayesian-optimization": "bayes_opt", "category-encoders": "category_encoders", "scikit-image": "skimage",
    "umap-learn": "umap", "xgboost-cpu": "xgboost", "tensorflow-cpu": "tensorflow", "tf-keras": "keras",
    "optuna-integration": "optuna", "numpy-financial": "numpy", "pot": "gensim", "beautifulsoup4": "bs4",
    "python-dateutil": "dateutil", "scikit-optimize": "skopt", "pytorch-ignite": "ignite",
}
_KERNEL = {"ipykernel", "nbclient", "nbformat"}  # what runs the notebook, not what it calls


def uncatalogued(libraries: set[str]) -> list[str]:
    """The distributions the full environment's lock asks for that no catalogue file covers."""
    from ...executor.lockenv import requested_packages

    return [name for name in requested_packages("full") if name not in _KERNEL
            and _LIBRARY_OF.get(name.lower(), name.lower().replace("-", "_")) not in libraries]


COLUMNS = ("entries", "raising", "raising_covered", "defaults", "defaults_reported", "covered", "uncovered")


def coverage(selected) -> dict[str, dict[str, int]]:
    """Per library: how many entries, how many raise today and are covered, defaults reported."""
    table: dict[str, dict[str, int]] = {}
    for e in selected:
        row = table.setdefault(e.library, dict.fromkeys(COLUMNS, 0))
        row["entries"] += 1
        row["covered" if e.covered else "uncovered"] += 1
        if e.raises:
            row["raising"] += 1
            row["raising_covered"] += e.covered
        if e.kind == "default":
            row["defaults"] += 1
            # lint reports every default written Callable(param=) or Callable() (catalogue_rules.default_findings)
            row["defaults_reported"] += bool(e.rule) or e.reported_call() is not None
    return table


def cmd_catalogue(args: argparse.Namespace) -> int:
    from . import entries

    selected = [e for e in entries() if not args.library or e.library in args.library]
    if not entries():
        raise InputError("the erosion catalogue is empty (no agent/catalogue/*.toml)")
    if args.library and not selected:
        known = sorted({e.library for e in entries()})
        raise InputError(f"no catalogue entries for {', '.join(args.library)}; libraries: {', '.join(known)}")
    table = coverage(selected)
    false_entries = []
    if args.check:
        from .probe import mismatches, profile_of, run_probes

        for profile in sorted({args.profile or profile_of(e) for e in selected}):
            group = [e for e in selected if (args.profile or profile_of(e)) == profile]
            false_entries += mismatches(group, run_probes(group, profile))
    missing = uncatalogued({e.library for e in entries()}) if not args.library else []
    if args.json:
        print(json.dumps({"libraries": table, "uncatalogued": missing,
                          "uncovered": [e.model_dump(include={"id", "library", "old", "raises", "why"})
                                        for e in selected if not e.covered],
                          "false": [{"id": e.id, "got": got} for e, got in false_entries]}, indent=1))
    else:
        width = max(len("library"), *map(len, table))
        head = f"{'library':{width}} {'entries':>7} {'raising':>7} {'covered':>7} {'defaults':>8} {'linted':>6} {'uncovered':>9}"
        print(head)
        total = dict.fromkeys(COLUMNS, 0)
        for library, row in sorted(table.items()):
            for k in total:
                total[k] += row[k]
            print(_row(library, row, width))
        print(_row("all", total, width))
        if missing:
            print(f"in the locks without a catalogue of their own ({len(missing)}): {', '.join(missing)}")
        if args.uncovered:
            for e in selected:
                if not e.covered:
                    print(f"  {e.id}: {e.old} ({e.raises or 'no error'}): {e.why}")
        for e, got in false_entries:
            print(f"  FALSE {e.id}: expected {e.raises or 'no error'} {e.message!r}, the probe gave {got}")
    raising_uncovered = sum(r["raising"] - r["raising_covered"] for r in table.values())
    return 1 if raising_uncovered or false_entries else 0


def _row(library: str, row: dict[str, int], width: int) -> str:
    return (f"{library:{width}} {row['entries']:7} {row['raising']:7} {row['raising_covered']:7} "
            f"{row['defaults']:8} {row['defaults_reported']:6} {row['uncovered']:9}")
