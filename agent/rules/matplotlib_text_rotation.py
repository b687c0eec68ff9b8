"""matplotlib 3.6: a text rotation given as a numeric string is refused.

Through 3.5 ``Text`` stored whatever ``rotation=`` it was given and ``get_rotation`` took ``float()`` of it, so
``rotation='90'`` drew the label at 90 degrees. 3.6 (PR #22539) normalises the value in ``set_rotation`` and
accepts only a number, 'vertical' or 'horizontal': ``ValueError: rotation must be 'vertical', 'horizontal' or a
number, not 90``. Every spelling reaches that setter (``xticks(rotation=)``, ``set_xticklabels(..., rotation=)``,
``text(..., rotation=)``, ``setp(labels, rotation=)``, ``tick_params(labelrotation=)``, a fontdict ``{'rotation':
'90'}``, ``dict(rotation='90')``), so the literal becomes the number it spelled: the same angle, drawn the same.
Only string literals that parse as a number are touched ('vertical' / 'horizontal' stay), and only in a notebook
that imports matplotlib, seaborn or pandas' plotting (other libraries' ``rotation=`` are not angles).
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import RuleTransformer, rule, string_value

_KEYS = ("rotation", "labelrotation")
_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)\s*")
_PLOTTING = re.compile(r"(matplotlib|seaborn|pandas|mpl_toolkits)\b")  # imported modules that draw text


def _number(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """``90`` for ``'90'``, ``22.5`` for ``'22.5'``, ``-45`` for ``'-45'``; None for anything else."""
    if not isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    text = string_value(node)
    if text is None or not _NUMBER.fullmatch(text):
        return None
    text = text.strip().lstrip("+")
    negative = text.startswith("-")
    digits = text.lstrip("-")
    if digits.startswith("."):
        digits = "0" + digits
    if digits.endswith("."):
        digits += "0"
    literal = cst.Float(digits) if "." in digits else cst.Integer(str(int(digits)))
    return cst.UnaryOperation(cst.Minus(), literal) if negative else literal


@rule(
    "matplotlib-rotation-string",
    library="matplotlib",
    changed_in="matplotlib 3.6 (Text.set_rotation refuses numeric strings)",
    rationale="until 3.5 a text's rotation='90' was stored and read back with float(); 3.6 accepts only a "
    "number, 'vertical' or 'horizontal' (ValueError: rotation must be 'vertical', 'horizontal' or a number). "
    "The numeric string literal becomes the number, in every spelling (xticks, set_xticklabels, text, setp, "
    "tick_params(labelrotation=), a fontdict): the same angle.",
    pattern=r"(rotation['\"]?\s*[=:]\s*[rRuU]?['\"]\s*[-+]?[\d.])",
    signatures=(("ValueError", r"rotation must be 'vertical', 'horizontal' or a number"),),
    examples=(
        ("import matplotlib.pyplot as plt\nplt.xticks(rotation='90')\nplt.yticks(rotation='vertical')",
         "import matplotlib.pyplot as plt\nplt.xticks(rotation=90)\nplt.yticks(rotation='vertical')"),
        ("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.set_xticklabels(labels, rotation='45', ha='right')",
         "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.set_xticklabels(labels, rotation=45, ha='right')"),
        ("import matplotlib.pyplot as plt\ndef show(ax, x, y, s):\n    ax.text(x, y, s, rotation='22.5')",
         "import matplotlib.pyplot as plt\ndef show(ax, x, y, s):\n    ax.text(x, y, s, rotation=22.5)"),
        ("import matplotlib.pyplot as plt\nplt.setp(ax.get_xticklabels(), rotation='-45')\n"
         "ax.tick_params(axis='x', labelrotation='90')",
         "import matplotlib.pyplot as plt\nplt.setp(ax.get_xticklabels(), rotation=-45)\n"
         "ax.tick_params(axis='x', labelrotation=90)"),
        ("import seaborn as sns\ng = sns.barplot(x='a', y='b', data=df)\n"
         "g.set_xticklabels(g.get_xticklabels(), fontdict={'rotation': '90', 'fontsize': 8})\n"
         "g.set_title('t', **dict(rotation='.5'))",
         "import seaborn as sns\ng = sns.barplot(x='a', y='b', data=df)\n"
         "g.set_xticklabels(g.get_xticklabels(), fontdict={'rotation': 90, 'fontsize': 8})\n"
         "g.set_title('t', **dict(rotation=0.5))"),
        # no plotting library: another library's rotation= is not an angle
        ("from factor_analyzer import FactorAnalyzer\nfa = FactorAnalyzer(rotation='1')",
         "from factor_analyzer import FactorAnalyzer\nfa = FactorAnalyzer(rotation='1')"),
    ),
)
class RotationString(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        modules = set(ctx.aliases) | set(ctx.imported.values()) | set(ctx.full_paths)
        self.active = any(_PLOTTING.match(name) for name in modules)

    def leave_Arg(self, original, updated):
        if self.active and updated.keyword is not None and updated.keyword.value in _KEYS:
            number = _number(updated.value)
            if number is not None:
                return updated.with_changes(value=number)
        return updated

    def leave_DictElement(self, original, updated):
        if self.active and string_value(updated.key) in _KEYS:
            number = _number(updated.value)
            if number is not None:
                return updated.with_changes(value=number)
        return updated
