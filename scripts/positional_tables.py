"""What the keyword-only table scripts share (sklearn_positional_table.py, pandas_positional_table.py,
matplotlib_positional_table.py): the catalogue's keyword changes, the parameter order old releases agree on, the
positions that still mean the same today, the locked signatures and the table file (the last two also serve
unimported_names_table.py).

A library made optional parameters keyword-only; a notebook passed them by position. Each script reads the order
the old releases gave (from their sdists' source) and today's signature (in the locked environment), and writes,
per callable, how many positions still mean what they meant and the old names of the others.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSITIONAL_KINDS = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")


def catalogue_keywords(files: str, keyword: re.Pattern, owners: Callable[[str], Iterable[str]] = lambda name: (name,)):
    """The catalogue's keyword changes in ``files`` (a glob under agent/catalogue): (callable, old parameter) ->
    today's name for a rename, and the (callable, parameter) pairs it records at all (removed ones among them).
    ``keyword`` reads an entry's old/new text into (callable, parameter); ``owners`` gives the callables an entry
    stands for (a pyplot wrapper and its Axes method share their parameters)."""
    import tomllib

    renames, recorded = {}, set()
    for path in (ROOT / "agent" / "catalogue").glob(files):
        for entry in tomllib.loads(path.read_text())["entry"]:
            old, new = keyword.match(entry.get("old", "")), keyword.match(entry.get("new", ""))
            for owner in owners(old[1]) if old else ():
                recorded.add((owner, old[2]))
                if new and old[1] == new[1] and old[2] != new[2]:
                    renames[(owner, old[2])] = new[2]
    return renames, recorded


def agreed_prefix(orders: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The leading parameters every old order has, in the same places."""
    prefix = []
    for names in zip(*orders):
        if len(set(names)) != 1:
            break
        prefix.append(names[0])
    return tuple(prefix)


def known_names(key: str, old: tuple[str, ...], current: list[str], renames: dict, recorded: set) -> list[str]:
    """``old`` in today's spellings, up to the first parameter that is neither today's (under its name or a
    recorded rename) nor recorded by the catalogue as changed: where it went is not known, nor what follows."""
    names = []
    for param in old:
        spelled = param if param in current else renames.get((key, param))
        if spelled is None and (key, param) not in recorded:
            break
        names.append(spelled or param)
    return names


def kept_positions(signature: list[list[str]], old: list[str]) -> int:
    """How many leading positions today's ``signature`` ([name, kind] pairs) takes that still mean what they meant
    (MLPRegressor(loss, hidden_layer_sizes, ...) since 1.7: none; groupby(by, level) since pandas 2.0: one)."""
    positional = [p for p, kind in signature if kind in POSITIONAL_KINDS]
    return next((i for i, (a, b) in enumerate(zip(positional, old)) if a != b), min(len(positional), len(old)))


def locked_signatures(script: str, *arguments: str) -> dict:
    """What ``script`` prints as JSON, run by the locked tabular environment's Python."""
    sys.path.insert(0, str(ROOT.parent))
    from mlemodernizer.executor.lockenv import venv_python

    return json.loads(subprocess.run([str(venv_python("tabular")), "-c", script, *arguments], check=True,
                                     capture_output=True, text=True).stdout)


def write_sorted(out: Path, table: dict) -> None:
    """One entry a line, sorted: a regenerated table diffs by the entries that changed."""
    out.write_text("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(table.items()))
                   + "\n}\n")


def write_table(out: Path, table: dict, releases: int, names_today: int) -> None:
    write_sorted(out, table)
    print(f"{len(table)} callables written to {out.relative_to(ROOT)} from {releases} releases, "
          f"{names_today} public names today")
