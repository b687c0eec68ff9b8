"""vaderSentiment 0.5 -> 2.0+: the module-level sentiment(text) became SentimentIntensityAnalyzer().polarity_scores."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, dotted, rule, statement_like

_MODULE = "vaderSentiment.vaderSentiment"


@rule(
    "vader-sentiment-function",
    library="vaderSentiment",
    changed_in="vaderSentiment 2.0 (2016)",
    rationale="the module function sentiment(text) became the method polarity_scores(text) of a "
    "SentimentIntensityAnalyzer; it returns the same neg/neu/pos/compound dict, so the name the notebook "
    "imported is bound to an analyzer's polarity_scores and every call of it stays.",
    needles=("sentiment",),
    pattern=r"vaderSentiment import[^\n]*\bsentiment\b|\.sentiment\(",
    gate=lambda ctx, code: _MODULE in ctx.text,
    signatures=(("ImportError", r"cannot import name 'sentiment' from 'vaderSentiment"),
                ("AttributeError", r"module 'vaderSentiment\.vaderSentiment' has no attribute 'sentiment'")),
    examples=(
        ("from vaderSentiment.vaderSentiment import sentiment as vs\nscores = [vs(t)['compound'] for t in texts]",
         "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
         "vs = SentimentIntensityAnalyzer().polarity_scores\nscores = [vs(t)['compound'] for t in texts]"),
        ("import vaderSentiment.vaderSentiment as vader\ns = vader.sentiment(text)",
         "import vaderSentiment.vaderSentiment as vader\ns = vader.SentimentIntensityAnalyzer().polarity_scores(text)"),
    ),
)
class SentimentFunction(RuleTransformer):
    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not m.matches(updated.body[0], m.ImportFrom()):
            return updated
        node = updated.body[0]
        if node.module is None or dotted(node.module) != _MODULE or isinstance(node.names, cst.ImportStar):
            return updated
        local = next(((a.asname.name.value if a.asname else "sentiment") for a in node.names
                      if a.name.value == "sentiment"), None)
        if local is None:
            return updated
        kept = [a.name.value + (f" as {a.asname.name.value}" if a.asname else "") for a in node.names
                if a.name.value != "sentiment"]
        names = ", ".join(dict.fromkeys(["SentimentIntensityAnalyzer", *kept]))
        code = f"from {_MODULE} import {names}\n{local} = SentimentIntensityAnalyzer().polarity_scores"
        return cst.FlattenSentinel([statement_like(line, updated) if i == 0 else cst.parse_statement(line + "\n")
                                    for i, line in enumerate(code.splitlines())])

    def leave_Call(self, original, updated):
        # vader.sentiment(text), the module imported under a name
        func = updated.func
        if m.matches(func, m.Attribute(attr=m.Name("sentiment"))) and self.ctx.imported.get(dotted(func.value) or "") \
                == _MODULE:
            analyzer = cst.parse_expression(f"{dotted(func.value)}.SentimentIntensityAnalyzer().polarity_scores")
            return updated.with_changes(func=analyzer)
        return updated
