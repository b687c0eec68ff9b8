"""rapidfuzz 0.x -> 3.x: process.extract's results gained the choice's index, and its options became keywords.

rapidfuzz 0.13 made process.extract / extractOne return (choice, score, index) where they returned (choice,
score): code that unpacks two fails ("too many values to unpack (expected 2)") and gets a third name it ignores.
1.1 made every option keyword-only: the positional scorer and processor (the same two places in extract,
extractOne and extract_iter) are named. 3.0 dropped processor=True/False (utils.default_process / None) and
the scorer's own keywords passed through (weights=), which go in scorer_kwargs.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    add_kwarg,
    callee_name,
    code_of,
    kwarg,
    make_arg,
    positional,
    remove_kwarg,
    rule,
    set_kwarg_value,
)
from .python3_rules import Importing

_EXTRACTS = {"extract", "extractOne", "extract_iter"}
_POSITIONS = ("scorer", "processor")  # after query and choices, in 0.x's order
_SCORER_KEYWORDS = ("weights",)


def _extract_call(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Call) and callee_name(node) in _EXTRACTS


def _with_index(target: cst.BaseExpression) -> cst.BaseExpression:
    """``name, score`` as ``name, score, _``: the index rapidfuzz now returns third, unused."""
    if not isinstance(target, cst.Tuple) or len(target.elements) != 2:
        return target
    first, second = target.elements
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return target.with_changes(elements=[first, second.with_changes(comma=comma), cst.Element(cst.Name("_"))])


@rule(
    "rapidfuzz-process-api",
    library="rapidfuzz",
    changed_in="rapidfuzz 0.13 (index in results), 1.1 (keyword-only options), 3.0 (processor=True, scorer keywords)",
    rationale="process.extract/extractOne results are (choice, score, index): a two-name unpacking on the failing "
    "line gets a third, unused name; a positional scorer and processor are named; processor=True is "
    "utils.default_process (False: None); weights= goes in scorer_kwargs.",
    needles=("extract", "processor="),
    gate=lambda ctx, code: "rapidfuzz" in ctx.text,
    signatures=(("ValueError", r"^too many values to unpack \(expected 2\)$"),
                ("TypeError", r"takes exactly 2 positional arguments|'bool' object is not callable|"
                              r"unexpected keyword argument 'weights'")),
    examples=(
        ("from rapidfuzz import process, fuzz\nbest = process.extractOne(q, names, fuzz.token_sort_ratio)\n"
         "top = process.extract(q, names, fuzz.WRatio, None, limit=3, weights=(1, 1, 2))\n"
         "s = fuzz.ratio(a, b, processor=True)",
         "import rapidfuzz\nfrom rapidfuzz import process, fuzz\nbest = process.extractOne(q, names, scorer=fuzz.token_sort_ratio)\n"
         "top = process.extract(q, names, scorer=fuzz.WRatio, processor=None, limit=3, scorer_kwargs={'weights': (1, 1, 2)})\n"
         "s = fuzz.ratio(a, b, processor=rapidfuzz.utils.default_process)"),
    ),
)
class ProcessApi(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _unpacking(self, original) -> bool:
        return self.on_own_error_line(original) and self.ctx.error.ename == "ValueError"

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        call = updated
        processor = kwarg(call, "processor")
        if processor is not None and isinstance(processor.value, cst.Name) and processor.value.value in ("True", "False"):
            new = f"{self.need('rapidfuzz')}.utils.default_process" if processor.value.value == "True" else "None"
            call = set_kwarg_value(call, "processor", new)
        if name not in _EXTRACTS and name != "cdist":
            return call
        pos = positional(call)
        if name in _EXTRACTS and len(pos) > 2:
            named = dict(zip(pos[2:], _POSITIONS))
            call = call.with_changes(args=[make_arg(named[a], a.value).with_changes(comma=a.comma) if a in named else a
                                           for a in call.args])
        passed = [a for a in call.args if a.keyword is not None and a.keyword.value in _SCORER_KEYWORDS]
        if passed and kwarg(call, "scorer_kwargs") is None:
            entries = ", ".join(f"'{a.keyword.value}': {code_of(a.value)}" for a in passed)
            for a in passed:
                call = remove_kwarg(call, a.keyword.value)
            call = add_kwarg(call, "scorer_kwargs", f"{{{entries}}}")
        return call

    def leave_Assign(self, original, updated):
        if len(updated.targets) == 1 and _extract_call(updated.value) and self._unpacking(original):
            return updated.with_changes(targets=[updated.targets[0].with_changes(
                target=_with_index(updated.targets[0].target))])
        return updated

    def leave_For(self, original, updated):
        if _extract_call(updated.iter) and self._unpacking(original):
            return updated.with_changes(target=_with_index(updated.target))
        return updated

    leave_CompFor = leave_For  # [n for n, s in process.extract(...)]: the same target and iterable
