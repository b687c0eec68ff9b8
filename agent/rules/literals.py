"""The plain texts a regular expression cannot match without: a cheap test before the regex itself.

Every cell is tested against every rule's ``pattern``, and Python's regex engine
tries each branch of a long alternation (``factorplot|lvplot|corrplot|...``) at
each position of the cell: that was a tenth of the static pass. ``required(pattern)``
reads the parsed pattern and returns clauses, each a set of texts: any text the
pattern matches contains one text of every clause. ``Scanner`` finds which of all
rules' texts (their clauses and needles) occur in a cell in one pass. A rule's regex
then runs only on cells that hold a text of each of its clauses, so the answer is
the regex's, just reached sooner.

The reading is conservative: whatever it does not understand (case-insensitive
parts, character classes, back references) adds no clause rather than a wrong one.

A pattern of many alternatives (``normed|axisbg|get_cmap|...``) is read as each
alternative apart (``Alternatives``): an alternative is tried only on a cell that
holds its own texts, and alone it is found by a faster scan.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import product

try:  # the parser behind re.compile (a private module: without it there is simply no shortcut)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - another Python
    _c = _p = None

_LIMIT = 64  # the most texts one clause, or one run of fixed texts, may hold
_MIN_LENGTH = 2  # a clause of single characters ("=", "(") is in nearly every cell: not worth testing


def required(pattern: str) -> tuple[frozenset[str], ...]:
    """Clauses that every match of ``pattern`` satisfies (each: one of its texts occurs); () when unknown."""
    if _p is None:
        return ()
    try:
        parsed = _parsed(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return ()
        clauses = _clauses(list(parsed))
    except Exception:  # noqa: BLE001 - an unreadable pattern: no shortcut, the regex decides alone
        return ()
    kept = {frozenset(c) for c in clauses if min(map(len, c)) >= _MIN_LENGTH}
    return tuple(sorted(kept, key=lambda c: (len(c), sorted(c))))  # the quick clauses first


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_BETWEEN_GROUPS = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # a back reference or a conditional group


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (``a|b(c|d)`` -> ``a``, ``b(c|d)``), each with the global
    flags the pattern begins with: the pattern matches somewhere in a text if and only if one of them does.
    ``[pattern]`` when it has one alternative, or groups that splitting would renumber."""
    flags = ""
    while found := _GLOBAL_FLAGS.match(pattern, len(flags)):
        flags = pattern[: found.end()]
    parts, depth, start, i, n = [], 0, len(flags), len(flags), len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class, up to its closing bracket (a "]" right after "[" or "[^" is a member)
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if pattern.startswith("]", i) else 0
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts = [flags + part for part in parts + [pattern[start:]]]
    if len(parts) == 1 or _p is None or _BETWEEN_GROUPS.search(pattern):
        return [pattern]
    try:  # a split in the right places leaves every alternative readable, holding whole groups
        groups = sum(_parsed(part).state.groups - 1 for part in parts)  # (state.groups counts group 0)
        whole = groups == _parsed(pattern).state.groups - 1
    except Exception:  # noqa: BLE001 - not a split we can trust: the pattern stays whole
        whole = False
    return parts if whole else [pattern]


@lru_cache(maxsize=64)  # alternatives() reads each alternative, then required() reads it again
def _parsed(pattern: str):
    return _p.parse(pattern)


class Alternatives:
    """A rule's pattern as its alternatives (``alternatives``), each tried only where its texts occur.

    One regex of many alternatives (``normed|axisbg|get_cmap|...``) tries every one of them at every
    position of the cell. Apart, an alternative is tried only on cells that hold a text of each of its
    clauses, and one that starts with a literal is found by a fast scan. ``search(code, present)`` is
    ``re.search(pattern, code) is not None``, given ``present``: the texts of ``texts`` that ``code`` holds.
    """

    def __init__(self, pattern: str) -> None:
        self._sources = alternatives(pattern)
        self._regexes: list[re.Pattern | None] = [None] * len(self._sources)  # compiled when first tried
        self._clauses = [required(source) for source in self._sources]
        self.texts = frozenset().union(*(c for clauses in self._clauses for c in clauses))
        # Each alternative is tried when a text of its shortest clause is present; one without is always tried.
        self._always = [i for i, clauses in enumerate(self._clauses) if not clauses]
        self._by_text: dict[str, list[int]] = {}
        for i, clauses in enumerate(self._clauses):
            for text in min(clauses, key=len) if clauses else ():
                self._by_text.setdefault(text, []).append(i)
        self._keys = frozenset(self._by_text)
        # Texts one of which a cell must hold for a match; None when an alternative needs none.
        self.key = None if self._always else self._keys

    def search(self, code: str, present: frozenset[str]) -> bool:
        if len(self._sources) == 1:  # most patterns: no alternatives to pick from
            return self._found(0, code, present)
        hits = self._keys.intersection(present)
        tried = self._always if not hits else {*self._always, *(i for t in hits for i in self._by_text[t])}
        return any(self._found(i, code, present) for i in tried)

    def _found(self, i: int, code: str, present: frozenset[str]) -> bool:
        """Whether alternative ``i`` matches in ``code``: its regex only where its texts all occur."""
        for clause in self._clauses[i]:
            if clause.isdisjoint(present):
                return False
        regex = self._regexes[i]
        if regex is None:
            regex = self._regexes[i] = re.compile(self._sources[i])
        return regex.search(code) is not None


def _finite(items: list) -> set[str] | None:
    """Every text the sequence ``items`` can match, when they are few; else None."""
    texts = {""}
    for op, av in items:
        one = _finite_item(op, av)
        if one is None:
            return None
        texts = {a + b for a, b in product(texts, one)}
        if len(texts) > _LIMIT:
            return None
    return texts


def _finite_item(op, av) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op in (_c.AT, _c.ASSERT_NOT):  # zero width: adds no text
        return {""}
    if op is _c.IN:
        if all(o is _c.LITERAL for o, _ in av) and len(av) <= _LIMIT:
            return {chr(v) for _, v in av}
        return None
    if op is _c.SUBPATTERN:
        _, add_flags, _, items = av
        return None if add_flags & re.IGNORECASE else _finite(list(items))
    if op is _c.ATOMIC_GROUP:
        return _finite(list(av))
    if op is _c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            texts = _finite(list(branch))
            if texts is None:
                return None
            found |= texts
        return found if len(found) <= _LIMIT else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, items = av
        if high > 3:  # also MAXREPEAT
            return None
        one = _finite(list(items))
        if one is None:
            return None
        found = set()
        for count in range(low, high + 1):
            found |= {"".join(parts) for parts in product(one, repeat=count)}
            if len(found) > _LIMIT:
                return None
        return found
    return None


def _clauses(items: list) -> list[set[str]]:
    """Clauses for a sequence: each run of items with few possible texts is one clause (the run's text
    occurs in the match), and every other item adds its own."""
    clauses: list[set[str]] = []
    run = {""}
    for op, av in items:
        one = _finite_item(op, av)
        if one is not None:
            joined = {a + b for a, b in product(run, one)}
            if len(joined) <= _LIMIT:
                run = joined
                continue
            _flush(run, clauses)
            run = one
            continue
        _flush(run, clauses)
        run = {""}
        clauses += _item_clauses(op, av)
    _flush(run, clauses)
    return clauses


def _flush(run: set[str], clauses: list[set[str]]) -> None:
    if "" not in run:
        clauses.append(run)


def _item_clauses(op, av) -> list[set[str]]:
    if op is _c.SUBPATTERN:
        _, add_flags, _, items = av
        return [] if add_flags & re.IGNORECASE else _clauses(list(items))
    if op is _c.ATOMIC_GROUP:
        return _clauses(list(av))
    if op is _c.ASSERT:  # a lookahead or lookbehind that must hold reads text of the cell
        return _clauses(list(av[1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _, items = av
        return _clauses(list(items)) if low >= 1 else []
    if op is _c.BRANCH:  # one branch matches: the union of one clause from each
        union: set[str] = set()
        for branch in av[1]:
            best = max(_clauses(list(branch)), key=lambda c: min(map(len, c)), default=None)
            if best is None:
                return []
            union |= best
        return [union]
    return []


class Scanner:
    """Which of many plain texts occur in a cell, in one pass of one regex.

    Every rule's needles and clauses are substring tests on the same cell text: seventy rules made a
    few hundred scans of each cell. A regex built as a trie of all the texts (``a(?:b|cd)?|x``)
    reads the cell once and gives, at each position, the longest text that starts there; every text
    starting there is a prefix of that one, so the texts present are exactly the known prefixes of the
    matches. The answer for the last text read is kept: all rules ask about the same text in turn.
    """

    def __init__(self) -> None:
        # (known texts, their regex, each text's known prefixes) and (that state, last text, its texts found):
        # each replaced whole, so that a thread reading them never pairs a regex with texts it was not built from.
        self._state: tuple[frozenset[str], re.Pattern | None, dict[str, tuple[str, ...]]] = (frozenset(), None, {})
        self._last: tuple = (None, None, frozenset())

    @property
    def known(self) -> frozenset[str]:
        return self._state[0]

    def add(self, texts) -> None:
        """Know ``texts`` too (rebuilds the regex: add them all at once)."""
        texts = frozenset(t for t in texts if t)
        if not texts <= self.known:
            known = self.known | texts
            prefixes = {t: tuple(t[:k] for k in range(1, len(t) + 1) if t[:k] in known) for t in known}
            self._state = (known, re.compile(_trie_pattern(sorted(known))), prefixes)

    def found(self, text: str) -> frozenset[str]:
        """The known texts that occur in ``text``."""
        state, last = self._state, self._last
        if last[0] is state and last[1] == text:
            return last[2]
        _, regex, prefixes = state
        # The longest text at each position where one starts (a known text: the trie ends only where one
        # does), searched again from the next position: the regex engine skips to where a text can start
        # faster than findall tries a lookahead at each position.
        found, at = set(), 0
        while regex is not None and (match := regex.search(text, at)) is not None:
            found.update(prefixes[match.group()])
            at = match.start() + 1
        result = frozenset(found)
        self._last = (state, text, result)
        return result


def _trie_pattern(texts: list[str]) -> str:
    """A regex matching the longest of ``texts`` (sorted, non-empty) that starts where it is tried. Texts
    that share a first character are one branch, their common prefix written once (``fit(?:_transform)?``)."""
    branches = []
    i = 0
    while i < len(texts):
        first = texts[i][0]
        j = i
        while j < len(texts) and texts[j][0] == first:
            j += 1
        stem = os.path.commonprefix(texts[i:j])
        rests = [t[len(stem):] for t in texts[i:j]]
        ends_here = rests[0] == ""  # sorted: the empty rest comes first
        longer = [r for r in rests if r]
        tail = ""
        if longer:
            tail = "(?:" + _trie_pattern(longer) + ")" + ("?" if ends_here else "")
        branches.append(re.escape(stem) + tail)
        i = j
    return "|".join(branches)


SCANNER = Scanner()  # every rule's texts (framework.Rule adds them)
_INDEX: dict[tuple[int, ...], tuple[tuple, list, dict[str, list]]] = {}  # rule ids -> (rules, unkeyed, by text)


def wanting(rules: list, text: str) -> dict:
    """The ``rules`` that want ``text`` (``rule.wants(text)``), by id. Only the rules keyed by a text
    the scanner finds in ``text`` (see ``Rule.key``), or keyed by none, are asked: a rule is not asked
    about a cell that lacks every text one of which its ``wants`` needs."""
    key = tuple(map(id, rules))
    index = _INDEX.get(key)
    if index is None:
        if len(_INDEX) > 64:
            _INDEX.clear()
            _WANTING.clear()  # its keys are ids of rules that _INDEX no longer holds
        unkeyed, by_text = [], {}
        for r in rules:
            texts = r.key()
            if texts is None:
                unkeyed.append(r)
            for t in texts or ():
                by_text.setdefault(t, []).append(r)
        index = _INDEX[key] = (tuple(rules), unkeyed, by_text)  # the rules kept: their ids stay theirs
    found = _WANTING.get((key, text))
    if found is not None:
        return found
    _, unkeyed, by_text = index
    asked = {id(r): r for r in unkeyed}
    for t in SCANNER.found(text):
        for r in by_text.get(t, ()):
            asked[id(r)] = r
    found = {r.id: r for r in asked.values() if r.wants(text)}
    if len(_WANTING) >= 2048:
        _WANTING.clear()
    _WANTING[key, text] = found
    return found


# (rule ids, text) -> wanting's answer: a rule's ``wants`` reads only the text, and notebooks share cells
# (the same imports, a notebook and its next version). Shared: callers must not change it.
_WANTING: dict[tuple[tuple[int, ...], str], dict] = {}
