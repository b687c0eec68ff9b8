"""emoji 2.0: the removed dicts, functions and parameters given their successors.

- emoji 1.0 (Jan 2021) keyed ``UNICODE_EMOJI`` by language; 2.0 (June 2022) dropped it, ``UNICODE_EMOJI_ALIAS``
  and the ``*_ENGLISH`` dicts for ``EMOJI_DATA`` (emoji -> {'en': ':name:', 'alias': [...], ...}), dropped
  ``use_aliases=`` (``language='alias'``), ``get_emoji_regexp()``, ``emoji_lis`` and ``distinct_emoji_lis``
  (``emoji_list`` / ``distinct_emoji_list``, whose dicts say ``match_start`` where the old ones said ``location``).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    bool_value,
    callee_name,
    code_of,
    dotted,
    kwarg,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .removed_api import Moved, RemovedNames, import_signatures, names_pattern

# --------------------------------------------------------------------------- emoji: the removed dicts

_EMOJI_1 = "2021-02"  # emoji 1.0 (2021-01-22) keyed UNICODE_EMOJI by language
_FLAT = {"UNICODE_EMOJI_ENGLISH"}  # 1.x: emoji -> ':english_name:'
_ALIASES = {"UNICODE_EMOJI_ALIAS", "UNICODE_EMOJI_ALIAS_ENGLISH"}  # emoji -> ':alias:' (membership read only)
_DICTS = {"UNICODE_EMOJI", *_FLAT, *_ALIASES}
_EMOJI_MODULES = ("emoji", "emoji.unicode_codes")
_LANGUAGES = ("en", "es", "pt", "it", "fr", "de")  # 1.x's keys of UNICODE_EMOJI
_WHOLE = ("len", "list", "set", "sorted", "frozenset", "tuple")  # calls that read only the dict's keys


@rule(
    "emoji-removed-dicts",
    library="emoji",
    changed_in="emoji 2.0 (UNICODE_EMOJI keyed by language since 1.0)",
    rationale="UNICODE_EMOJI and its *_ENGLISH / *_ALIAS forms were removed for EMOJI_DATA, keyed by the same "
    "emoji: `c in UNICODE_EMOJI` is `c in EMOJI_DATA`, `UNICODE_EMOJI[c]` is `EMOJI_DATA[c]['en']`; any other use "
    "gets the old emoji -> name dict rebuilt from EMOJI_DATA. A bare UNICODE_EMOJI is read as 0.x's flat dict in "
    "notebooks written before 1.0 (under 1.x a membership test of it never matched an emoji).",
    pattern=r"UNICODE_EMOJI",
    signatures=(("AttributeError", r"module 'emoji(\.unicode_codes)?' has no attribute 'UNICODE_EMOJI"),
                ("ImportError", r"cannot import name 'UNICODE_EMOJI\w*' from 'emoji")),
    examples=(
        ("import emoji\ndef extract(s):\n    return ''.join(c for c in s if c in emoji.UNICODE_EMOJI)",
         "import emoji\ndef extract(s):\n    return ''.join(c for c in s if c in emoji.EMOJI_DATA)"),
        ("import emoji\nnames = [emoji.UNICODE_EMOJI[c] for c in s if c in emoji.UNICODE_EMOJI]",
         "import emoji\nnames = [emoji.EMOJI_DATA[c]['en'] for c in s if c in emoji.EMOJI_DATA]"),
        ("import emoji\nok = c not in emoji.UNICODE_EMOJI['en'] and emoji.UNICODE_EMOJI['en'][d] == ':x:'",
         "import emoji\nok = c not in emoji.EMOJI_DATA and emoji.EMOJI_DATA[d]['en'] == ':x:'"),
        ("from emoji import UNICODE_EMOJI\nn = len(UNICODE_EMOJI)\nname = UNICODE_EMOJI.get(c, '')",
         "from emoji import EMOJI_DATA\nn = len(EMOJI_DATA)\nname = EMOJI_DATA.get(c, {}).get('en', '')"),
        ("import emoji\nnames = list(emoji.UNICODE_EMOJI.values())\nhit = c in emoji.UNICODE_EMOJI_ALIAS",
         ("import emoji\nnames = list({k: v['en'] for k, v in emoji.EMOJI_DATA.items()}.values())\n"
         "hit = c in emoji.EMOJI_DATA")),
        ("import emoji\nfor e in emoji.UNICODE_EMOJI_ENGLISH.keys():\n    pass",
         "import emoji\nfor e in emoji.EMOJI_DATA.keys():\n    pass"),
        ("d = {'UNICODE_EMOJI': 1}\nx = d['UNICODE_EMOJI']", "d = {'UNICODE_EMOJI': 1}\nx = d['UNICODE_EMOJI']"),
        ("import emoji\nname = emoji.UNICODE_EMOJI['es'][c]", "import emoji\nname = emoji.UNICODE_EMOJI['es'][c]"),
    ),
)
class EmojiDicts(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.modules = {n for mod in _EMOJI_MODULES for n in ctx.module_names(mod)} | {"emoji"}
        split = {local: origin.rpartition(".") for local, origin in ctx.imported.items()}
        self.names = {local: name for local, (module, _, name) in split.items() if module in _EMOJI_MODULES
                      and name in _DICTS}
        self.flat_raw = not ctx.written or ctx.written < _EMOJI_1  # 0.x's flat UNICODE_EMOJI
        self.handled: set[int] = set()  # ids of dict nodes a parent rewrites

    # ----------------------------------------------------------------- what a node is

    def _dict_name(self, node: cst.CSTNode) -> str | None:
        """"UNICODE_EMOJI" for ``emoji.UNICODE_EMOJI`` / an imported ``UNICODE_EMOJI``; None otherwise."""
        if isinstance(node, cst.Name):
            return self.names.get(node.value)
        if isinstance(node, cst.Attribute) and node.attr.value in _DICTS:
            head = dotted(node.value)
            if head in self.modules or (head or "").endswith(".unicode_codes"):
                return node.attr.value
        return None

    def _kind(self, node: cst.CSTNode) -> str | None:
        """"flat" (emoji -> English name), "alias" (membership only) or None."""
        if isinstance(node, cst.Subscript) and self._english_of(node):
            return "flat"
        name = self._dict_name(node)
        if name in _FLAT or (name == "UNICODE_EMOJI" and self.flat_raw):
            return "flat"
        return "alias" if name in _ALIASES else None

    def _language_of(self, node: cst.Subscript) -> str | None:
        """"es" for ``UNICODE_EMOJI['es']``: one of 1.x's per-language dicts."""
        if self._dict_name(node.value) != "UNICODE_EMOJI" or len(node.slice) != 1 \
                or not m.matches(node.slice[0].slice, m.Index()):
            return None
        language = string_value(node.slice[0].slice.value)
        return language if language in _LANGUAGES else None

    def _english_of(self, node: cst.Subscript) -> bool:
        """``UNICODE_EMOJI['en']``: 1.x's English dict (the others have no exact successor: left alone)."""
        return self._language_of(node) == "en"

    def _data(self, node: cst.CSTNode) -> cst.BaseExpression:
        """The EMOJI_DATA that replaces ``node``, spelled through the same module."""
        base = node.value if isinstance(node, cst.Subscript) else node
        if isinstance(base, cst.Attribute):
            return base.with_changes(attr=cst.Name("EMOJI_DATA"))
        return cst.Name("EMOJI_DATA")  # the import of the old name becomes EMOJI_DATA's (leave_ImportFrom)

    # ----------------------------------------------------------------- uses a parent rewrites

    def visit_Comparison(self, node):
        for c in node.comparisons:
            if isinstance(c.operator, (cst.In, cst.NotIn)) and self._kind(c.comparator):
                self.handled.add(id(c.comparator))

    def visit_Subscript(self, node):
        if self._language_of(node):
            self.handled.add(id(node.value))  # the language dict itself is not the flat one
        elif self._kind(node.value) == "flat":
            self.handled.add(id(node.value))

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("keys", "get") and self._kind(func.value) == "flat":
            self.handled.add(id(func.value))
        elif isinstance(func, cst.Name) and func.value in _WHOLE and len(node.args) == 1 and self._kind(node.args[0].value):
            self.handled.add(id(node.args[0].value))

    def visit_ImportAlias(self, node):
        self.handled.add(id(node.name))  # an import's name is not a use (leave_ImportFrom renames it)

    def visit_Attribute(self, node):
        self.handled.add(id(node.attr))  # x.UNICODE_EMOJI's name is not the imported one

    def visit_For(self, node):
        if self._kind(node.iter):
            self.handled.add(id(node.iter))

    def visit_CompFor(self, node):
        if self._kind(node.iter):
            self.handled.add(id(node.iter))

    # ----------------------------------------------------------------- the rewrites

    def leave_Comparison(self, original, updated):
        comparisons = [
            new.with_changes(comparator=self._data(old.comparator))
            if isinstance(old.operator, (cst.In, cst.NotIn)) and self._kind(old.comparator) else new
            for old, new in zip(original.comparisons, updated.comparisons)]
        return updated.with_changes(comparisons=comparisons)

    def leave_Subscript(self, original, updated):
        if self._kind(original.value) == "flat" and not self._language_of(original):
            looked_up = updated.with_changes(value=self._data(original.value))
            return cst.Subscript(looked_up, [cst.SubscriptElement(cst.Index(cst.SimpleString("'en'")))])
        return self._whole(original, updated)

    def leave_Call(self, original, updated):
        func = original.func
        if isinstance(func, cst.Attribute) and self._kind(func.value) == "flat":
            data = self._data(func.value)
            if func.attr.value == "keys":
                return updated.with_changes(func=cst.Attribute(data, cst.Name("keys")))
            if func.attr.value == "get" and 1 <= len(updated.args) <= 2:
                key, *default = updated.args
                first = cst.Call(cst.Attribute(data, cst.Name("get")), [
                    key.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(cst.Dict([]))])
                return cst.Call(cst.Attribute(first, cst.Name("get")), [
                    cst.Arg(cst.SimpleString("'en'"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                    if default else cst.Arg(cst.SimpleString("'en'")), *default])
        if isinstance(func, cst.Name) and func.value in _WHOLE and len(original.args) == 1 \
                and self._kind(original.args[0].value):
            return updated.with_changes(args=[updated.args[0].with_changes(value=self._data(original.args[0].value))])
        return updated

    def leave_For(self, original, updated):
        return updated.with_changes(iter=self._data(original.iter)) if self._kind(original.iter) else updated

    def leave_CompFor(self, original, updated):
        return updated.with_changes(iter=self._data(original.iter)) if self._kind(original.iter) else updated

    def leave_Attribute(self, original, updated):
        return self._whole(original, updated)

    def leave_Name(self, original, updated):
        return self._whole(original, updated)

    def _whole(self, original, updated):
        """A flat dict used as a whole (``.values()``, passed on): the old mapping, rebuilt from EMOJI_DATA."""
        if id(original) in self.handled or self._kind(original) != "flat":
            return updated
        data = code_of(self._data(original))
        return cst.parse_expression(f"{{k: v['en'] for k, v in {data}.items()}}")

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or isinstance(updated.names, cst.ImportStar) \
                or dotted(updated.module) not in _EMOJI_MODULES:
            return updated
        names = [a for a in updated.names if a.name.value not in _DICTS]
        if len(names) == len(updated.names):
            return updated
        if not any(a.name.value == "EMOJI_DATA" for a in names):
            names.append(cst.ImportAlias(cst.Name("EMOJI_DATA")))
        names = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT if i == len(names) - 1 else
                                cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for i, a in enumerate(names)]
        return updated.with_changes(names=names)


# --------------------------------------------------------------------------- emoji: the removed functions

# 0.x-1.x built one alternation of every emoji, longest first, in a group, compiled once: the same regex from
# today's data (replace_emoji / emoji_list differ from it on ZWJ sequences outside Unicode's list).
_EMOJI_REGEXP = '''
def get_emoji_regexp(language=None, _compiled=[]):
    """emoji < 2.0's regex of every emoji (longest first, in one group), built from emoji.EMOJI_DATA."""
    import re
    import emoji
    if not _compiled:  # built once, as emoji did
        emojis = sorted(emoji.EMOJI_DATA, key=len, reverse=True)
        _compiled.append(re.compile('(' + '|'.join(re.escape(e) for e in emojis) + ')'))
    return _compiled[0]
'''
# emoji_lis's dicts said 'location' where emoji_list's say 'match_start'.
_EMOJI_LIS = '''
def emoji_lis(string, language=None):
    """emoji < 2.0's list of {'location', 'emoji'} dicts, from emoji.emoji_list."""
    import emoji
    return [{'location': found['match_start'], 'emoji': found['emoji']} for found in emoji.emoji_list(string)]
'''
_EMOJI_TABLE = {
    **{(module, "get_emoji_regexp"): _EMOJI_REGEXP for module in ("emoji", "emoji.core")},
    **{(module, "emoji_lis"): _EMOJI_LIS for module in ("emoji", "emoji.core")},
    **{(module, "distinct_emoji_lis"): Moved("emoji", "distinct_emoji_list") for module in ("emoji", "emoji.core")},
}


@rule(
    "emoji-removed-functions",
    library="emoji",
    changed_in="emoji 2.0",
    rationale="get_emoji_regexp() is written out (the same alternation of every emoji, longest first, from "
    "EMOJI_DATA), emoji_lis(s) as emoji_list(s) with 'location' for 'match_start'; distinct_emoji_lis is "
    "distinct_emoji_list.",
    pattern=names_pattern(_EMOJI_TABLE),
    signatures=import_signatures(_EMOJI_TABLE),
    examples=(
        ("import emoji\nclean = emoji.distinct_emoji_lis(t)", "import emoji\nclean = emoji.distinct_emoji_list(t)"),
        ("import emoji\nfound = emoji.emoji_lis(text)[0]['location']",
         f"import emoji\n{_EMOJI_LIS.strip()}\nfound = emoji_lis(text)[0]['location']"),
        ("import emoji\ndef strip(t):\n    return emoji.get_emoji_regexp().sub(r'', t)",
         f"import emoji\n{_EMOJI_REGEXP.strip()}\ndef strip(t):\n    return get_emoji_regexp().sub(r'', t)"),
        ("from emoji import distinct_emoji_lis", "from emoji import distinct_emoji_list as distinct_emoji_lis"),
        ("import re\nr = re.get_emoji_regexp()", "import re\nr = re.get_emoji_regexp()"),
    ),
)
class EmojiFunctions(RemovedNames):
    TABLE = _EMOJI_TABLE


@rule(
    "emoji-use-aliases",
    library="emoji",
    changed_in="emoji 2.0 (deprecated in 1.7)",
    rationale="emojize/demojize(use_aliases=True) is language='alias' (the GitHub-style aliases, names still read); "
    "use_aliases=False was the default and is dropped. 0.x took use_aliases second, where delimiters is now.",
    pattern=r"\b(emojize|demojize)\(",
    signatures=(("TypeError", r"(emojize|demojize)\(\) got an unexpected keyword argument 'use_aliases'"),
                ("TypeError", r"'bool' object is not subscriptable")),
    examples=(
        ("import emoji\nprint(emoji.emojize('Python is :thumbsup:', use_aliases=True))",
         "import emoji\nprint(emoji.emojize('Python is :thumbsup:', language='alias'))"),
        ("from emoji import demojize\nt = demojize(s, use_aliases=False, delimiters=('', ''))",
         "from emoji import demojize\nt = demojize(s, delimiters=('', ''))"),
        ("import emoji\nt = emoji.emojize(s, True)", "import emoji\nt = emoji.emojize(s, language='alias')"),
        ("import emoji\nt = emoji.emojize(s, use_aliases=flag)", "import emoji\nt = emoji.emojize(s, use_aliases=flag)"),
        ("t = emojize(s, use_aliases=True)", "t = emojize(s, use_aliases=True)"),
    ),
)
class EmojiUseAliases(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) not in ("emojize", "demojize") or any(a.star for a in updated.args) \
                or not any(origin.partition(".")[0] == "emoji" for origin in self.ctx.imported.values()):
            return updated
        given = kwarg(updated, "use_aliases")
        args = positional(updated)
        if given is None and len(args) == 2 and bool_value(args[1].value) is not None:  # 0.x: (string, use_aliases)
            given = args[1]
            updated = updated.with_changes(args=[a.with_changes(keyword=cst.Name("use_aliases"), equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
                if a is given else a for a in updated.args])
        flag = bool_value(given.value) if given is not None else None
        if flag is None or kwarg(updated, "language") is not None:
            return updated
        if not flag:
            return remove_kwarg(updated, "use_aliases")
        return set_kwarg_value(rename_kwarg(updated, "use_aliases", "language"), "language", "'alias'")
