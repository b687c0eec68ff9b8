"""The data types every part exchanges (DESIGN.md, "Core data types").

Results are pydantic models so that the CLI, the API and the eval harness can
write and read them as JSON without glue. ``Notebook`` wraps an nbformat node
and is the only type here that is not serialised as a whole.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import nbformat
from pydantic import BaseModel, Field

from .errors import NotebookError

CellStatus = Literal["ok", "error", "timeout", "skipped", "kernel_died"]
RunStatus = Literal["ok", "error", "timeout", "kernel_died"]
FixType = Literal["error-repair", "runtime-reduction", "score-calibration"]


# --------------------------------------------------------------------------- notebooks

# A Python 2 print statement (``print x``, ``print "x"``, ``print >>f, x``), the
# commonest reason an old cell fails to parse under Python 3.
_PY2_PRINT = re.compile(r"^\s*print\s+(?![\s(=]|$)[^\n]", re.MULTILINE)


@dataclass
class Notebook:
    """An nbformat v4 notebook plus where it came from."""

    node: nbformat.NotebookNode
    path: Path | None = None
    sha256: str = ""
    written: str | None = None  # "YYYY-MM" when known (corpus, metadata, --written)
    upgraded_from: int | None = None  # original nbformat major version when not 4
    python2: bool = field(default=False)

    @property
    def cells(self) -> list[nbformat.NotebookNode]:
        return self.node.cells

    def sources(self) -> list[str]:
        """One entry per cell (markdown included), the shape ``Session.run_cells`` takes."""
        return [cell.source for cell in self.node.cells]

    def code_indices(self) -> list[int]:
        return [i for i, cell in enumerate(self.node.cells) if cell.cell_type == "code"]

    def with_sources(self, sources: list[str]) -> Notebook:
        """A copy whose cells carry ``sources`` (outputs of changed cells cleared)."""
        node = nbformat.from_dict(json.loads(json.dumps(self.node)))
        for cell, source in zip(node.cells, sources):
            if cell.source != source:
                cell.source = source
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
        return Notebook(node, self.path, notebook_hash(node), self.written, self.upgraded_from, self.python2)

    def dumps(self) -> str:
        return nbformat.writes(self.node, version=4)

    def with_results(self, result: RunResult) -> Notebook:
        """A copy with each code cell's outputs and execution count from ``result``."""
        executed = self.with_sources(self.sources())
        for count, cell_result in enumerate((c for c in result.cells if c.status != "skipped"), start=1):
            cell = executed.cells[cell_result.index]
            cell.outputs = [nbformat.from_dict(o) for o in cell_result.outputs]
            cell.execution_count = count
        return executed


def notebook_hash(node: nbformat.NotebookNode) -> str:
    """Hash of the cell sources only: outputs and metadata do not change what runs."""
    digest = hashlib.sha256()
    for cell in node.cells:
        digest.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return digest.hexdigest()


def is_python2(node: nbformat.NotebookNode) -> bool:
    meta = node.metadata
    version = str(meta.get("language_info", {}).get("version", ""))
    kernel = str(meta.get("kernelspec", {}).get("name", ""))
    if version.startswith("2.") or kernel == "python2":
        return True
    return any(cell.cell_type == "code" and _PY2_PRINT.search(cell.source) for cell in node.cells)


def parse_notebook(text: str | bytes, path: Path | None = None, written: str | None = None) -> Notebook:
    """Parse notebook JSON; v3 (and older) is upgraded to v4. Raises NotebookError."""
    where = str(path) if path else "notebook"
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NotebookError(f"{where}: not valid JSON ({exc})") from None
    if not isinstance(raw, dict) or ("cells" not in raw and "worksheets" not in raw):
        raise NotebookError(f"{where}: not a Jupyter notebook (no cells)")
    major = raw.get("nbformat", 4)
    try:
        node = nbformat.reads(json.dumps(raw), as_version=4)
    except Exception as exc:  # nbformat raises a zoo of types for bad input
        raise NotebookError(f"{where}: not a readable notebook ({type(exc).__name__}: {exc})") from None
    for cell in node.cells:  # old notebooks carry sources as lists; nbformat joins them
        if cell.cell_type == "code":
            cell.setdefault("outputs", [])
    return Notebook(
        node=node,
        path=path,
        sha256=notebook_hash(node),
        written=written or node.metadata.get("mlemodernizer", {}).get("written"),
        upgraded_from=major if major != 4 else None,
        python2=is_python2(node),
    )


def load_notebook(path: str | Path, written: str | None = None) -> Notebook:
    path = Path(path)
    if not path.is_file():
        raise NotebookError(f"{path}: no such file")
    return parse_notebook(path.read_bytes(), path, written or corpus_defaults(path).get("written"))


def corpus_defaults(path: Path) -> dict:
    """What the corpus layout (DESIGN.md, eval/) says about a notebook inside it.

    ``<corpus>/<competition>/notebooks/<name>.ipynb`` implies its data folder, its
    competition slug, its helper-files folder and, from notebooks.csv, its date.
    """
    path = Path(path).resolve()
    notebooks = path.parent
    if notebooks.name != "notebooks":
        return {}
    competition = notebooks.parent
    found: dict = {"competition": competition.name}
    if (competition / "data").is_dir():
        found["data_dir"] = competition / "data"
    if (notebooks / path.stem).is_dir():
        found["files_dir"] = notebooks / path.stem
    index = competition / "notebooks.csv"
    if index.is_file():
        for row in csv.DictReader(index.open()):
            if row.get("name") == path.stem and row.get("written"):
                found["written"] = row["written"]
    return found


# --------------------------------------------------------------------------- execution


class RunRequest(BaseModel):
    """What to run and how: the input of ``Executor.start``."""

    model_config = {"arbitrary_types_allowed": True}

    notebook: Notebook
    data_dir: Path | None = None
    competition: str | None = None  # Kaggle slug: /kaggle/input/<slug>/ resolves
    files_dir: Path | None = None  # helper modules copied into the working directory
    workdir: Path | None = None  # where files the notebook writes are kept (else a temp dir)
    cell_timeout: float = 600.0
    budget: float = 3600.0  # whole run, seconds
    max_output_bytes: int = 200_000  # per cell; larger outputs are truncated


# Traceback frames of a file: IPython's "File /w/helpers.py:12, in fill_age(df)" and
# plain Python's 'File "/w/helpers.py", line 12, in fill_age'.
_FRAME = re.compile(r'File "?(?P<path>[^",\n]+\.py)"?(?::(?P<line1>\d+)|, line (?P<line2>\d+))')


class CellError(BaseModel):
    ename: str
    evalue: str
    traceback: str  # without ANSI colour codes
    line: int | None = None  # 1-based line in the cell that raised
    line_source: str | None = None

    def frames(self) -> list[tuple[str, int]]:
        """(file path, line) of each traceback frame in a ``.py`` file, outermost first."""
        return [(m.group("path").replace("\\", "/"), int(m.group("line1") or m.group("line2")))
                for m in _FRAME.finditer(self.traceback)]


class CellResult(BaseModel):
    index: int  # index into the notebook's cells
    status: CellStatus
    seconds: float = 0.0
    peak_memory_mb: float | None = None  # kernel peak RSS during this cell
    outputs: list[dict] = Field(default_factory=list)
    truncated: bool = False
    error: CellError | None = None


class FileInfo(BaseModel):
    path: str  # relative to the working directory
    size: int
    mtime: float


class Fingerprint(BaseModel):
    """Which fixed environment a run used: enough to reproduce it."""

    backend: str
    lock: str  # profile name
    lock_hash: str
    image: str | None = None  # docker image id/digest
    python: str = ""
    packages: dict[str, str] = Field(default_factory=dict)
    network: str = "open"  # "none" when the kernel had no network
    kaggle_paths: str = ""  # how /kaggle/... resolved: "mount" or "rewrite"


class RunResult(BaseModel):
    cells: list[CellResult]
    status: RunStatus
    wall_seconds: float
    kernel_start_seconds: float = 0.0
    files: list[FileInfo] = Field(default_factory=list)
    workdir: str | None = None
    fingerprint: Fingerprint | None = None
    python2: bool = False

    @property
    def first_failure(self) -> CellResult | None:
        return next((c for c in self.cells if c.status not in ("ok", "skipped")), None)

    @property
    def submission(self) -> str | None:
        """The newest CSV the notebook wrote: Kaggle's submission convention."""
        csvs = [f for f in self.files if f.path.lower().endswith(".csv")]
        return max(csvs, key=lambda f: f.mtime).path if csvs else None

    def summary(self) -> str:
        ran = sum(c.status == "ok" for c in self.cells)
        head = f"{self.status}: {ran}/{len(self.cells)} code cells ran in {self.wall_seconds:.1f}s"
        bad = self.first_failure
        if bad is None:
            return head
        what = f"{bad.error.ename}: {bad.error.evalue}" if bad.error else bad.status
        line = f" (line {bad.error.line}: {bad.error.line_source.strip()})" if bad.error and bad.error.line_source else ""
        return f"{head}; first failure in cell {bad.index}: {what}{line}"


# --------------------------------------------------------------------------- repair


def rule_ids(origin: str) -> list[str]:
    """The rules an edit's origin names ("rule:a+b" -> ["a", "b"]); [] for an LLM's or memory's edit."""
    return origin[len("rule:"):].split("+") if origin.startswith("rule:") else []


class Edit(BaseModel):
    cell: int
    file: str | None = None  # a helper module shipped with the notebook (path in its files folder); cell unused
    old: str
    new: str
    fix_type: FixType
    origin: str  # "rule:<id>" | "llm:<model>" | "memory"
    rationale: str

    @property
    def where(self) -> str:
        return f"module {self.file}" if self.file is not None else f"cell {self.cell}"

    @property
    def rule_ids(self) -> list[str]:
        return rule_ids(self.origin)


class Attempt(BaseModel):
    edits: list[Edit]
    status: RunStatus
    first_failure: int | None = None
    error: str | None = None  # "ename: evalue" of the first failure
    score: float | None = None
    accepted: bool
    why: str


class Cost(BaseModel):
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    dollars: float = 0.0
    wall_seconds: float = 0.0
    memory_hits: int = 0


class RepairReport(BaseModel):
    original_hash: str
    final_hash: str
    attempts: list[Attempt] = Field(default_factory=list)
    verdict: str  # "reproduced" | "runs" | "not-reproduced" | "failed"
    reason: str = ""
    reference: str | None = None  # which score reference was used
    reference_score: float | None = None
    final_score: float | None = None
    baseline: RunResult | None = None
    final: RunResult | None = None
    cost: Cost = Field(default_factory=Cost)
    fingerprint: Fingerprint | None = None

    @property
    def accepted_edits(self) -> list[Edit]:
        return [e for a in self.attempts if a.accepted for e in a.edits]
