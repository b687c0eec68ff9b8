"""wordcloud 1.3: frequencies are a dict of word -> count, not a list of (word, count) pairs."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, callee_name, positional, rule

_TAKE_FREQUENCIES = ("fit_words", "generate_from_frequencies")


@rule(
    "wordcloud-frequency-pairs",
    library="wordcloud",
    changed_in="wordcloud 1.3",
    rationale="fit_words and generate_from_frequencies took a list of (word, count) pairs (Counter.most_common(n), "
    "sorted(...)) and take a dict now ('list' object has no attribute 'items'); dict(pairs) is the same "
    "frequencies in the same order, and a dict or Counter passes through it unchanged.",
    kind="error",
    needles=_TAKE_FREQUENCIES,
    signatures=(("AttributeError", r"^'(list|tuple|zip|generator)' object has no attribute 'items'$"),),
    examples=(
        ("wc = WordCloud(max_words=50)\nwc.generate_from_frequencies(counts.most_common(50))",
         "wc = WordCloud(max_words=50)\nwc.generate_from_frequencies(dict(counts.most_common(50)))"),
        ("cloud = WordCloud().fit_words(pairs)\ncloud.fit_words(dict(pairs))",
         "cloud = WordCloud().fit_words(dict(pairs))\ncloud.fit_words(dict(pairs))"),
    ),
)
class FrequencyPairs(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if callee_name(updated) not in _TAKE_FREQUENCIES or not isinstance(updated.func, cst.Attribute):
            return updated
        if self.ctx.error_line is not None and not self.on_error_line(original):
            return updated
        first = (positional(updated) or [None])[0]
        if first is None or (isinstance(first.value, cst.Call) and callee_name(first.value) == "dict"):
            return updated
        wrapped = cst.Call(cst.Name("dict"), [cst.Arg(first.value)])
        return updated.with_changes(args=[a.with_changes(value=wrapped) if a is first else a for a in updated.args])
