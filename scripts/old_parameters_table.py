"""Write agent/rules/old_parameters.json: for each callable a library's old releases exported that takes a
parameter today's release no longer has, every parameter name those old releases gave it, and those every one
of them gave it.

catalogue-keyword renames an unexpected keyword the catalogue does not know to the parameter of almost the same
spelling in today's signature. A parameter that sat beside the old one in every old release read cannot be where
the old one went (``check_array(warn_on_dtype=)`` did not become ``dtype=``, ``eigh(eigvals=)`` not
``eigvals_only=``); one that appeared while the old one was being retired can (``read_excel(sheetname=)`` and
``sheet_name=`` side by side in 0.21-0.25). This table lets the rule rule the first out, and decline a keyword
no old release took (the author's slip, not erosion). Callables that lost nothing are left out: an unexpected keyword there
is not an old name.

    .venv/bin/python scripts/old_parameters_table.py LIBRARY=OLD_DIR[,OLD_DIR...] [...]

OLD_DIR is the package folder of an unpacked sdist (``scikit-learn-0.20.4/sklearn``); today's signatures are
read, as the old ones, from source: the locked tabular environment's site-packages. Only exported names count
(scripts/signature_diff.py --api), except for matplotlib, whose pyplot functions no ``__init__`` imports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from signature_diff import folder_sources, inherited, definitions_of

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "agent" / "rules" / "old_parameters.json"
NOT_EXPORTED = {"matplotlib"}  # read whole: pyplot and the Axes methods are public without an __init__ import


def _callables(found: dict[str, set[str]]) -> dict[str, set[str]]:
    """{function or class name: its parameters} (a class by its __init__), public names only."""
    out: dict[str, set[str]] = {}
    for name, params in found.items():
        if "=" in params:  # bound by assignment: parameters unknown
            continue
        head, _, rest = name.partition(".")
        if head.startswith("_") or rest not in ("", "__init__"):
            continue
        out.setdefault(head, set()).update(params)  # "**" kept: a name it took through **kwargs is not a slip
    return out


def table_for(library: str, old_dirs: list[Path], today_dir: Path) -> dict[str, list[list[str]]]:
    """{callable: [every parameter an old release gave it, the parameters every old release that had it gave
    it]}: the second list is what sat side by side through the releases read, not a rename in progress."""
    every: dict[str, set[str]] = {}
    always: dict[str, set[str]] = {}
    for folder in old_dirs:
        for name, params in _callables(definitions_of(folder_sources(folder), library not in NOT_EXPORTED)[0]).items():
            every.setdefault(name, set()).update(params)
            always[name] = always[name] & params if name in always else set(params)
    found, bases = definitions_of(folder_sources(today_dir))
    table = {}
    for name, params in sorted(every.items()):
        today = inherited(f"{name}.__init__", found, bases) if name in bases else found.get(name)
        if today is None or "=" in today:
            continue
        if params - today - {"**"}:  # it lost a parameter: an unexpected keyword there may be an old name
            table[name] = [sorted(params), sorted(always[name])]
    return table


def main(argv: list[str]) -> int:
    if not argv or any("=" not in a for a in argv):
        print(__doc__, file=sys.stderr)
        return 2
    from mlemodernizer.executor.lockenv import built_python

    python = built_python("tabular")
    if python is None:
        print("old_parameters_table: the tabular environment is not built", file=sys.stderr)
        return 2
    site = next(python.parent.parent.glob("lib/python3*/site-packages"))
    table = {}
    for arg in argv:
        library, dirs = arg.split("=", 1)
        folders = [Path(d) for d in dirs.split(",")]
        missing = [str(f) for f in [*folders, site / library] if not f.is_dir()]
        if missing:
            print(f"old_parameters_table: not a package folder: {', '.join(missing)}", file=sys.stderr)
            return 2
        table[library] = table_for(library, folders, site / library)
        print(f"{library}: {len(table[library])} callables that lost a parameter", file=sys.stderr)
    lines = [f"{json.dumps(lib)}: {json.dumps(table[lib], sort_keys=True, separators=(',', ':'))}" for lib in sorted(table)]
    OUT.write_text("{\n" + ",\n".join(lines) + "\n}\n")  # a library a line: a regenerated table diffs by library
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
