"""DataFrame.update with repeated row labels.

Before 3.0, ``df.update(other)`` reindexed ``other`` like ``df`` first. Reindexing to an index equal to its own
is a no-op even when labels repeat, so a frame built by ``pd.concat([train, test])`` (labels 0..n twice) could be
updated from another frame of the same rows (``df.update(pd.concat([logged, rest], axis=1))``): the rows were
matched one by one. Any other pairing with repeated labels raised ("cannot reindex on an axis with duplicate
labels"), so a notebook that ran had exactly that case. pandas 3.0 matches by the labels both indexes share and
refuses repeated labels in ``other`` outright. Numbering both frames' rows for the call matches them as before.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, code_of, plain_reference, positional, rule


@rule(
    "pandas-update-repeated-labels",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="DataFrame.update no longer takes an other whose row labels repeat; before 3.0 an other with the "
    "same index as the frame (train and test concatenated, labels twice) was matched row by row, and any other "
    "pairing with repeated labels raised. The update runs on both frames' rows numbered 0..n-1, the frame's own "
    "labels put back after it.",
    kind="error",
    signatures=(("ValueError", r"^Update not allowed with duplicate indexes on other"),),
    examples=(
        (
            "df.update(logged)",
            "_labels = df.index\n"
            "df.index = range(len(df))\n"
            "df.update(logged.set_axis(df.index))\n"
            "df.index = _labels",
        ),
        (
            "train.update(pd.concat([a, b], axis=1), overwrite=False)",
            "_labels = train.index\n"
            "train.index = range(len(train))\n"
            "train.update(pd.concat([a, b], axis=1).set_axis(train.index), overwrite=False)\n"
            "train.index = _labels",
        ),
        ("frames[0].update(other)", "frames[0].update(other)"),  # not named plainly: left
        ("d = {}\nd.update(other, extra=1)", "d = {}\nd.update(other, extra=1)"),
    ),
)
class UpdateRepeatedLabels(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_SimpleStatementLine(self, original, updated):
        update = m.Expr(m.Call(func=m.Attribute(attr=m.Name("update"))))
        if len(updated.body) != 1 or not m.matches(updated.body[0], update):
            return updated
        call = updated.body[0].value
        frame, given = call.func.value, positional(call)
        # the frame is read four times: only a plain name or attribute of one (not an item: dict.update's too)
        if not isinstance(frame, (cst.Name, cst.Attribute)) or not plain_reference(frame) or len(given) != 1:
            return updated
        numbered_already = m.Call(func=m.Attribute(attr=m.Name("set_axis")))
        if self.off_error_line(original) or m.matches(given[0].value, numbered_already):
            return updated
        if {a.keyword.value for a in call.args if a.keyword} - {"join", "overwrite", "filter_func", "errors"}:
            return updated  # not DataFrame.update's parameters
        name = code_of(frame)
        labels = cst.Arg(cst.parse_expression(f"{name}.index"))
        other = cst.Call(cst.Attribute(given[0].value, cst.Name("set_axis")), [labels])
        numbered = call.with_changes(args=[a.with_changes(value=other) if a is given[0] else a for a in call.args])
        lines = [f"_labels = {name}.index", f"{name}.index = range(len({name}))", code_of(numbered),
                 f"{name}.index = _labels"]
        statements = [cst.parse_statement(line + "\n") for line in lines]
        statements[0] = statements[0].with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel(statements)
