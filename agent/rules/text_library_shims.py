"""fuzzywuzzy/thefuzz, rapidfuzz 0.x and nltk helpers that were removed with nothing computing the same, written
into the notebook as shims (old_text_libraries.py) or rewritten where a call is the same, each read from the last
release that had it.

- thefuzz 0.20 rebuilt fuzz, process and utils on rapidfuzz and dropped the pure-Python scorers' helpers
  (utils.validate_string, make_type_consistent, intr and the check_for_none / check_for_equivalence /
  check_empty_string decorators), the string_processing module (StringProcessor: a regex and three str methods)
  and StringMatcher (python-Levenshtein 0.12 behind difflib's SequenceMatcher methods). The helpers were a few
  lines in fuzzywuzzy 0.18.0 / thefuzz 0.19.0 with nothing but the standard library under them, so the old
  definitions are the old results; StringMatcher's ratio and distance are rapidfuzz's Indel and Levenshtein, and
  its edit path is python-Levenshtein's own walk, written out.
- rapidfuzz 0.13 took away process.extractIndices ((index, score) pairs, 0.9-0.12): the old loop runs on today's
  scorers with its old defaults (WRatio, utils.default_process, limit 5, cutoff 0). process.extract's third
  element is the same index, but extract no longer processes by default, so the shim keeps the old default.
  rapidfuzz.levenshtein's integer distances are rapidfuzz.distance.Levenshtein.distance (see below).
- nltk 3.5 emptied nltk.compat of its Python 2/3 helpers, most of them a standard-library object on Python 3.
"""

from __future__ import annotations

import re

import libcst as cst

from . import old_text_libraries as old
from .framework import code_of, dotted, make_arg, positional, rule
from .python3_rules import Importing
from .removed_api import (
    Moved,
    RemovedNames,
    import_signatures,
    names_pattern,
    shim_source,
)

_HELPERS = ("validate_string", "make_type_consistent", "intr", "check_for_none", "check_for_equivalence",
            "check_empty_string")
_UTILS = {("thefuzz.utils", name): getattr(old, name) for name in _HELPERS}


@rule(
    "thefuzz-utils-helpers",
    library="thefuzz",
    changed_in="thefuzz 0.20 (fuzzywuzzy 0.18's utils)",
    rationale="utils.validate_string (len(s) > 0, False without a length), make_type_consistent (both str unless "
    "both were), intr (int(round(n))) and the scorer decorators check_for_none (0 for a None), "
    "check_for_equivalence (100 for equal arguments) and check_empty_string (0 for an empty one) are written into "
    "the notebook as fuzzywuzzy 0.18 defined them; nothing else was under them.",
    pattern=names_pattern(_UTILS),
    gate=lambda ctx, code: "thefuzz" in ctx.text,
    signatures=import_signatures(_UTILS),
    examples=(
        (("from thefuzz import fuzz, utils\nok = [n for n in names if utils.validate_string(n)]\n"
         "s = utils.intr(100 * m.ratio())"),
         "from thefuzz import fuzz, utils\n" + shim_source(old.validate_string, "validate_string")
         + "ok = [n for n in names if validate_string(n)]\n" + shim_source(old.intr, "intr")
         + "s = intr(100 * m.ratio())"),
        (("from thefuzz.utils import full_process, check_for_none\n@check_for_none\ndef score(a, b):\n"
         "    return fuzz.ratio(full_process(a), full_process(b))"),
         "from thefuzz.utils import full_process\n" + shim_source(old.check_for_none, "check_for_none")
         + "@check_for_none\ndef score(a, b):\n    return fuzz.ratio(full_process(a), full_process(b))"),
    ),
)
class UtilsHelpers(RemovedNames):
    TABLE = _UTILS


_PROCESSING = {("thefuzz.string_processing", "StringProcessor"): old.StringProcessor}


@rule(
    "thefuzz-string-processing",
    library="thefuzz",
    changed_in="thefuzz 0.20 (fuzzywuzzy 0.18's string_processing)",
    rationale="string_processing.StringProcessor was a regex, (?ui)\\W, whose matches "
    "replace_non_letters_non_numbers_with_whitespace turned into spaces, and str.strip / str.lower / str.upper "
    "as static methods: the class is written into the notebook as it was, and the import of its module dropped.",
    pattern=r"string_processing|StringProcessor",
    gate=lambda ctx, code: "thefuzz" in ctx.text,
    signatures=(("ImportError", r"cannot import name 'string_processing' from 'thefuzz'"),
                ("ModuleNotFoundError", r"No module named 'thefuzz\.string_processing'")),
    examples=(
        (("from thefuzz import fuzz, string_processing\n"
         "clean = string_processing.StringProcessor.replace_non_letters_non_numbers_with_whitespace(t)"),
         "from thefuzz import fuzz\n" + shim_source(old.StringProcessor, "StringProcessor")
         + "clean = StringProcessor.replace_non_letters_non_numbers_with_whitespace(t)"),
        ("from thefuzz.string_processing import StringProcessor as SP\ns = SP.to_lower_case(SP.strip(x))",
         shim_source(old.StringProcessor, "SP") + "s = SP.to_lower_case(SP.strip(x))"),
    ),
)
class StringProcessing(RemovedNames):
    TABLE = _PROCESSING
    MODULE = "string_processing"  # imported from thefuzz: its one class is reached through the shim instead

    def leave_SimpleStatementLine(self, original, updated):
        node = updated.body[0] if len(updated.body) == 1 else None
        if isinstance(node, cst.ImportFrom) and not node.relative and node.module is not None \
                and dotted(node.module) == "thefuzz" and not isinstance(node.names, cst.ImportStar):
            kept = [a for a in node.names if not (a.name.value == self.MODULE and a.asname is None)]
            if len(kept) == len(node.names):
                return updated
            if not kept:
                return cst.RemoveFromParent()
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated.with_changes(body=[node.with_changes(names=kept)])
        return super().leave_SimpleStatementLine(original, updated)


_MATCHER = {("thefuzz.StringMatcher", "StringMatcher"): old.StringMatcher}


@rule(
    "thefuzz-stringmatcher",
    library="thefuzz",
    changed_in="thefuzz 0.20 (fuzzywuzzy 0.18's StringMatcher, on python-Levenshtein 0.12)",
    rationale="StringMatcher put python-Levenshtein 0.12 behind SequenceMatcher's methods: ratio is (total "
    "length - Indel distance) / total length, distance the Levenshtein distance (both rapidfuzz's today), and "
    "get_editops / get_opcodes / get_matching_blocks follow python-Levenshtein's own path through the cost matrix, "
    "which rapidfuzz does not pick: the class is written into the notebook with that walk (the same results as "
    "python-Levenshtein 0.12.2 on 30,000 random pairs).",
    pattern=r"StringMatcher",
    gate=lambda ctx, code: "thefuzz" in ctx.text,
    signatures=(("ImportError", r"cannot import name 'StringMatcher' from 'thefuzz'"),
                ("ModuleNotFoundError", r"No module named 'thefuzz\.StringMatcher'")),
    examples=(
        ("from thefuzz import StringMatcher, fuzz\nm = StringMatcher.StringMatcher(seq1=a, seq2=b)\nr = m.ratio()",
         "from thefuzz import fuzz\n" + shim_source(old.StringMatcher, "StringMatcher")
         + "m = StringMatcher(seq1=a, seq2=b)\nr = m.ratio()"),
        ("from thefuzz.StringMatcher import StringMatcher\nops = StringMatcher(None, x, y).get_opcodes()",
         shim_source(old.StringMatcher, "StringMatcher") + "ops = StringMatcher(None, x, y).get_opcodes()"),
    ),
)
class StringMatcherClass(StringProcessing):
    TABLE = _MATCHER
    MODULE = "StringMatcher"


_EXTRACT_INDICES = {("rapidfuzz.process", "extractIndices"): old.extractIndices}


@rule(
    "rapidfuzz-extractindices",
    library="rapidfuzz",
    changed_in="rapidfuzz 0.13 (extractIndices, 0.9-0.12)",
    rationale="process.extractIndices(query, choices, scorer, processor, limit, score_cutoff) scored each choice "
    "that is not None (WRatio and utils.default_process by default) and returned the (index, score) pairs at or "
    "above the cutoff, the limit best first (ties in list order): that loop is written into the notebook on "
    "today's scorers, with the old defaults.",
    pattern=names_pattern(_EXTRACT_INDICES),
    gate=lambda ctx, code: "rapidfuzz" in ctx.text,
    signatures=import_signatures(_EXTRACT_INDICES),
    examples=(
        ("from rapidfuzz import process, fuzz\nbest = process.extractIndices(q, names, scorer=fuzz.ratio, limit=3)",
         "from rapidfuzz import process, fuzz\n" + shim_source(old.extractIndices, "extractIndices")
         + "best = extractIndices(q, names, scorer=fuzz.ratio, limit=3)"),
        ("from rapidfuzz.process import extractOne, extractIndices\nhits = extractIndices(q, titles)",
         "from rapidfuzz.process import extractOne\n" + shim_source(old.extractIndices, "extractIndices")
         + "hits = extractIndices(q, titles)"),
    ),
)
class ExtractIndices(RemovedNames):
    TABLE = _EXTRACT_INDICES


# rapidfuzz.levenshtein (0.x, a deprecated wrapper in 1.x, gone in 2.0): its two integer distances are
# rapidfuzz.distance.Levenshtein.distance, weighted_distance's (insert, delete, replace) costs (1, 1, 1 unless given,
# positional or named) its weights= (the same numbers as 0.12's generic distance on 20,000 random pairs and weights).
# The normalised scores are not given back: 0.x computed (100 - 100 * d / n) / 100 * 100 and 1.x 100 - 100 * d / n,
# which differ in the last bit for about one pair in ten, and which release ran is not in the notebook; a notebook
# that uses them (or hamming) is left whole to the repair loop.
_COSTS = ("insert_cost", "delete_cost", "replace_cost")
_UNSERVED = re.compile(r"\bnormalized_(weighted_)?distance\b|\bhamming\b")


def _served(text: str) -> bool:
    """No normalised score or hamming, and weighted_distance only called (passed on its own, its costs would need
    a wrapper); an import line names it without calling it."""
    return not _UNSERVED.search(text) and not any(
        re.search(r"\bweighted_distance\b(?!\s*\()", line) for line in text.splitlines()
        if not re.match(r"\s*(from|import)\s", line))


@rule(
    "rapidfuzz-levenshtein-module",
    library="rapidfuzz",
    changed_in="rapidfuzz 2.0 (deprecated in 1.0)",
    rationale="levenshtein.distance(s1, s2) is rapidfuzz.distance.Levenshtein.distance, and weighted_distance(s1, s2, "
    "insert_cost=1, delete_cost=1, replace_cost=1) the same with weights=(insert, delete, replace): the same integers "
    "as 0.x. A notebook using the normalised scores (0.x and 1.x differ in their last bit) or hamming is left alone.",
    pattern=r"\blevenshtein\b",
    gate=lambda ctx, code: "rapidfuzz" in ctx.text and _served(ctx.text),
    signatures=(("ImportError", r"cannot import name 'levenshtein' from 'rapidfuzz'"),
                ("ModuleNotFoundError", r"No module named 'rapidfuzz\.levenshtein'")),
    examples=(
        (("from rapidfuzz import fuzz, levenshtein\nd = levenshtein.distance(a, b)\n"
         "w = levenshtein.weighted_distance(a, b, replace_cost=2)\nv = levenshtein.weighted_distance(a, b, 1, 3)"),
         ("import rapidfuzz\nfrom rapidfuzz import fuzz\nd = rapidfuzz.distance.Levenshtein.distance(a, b)\n"
         "w = rapidfuzz.distance.Levenshtein.distance(a, b, weights=(1, 1, 2))\n"
         "v = rapidfuzz.distance.Levenshtein.distance(a, b, weights=(1, 3, 1))")),
        ("import rapidfuzz\nfrom rapidfuzz.levenshtein import distance as lev\nscores = [lev(q, t) for t in titles]",
         "import rapidfuzz\nscores = [rapidfuzz.distance.Levenshtein.distance(q, t) for t in titles]"),
        ("from rapidfuzz import levenshtein\nd = levenshtein.normalized_distance(a, b)",
         "from rapidfuzz import levenshtein\nd = levenshtein.normalized_distance(a, b)"),
        ("import rapidfuzz.levenshtein as lev\nd = list(map(lev.distance, xs, ys))",
         "import rapidfuzz\nd = list(map(rapidfuzz.distance.Levenshtein.distance, xs, ys))"),
    ),
)
class LevenshteinModule(Importing):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.functions = {local: origin.rpartition(".")[2] for local, origin in ctx.imported.items()
                          if origin in ("rapidfuzz.levenshtein.distance", "rapidfuzz.levenshtein.weighted_distance")}
        self.modules = {local for local, origin in ctx.imported.items() if origin == "rapidfuzz.levenshtein"}
        self.attrs: set[int] = set()

    def _function(self, func: cst.BaseExpression) -> str | None:
        if isinstance(func, cst.Name):
            return self.functions.get(func.value)
        if not isinstance(func, cst.Attribute) or func.attr.value not in ("distance", "weighted_distance"):
            return None
        owner = dotted(func.value) or ""
        spelled = owner.endswith(".levenshtein") and owner.split(".")[0] in self.ctx.module_names("rapidfuzz")
        return func.attr.value if owner in self.modules or spelled else None

    def _successor(self) -> cst.BaseExpression:
        return cst.parse_expression(f"{self.need('rapidfuzz')}.distance.Levenshtein.distance")

    def visit_ImportFrom(self, node):
        return False  # the import's own names are the statement's to drop, not references

    # distance, called or passed on its own (map(levenshtein.distance, ...)), is the successor under its new name
    def visit_Attribute(self, node):
        self.attrs.add(id(node.attr))  # x.lev is another object's attribute, not the imported function

    def leave_Name(self, original, updated):
        if id(original) in self.attrs or self.functions.get(updated.value) != "distance":
            return updated
        return self._successor()

    def leave_Attribute(self, original, updated):
        return self._successor() if self._function(updated) == "distance" else updated

    def leave_Call(self, original, updated):
        if self._function(updated.func) != "weighted_distance" or any(a.star for a in updated.args):
            return updated
        given = positional(updated)
        named = {a.keyword.value: a for a in updated.args if a.keyword is not None}
        if not 2 <= len(given) <= 5 or any(k not in _COSTS for k in named):
            return updated
        args = [given[0], given[1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
        if len(given) > 2 or named:
            costs = [code_of(given[2 + i].value) if 2 + i < len(given) else
                     code_of(named[c].value) if c in named else "1" for i, c in enumerate(_COSTS)]
            args[1] = args[1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            args.append(make_arg("weights", cst.parse_expression(f"({', '.join(costs)})")))
        return updated.with_changes(func=self._successor(), args=args)

    def leave_SimpleStatementLine(self, original, updated):
        node = updated.body[0] if len(updated.body) == 1 else None
        if isinstance(node, cst.Import):  # import rapidfuzz.levenshtein [as lev]: rapidfuzz itself is what is read
            if not any(dotted(a.name) == "rapidfuzz.levenshtein" for a in node.names):
                return updated
            ours = [dotted(a.name) == "rapidfuzz.levenshtein" for a in node.names]
            kept = [a.with_changes(name=cst.Name("rapidfuzz")) if mine else a for a, mine in zip(node.names, ours)
                    if not mine or a.asname is None]
            if len(kept) == len(node.names):
                return updated.with_changes(body=[node.with_changes(names=kept)])
            self.need("rapidfuzz")
            if not kept:
                return cst.RemoveFromParent()
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated.with_changes(body=[node.with_changes(names=kept)])
        if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar) or node.relative \
                or node.module is None:
            return updated
        module = dotted(node.module)
        if module == "rapidfuzz.levenshtein" and all(a.name.value in ("distance", "weighted_distance")
                                                     for a in node.names):
            kept = []
        elif module == "rapidfuzz":
            kept = [a for a in node.names if a.name.value != "levenshtein"]
            if len(kept) == len(node.names):
                return updated
        else:
            return updated
        self.need("rapidfuzz")
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(body=[node.with_changes(names=kept)])


# nltk.compat (Python 2/3 helpers; nltk 3.5 left only add_py3_data / py3_data in it and stopped importing it from
# nltk's __init__): the helpers whose Python 3 branch was a standard-library object or a few lines, the same in
# 3.0-3.4. Fraction(_normalize=) and transliterate (unidecode when installed) are not given back.
_NLTK_COMPAT = {
    ("nltk.compat", "StringIO"): Moved("io", "StringIO"),
    ("nltk.compat", "BytesIO"): Moved("io", "BytesIO"),
    ("nltk.compat", "TemporaryDirectory"): Moved("tempfile", "TemporaryDirectory"),
    ("nltk.compat", "unicode_repr"): Moved("builtins", "repr"),
    ("nltk.compat", "text_type"): Moved("builtins", "str"),
    ("nltk.compat", "string_types"): "string_types = (str,)",
    ("nltk.compat", "PY3"): "PY3 = True",
    ("nltk.compat", "UTC"): "UTC = __import__('datetime').timezone.utc",
    ("nltk.compat", "python_2_unicode_compatible"): old.python_2_unicode_compatible,
    ("nltk.compat", "remove_accents"): old.remove_accents,
    ("nltk.compat", "get_im_class"): old.get_im_class,
}


@rule(
    "nltk-compat",
    library="nltk",
    changed_in="nltk 3.5",
    rationale="nltk.compat's Python 3 helpers were standard-library objects (StringIO, BytesIO, TemporaryDirectory, "
    "repr for unicode_repr, str for text_type, (str,) for string_types, True for PY3, timezone.utc for UTC) or a "
    "few lines (python_2_unicode_compatible, remove_accents, get_im_class), written into the notebook; nltk no "
    "longer imports the module itself, so a use of nltk.compat gets import nltk.compat.",
    pattern=r"\bcompat\b",
    gate=lambda ctx, code: "nltk" in ctx.text,
    signatures=(*import_signatures(_NLTK_COMPAT), ("AttributeError", r"module 'nltk' has no attribute 'compat'")),
    examples=(
        (("from nltk.compat import python_2_unicode_compatible, unicode_repr\n@python_2_unicode_compatible\n"
         "class Tag:\n    pass\nprint(unicode_repr(t))"),
         shim_source(old.python_2_unicode_compatible, "python_2_unicode_compatible") + "unicode_repr = repr\n"
         "@python_2_unicode_compatible\nclass Tag:\n    pass\nprint(unicode_repr(t))"),
        ("import nltk\nif isinstance(w, nltk.compat.string_types):\n    s = nltk.compat.text_type(w)",
         "import nltk\nstring_types = (str,)\nif isinstance(w, string_types):\n    s = str(w)"),
        ("import nltk\nnltk.compat.add_py3_data(path)", "import nltk\nimport nltk.compat\nnltk.compat.add_py3_data(path)"),
    ),
)
class NltkCompat(RemovedNames):
    TABLE = _NLTK_COMPAT

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.replaced: set[int] = set()  # nltk.compat inside nltk.compat.<helper>: replaced with the helper

    def visit_Attribute(self, node):
        if self.entry(node) is not None:
            self.replaced.add(id(node.value))

    def leave_Attribute(self, original, updated):
        if id(original) not in self.replaced and updated.attr.value == "compat" \
                and self.module_of(updated.value) == "nltk":
            self.needed.setdefault("nltk", "import nltk.compat\n")  # nltk's __init__ no longer imports it
        return super().leave_Attribute(original, updated)
