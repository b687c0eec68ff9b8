"""The model's answer format, and applying it to notebook cells and helper files.

An answer is free text holding one or more search/replace blocks and a
rationale line. A block names a cell, or one of the helper files staged with
the notebook (``SEARCH file src/features.py``)::

    Rationale: `DataFrame.ix` was removed in pandas 1.0; `.loc` does the same here.

    <<<<<<< SEARCH cell 4
    x = df.ix[0]
    =======
    x = df.loc[0]
    >>>>>>> REPLACE

    <<<<<<< SEARCH file src/features.py
    from sklearn.cross_validation import KFold
    =======
    from sklearn.model_selection import KFold
    >>>>>>> REPLACE

A file block becomes an ``Edit(file=...)`` (the whole file's old and new text),
the kind the rules make for helper modules, which the loop applies to its
private copy. Markers must start their line; text outside blocks (including ``` fences the
model wraps around them) is ignored apart from the rationale. An empty SEARCH
part replaces the whole cell. Everything here is a pure function, so the LLM
fixer and the fix memory share one mechanism for "apply this change to a cell".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..core import Edit, FixType

SEARCH_RE = re.compile(r"^<{5,9}\s*SEARCH\b(?P<rest>.*)$")
DIVIDER_RE = re.compile(r"^={5,9}\s*$")
REPLACE_RE = re.compile(r"^>{5,9}\s*REPLACE\s*$")
CELL_RE = re.compile(r"^\W*(?:in\s+)?cell\s*#?\s*(?P<n>\d+)\W*$", re.IGNORECASE)
# "file src/x.py", "in file `src/x.py`:", or a bare "src/x.py" (a path ending in .py)
FILE_RE = re.compile(r"^\W*(?:in\s+)?(?:(?:file|module)\s+[`'\"]?(?P<named>[^\s`'\"]+?)"
                     r"|[`'\"]?(?P<bare>[^\s`'\"]+\.py))"
                     r"[`'\"]?\s*:?\s*$", re.IGNORECASE)
RATIONALE_RE = re.compile(r"^\W*rationale\W*:\s*(?P<text>.*)$", re.IGNORECASE)


class EditFormatError(ValueError):
    """The answer does not follow the block format; the message says where and how."""


class NoMatchError(ValueError):
    """A SEARCH part is not found (or not unique) in its cell; the message shows the closest lines."""


@dataclass(frozen=True)
class Block:
    cell: int  # unused (0) when the block names a file
    search: str  # "" replaces the whole cell (or file)
    replace: str
    file: str | None = None  # a helper file's path relative to the notebook's files folder

    @property
    def where(self) -> str:
        return f"file {self.file}" if self.file is not None else f"cell {self.cell}"


@dataclass(frozen=True)
class Answer:
    blocks: list[Block]
    rationale: str


# --------------------------------------------------------------------------- parsing


def parse_answer(text: str) -> Answer:
    """Read the blocks and the rationale out of a model answer; raises EditFormatError."""
    blocks: list[Block] = []
    rationale: list[str] = []
    state, cell, path, search, replace, opened_at = "out", 0, None, [], [], 0
    lines = text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate(lines, 1):
        if state == "out":
            head = SEARCH_RE.match(line)
            if head:
                cell_match = CELL_RE.match(head.group("rest"))
                file_match = None if cell_match else FILE_RE.match(head.group("rest"))
                if not cell_match and not file_match:
                    raise EditFormatError(
                        f"line {number}: the SEARCH marker must name its cell or file, like '<<<<<<< SEARCH cell 3' "
                        f"or '<<<<<<< SEARCH file src/utils.py' (got {line.strip()!r})")
                cell = int(cell_match.group("n")) if cell_match else 0
                path = None if cell_match else _clean_path(file_match.group("named") or file_match.group("bare"))
                state, search, replace, opened_at = "search", [], [], number
            elif DIVIDER_RE.match(line) or REPLACE_RE.match(line):
                raise EditFormatError(
                    f"line {number}: {line.strip()!r} appears outside a block (no SEARCH marker before it)")
            elif RATIONALE_RE.match(line):
                rationale.append(RATIONALE_RE.match(line).group("text").strip(" *_"))
        elif state == "search":
            if DIVIDER_RE.match(line):
                state = "replace"
            elif SEARCH_RE.match(line) or REPLACE_RE.match(line):
                raise EditFormatError(
                    f"line {number}: the block opened on line {opened_at} has no '=======' divider "
                    f"before {line.strip()!r}")
            else:
                search.append(line)
        else:  # replace
            if REPLACE_RE.match(line):
                blocks.append(Block(cell, "\n".join(search), "\n".join(replace), path))
                state = "out"
            elif SEARCH_RE.match(line) or DIVIDER_RE.match(line):
                raise EditFormatError(
                    f"line {number}: the block opened on line {opened_at} is not closed with '>>>>>>> REPLACE' "
                    f"before {line.strip()!r}")
            else:
                replace.append(line)
    if state != "out":
        raise EditFormatError(f"the block opened on line {opened_at} is not closed with '>>>>>>> REPLACE'")
    if not blocks:
        raise EditFormatError("no '<<<<<<< SEARCH cell N' (or '<<<<<<< SEARCH file PATH') ... '=======' ... "
                              "'>>>>>>> REPLACE' block found")
    text_rationale = " ".join(r for r in rationale if r)
    if not text_rationale:
        raise EditFormatError("no 'Rationale:' line found; add one or two sentences saying why the change works")
    return Answer(blocks, text_rationale)


def format_block(block: Block) -> str:
    """The text form of one block (prompts show examples and stored fixes in it)."""
    return f"<<<<<<< SEARCH {block.where}\n{block.search}\n=======\n{block.replace}\n>>>>>>> REPLACE"


def _clean_path(path: str) -> str:
    path = path.replace("\\", "/").strip()
    while path.startswith("./"):
        path = path[2:]
    return path


# --------------------------------------------------------------------------- applying


def apply_block(source: str, search: str, replace: str, cell: int | str | None = None) -> str:
    """``source`` with ``search`` replaced: exact match first, then whitespace-tolerant.

    Whitespace-tolerant means line by line, ignoring indentation and trailing
    spaces; the replacement is then re-indented to the cell's own indentation.
    Raises NoMatchError when nothing (or more than one place) matches.
    """
    where = cell if isinstance(cell, str) else f"cell {cell}" if cell is not None else "the cell"
    if not search.strip():
        return replace
    count = source.count(search)
    if count == 1:
        return source.replace(search, replace, 1)
    if count > 1:
        raise NoMatchError(f"{where}: the SEARCH text occurs {count} times; include more lines so it is unique:\n"
                           f"{_quote(search)}")
    src_lines = source.split("\n")
    pattern = _trim_blank(search.split("\n"))
    for key in (str.rstrip, str.strip):
        starts = _find_lines(src_lines, pattern, key)
        if len(starts) == 1:
            start = starts[0]
            new = _reindent(pattern, replace.split("\n"), src_lines[start:start + len(pattern)])
            return "\n".join(src_lines[:start] + new + src_lines[start + len(pattern):])
        if len(starts) > 1:
            raise NoMatchError(f"{where}: the SEARCH text matches {len(starts)} places (ignoring whitespace); "
                               f"include more lines so it is unique:\n{_quote(search)}")
    raise NoMatchError(f"{where}: the SEARCH text does not match:\n{_quote(search)}\n"
                       f"The closest lines of {where} are:\n{closest_lines(source, search)}")


def apply_answer(sources: list[str], answer: Answer, fix_type: FixType, origin: str,
                 code_cells: set[int] | None = None, files: dict[str, str] | None = None) -> list[Edit]:
    """One whole-cell Edit per touched cell, blocks for the same cell applied in order; one whole-file
    Edit (``file`` set) per touched helper file.

    ``sources`` holds every cell (markdown too) so that indices match the
    notebook; ``code_cells`` restricts which cells may be edited; ``files``
    (path -> current text) are the helper files that may be edited. All problems
    are collected so the model gets them back in one message.
    """
    changed: dict[int, str] = {}
    changed_files: dict[str, str] = {}
    problems: list[str] = []
    files = files or {}
    for block in answer.blocks:
        if block.file is not None:
            name = _known_file(block.file, files)
            if name is None:
                listed = ", ".join(sorted(files)) if files else "none: this notebook has no helper files"
                problems.append(f"file {block.file} is not one of the helper files that may be edited ({listed})")
                continue
            current = changed_files.get(name, files[name])
            try:
                changed_files[name] = apply_block(current, block.search, block.replace, f"file {name}")
            except NoMatchError as exc:
                problems.append(str(exc))
            continue
        if not 0 <= block.cell < len(sources):
            problems.append(f"cell {block.cell} does not exist (the notebook has cells 0..{len(sources) - 1})")
            continue
        if code_cells is not None and block.cell not in code_cells:
            problems.append(f"cell {block.cell} is not a code cell")
            continue
        current = changed.get(block.cell, sources[block.cell])
        try:
            changed[block.cell] = apply_block(current, block.search, block.replace, block.cell)
        except NoMatchError as exc:
            problems.append(str(exc))
    if problems:
        raise NoMatchError("\n\n".join(problems))
    edits = [Edit(cell=i, old=sources[i], new=new, fix_type=fix_type, origin=origin, rationale=answer.rationale)
             for i, new in sorted(changed.items()) if new != sources[i]]
    edits += [Edit(cell=0, file=name, old=files[name], new=new, fix_type=fix_type, origin=origin,
                   rationale=answer.rationale)
              for name, new in sorted(changed_files.items()) if new != files[name]]
    if not edits:
        raise NoMatchError("the blocks change nothing: each REPLACE part equals its SEARCH part")
    return edits


def _known_file(path: str, files: dict[str, str]) -> str | None:
    """The helper file ``path`` names: exactly, or by a unique path suffix (``/kaggle/working/src/x.py``
    or ``x.py`` for ``src/x.py``), as tracebacks and models spell it."""
    if path in files:
        return path
    matches = [name for name in files if path.endswith("/" + name) or name.endswith("/" + path)]
    return matches[0] if len(matches) == 1 else None


def minimal_hunk(old: str, new: str) -> tuple[str, str]:
    """The smallest run of whole lines that differs between two cell versions.

    The fix memory stores this rather than the whole cell so the change can be
    found again in a different notebook. A pure insertion or deletion keeps one
    line of context (the line before, else the line after) so it has an anchor
    and leaves no stray blank line.
    """
    a, b = old.split("\n"), new.split("\n")
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    a_mid, b_mid = a[head:len(a) - tail], b[head:len(b) - tail]
    if not b_mid or not "\n".join(a_mid).strip():  # a pure insertion or deletion: anchor on a neighbour
        if head > 0:
            return "\n".join(a[head - 1:len(a) - tail]), "\n".join(b[head - 1:len(b) - tail])
        if tail > 0:
            return "\n".join(a[head:len(a) - tail + 1]), "\n".join(b[head:len(b) - tail + 1])
    return "\n".join(a_mid), "\n".join(b_mid)


def closest_lines(source: str, search: str, context: int = 1) -> str:
    """The window of ``source`` most similar to ``search``, numbered, for the re-ask message."""
    src = source.split("\n")
    want = [line.strip() for line in _trim_blank(search.split("\n"))] or [""]
    size = min(len(want), len(src))
    best, best_at = -1.0, 0
    for start in range(len(src) - size + 1):
        window = [line.strip() for line in src[start:start + size]]
        ratio = difflib.SequenceMatcher(None, "\n".join(window), "\n".join(want)).ratio()
        if ratio > best:
            best, best_at = ratio, start
    lo, hi = max(0, best_at - context), min(len(src), best_at + size + context)
    return "\n".join(f"{n + 1:4d} | {src[n]}" for n in range(lo, hi))


# --------------------------------------------------------------------------- helpers


def _quote(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


def _trim_blank(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _find_lines(src: list[str], pattern: list[str], key) -> list[int]:
    if not pattern:
        return []
    want = [key(line) for line in pattern]
    have = [key(line) for line in src]
    return [i for i in range(len(have) - len(want) + 1) if have[i:i + len(want)] == want]


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip())]


def _reindent(pattern: list[str], replace: list[str], matched: list[str]) -> list[str]:
    """Shift ``replace`` by the indentation difference between the cell and the SEARCH text."""
    pairs = [(p, m) for p, m in zip(pattern, matched, strict=True) if p.strip()]
    if not pairs:
        return replace
    model_indent, cell_indent = _indent(pairs[0][0]), _indent(pairs[0][1])
    if model_indent == cell_indent:
        return replace
    out = []
    for line in replace:
        if not line.strip():
            out.append(line.strip())
        elif line.startswith(model_indent):
            out.append(cell_indent + line[len(model_indent):])
        else:  # less indented than the SEARCH text's first line: keep its relative depth as best we can
            out.append(cell_indent + line.lstrip())
    return out
