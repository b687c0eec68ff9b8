"""html5lib's quoting flag and lxml's unknown cleaner option in a real kernel: after the static pass and the
error-keyed one, the old calls give the markup they gave."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook


def test_old_serializer_flag_and_ignored_cleaner_option(apply, run_repaired):
    nb = code_notebook(
        "import html5lib\nfrom lxml.html.clean import Cleaner\n"
        "tree = html5lib.parseFragment('<p a=\"x\" b=y>t</p>')\n"
        "print(html5lib.serialize(tree, quote_attr_values=True), html5lib.serialize(tree, quote_attr_values=False))",
        "cleaner = Cleaner(scirpts=True, style=True)\nprint(cleaner.clean_html('<div><style>p {}</style><b>x</b></div>'))",
    )
    edits = fix_static(nb)
    assert {r for e in edits for r in e.rule_ids} == {"html5lib-quote-attr-values"}
    record: list = []
    printed = run_repaired(apply(nb, edits), attempts=3, record=record)
    assert [(cell, e.origin) for cell, e in record] == [(1, "rule:lxml-cleaner-unknown-option")]
    assert printed == ['<p a="x" b="y">t <p a=x b=y>t\n', "<div><b>x</b></div>\n"]
