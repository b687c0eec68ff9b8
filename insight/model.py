"""What ``inspect`` finds in a notebook: plain pydantic models, dumped as-is by ``--json``."""

from __future__ import annotations

from pydantic import BaseModel, Field

STAGES = ("load", "explore", "preprocess", "train", "evaluate", "submit")
TESTING = ("split", "cross-validation", "metrics", "explainability", "fairness")


class Library(BaseModel):
    module: str  # the top-level import ("sklearn")
    distribution: str  # "scikit-learn"
    then: str | None = None  # the version current when the notebook was written
    now: str | None = None  # what the locked environment pins; None: not in the environment
    profile: str | None = None  # which lock has it ("tabular", "full")
    cells: list[int] = Field(default_factory=list)  # cells that import it


class Eroded(BaseModel):
    """An API the rules say breaks (or silently changes) in the locked environment."""

    rule_id: str
    cell: int
    line: int
    library: str | None = None
    changed_in: str | None = None
    severity: str = "error"
    fixable: bool = True
    message: str


class Call(BaseModel):
    """One call of interest: a model, a metric, a plot, a test activity."""

    cell: int
    line: int
    name: str  # the callee as written, resolved through imports where it can ("sklearn.metrics.accuracy_score")
    kind: str = ""  # plot kind, testing category, ...


class DataFile(BaseModel):
    cell: int
    line: int
    path: str  # the literal path; non-literal parts shown as {name}
    call: str


class Heading(BaseModel):
    cell: int
    level: int
    text: str


class Claim(BaseModel):
    """A score stated in prose ("0.8134 accuracy"), tied to the code cell it describes."""

    cell: int  # the markdown cell
    code_cell: int | None  # the next code cell (the one the prose introduces), None if none follows
    metric: str
    value: float
    text: str  # the sentence it was found in


class Figure(BaseModel):
    """A stored figure in a code cell's outputs."""

    cell: int
    output: int  # index among the cell's outputs
    mime: str
    width: int | None = None
    height: int | None = None
    bytes: int
    phash: str | None = None  # imagehash.phash as hex; None for vector images
    calls: list[str] = Field(default_factory=list)  # the plotting calls of the cell that drew it
    kinds: list[str] = Field(default_factory=list)


class NotebookInsight(BaseModel):
    path: str
    name: str
    competition: str | None = None
    written: str | None = None  # "YYYY-MM"
    python_then: str | None = None  # the notebook's metadata (language_info.version)
    python_now: str | None = None
    code_cells: int = 0
    markdown_cells: int = 0
    unparsed_cells: list[int] = Field(default_factory=list)  # code cells no parser could read
    libraries: list[Library] = Field(default_factory=list)
    eroded: list[Eroded] = Field(default_factory=list)
    stages: dict[str, list[int]] = Field(default_factory=dict)  # stage -> cells
    models: list[Call] = Field(default_factory=list)
    metrics: list[Call] = Field(default_factory=list)
    data_read: list[DataFile] = Field(default_factory=list)
    data_written: list[DataFile] = Field(default_factory=list)
    plots: list[Call] = Field(default_factory=list)
    testing: list[Call] = Field(default_factory=list)  # kind: one of TESTING
    outline: list[Heading] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def year(self) -> str:
        return self.written[:4] if self.written else "unknown"

    def plot_kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for plot in self.plots:
            counts[plot.kind] = counts.get(plot.kind, 0) + 1
        return counts


class CorpusInsight(BaseModel):
    root: str
    notebooks: list[NotebookInsight] = Field(default_factory=list)
    failed: dict[str, str] = Field(default_factory=dict)  # path -> why it could not be read
    seconds: float = 0.0
