"""The data types every part exchanges (DESIGN.md, "Core data types").

Results are pydantic models so that the CLI, the API and the eval harness can
write and read them as JSON without glue. ``Notebook`` wraps an nbformat node
and is the only type here that is not serialised as a whole.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import nbformat
from nbformat.v4 import rwbase
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

    def with_edits(self, edits: list[Edit]) -> Notebook:
        """A copy with the cell edits of ``edits`` applied in order (a helper module's edits are its own)."""
        sources = self.sources()
        for edit in edits:
            if edit.file is None:
                sources[edit.cell] = edit.new
        return self.with_sources(sources)

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
    """Parse notebook JSON; v3 (and older) is upgraded to v4.

    Any malformed input raises NotebookError (an InputError) whose message names the
    offending field (``cells[3].source: expected a string or a list of strings, got an
    integer``), never another exception: uploads come from strangers. Unknown extra keys
    are kept; the types of the fields nbformat defines are checked."""
    where = str(path) if path else "notebook"
    try:
        raw = _load_json(text)
        _check_values(raw, strings=_may_hold_surrogates(text))
        node, major = _to_v4(raw)
        if written is None:
            marker = node.metadata.get("mlemodernizer", {}).get("written")
            written = marker if isinstance(marker, str) else None
        return Notebook(node=node, path=path, sha256=notebook_hash(node), written=written,
                        upgraded_from=major if major != 4 else None, python2=is_python2(node))
    except _Malformed as bad:
        raise NotebookError(f"{where}: {bad}") from None
    except RecursionError:
        raise NotebookError(f"{where}: nested too deeply to read") from None
    except Exception as exc:  # a backstop: the checks above should leave nothing for nbformat to trip on
        raise NotebookError(f"{where}: not a readable notebook ({type(exc).__name__}: {exc})") from None


# --------------------------------------------------------------------------- notebook checks

MAX_JSON_DEPTH = 100  # real notebooks nest a few levels; widget state and plotly JSON a few dozen
_MAX_INT_DIGITS = 4000  # below Python's int-from-string limit (4300), which would raise ValueError
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Where a decoded string's lone surrogate can come from: a \uD800-\uDFFF escape, or (json.loads decodes
# bytes with "surrogatepass") the UTF-8-like bytes ED A0-BF. One scan of the text rules them out for every
# string at once, instead of a search per string (outputs hold megabytes of base64).
# Two patterns, not one alternation: each keeps its literal first bytes, which re scans for quickly.
_SURROGATE_BYTES = (re.compile(rb"\\u[dD][89a-fA-F]"), re.compile(rb"\xed[\xa0-\xbf]"))
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCALARS = frozenset({str, int, float, bool, type(None)})  # JSON values with nothing below them
_V3_CELLS = ("code", "markdown", "raw", "heading", "html")
_V4_CELLS = ("code", "markdown", "raw")


class _Malformed(Exception):
    """A field of the notebook is wrong: its path and what is wrong with it."""

    def __init__(self, path: tuple, message: str):
        super().__init__(f"{_field(path)}: {message}" if path else message)


class _HugeInt:
    """A JSON integer too long to convert: kept as a marker so the message can say where it is."""

    def __init__(self, digits: int):
        self.digits = digits


def _field(path: tuple) -> str:
    """('cells', 3, 'source') -> 'cells[3].source'; keys that are not names are quoted."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENT.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part[:60])}]"
    return out or "top level"


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, _HugeInt)):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _load_json(text: str | bytes):
    def integer(digits: str):
        return int(digits) if len(digits) <= _MAX_INT_DIGITS else _HugeInt(len(digits))

    try:
        # Objects are read as NotebookNodes: what nbformat's reader makes of them, without its second walk.
        return json.loads(text, parse_int=integer, object_hook=nbformat.NotebookNode)
    except UnicodeDecodeError as exc:
        raise _Malformed((), f"not UTF-8 text (byte {exc.object[exc.start:exc.start + 1]!r} at offset "
                             f"{exc.start})") from None
    except json.JSONDecodeError as exc:
        raise _Malformed((), f"not valid JSON ({exc})") from None
    except RecursionError:
        raise _Malformed((), "not valid JSON (nested too deeply)") from None
    except ValueError as exc:
        raise _Malformed((), f"not valid JSON ({exc})") from None


def _may_hold_surrogates(text: str | bytes) -> bool:
    if isinstance(text, str):
        return bool(_SURROGATE.search(text)) or "\\u" in text and _may_hold_surrogates(text.encode(
            "utf-8", "surrogatepass"))
    if json.detect_encoding(text) != "utf-8":  # UTF-16/32 spell a lone surrogate as two or four bytes
        return True
    return any(pattern.search(text) for pattern in _SURROGATE_BYTES)


def _check_values(raw, strings: bool = True) -> None:
    """Every value, at any depth: no lone surrogate, no integer too long, nothing nested too deeply.
    ``strings=False``: the text was scanned already and holds no surrogate (only the shape is checked)."""
    surrogate = _SURROGATE.search
    stack = [(raw, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_JSON_DEPTH:
            raise _Malformed(path[:6], f"nested more than {MAX_JSON_DEPTH} levels deep (below this field)")
        if isinstance(value, str):
            if strings and surrogate(value):
                raise _Malformed(path, "contains a lone UTF-16 surrogate (not valid Unicode text)")
        elif isinstance(value, _HugeInt):
            raise _Malformed(path, f"an integer of {value.digits} digits (at most {_MAX_INT_DIGITS})")
        elif isinstance(value, dict):
            if not strings and _SCALARS.issuperset(map(type, value.values())):
                continue  # nothing below to check (the common case: one C-level pass over the types)
            for key, item in value.items():
                if strings and surrogate(key):
                    raise _Malformed(path, "a key contains a lone UTF-16 surrogate (not valid Unicode text)")
                if isinstance(item, (dict, list, _HugeInt)) or (strings and isinstance(item, str) and surrogate(item)):
                    stack.append((item, (*path, key)))
        elif isinstance(value, list):
            if not strings and _SCALARS.issuperset(map(type, value)):
                continue  # an output's lines, a list of numbers
            for index, item in enumerate(value):
                if isinstance(item, (dict, list, _HugeInt)) or (strings and isinstance(item, str) and surrogate(item)):
                    stack.append((item, (*path, index)))


def _expect(value, types, path: tuple, what: str):
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in _as_tuple(types))
    if not ok:
        raise _Malformed(path, f"expected {what}, got {_kind(value)}")
    return value


def _as_tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)


def _text(container: dict, key: str, path: tuple, default: str | None = None) -> None:
    """A multi-line text field: a string or a list of strings (nbformat's split form)."""
    if key not in container:
        if default is None:
            raise _Malformed((*path, key), "missing")
        container[key] = default
        return
    value = container[key]
    if isinstance(value, list):
        if set(map(type, value)) <= {str}:  # the usual case, checked in C: outputs hold thousands of lines
            return
        for index, line in enumerate(value):
            _expect(line, str, (*path, key, index), "a string")
    else:
        _expect(value, str, (*path, key), "a string or a list of strings")


_UNSET = object()


def _optional(container: dict, key: str, types, path: tuple, what: str, default=_UNSET):
    """``container[key]`` if it is there (checked against ``types``), else ``default`` (stored) or None."""
    if key not in container:
        if default is _UNSET:
            return None
        container[key] = default
    return _expect(container[key], types, (*path, key), what)


def _one_of(container: dict, key: str, choices: tuple, path: tuple, default: str | None = None) -> str:
    if key not in container and default is not None:
        container[key] = default
    if key not in container:
        raise _Malformed((*path, key), "missing")
    value = _expect(container[key], str, (*path, key), "a string")
    if value not in choices:
        raise _Malformed((*path, key), f"{value[:40]!r} is not one of {', '.join(choices)}")
    return value


def _is_json_mime(mime: str) -> bool:
    return mime == "application/json" or (mime.startswith("application/") and mime.endswith("+json"))


def _bundle(bundle, path: tuple) -> None:
    _expect(bundle, dict, path, "an object (a MIME bundle)")
    for mime, value in bundle.items():
        if not _is_json_mime(mime):
            _text(bundle, mime, path)


def _check_notebook_metadata(meta, path: tuple) -> None:
    _expect(meta, dict, path, "an object")
    if "kernelspec" in meta:
        spec = _expect(meta["kernelspec"], dict, (*path, "kernelspec"), "an object")
        for key in ("name", "display_name", "language"):
            _optional(spec, key, str, (*path, "kernelspec"), "a string")
    if "language_info" in meta:
        info = _expect(meta["language_info"], dict, (*path, "language_info"), "an object")
        for key in ("name", "file_extension", "mimetype", "pygments_lexer", "nbconvert_exporter"):
            _optional(info, key, str, (*path, "language_info"), "a string")
        _optional(info, "codemirror_mode", (str, dict), (*path, "language_info"), "a string or an object")
    if "mlemodernizer" in meta:
        ours = _expect(meta["mlemodernizer"], dict, (*path, "mlemodernizer"), "an object")
        _optional(ours, "written", str, (*path, "mlemodernizer"), "a string (YYYY-MM)")
    for key in ("orig_nbformat", "orig_nbformat_minor"):
        _optional(meta, key, int, path, "an integer")


def _check_v4(nb: dict) -> None:
    _expect(nb, dict, (), "a JSON object")
    if "cells" not in nb:
        hint = " ('worksheets' is how nbformat 3 kept them; this one says nbformat 4)" if "worksheets" in nb else ""
        raise _Malformed(("cells",), "missing" + hint)
    cells = _expect(nb["cells"], list, ("cells",), "an array of cells")
    _check_notebook_metadata(nb.setdefault("metadata", nbformat.NotebookNode()), ("metadata",))
    for index, cell in enumerate(cells):
        path = ("cells", index)
        _expect(cell, dict, path, "an object (a cell)")
        kind = _one_of(cell, "cell_type", _V4_CELLS, path)
        _text(cell, "source", path)
        _expect(cell.setdefault("metadata", nbformat.NotebookNode()), dict, (*path, "metadata"), "an object")
        _optional(cell, "id", str, path, "a string")
        if "attachments" in cell:
            attachments = _expect(cell["attachments"], dict, (*path, "attachments"), "an object")
            for name, bundle in attachments.items():
                _bundle(bundle, (*path, "attachments", name))
        if kind == "code":
            cell.setdefault("execution_count", None)
            _optional(cell, "execution_count", (int, type(None)), path, "an integer or null")
            outputs = _expect(cell.setdefault("outputs", []), list, (*path, "outputs"), "an array of outputs")
            for number, output in enumerate(outputs):
                _check_v4_output(output, (*path, "outputs", number))


def _check_v4_output(output, path: tuple) -> None:
    _expect(output, dict, path, "an object (an output)")
    kind = _one_of(output, "output_type", ("execute_result", "display_data", "stream", "error"), path)
    if kind == "stream":
        _one_of(output, "name", ("stdout", "stderr"), path, default="stdout")
        _text(output, "text", path, default="")
    elif kind == "error":
        for key in ("ename", "evalue"):
            _optional(output, key, str, path, "a string", default="")
        traceback = _optional(output, "traceback", list, path, "an array of strings", default=[])
        for index, line in enumerate(traceback):
            _expect(line, str, (*path, "traceback", index), "a string")
    else:
        _bundle(output.setdefault("data", nbformat.NotebookNode()), (*path, "data"))
        _expect(output.setdefault("metadata", nbformat.NotebookNode()), dict, (*path, "metadata"), "an object")
        if kind == "execute_result":
            output.setdefault("execution_count", None)
            _optional(output, "execution_count", (int, type(None)), path, "an integer or null")


def _check_v3(nb: dict) -> None:
    """What nbformat's v3 -> v4 upgrade touches, checked before it runs (it trusts its input)."""
    _check_notebook_metadata(nb.setdefault("metadata", nbformat.NotebookNode()), ("metadata",))
    worksheets = _expect(nb.setdefault("worksheets", []), list, ("worksheets",), "an array of worksheets")
    for w, sheet in enumerate(worksheets):
        _expect(sheet, dict, ("worksheets", w), "an object (a worksheet)")
        cells = _expect(sheet.setdefault("cells", []), list, ("worksheets", w, "cells"), "an array of cells")
        for index, cell in enumerate(cells):
            path = ("worksheets", w, "cells", index)
            _expect(cell, dict, path, "an object (a cell)")
            kind = _one_of(cell, "cell_type", _V3_CELLS, path)
            _expect(cell.setdefault("metadata", nbformat.NotebookNode()), dict, (*path, "metadata"), "an object")
            if kind == "code":
                _text(cell, "input", path, default="")
                _optional(cell, "prompt_number", (int, type(None)), path, "an integer or null")
                outputs = _expect(cell.setdefault("outputs", []), list, (*path, "outputs"), "an array of outputs")
                for number, output in enumerate(outputs):
                    _check_v3_output(output, (*path, "outputs", number))
            else:
                _text(cell, "source", path, default="")
                if kind == "heading":
                    level = _optional(cell, "level", int, path, "an integer", default=1)
                    if not 1 <= level <= 6:
                        raise _Malformed((*path, "level"), f"a heading level is 1 to 6, not {level}")


_V3_OUTPUT_KEYS = {"output_type", "metadata", "prompt_number", "execution_count"}


def _check_v3_output(output, path: tuple) -> None:
    _expect(output, dict, path, "an object (an output)")
    kind = _one_of(output, "output_type", ("pyout", "display_data", "stream", "pyerr"), path)
    if kind in ("pyout", "display_data"):
        _expect(output.setdefault("metadata", nbformat.NotebookNode()), dict, (*path, "metadata"), "an object")
        _optional(output, "prompt_number", (int, type(None)), path, "an integer or null")
        for key in [k for k in output if k not in _V3_OUTPUT_KEYS]:
            _text(output, key, path)
        if "json" in output:
            text = output["json"] if isinstance(output["json"], str) else "".join(output["json"])
            try:
                output["json"] = json.loads(text, parse_int=lambda d: int(d) if len(d) <= _MAX_INT_DIGITS else 0)
            except (ValueError, RecursionError):
                raise _Malformed((*path, "json"), "not valid JSON text") from None
            _check_values(output["json"])
            output["json"] = json.dumps(output["json"])  # the upgrade parses it again
    elif kind == "stream":
        _optional(output, "stream", str, path, "a string", default="stdout")
        _text(output, "text", path, default="")
    else:
        for key in ("ename", "evalue"):
            _optional(output, key, str, path, "a string", default="")
        traceback = _optional(output, "traceback", list, path, "an array of strings", default=[])
        for index, line in enumerate(traceback):
            _expect(line, str, (*path, "traceback", index), "a string")


def _to_v4(raw) -> tuple[nbformat.NotebookNode, int]:
    """Checked, upgraded to v4 and read into a NotebookNode (lists of lines joined); its major version."""
    if not isinstance(raw, dict):
        raise _Malformed((), f"a notebook is a JSON object, not {_kind(raw)}")
    if "cells" not in raw and "worksheets" not in raw:
        raise _Malformed((), "not a Jupyter notebook (no cells)")
    major = raw.get("nbformat", 3 if "worksheets" in raw and "cells" not in raw else 4)
    _expect(major, int, ("nbformat",), "an integer")
    minor = _optional(raw, "nbformat_minor", int, (), "an integer", default=0)
    if major not in (3, 4) or minor < 0:
        bad = ("nbformat", f"version {major} is not supported (3 and 4 are)") if major not in (3, 4) else (
            "nbformat_minor", f"{minor} is negative")
        raise _Malformed((bad[0],), bad[1])
    raw["nbformat"] = major
    if major == 3:
        _check_v3(raw)
        node = nbformat.convert(nbformat.versions[3].to_notebook_json(raw), 4)
        _check_v4(node)  # again, as v4: the upgrade trusts its input and may pass oddities along
        return nbformat.from_dict(node), 3
    _check_v4(raw)
    # The rest of nbformat's v4 reader (to_notebook_json) after its from_dict, which _load_json did.
    return rwbase.strip_transient(rwbase.rejoin_lines(raw)), 4


def usable_cores() -> int:
    """The cores this process may run on: a container's or a taskset's CPU set, not the host's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


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
        written = _written_dates(index, index.stat().st_mtime_ns).get(path.stem)
        if written:
            found["written"] = written
    return found


@lru_cache(maxsize=16)
def _written_dates(index: Path, mtime_ns: int) -> dict[str, str]:
    """notebooks.csv's name -> written date (read once per version of the file: a corpus has hundreds of rows)."""
    with index.open(newline="") as f:
        return {row["name"]: row["written"] for row in csv.DictReader(f) if row.get("name") and row.get("written")}


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
    # Threads a notebook's numeric libraries may use (OpenMP, BLAS, joblib's n_jobs=-1): notebooks that
    # run side by side share the cores. None: the backend's own limit (all the cores it has).
    threads: int | None = Field(default=None, ge=1)


# IPython's names for a cell's frames: "Cell In[7], line 2" (8.x), "Input In [7]", "<ipython-input-7-...>".
# Terminal colour codes, which IPython writes into tracebacks (stored outputs keep them).
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CELL_FRAME = re.compile(r"Cell In\s*\[(\d+)\], line (\d+)|Input In \[(\d+)\]|<ipython-input-(\d+)-[0-9a-f]+>")


def cell_frames(traceback: str, cell: int, sources: list[str]) -> dict[str, int]:
    """Execution count -> cell index for the notebook frames of ``traceback`` (see CellError.cell_frames)."""
    matches = list(CELL_FRAME.finditer(traceback))
    if not matches:
        return {}
    final = traceback.rfind("Traceback (most recent call last)")
    outer = next((m for m in matches if m.start() > final), matches[0])
    names: dict[str, int] = {next(g for g in outer.groups() if g is not None): cell}
    for match in matches:
        count = next(g for g in match.groups() if g is not None)
        if count in names or match.group(2) is None:
            continue
        shown = _shown_lines(traceback[match.end():].split("\n")[1:12])
        line = int(match.group(2))
        if line not in shown:
            continue
        # the cell with the failing line there; where several have it (two helpers that both begin
        # ``Pclass = cols[0]``), the one that has every line the traceback shows around it
        owners = [i for i, src in enumerate(sources) if _has_line(src, line, shown[line])]
        if len(owners) > 1:
            owners = [i for i in owners if all(_has_line(sources[i], n, code) for n, code in shown.items())]
        if len(owners) == 1:
            names[count] = owners[0]
    return names


def _shown_lines(after: list[str]) -> dict[int, str]:
    """line number -> code of the lines IPython prints under a frame's header (``----> 3 x = a[0]``,
    ``      1 def f(a):``), up to the next frame or blank line."""
    shown = {}
    for text in after:
        found = re.match(r"^\s*(?:-*>)?\s*(\d+)(?: (.*))?$", text)
        if found is None:
            break
        shown[int(found.group(1))] = found.group(2) or ""
    return shown


def _has_line(source: str, number: int, code: str) -> bool:
    lines = source.split("\n")
    return len(lines) >= number and lines[number - 1].strip() == code.strip()


# Traceback frames of a file: IPython's "File /w/helpers.py:12, in fill_age(df)" and
# plain Python's 'File "/w/helpers.py", line 12, in fill_age'.
_FRAME = re.compile(r'File "?(?P<path>[^",\n]+\.py)"?(?::(?P<line1>\d+)|, line (?P<line2>\d+))')


class CellError(BaseModel):
    ename: str
    evalue: str
    traceback: str  # without ANSI colour codes
    line: int | None = None  # 1-based line in the cell that raised
    line_source: str | None = None

    def cell_frames(self, cell: int, sources: list[str]) -> dict[str, int]:
        """The traceback's notebook frames by execution count -> cell index: the outermost frame is the cell
        that ran (``cell``); a deeper one (a function an earlier cell defined) is found by its line of code,
        when exactly one cell has it at that line."""
        return cell_frames(self.traceback, cell, sources)

    def deepest_cell_frame(self, cell: int, sources: list[str]) -> tuple[int, int] | None:
        """(cell index, 1-based line) of the deepest notebook frame that is in another cell than ``cell``,
        when the traceback runs through a function an earlier cell defined and that cell is known."""
        names = self.cell_frames(cell, sources)
        deepest = [m for m in CELL_FRAME.finditer(self.traceback) if m.group(2) is not None]
        if not deepest:
            return None
        last = deepest[-1]
        owner = names.get(last.group(1))
        return (owner, int(last.group(2))) if owner is not None and owner != cell else None

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


def edit_key(edits: list[Edit]) -> frozenset:
    """What makes two proposals the same: the same changes to the same cells and files."""
    return frozenset((e.file, e.cell, e.old, e.new) for e in edits)


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
