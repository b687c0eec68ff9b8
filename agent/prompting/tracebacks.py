"""Messages and tracebacks, trimmed: the user's own frames and the last library frames, long messages capped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core import ANSI, cell_frames
from ...core import CELL_FRAME as _CELL_FRAME
from .bounds import MAX_FRAME_LINES, MAX_LIBRARY_FRAMES, MAX_MESSAGE_CHARS, MAX_TRACEBACK_CHARS

# --------------------------------------------------------------------------- messages and tracebacks


_QUOTED_RUN = re.compile(r"""(?:(?:'[^'\n]{0,120}'|"[^"\n]{0,120}"|\b[\w.\-]{1,60}\b)\s*,\s*){12,}"""
                         r"""(?:'[^'\n]{0,120}'|"[^"\n]{0,120}"|\b[\w.\-]{1,60}\b)""")
_ITEM = re.compile(r"""'[^'\n]{0,120}'|"[^"\n]{0,120}"|\b[\w.\-]{1,60}\b""")


def collapse_lists(text: str, keep: int = 6) -> str:
    """Long comma-separated runs (column names, labels) shortened to their first items and a count."""
    def shorten(match: re.Match) -> str:
        items = _ITEM.findall(match.group(0))
        if len(items) <= keep + 2:
            return match.group(0)
        return ", ".join(items[:keep]) + f", ... ({len(items) - keep} more)"

    text = _QUOTED_RUN.sub(shorten, text)
    # The same line many times over (a warning per row, a repeated column list).
    out: list[str] = []
    for line in text.split("\n"):
        if out and line.strip() and _base(out[-1]) == line:
            count = int(re.search(r"\[repeated (\d+) times\]$", out[-1]).group(1)) + 1 \
                if out[-1].endswith(" times]") else 2
            out[-1] = f"{line} [repeated {count} times]"
        else:
            out.append(line)
    return "\n".join(out)


def _base(line: str) -> str:
    return re.sub(r" \[repeated \d+ times\]$", "", line)


def cap(text: str, limit: int, what: str = "chars") -> str:
    """``text`` within ``limit`` characters: its head and tail, with a marker saying how much was cut."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head
    return f"{text[:head]}\n[... {len(text) - head - tail} {what} cut ...]\n{text[-tail:]}"


def cap_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    return cap(collapse_lists(text), limit)


_FRAME_HEAD = re.compile(r"^\s*(?:Cell In\s*\[\d+\]|Input In \[\d+\]|<ipython-input-|File \S|"
                         r"File \"|\S+\.py[x]? in |\S+\.pyx:\d+)")
_CHAIN = re.compile(r"^(During handling of the above exception|The above exception was the direct cause)")
_HEAD = re.compile(r"^-{20,}$|Traceback \(most recent call last\)")
LIBRARY_PATH = re.compile(r"site-packages|dist-packages|/lib/python\d|\.pyx\b|<frozen |\bFile <|/usr/lib/")


@dataclass
class _Frame:
    lines: list[str]
    user: bool


@dataclass
class _Block:  # one exception of a chain: its header, frames and message
    head: list[str] = field(default_factory=list)
    frames: list[_Frame] = field(default_factory=list)
    message: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # the "During handling ..." line that follows it


def _parse_traceback(text: str) -> list[_Block]:
    blocks = [_Block()]
    for line in text.split("\n"):
        block = blocks[-1]
        stripped = line.strip()
        if _CHAIN.match(stripped):
            block.chain.append(line)
            blocks.append(_Block())
            continue
        if _HEAD.search(line) and not block.frames and not block.message:
            block.head.append(line)
            continue
        if _FRAME_HEAD.match(line) and not block.message:
            user = bool(_CELL_FRAME.search(line)) or not LIBRARY_PATH.search(line)
            block.frames.append(_Frame([line], user))
            continue
        if block.frames and not block.message and (not line[:1].isalpha() or line.startswith("File")):
            block.frames[-1].lines.append(line)  # code context, carets, blank lines inside the frame part
            continue
        if not stripped and not block.message:
            continue
        block.message.append(line)
    return [b for b in blocks if b.head or b.frames or b.message]


def _frame_text(frame: _Frame, limit: int) -> list[str]:
    lines = [line for line in frame.lines if line.strip()]
    if len(lines) <= limit + 1:
        return lines
    arrow = next((i for i, line in enumerate(lines) if re.match(r"^\s*-+>", line)), len(lines) - 1)
    lo = max(1, arrow - limit + 2)
    return [lines[0]] + (["    ..."] if lo > 1 else []) + lines[lo:arrow + 2]


def trim_traceback(text: str, cell: int | None = None, sources: list[str] | None = None,
                   limit: int = MAX_TRACEBACK_CHARS) -> str:
    """The traceback as a model needs it: the user's frames (cells, helper files), the last library
    frames of each exception, each message capped; notebook frames name their cell index when known."""
    text = ANSI.sub("", text)  # stored outputs keep their colours
    if not text.strip():
        return text
    blocks = _parse_traceback(text)
    out: list[str] = []
    for number, block in enumerate(blocks):
        last = number == len(blocks) - 1
        keep_library = MAX_LIBRARY_FRAMES if last else 1
        library = [i for i, f in enumerate(block.frames) if not f.user]
        kept_library = set(library[-keep_library:]) if keep_library else set()
        if out:
            out.append("")
        out.extend(block.head)
        skipped = 0
        for i, frame in enumerate(block.frames):
            if frame.user or i in kept_library:
                if skipped:
                    out.extend([f"[... {skipped} library frame{'s' if skipped > 1 else ''} left out ...]", ""])
                    skipped = 0
                out.extend(_frame_text(frame, MAX_FRAME_LINES if frame.user else 4) + [""])
            else:
                skipped += 1
        if skipped:
            out.extend([f"[... {skipped} library frame{'s' if skipped > 1 else ''} left out ...]", ""])
        message = "\n".join(block.message).strip("\n")
        if message:
            out.append(cap_message(message, MAX_MESSAGE_CHARS if last else 400))
        if block.chain:
            out.append("")
            out.extend(block.chain)
    result = "\n".join(out)
    if cell is not None:
        result = _name_cells(result, cell, sources or [])
    if len(result) > limit:  # the end of a traceback says the most
        result = "[... earlier part cut ...]\n" + result[-limit:]
    return result


def _name_cells(text: str, cell: int, sources: list[str]) -> str:
    """'Cell In[7], line 2' -> 'cell 3, line 2' (core.cell_frames finds which cell each frame is)."""
    names = cell_frames(text, cell, sources)

    def rename(match: re.Match) -> str:
        count = next(g for g in match.groups() if g is not None)
        if count not in names:
            return match.group(0)
        return f"Cell {names[count]}, line {match.group(2)}" if match.group(2) else f"Cell {names[count]}"

    return _CELL_FRAME.sub(rename, text)


def traceback_cells(text: str) -> set[int]:
    """Cell indices named in a trimmed traceback (``Cell 3, line 2``)."""
    return {int(n) for n in re.findall(r"\bCell (\d+)(?:, line \d+)?", text)}
