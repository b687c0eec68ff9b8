"""`mlemod provenance NOTEBOOK [--data DIR] [--json]`: verify a repaired notebook's provenance and explain it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "provenance", help="verify a repaired notebook's provenance and explain how it was made",
        description="Read the provenance a repair (or lint --fix) stored in NOTEBOOK's metadata, check every hash "
                    "that can be checked now (each cell against its recorded final hash; the data files in --data, "
                    "or in the recorded data folder when it still exists; the original notebook when its path still "
                    "exists) and tell the chain of edits as sentences. Exit 0 when everything checked matches, 1 on "
                    "any mismatch (naming the cell and its first differing line, or the data file), 2 on bad input.",
    )
    p.add_argument("notebook", type=Path, help="the repaired .ipynb")
    p.add_argument("--data", type=Path, metavar="DIR", help="the input data folder to check against the recorded hashes")
    p.add_argument("--json", action="store_true", help="print the checks and the record as JSON")
    p.set_defaults(func=cmd_provenance)


def cmd_provenance(args: argparse.Namespace) -> int:
    from ..core import load_notebook
    from .provenance import explain, mismatches, read, verify

    if args.data is not None and not args.data.is_dir():
        raise InputError(f"--data {args.data} is not a directory")
    notebook = load_notebook(args.notebook)  # NotebookError (exit 2) for a broken .ipynb
    record = read(notebook.node, str(args.notebook))
    checks = verify(notebook.node, record, args.data)
    bad = mismatches(checks)
    if args.json:
        print(json.dumps({"notebook": str(args.notebook), "verified": not bad,
                          "checks": [c.model_dump() for c in checks],
                          "explanation": explain(record), "provenance": record.model_dump(mode="json")}, indent=1))
        return 1 if bad else 0
    for sentence in explain(record):
        print(sentence)
    print()
    for check in checks:
        mark = {"ok": "ok", "not checked": "--"}.get(check.status, "!!")
        print(f"{mark} {check.what}: {check.status}" + (f" — {check.detail}" if check.detail else ""))
    print()
    if bad:
        print(f"MISMATCH: {len(bad)} thing(s) changed since the record was written: " +
              "; ".join(f"{c.what} {c.status}" + (f" ({c.detail})" if c.status == "changed" and c.detail else "")
                        for c in bad))
        return 1
    unchecked = [c.what for c in checks if c.status == "not checked"]
    print("VERIFIED: every hash checked matches" + (f" (not checked: {', '.join(unchecked)})" if unchecked else "") + ".")
    return 0
