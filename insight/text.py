"""Facts from a notebook's markdown: the outline (headings) and scores stated in prose.

A claim is a number next to a metric word in one sentence ("0.8134 accuracy",
"an RMSE of 0.12", "Public LB score: 0.78", "81.3% accuracy"); it is tied to the
next code cell, the one the prose introduces or comments on.
"""

from __future__ import annotations

import html
import re

from .model import Claim, Heading

_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_TAGS = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")

METRIC_WORDS = {
    "accuracy": "accuracy", "acc": "accuracy", "auc": "auc", "roc auc": "auc", "roc-auc": "auc", "rmse": "rmse",
    "rmsle": "rmsle", "mse": "mse", "mae": "mae", "log loss": "log loss", "logloss": "log loss",
    "log-loss": "log loss", "f1": "f1", "f1 score": "f1", "f1-score": "f1", "precision": "precision",
    "recall": "recall", "r2": "r2", "r^2": "r2", "r-squared": "r2", "kappa": "kappa", "gini": "gini",
    "error": "error", "score": "score", "leaderboard": "leaderboard", "lb": "leaderboard",
}
_METRIC = re.compile(r"(?<![\w-])(" + "|".join(sorted((re.escape(w) for w in METRIC_WORDS), key=len, reverse=True))
                     + r")(?![\w-])", re.IGNORECASE)
# A decimal or a percentage: integers alone are counts, years, cell numbers.
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?\s?%|\d*\.\d+)(?![\w.])"
                     # a quantity, not a score: "3.5 million rows", "0.5 seconds", "2.5 times"
                     r"(?!\s*(?:million|billion|thousand|k\b|m\b|rows|columns|features|samples|times|x\b|seconds|"
                     r"secs?\b|minutes|mins?\b|hours|[kmg]b\b|trees|epochs|folds|years|days|percentile))",
                     re.IGNORECASE)
_SPREAD = re.compile(r"std|±|\+/-|\+-|\bsd\b|variance", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[!?;])\s+|(?<=\.)\s+(?=[A-Z(])|\n+")
_BEFORE, _AFTER = 40, 25  # how far (characters) a metric word may stand before / after the number


def clean(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _TAGS.sub("", text)
    return " ".join(html.unescape(_EMPHASIS.sub("", text)).split())


def outline(cells: list[tuple[int, str]]) -> list[Heading]:
    """``cells``: (notebook index, source) of each markdown cell."""
    headings = []
    for index, source in cells:
        fenced = False
        previous = ""
        for line in source.split("\n"):
            if _FENCE.match(line):
                fenced = not fenced
                continue
            if fenced:
                continue
            found = _ATX.match(line)
            if found and clean(found.group(2)):
                headings.append(Heading(cell=index, level=len(found.group(1)), text=clean(found.group(2))[:160]))
            elif _SETEXT.match(line) and previous.strip() and not _ATX.match(previous) and len(line.strip()) >= 3:
                headings.append(Heading(cell=index, level=1 if line.strip()[0] == "=" else 2,
                                        text=clean(previous)[:160]))
            previous = line
        for level, text in _HTML_HEADING.findall(source):
            if clean(text):
                headings.append(Heading(cell=index, level=int(level), text=clean(text)[:160]))
    return headings


def claims(cells: list[tuple[int, str]], code_cells: list[int]) -> list[Claim]:
    """Scores stated in the markdown ``cells``, each tied to the first code cell after its cell."""
    found = []
    for index, source in cells:
        next_code = next((c for c in code_cells if c > index), None)
        text = "\n".join(line for line in _unfenced(source))
        for sentence in _SENTENCE.split(text):
            sentence = clean(sentence)
            if not sentence:
                continue
            words = [(m.start(), m.end(), METRIC_WORDS[m.group(1).lower()]) for m in _METRIC.finditer(sentence)]
            if not words:
                continue
            for number in _NUMBER.finditer(sentence):
                metric = _nearest(words, number.start(), number.end())
                if metric is None:
                    continue
                before = sentence[max(0, number.start() - 8):number.start()]
                if _SPREAD.search(before):
                    continue  # "(std: 0.002)", "± 0.01": a spread, not a score
                raw = number.group(1).replace(" ", "")
                value = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
                if re.search(r"(^|[\s:=(])-$", before):
                    value = -value  # "score: -0.475" (scikit-learn's neg_ scorers)
                found.append(Claim(cell=index, code_cell=next_code, metric=metric, value=round(value, 6),
                                   text=sentence[:240]))
    return found


def _unfenced(source: str):
    fenced = False
    for line in source.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield line


def _nearest(words: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The metric word closest to the number: before it within _BEFORE characters, or after it within _AFTER;
    distances are weighed so that a named metric beats "leaderboard", which beats "score" and "error"."""
    best: tuple[int, str] | None = None
    for w_start, w_end, metric in words:
        if w_end <= start and start - w_end <= _BEFORE:
            distance = start - w_end
        elif w_start >= end and w_start - end <= _AFTER:
            distance = w_start - end
        else:
            continue
        # a generic word counts as farther than a named metric, and a word after the number as farther than one
        # before it ("score: -0.475 (std 0.002), accuracy 0.81" gives score and accuracy, not accuracy twice)
        penalty = {"leaderboard": 5, "score": 15, "error": 15}.get(metric, 0) + (10 if w_start >= end else 0)
        key = (distance + penalty, metric)
        if best is None or key < best:
            best = key
    return best[1] if best else None
