"""Markdown facts: the outline and the scores stated in prose, tied to the next code cell."""

from __future__ import annotations

from mlemodernizer.insight.text import claims, outline


def test_outline_reads_atx_setext_and_html_headings_but_not_code_fences():
    cells = [
        (0, "# Titanic: **survival**\nintro\n\n## [Loading](#load)"),
        (2, "Features\n========\n```python\n# not a heading\n```"),
        (4, "<h3>Model <i>tuning</i></h3>"),
    ]
    assert [(h.cell, h.level, h.text) for h in outline(cells)] == [
        (0, 1, "Titanic: survival"), (0, 2, "Loading"), (2, 1, "Features"), (4, 3, "Model tuning")]


def test_claims_are_numbers_next_to_metric_words_tied_to_the_next_code_cell():
    cells = [
        (1, "The random forest reaches **0.8134 accuracy** on the validation split."),
        (3, "In 2017 we had 891 rows. Public LB score: 0.78469! An RMSE of 0.1234 after the log."),
        (6, "About 81.3% accuracy with the SVM.\n```\naccuracy 0.99\n```"),
        (9, "No score here, only 3.5 million rows."),
    ]
    found = claims(cells, code_cells=[0, 2, 4, 5, 7])
    assert [(c.cell, c.code_cell, c.metric, c.value) for c in found] == [
        (1, 2, "accuracy", 0.8134), (3, 4, "leaderboard", 0.78469), (3, 4, "rmse", 0.1234),
        (6, 7, "accuracy", 0.813)]
    assert found[0].text == "The random forest reaches 0.8134 accuracy on the validation split."


def test_a_negative_score_keeps_its_sign_and_a_spread_is_no_claim():
    found = claims([(0, "Mean validation score: -0.475 (std: 0.002), accuracy 0.81 ± 0.02")], code_cells=[1])
    assert [(c.metric, c.value) for c in found] == [("score", -0.475), ("accuracy", 0.81)]


def test_a_claim_after_the_last_code_cell_has_none():
    (claim,) = claims([(5, "Final accuracy: 0.9")], code_cells=[1, 3])
    assert claim.code_cell is None
