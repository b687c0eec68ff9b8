"""The evaluation's append-only files (results.jsonl, machines.jsonl): one JSON object a line.

A run can be killed mid-write: a line cut short is skipped when read, and the next
record starts on a fresh line rather than joining it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def append(path: Path, record: dict) -> None:
    """Add ``record`` as a line of ``path``, on disk when this returns."""
    needs_newline = path.is_file() and path.stat().st_size > 0 and not path.read_bytes().endswith(b"\n")
    with path.open("a") as handle:
        handle.write(("\n" if needs_newline else "") + json.dumps(record, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read(path: Path) -> list[dict]:
    """Every whole object line of ``path`` in order; [] when there is no file."""
    if not path.is_file():
        return []
    records = []
    for line in path.read_text().splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records
