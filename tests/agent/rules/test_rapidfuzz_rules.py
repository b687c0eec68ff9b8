"""rapidfuzz 0.x code against 3.x in a real kernel: options by position and processor=True fail at once (the
static pass names them), the two-name unpacking of a result fails on its own line (the error-keyed pass adds
the index's name); the matches are the author's."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, stdout

OLD = code_notebook(
    "from rapidfuzz import process, fuzz\nnames = ['New York', 'Newark', 'Boston']",
    "name, score = process.extractOne('new york', names, fuzz.WRatio, processor=True)\n"
    "near = [n for n, s in process.extract('new york', names, fuzz.WRatio, limit=2)]\nprint(name, round(score), near)",
)


def test_old_rapidfuzz_matches_the_same_names(apply, run_repaired):
    edits = fix_static(OLD)
    assert [e.cell for e in edits if "rapidfuzz-process-api" in e.rule_ids] == [1]
    record: list = []
    printed = run_repaired(apply(OLD, edits), attempts=4, record=record)
    assert [(cell, e.origin) for cell, e in record] == [(1, "rule:rapidfuzz-process-api")] * 2  # one line each run
    assert printed[1] == "New York 100 ['New York', 'Newark']\n"


METRICS = code_notebook(
    "from rapidfuzz import string_metric\nfrom thefuzz import utils",
    "print(string_metric.levenshtein('kitten', 'sitting'), round(string_metric.normalized_levenshtein('kitten', "
    "'sitting'), 2), round(string_metric.jaro_winkler_similarity('martha', 'marhta'), 2), "
    "string_metric.levenshtein_editops('ab', 'ac'), utils.asciidammit('caf\\u00e9'), utils.asciidammit(2.5))",
)


def test_old_string_metrics_give_the_same_values(fails_then_runs):
    after = fails_then_runs(METRICS, 0, "string_metric", {"rapidfuzz-string-metric", "thefuzz-asciidammit"})
    assert stdout(after.cells[1]) == "3 57.14 96.11 [('replace', 1, 1)] caf 2.5\n"
