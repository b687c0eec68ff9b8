"""The shortcuts in front of rule patterns (literals.py) never change whether a rule wants a cell."""

import random
import re

import pytest
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.literals import Scanner, required


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
