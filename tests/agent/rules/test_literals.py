"""The shortcuts in front of rule patterns (literals.py) never change whether a rule wants a cell."""

import random
import re

import pytest
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.literals import (
    Alternatives,
    Scanner,
    alternatives,
    required,
)


def _texts():
    out = []
    for r in RULES.values():
        for before, after in r.examples:
            out += [before, after]
    return out


@pytest.mark.parametrize("pattern", sorted({r.pattern for r in RULES.values() if r.pattern}))
def test_every_match_holds_a_text_of_each_clause(pattern):
    regex, clauses = re.compile(pattern), required(pattern)
    for text in _texts():
        if regex.search(text):
            assert all(any(t in text for t in clause) for clause in clauses), text


@pytest.mark.parametrize(
    "pattern, clauses",
    [
        (r"\b(factorplot|lvplot)\(", [{"factorplot(", "lvplot("}]),
        (r"axis_?bgcolor", [{"axis_bgcolor", "axisbgcolor"}]),
        (r"(?s)^(?=.*\bfoo\b).*bar\s*=", [{"bar"}, {"foo"}]),
        (r"(?i)lvplot", []),  # case-insensitive: no shortcut
        (r"ab|\bx\s*=", []),  # a branch with no text of two characters: none
        (r"[^)]*n_iter|\d+rounds", [{"n_iter", "rounds"}]),
    ],
)
def test_clauses(pattern, clauses):
    assert sorted(map(set, required(pattern)), key=sorted) == sorted(clauses, key=sorted)


def test_scanner_finds_exactly_the_texts_present():
    rng = random.Random(7)
    for _ in range(200):
        texts = {"".join(rng.choice("ab.(\n") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))}
        scanner = Scanner()
        scanner.add(texts)
        for _ in range(20):
            cell = "".join(rng.choice("ab.(\nx") for _ in range(rng.randint(0, 30)))
            assert scanner.found(cell) == {t for t in texts if t in cell}


@pytest.mark.parametrize(
    "pattern, parts",
    [
        (r"normed|axisbg|get_cmap\(", ["normed", "axisbg", r"get_cmap\("]),
        (r"(?s)a(b|c)|d", ["(?s)a(b|c)", "(?s)d"]),  # the global flags go with every alternative
        (r"[|a]x|y", ["[|a]x", "y"]),  # a bar inside a class does not split
        (r"[]|]x|y", ["[]|]x", "y"]),  # nor one after a class's leading bracket
        (r"a\|b", [r"a\|b"]),  # an escaped bar is a character
        (r"(a|b)c", [r"(a|b)c"]),  # a bar inside a group does not split
        (r"(['\"])x\1|y", [r"(['\"])x\1|y"]),  # a back reference: splitting would renumber the group
        (r"(?P<q>['\"])x(?P=q)|y", [r"(?P<q>['\"])x(?P=q)|y"]),
        (r"abc", ["abc"]),
    ],
)
def test_alternatives_split_only_where_the_pattern_branches(pattern, parts):
    assert alternatives(pattern) == parts


def _present(texts: frozenset[str], code: str) -> frozenset[str]:
    return frozenset(t for t in texts if t in code)


@pytest.mark.parametrize("pattern", sorted({r.pattern for r in RULES.values() if r.pattern}))
def test_alternatives_search_is_the_patterns_search(pattern):
    regex, split = re.compile(pattern), Alternatives(pattern)
    texts = _texts()
    for text in texts:
        assert split.search(text, _present(split.texts, text)) == (regex.search(text) is not None), text
    # Cells made of the pattern's own texts and of the examples' pieces, so that near misses are tried too.
    rng = random.Random(pattern)
    pieces = sorted(split.texts) + [t[: len(t) // 2] for t in texts[:40]] + [" ", "\n", "(", ".", "'", "="]
    for _ in range(100):
        cell = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        assert split.search(cell, _present(split.texts, cell)) == (regex.search(cell) is not None), cell


def test_wanting_asked_again_gives_what_each_rule_says():
    from mlemodernizer.agent.rules.engine import _rules
    from mlemodernizer.agent.rules.literals import wanting

    rules = _rules("static")
    for text in _texts()[:400]:
        expected = {r.id for r in rules if r.wants(text)}
        assert set(wanting(rules, text)) == expected
        assert set(wanting(rules, text)) == expected  # the second time from its cache
