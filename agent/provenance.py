"""Provenance of a repaired notebook, kept in its metadata (``mlemodernizer.provenance``).

What it records: the original notebook (its file's sha256, the sha256 of its cell sources,
where it came from: repository, path and commit for a corpus notebook, else its path), the
sha256 of every input data file, the environment the verdict run used (lock hash or image,
Python, package versions), mlemod's version, timestamps, and every attempt of the repair:
each edit (cell, old/new sha256, the diff, origin, rationale), the error it answered, where
the run got after it, accepted or reverted and why. It ends with a hash of each final cell
(and of each of its lines), so a later hand edit is found and located.

``verify`` checks every hash it can; ``explain`` tells the chain as sentences.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
from pydantic import BaseModel, Field

from ..core import Edit, Fingerprint, Notebook, RepairReport, corpus_defaults, rule_ids
from ..errors import InputError

KEY = "provenance"  # under metadata["mlemodernizer"]
SCHEMA = 1


# --------------------------------------------------------------------------- the record


class Source(BaseModel):
    """Where the original notebook came from."""

    path: str | None = None  # absolute path at repair time
    sha256: str | None = None  # of the file's bytes, when it was read from a file
    sources_sha256: str = ""  # of its cell sources (core.notebook_hash), what the repair report calls original_hash
    repository: str | None = None  # "owner/name" (a corpus notebook's notebooks.csv row)
    repo_path: str | None = None  # its path inside the repository
    commit: str | None = None
    competition: str | None = None
    written: str | None = None


class DataFile(BaseModel):
    name: str  # relative to the data folder, "/"-separated
    size: int
    sha256: str


class EditRecord(BaseModel):
    cell: int
    file: str | None = None  # a helper module's path instead of a cell
    old_sha256: str
    new_sha256: str
    diff: str  # unified diff, old -> new
    fix_type: str
    origin: str
    rule_ids: list[str] = Field(default_factory=list)
    rationale: str

    @property
    def where(self) -> str:
        return f"Module {self.file}" if self.file is not None else f"Cell {self.cell}"


class AttemptRecord(BaseModel):
    number: int
    edits: list[EditRecord]
    answered: str | None = None  # the failure before it, "cell 3: AttributeError: ..."; None: none (static edits)
    status: str  # of the run after it
    reached: int | None = None  # the cell the run after it failed at (None: it ran to the end)
    error: str | None = None  # "ename: evalue" of that failure
    accepted: bool
    why: str


class CellHash(BaseModel):
    index: int
    cell_type: str
    sha256: str
    lines: list[str] = Field(default_factory=list)  # 12 hex digits of each line's sha256: where an edit is


class Provenance(BaseModel):
    schema_version: int = SCHEMA
    kind: str = "repair"  # "repair" | "lint --fix"
    tool: str = "mlemod"
    version: str = ""
    started: str | None = None  # ISO 8601, UTC
    created: str = ""
    original: Source
    data_dir: str | None = None
    data: list[DataFile] = Field(default_factory=list)
    environment: Fingerprint | None = None
    verdict: str | None = None
    reason: str | None = None
    baseline: str | None = None  # the run of the original: "error at cell 4: AttributeError: ..." or "ok"
    attempts: list[AttemptRecord] = Field(default_factory=list)
    final_sha256: str = ""  # core.notebook_hash of the repaired notebook
    cells: list[CellHash] = Field(default_factory=list)


# --------------------------------------------------------------------------- building


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hash_data(data_dir: Path | None) -> list[DataFile]:
    """Every file under ``data_dir`` (recursively, in name order) with its sha256."""
    if data_dir is None or not Path(data_dir).is_dir():
        return []
    root = Path(data_dir)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return [DataFile(name=p.relative_to(root).as_posix(), size=p.stat().st_size, sha256=sha256_file(p)) for p in files]


def source_of(notebook: Notebook) -> Source:
    """The original: its file's hash and, for a corpus notebook, its notebooks.csv row."""
    src = Source(sources_sha256=notebook.sha256, written=notebook.written)
    path = notebook.path
    if path is None:
        return src
    path = Path(path).resolve()
    src.path = str(path)
    if path.is_file():
        src.sha256 = sha256_file(path)
    defaults = corpus_defaults(path)
    if defaults:
        src.competition = defaults.get("competition")
        index = path.parent.parent / "notebooks.csv"
        if index.is_file():
            with index.open(newline="") as handle:
                for row in csv.DictReader(handle):
                    if row.get("name") == path.stem:
                        src.repository = row.get("repo") or None
                        src.repo_path = row.get("path") or None
                        src.commit = row.get("commit") or None
                        src.written = src.written or row.get("written") or None
                        break
    return src


def cell_hashes(node: nbformat.NotebookNode) -> list[CellHash]:
    return [CellHash(index=i, cell_type=c.cell_type, sha256=sha256_text(c.source),
                     lines=[sha256_text(line)[:12] for line in c.source.split("\n")])
            for i, c in enumerate(node.cells)]


def edit_record(edit: Edit) -> EditRecord:
    diff = difflib.unified_diff(edit.old.splitlines(), edit.new.splitlines(), "before", "after", lineterm="", n=1)
    return EditRecord(cell=edit.cell, file=edit.file, old_sha256=sha256_text(edit.old), new_sha256=sha256_text(edit.new),
                      diff="\n".join(diff), fix_type=edit.fix_type, origin=edit.origin, rule_ids=rule_ids(edit.origin),
                      rationale=edit.rationale)


def _failure(run) -> tuple[int | None, str | None]:
    bad = run.first_failure if run is not None else None
    if bad is None:
        return None, None
    return bad.index, (f"{bad.error.ename}: {bad.error.evalue}"[:300] if bad.error else bad.status)


def answered_errors(report: RepairReport) -> list[str | None]:
    """What each attempt answered: the loop's own note when it kept one (``LoopAttempt.answered``),
    else the state it started from, the last accepted attempt's failure (or the baseline's)."""
    cell, error = _failure(report.baseline)
    state = f"cell {cell}: {error}" if error else None
    out = []
    for attempt in report.attempts:
        noted = getattr(attempt, "answered", "unset")
        out.append(state if noted == "unset" else noted)
        if attempt.accepted:
            state = f"cell {attempt.first_failure}: {attempt.error}" if attempt.error else None
    return out


def attempt_records(report: RepairReport) -> list[AttemptRecord]:
    return [AttemptRecord(number=n, edits=[edit_record(e) for e in a.edits], answered=answered, status=a.status,
                          reached=a.first_failure, error=a.error, accepted=a.accepted, why=a.why)
            for n, (a, answered) in enumerate(zip(report.attempts, answered_errors(report)), start=1)]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _version() -> str:
    from .. import __version__

    return __version__


def for_repair(repaired: Notebook, report: RepairReport, original: Notebook | None = None,
               data_dir: Path | None = None) -> Provenance:
    """The record of a repair: ``repaired`` is the notebook as written (its path, the original's)."""
    now = _now()
    original = original or repaired
    src = source_of(original)
    src.sources_sha256 = report.original_hash
    cell, error = _failure(report.baseline)
    return Provenance(
        kind="repair", version=_version(), created=now.isoformat(),
        started=(now - timedelta(seconds=report.cost.wall_seconds)).isoformat(),
        original=src, data_dir=str(Path(data_dir).resolve()) if data_dir else None, data=hash_data(data_dir),
        environment=report.fingerprint, verdict=report.verdict, reason=report.reason,
        baseline=(f"error at cell {cell}: {error}" if error else report.baseline.status) if report.baseline else None,
        attempts=attempt_records(report), final_sha256=repaired.sha256, cells=cell_hashes(repaired.node),
    )


def for_lint_fix(original: Notebook, fixed: Notebook, edits: list[Edit], data_dir: Path | None = None) -> Provenance:
    """The record of ``lint --fix``: the static rules' edits, applied without running."""
    now = _now().isoformat()
    attempt = AttemptRecord(number=1, edits=[edit_record(e) for e in edits], status="not run", accepted=True,
                            why="lint --fix applies every static rule without running the notebook")
    return Provenance(kind="lint --fix", version=_version(), started=now, created=now, original=source_of(original),
                      data_dir=str(Path(data_dir).resolve()) if data_dir else None, data=hash_data(data_dir),
                      attempts=[attempt] if edits else [], final_sha256=fixed.sha256, cells=cell_hashes(fixed.node))


def stamp(node: nbformat.NotebookNode, record: Provenance) -> None:
    """Store ``record`` in the notebook's metadata, beside whatever else mlemodernizer keeps there."""
    ours = node.metadata.get("mlemodernizer")
    ours = dict(ours) if isinstance(ours, dict) else {}
    ours[KEY] = record.model_dump(mode="json")
    node.metadata["mlemodernizer"] = ours  # a NotebookNode copies what it is given: assign last


def stamp_repair(repaired: Notebook, report: RepairReport, data_dir: Path | None = None) -> None:
    """The call ``agent.report.write_outputs`` makes on the notebook it is about to write."""
    stamp(repaired.node, for_repair(repaired, report, data_dir=data_dir))


def read(node: nbformat.NotebookNode, where: str = "notebook") -> Provenance:
    block = node.metadata.get("mlemodernizer")
    raw = block.get(KEY) if isinstance(block, dict) else None
    if raw is None:
        raise InputError(f"{where}: no provenance (metadata.mlemodernizer.provenance); only notebooks written by "
                         "`mlemod repair` or `mlemod lint --fix` carry one")
    try:
        return Provenance.model_validate(raw)
    except ValueError as exc:
        first = str(exc).splitlines()[1:3]
        raise InputError(f"{where}: the provenance block is malformed ({' '.join(s.strip() for s in first)})") from None


# --------------------------------------------------------------------------- verifying


class Check(BaseModel):
    what: str  # "cell 4", "data train.csv", "original", "notebook"
    status: str  # "ok" | "changed" | "missing" | "added" | "not checked"
    detail: str = ""


def verify(node: nbformat.NotebookNode, record: Provenance, data_dir: Path | None = None) -> list[Check]:
    """Every hash that can be checked now: the cells, the data files, the original notebook."""
    checks = _check_cells(node, record)
    folder = data_dir or (Path(record.data_dir) if record.data_dir and Path(record.data_dir).is_dir() else None)
    if folder is None:
        checks.append(Check(what="data", status="not checked",
                            detail=f"{len(record.data)} recorded file(s); give --data DIR to check them"))
    else:
        checks += _check_data(Path(folder), record)
    checks.append(_check_original(record))
    return checks


def _check_cells(node: nbformat.NotebookNode, record: Provenance) -> list[Check]:
    checks = []
    cells = node.cells
    for want in record.cells:
        if want.index >= len(cells):
            checks.append(Check(what=f"cell {want.index}", status="missing",
                                detail=f"the notebook has {len(cells)} cells now, the record {len(record.cells)}"))
            continue
        cell = cells[want.index]
        if cell.cell_type == want.cell_type and sha256_text(cell.source) == want.sha256:
            continue
        if cell.cell_type != want.cell_type:
            detail = f"was a {want.cell_type} cell, is now a {cell.cell_type} cell"
        else:
            detail = _first_difference(cell.source, want.lines)
        checks.append(Check(what=f"cell {want.index}", status="changed", detail=detail))
    for index in range(len(record.cells), len(cells)):
        checks.append(Check(what=f"cell {index}", status="added", detail="not in the record: " +
                            _quote(cells[index].source.split("\n")[0])))
    if not checks:
        checks.append(Check(what="cells", status="ok", detail=f"all {len(cells)} cells match the recorded hashes"))
    return checks


def _first_difference(source: str, want: list[str]) -> str:
    lines = source.split("\n")
    for number, line in enumerate(lines, start=1):
        if number > len(want) or sha256_text(line)[:12] != want[number - 1]:
            return f"line {number} differs: {_quote(line)}"
    return f"line {len(lines) + 1} onwards was removed (the record has {len(want)} lines, the cell {len(lines)})"


def _quote(line: str, limit: int = 80) -> str:
    line = line.strip()
    return repr(line if len(line) <= limit else line[:limit - 3] + "...")


def _check_data(folder: Path, record: Provenance) -> list[Check]:
    now = {f.name: f for f in hash_data(folder)}
    checks = []
    for want in record.data:
        got = now.pop(want.name, None)
        if got is None:
            checks.append(Check(what=f"data {want.name}", status="missing", detail=f"not in {folder}"))
        elif got.sha256 != want.sha256:
            size = "" if got.size == want.size else f" ({want.size} bytes then, {got.size} now)"
            checks.append(Check(what=f"data {want.name}", status="changed", detail=f"sha256 differs{size}"))
    for name in sorted(now):
        checks.append(Check(what=f"data {name}", status="added", detail=f"in {folder} but not among the recorded inputs"))
    if not checks:
        checks.append(Check(what="data", status="ok", detail=f"all {len(record.data)} file(s) in {folder} match"))
    return checks


def _check_original(record: Provenance) -> Check:
    src = record.original
    if not src.path or not src.sha256:
        return Check(what="original", status="not checked", detail="the original was not read from a file")
    path = Path(src.path)
    if not path.is_file():
        return Check(what="original", status="not checked", detail=f"{path} no longer exists")
    if sha256_file(path) != src.sha256:
        return Check(what="original", status="changed", detail=f"{path} is not the file that was repaired")
    return Check(what="original", status="ok", detail=f"{path} is the file that was repaired")


def mismatches(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.status in ("changed", "missing", "added")]


# --------------------------------------------------------------------------- explaining


def explain(record: Provenance) -> list[str]:
    """The chain as sentences a reviewer can follow."""
    src = record.original
    if src.repository:
        where = f"{src.repo_path or '?'} in {src.repository}" + (f" at commit {src.commit[:12]}" if src.commit else "")
    else:
        where = src.path or "a notebook given without a path"
    lines = [f"The original notebook is {where}" + (f" (written {src.written})" if src.written else "") +
             (f"; its file's sha256 is {src.sha256[:16]}…" if src.sha256 else "") + "."]
    if record.data:
        total = sum(f.size for f in record.data)
        lines.append(f"Its input data: {len(record.data)} file(s) ({_size(total)}): " +
                     ", ".join(f"{f.name} ({f.sha256[:12]})" for f in record.data[:8]) +
                     (f" and {len(record.data) - 8} more" if len(record.data) > 8 else "") + ".")
    env = record.environment
    if env:
        what = f"image {env.image}" if env.image else f"lock '{env.lock}' {env.lock_hash[:12]}"
        lines.append(f"It ran on the {env.backend} backend, {what}, Python {env.python or '?'}"
                     f" ({len(env.packages)} packages pinned), network {env.network}.")
    elif record.kind == "lint --fix":
        lines.append("It was fixed by `mlemod lint --fix`, statically: it was not run.")
    when = f" on {record.created[:19].replace('T', ' ')} UTC" if record.created else ""
    lines.append(f"mlemod {record.version} wrote this record{when}.")
    if record.baseline:
        failed = re.match(r"error at cell (\d+): (.*)", record.baseline, re.S)
        lines.append("As it was, the notebook " + ("ran clean." if record.baseline == "ok" else
                     f"failed at cell {failed.group(1)} with {failed.group(2).rstrip('.')}." if failed else
                     f"did not run clean ({record.baseline})."))
    for attempt in record.attempts:
        lines.append(_attempt_sentence(attempt, record.kind))
    if record.verdict:
        lines.append(f"Verdict: {record.verdict}" + (f" — {record.reason}" if record.reason else "") + ".")
    what = "fixed" if record.kind == "lint --fix" else "repaired"
    lines.append(f"The {what} notebook has {len(record.cells)} cells; each one's hash is recorded.")
    return lines


def _attempt_sentence(attempt: AttemptRecord, kind: str) -> str:
    """"Cell 4 was changed by rule pandas-append because the run failed at cell 4 with AttributeError: ...
    (pandas 2.0: ...). The run then reached cell 9. Kept: ..." """
    failed = re.match(r"cell (\d+): (.*)", attempt.answered or "", re.S)
    if failed:
        because = f"because the run failed at cell {failed.group(1)} with {failed.group(2).rstrip('.')}"
    elif attempt.answered:
        because = f"because {attempt.answered.rstrip('.')}"
    else:
        because = "as a known breakage of the code as written" if kind == "lint --fix" else \
            "before the run reached it (a known breakage of the code as written)"
    target = int(failed.group(1)) if failed else None
    edits = sorted(attempt.edits, key=lambda e: (e.file is not None or e.cell != target, e.cell))
    verb = "was changed" if attempt.accepted else "would have been changed"
    first, rest = edits[0], edits[1:]
    text = f"Attempt {attempt.number}: {first.where} {verb} by {_by(first)} {because} ({_reason(first)})."
    if rest:
        text += f" In the same attempt, {rest[0].where.lower()} {verb} by {_by(rest[0])} ({_reason(rest[0])})" + \
            "".join(f"; {e.where.lower()} by {_by(e)} ({_reason(e)})" for e in rest[1:]) + "."
    if attempt.status != "not run":
        text += " The run then ran to the end." if attempt.status == "ok" and attempt.reached is None else \
            f" The run then reached cell {attempt.reached}" + (f" and failed with {attempt.error.rstrip('.')}."
                                                               if attempt.error else f" ({attempt.status}).")
    return text + f" {'Kept' if attempt.accepted else 'Reverted'}: {attempt.why.rstrip('.')}."


def _by(edit: EditRecord) -> str:
    if edit.rule_ids:
        return f"rule{'s' if len(edit.rule_ids) > 1 else ''} {' + '.join(edit.rule_ids)}"
    if edit.origin.startswith("llm:"):
        return f"the model {edit.origin[4:]}"
    return "the fix memory" if edit.origin == "memory" else edit.origin


def _reason(edit: EditRecord) -> str:
    return edit.rationale.strip().rstrip(".")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"

