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
    with path.open("a+b") as handle:
        # a writer killed mid-line left no newline: read only the last byte, not the whole (growing) file
        cut = False
        if handle.seek(0, os.SEEK_END) > 0:
            handle.seek(-1, os.SEEK_END)
            cut = handle.read(1) != b"\n"
        handle.write((b"\n" if cut else b"") + json.dumps(record, sort_keys=True).encode() + b"\n")
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
