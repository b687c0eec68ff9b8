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
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    kwarg,
    make_arg,
    parenthesized,
    positional,
    remove_kwarg,
    rule,
    set_kwarg_value,
    statement_like,
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


# rapidfuzz.string_metric (removed in 3.0) -> rapidfuzz.distance: (class, function, times 100, keywords kept). The
# normalised metrics were percentages; the distances' max= (-1 past it, score_cutoff + 1 now) is not read here.
_STRING_METRICS = {
    "levenshtein": ("Levenshtein", "distance", False, ("weights", "processor")),
    "normalized_levenshtein": ("Levenshtein", "normalized_similarity", True, ("processor", "score_cutoff")),
    "hamming": ("Hamming", "distance", False, ("processor",)),
    "normalized_hamming": ("Hamming", "normalized_similarity", True, ("processor", "score_cutoff")),
    "jaro_similarity": ("Jaro", "similarity", True, ("processor", "score_cutoff")),
    "jaro_winkler_similarity": ("JaroWinkler", "similarity", True, ("prefix_weight", "processor", "score_cutoff")),
    "levenshtein_editops": ("Levenshtein", "editops", False, ("processor",)),
}


@rule(
    "rapidfuzz-string-metric",
    library="rapidfuzz",
    changed_in="rapidfuzz 3.0 (string_metric removed; deprecated in 2.0)",
    rationale="each string_metric function is a rapidfuzz.distance one: levenshtein and hamming are Levenshtein/"
    "Hamming.distance (hamming with pad=False: unequal lengths still fail), the normalised metrics and the Jaro "
    "similarities the distance module's 0-1 similarity times 100 (a score_cutoff divided by 100), and "
    "levenshtein_editops Levenshtein.editops(...).as_list(), the list of tuples it returned.",
    pattern=r"string_metric",
    gate=lambda ctx, code: "rapidfuzz" in ctx.text,
    signatures=(("ImportError", r"cannot import name 'string_metric' from 'rapidfuzz'"),
                ("ModuleNotFoundError", r"No module named 'rapidfuzz\.string_metric'")),
    examples=(
        ("from rapidfuzz import string_metric\nd = string_metric.levenshtein(a, b)\n"
         "s = string_metric.normalized_levenshtein(a, b, score_cutoff=80)\nh = string_metric.hamming(a, b)\n"
         "ops = string_metric.levenshtein_editops(a, b)",
         "import rapidfuzz\nd = rapidfuzz.distance.Levenshtein.distance(a, b)\n"
         "s = rapidfuzz.distance.Levenshtein.normalized_similarity(a, b, score_cutoff=80 / 100) * 100\n"
         "h = rapidfuzz.distance.Hamming.distance(a, b, pad=False)\n"
         "ops = rapidfuzz.distance.Levenshtein.editops(a, b).as_list()"),
        ("import rapidfuzz as rf\nfrom rapidfuzz.string_metric import jaro_winkler_similarity as jw\n"
         "names['score'] = [1 - jw(x, y) / 100 for x, y in pairs]\nd = rf.string_metric.levenshtein(a, b, max=3)",
         "import rapidfuzz as rf\n"
         "names['score'] = [1 - (rf.distance.JaroWinkler.similarity(x, y) * 100) / 100 for x, y in pairs]\n"
         "d = rf.string_metric.levenshtein(a, b, max=3)"),
    ),
)
class StringMetric(Importing):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # local name -> function, for the functions imported from rapidfuzz.string_metric
        self.functions = {local: origin.rpartition(".")[2] for local, origin in ctx.imported.items()
                          if origin.rpartition(".")[0] == "rapidfuzz.string_metric"
                          and origin.rpartition(".")[2] in _STRING_METRICS}
        self.modules = {local for local, origin in ctx.imported.items() if origin == "rapidfuzz.string_metric"}
        self.operands: set[int] = set()

    def _function(self, func: cst.BaseExpression) -> str | None:
        if isinstance(func, cst.Name):
            return self.functions.get(func.value)
        if not isinstance(func, cst.Attribute) or func.attr.value not in _STRING_METRICS:
            return None
        owner = code_of(func.value)
        spelled = owner.endswith(".string_metric") and owner.split(".")[0] in self.ctx.module_names("rapidfuzz")
        return func.attr.value if owner in self.modules or spelled else None

    def leave_Call(self, original, updated):
        name = self._function(updated.func)
        if name is None or any(a.star for a in updated.args):
            return updated
        cls, function, percent, keywords = _STRING_METRICS[name]
        if any(a.keyword and a.keyword.value not in keywords for a in updated.args) or len(positional(updated)) != 2:
            return updated
        call = updated
        cutoff = kwarg(call, "score_cutoff")
        if percent and cutoff is not None:
            call = set_kwarg_value(call, "score_cutoff", f"{code_of(cutoff.value)} / 100")
        if name == "hamming":
            call = add_kwarg(call, "pad", "False")
        head = self.need("rapidfuzz")
        new = call.with_changes(func=cst.parse_expression(f"{head}.distance.{cls}.{function}"))
        if name == "levenshtein_editops":
            return cst.Call(cst.Attribute(new, cst.Name("as_list")))
        if percent:
            times = cst.Multiply(whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" "))
            scaled = cst.BinaryOperation(new, times, cst.Integer("100"))
            return parenthesized(scaled) if id(original) in self.operands else scaled
        return new

    # the calls that are operands or receivers (a / jw(x, y), jw(x, y) ** 2): their product goes in parentheses
    def visit_BinaryOperation(self, node):
        self.operands.update((id(node.left), id(node.right)))

    def visit_UnaryOperation(self, node):
        self.operands.add(id(node.expression))

    def visit_Attribute(self, node):
        self.operands.add(id(node.value))

    def visit_Subscript(self, node):
        self.operands.add(id(node.value))

    def leave_SimpleStatementLine(self, original, updated):
        # the import of string_metric or of its functions: the calls now read rapidfuzz.distance
        node = updated.body[0] if len(updated.body) == 1 else None
        if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar) or node.relative:
            return updated
        module = code_of(node.module) if node.module is not None else ""
        if (module == "rapidfuzz" and [a.name.value for a in node.names] == ["string_metric"]) or (
                module == "rapidfuzz.string_metric" and all(a.name.value in _STRING_METRICS for a in node.names)):
            if self.ctx.module_names("rapidfuzz"):
                return cst.RemoveFromParent()
            return statement_like(f"import {self.need('rapidfuzz')}", updated)
        return updated


@rule(
    "thefuzz-asciidammit",
    library="thefuzz",
    changed_in="thefuzz 0.20",
    rationale="utils.asciidammit(x) was, on Python 3, ascii_only of str(x) (numbers and NaN were turned into text "
    "first): the call becomes utils.ascii_only(str(x)), and the function passed on its own (apply(asciidammit)) a "
    "lambda doing that.",
    pattern=r"asciidammit",
    gate=lambda ctx, code: "thefuzz" in ctx.text,
    signatures=(("AttributeError", r"module 'thefuzz\.utils' has no attribute 'asciidammit'"),
                ("ImportError", r"cannot import name 'asciidammit' from 'thefuzz\.utils'")),
    examples=(
        ("from thefuzz import utils\nclean = utils.asciidammit(name)\ndf['n'] = df['n'].apply(utils.asciidammit)",
         "from thefuzz import utils\nclean = utils.ascii_only(str(name))\n"
         "df['n'] = df['n'].apply(lambda s: utils.ascii_only(str(s)))"),
        ("import thefuzz.utils\nfrom thefuzz.utils import asciidammit as ad\nx = thefuzz.utils.asciidammit(3) + ad(v)",
         "import thefuzz.utils\nfrom thefuzz.utils import ascii_only\n"
         "x = thefuzz.utils.ascii_only(str(3)) + ascii_only(str(v))"),
        ("from fuzzywuzzy import utils\nimport thefuzz\nclean = utils.asciidammit(name)",
         "from fuzzywuzzy import utils\nimport thefuzz\nclean = utils.asciidammit(name)"),
    ),
)
class AsciiDammit(RuleTransformer):
    def _old(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """What ascii_only is reached by where ``node`` names thefuzz's asciidammit; None elsewhere."""
        if isinstance(node, cst.Name):
            found = self.ctx.imported.get(node.value) == "thefuzz.utils.asciidammit"
            return cst.Name("ascii_only") if found else None
        if isinstance(node, cst.Attribute) and node.attr.value == "asciidammit":
            owner = code_of(node.value)
            if self.ctx.imported.get(owner) == "thefuzz.utils" or owner in self.ctx.module_names("thefuzz.utils") \
                    or owner == "thefuzz.utils":
                return node.with_changes(attr=cst.Name("ascii_only"))
        return None

    def leave_Call(self, original, updated):
        new = self._old(original.func)
        if new is None or len(updated.args) != 1 or updated.args[0].keyword or updated.args[0].star:
            return updated
        text = cst.Call(cst.Name("str"), [updated.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        return updated.with_changes(func=new, args=[cst.Arg(text)])

    def leave_Arg(self, original, updated):
        new = self._old(original.value)  # passed on its own: apply(utils.asciidammit), map(asciidammit, names)
        if new is None:
            return updated
        return updated.with_changes(value=cst.parse_expression(f"lambda s: {code_of(new)}(str(s))"))

    def leave_ImportAlias(self, original, updated):
        if original.name.value == "asciidammit":  # from thefuzz.utils import asciidammit [as ad]
            return updated.with_changes(name=cst.Name("ascii_only"), asname=None)
        return updated
