"""html5lib 1.0 and lxml's HTML cleaner (lxml_html_clean): an option's old values and an option that was ignored.

html5lib 1.0 turned the serializer's quote_attr_values from a flag into a choice of three policies, and lxml 4.5.2
made Cleaner refuse options it does not know, which it used to store and never read. Both rewrites give the old
output back: the policy the flag stood for, and the cleaner without the option that did nothing.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, bool_value, callee_name, kwarg, remove_kwarg, rule, set_kwarg_value

_QUOTING = {True: "'always'", False: "'spec'"}  # html5lib 1.0b9's own reading of the old flag
_UNKNOWN_OPTION = re.compile(r"Unknown parameter: (\w+)=")


@rule(
    "html5lib-quote-attr-values",
    library="html5lib",
    changed_in="html5lib 1.0",
    rationale="HTMLSerializer's quote_attr_values took True or False; it now takes a policy, and True and False "
    "raise. True quoted every attribute value ('always'), False only where the specification requires ('spec').",
    needles=("quote_attr_values",),
    gate=lambda ctx, code: "html5lib" in ctx.text,
    examples=(
        ("import html5lib\nout = html5lib.serialize(tree, quote_attr_values=True)\n"
         "s = HTMLSerializer(quote_attr_values=False, omit_optional_tags=False)",
         "import html5lib\nout = html5lib.serialize(tree, quote_attr_values='always')\n"
         "s = HTMLSerializer(quote_attr_values='spec', omit_optional_tags=False)"),
        ("import html5lib\nout = html5lib.serialize(tree, quote_attr_values='legacy')",
         "import html5lib\nout = html5lib.serialize(tree, quote_attr_values='legacy')"),
    ),
)
class QuoteAttrValues(RuleTransformer):
    def leave_Call(self, original, updated):
        given = kwarg(updated, "quote_attr_values")
        flag = bool_value(given.value) if given is not None else None
        if flag is None or callee_name(updated) not in ("serialize", "HTMLSerializer"):
            return updated
        return set_kwarg_value(updated, "quote_attr_values", _QUOTING[flag])


@rule(
    "lxml-cleaner-unknown-option",
    library="lxml_html_clean",
    changed_in="lxml 4.5.2 (lxml.html.clean, now lxml_html_clean)",
    rationale="Cleaner(**options) stored an option it did not know and never read it; it now raises TypeError "
    "naming it. Dropping the option the message names from the Cleaner call cleans as the old one did.",
    kind="error",
    signatures=(("TypeError", r"Unknown parameter: \w+="),),
    examples=(  # keyed by the error: without one the call stays
        ("from lxml.html.clean import Cleaner\nc = Cleaner(scirpts=True, style=True)",
         "from lxml.html.clean import Cleaner\nc = Cleaner(scirpts=True, style=True)"),
    ),
)
class CleanerUnknownOption(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        found = _UNKNOWN_OPTION.search(self.ctx.error.evalue) if self.ctx.error is not None else None
        if found is None or callee_name(updated) != "Cleaner" or kwarg(updated, found[1]) is None \
                or not self.on_own_error_line(original):
            return updated
        return remove_kwarg(updated, found[1])
