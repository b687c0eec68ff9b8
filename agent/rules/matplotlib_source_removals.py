"""Removals found by reading matplotlib's own source at old releases against the locked one (scripts/signature_diff.py).

Methods and attributes that went with a successor doing the same thing under another name or call shape:
ContourSet.ax and Quiver.ax are .axes (3.5), Figure.figurePatch is .patch (3.0), Axis.cla and Spine.cla are
.clear (3.6), LogFormatter.base/label_minor are set_base/set_label_minor and LogLocator.base(b)/subs(s) are
set_params(base=b)/set_params(subs=s) (3.8), and Tick.set_label1(s) is tick.label1.set_text(s) (3.10).
(matplotlib.dates' seconds/minutes/hours/weeks are written out in plotting_removed.py, with the module's other
removed functions.)

These names are common words (``.base``, ``.ax``, ``.cla``), so each is rewritten only on the line
that failed with matplotlib's own message, which names the type that lost it.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, argument, make_arg, rule

# (attribute, the types that lost it as a regex) -> its name today
_RENAMED = {
    ("ax", r"\w*ContourSet|Quiver"): "axes",
    ("figurePatch", r"\w*Figure"): "patch",
    ("cla", r"\w*Axis|Spine"): "clear",
    ("base", r"LogFormatter\w*"): "set_base",
    ("label_minor", r"LogFormatter\w*"): "set_label_minor",
}
# methods whose one argument moved: loc.base(b) -> loc.set_params(base=b), tick.set_label1(s) -> tick.label1.set_text(s)
_SET_PARAMS = {("base", "LogLocator"): "base", ("subs", "LogLocator"): "subs"}
_TICK_LABELS = {("set_label1", r"\w*Tick"): "label1", ("set_label2", r"\w*Tick"): "label2"}
_METHODS = {**_RENAMED, **_SET_PARAMS, **_TICK_LABELS}

_OBJECT = re.compile(r"'(?P<type>\w+)' object has no attribute '(?P<attr>\w+)'")

def _signature() -> str:
    methods = [rf"'(?:{types})' object has no attribute '{attr}'" for attr, types in _METHODS]
    return "|".join(methods)


def _one_argument(call: cst.Call, name: str) -> cst.BaseExpression | None:
    """The value of the one argument of an old one-parameter method (by position or by its old name)."""
    if len(call.args) != 1 or call.args[0].star:
        return None
    given = argument(call, name)
    return given.value if given is not None else None


@rule(
    "matplotlib-source-methods",
    library="matplotlib",
    changed_in="matplotlib 3.0-3.10",
    rationale="methods and attributes matplotlib removed for a successor that does the same: ContourSet.ax/"
    "Quiver.ax -> .axes, Figure.figurePatch -> .patch, Axis.cla/Spine.cla -> .clear, LogFormatter.base/"
    "label_minor -> set_base/set_label_minor, LogLocator.base(b)/subs(s) -> set_params(base=b)/(subs=s), "
    "Tick.set_label1(s) -> tick.label1.set_text(s); only on the line that failed, for the type matplotlib's "
    "message names.",
    kind="error",
    pattern=r"\.(ax|figurePatch|cla|base|label_minor|subs|set_label[12])\b",
    signatures=(("AttributeError", _signature()),),
    error_examples=(
        ("AttributeError: 'QuadContourSet' object has no attribute 'ax'", 2,
         "cs = plt.contour(X, Y, Z)\ncs.ax.set_title('levels')", "cs = plt.contour(X, Y, Z)\ncs.axes.set_title('levels')"),
        ("AttributeError: 'Figure' object has no attribute 'figurePatch'", 1, "fig.figurePatch.set_alpha(0)",
         "fig.patch.set_alpha(0)"),
        ("AttributeError: 'LogFormatter' object has no attribute 'label_minor'", 2,
         "fmt = LogFormatter()\nfmt.label_minor(True)", "fmt = LogFormatter()\nfmt.set_label_minor(True)"),
        ("AttributeError: 'LogLocator' object has no attribute 'subs'", 1, "loc.subs([1.0, 5.0])",
         "loc.set_params(subs=[1.0, 5.0])"),
        ("AttributeError: 'XTick' object has no attribute 'set_label1'", 1, "tick.set_label1('first')",
         "tick.label1.set_text('first')"),
        # other objects' .base, and other lines, are left alone
        ("AttributeError: 'LogLocator' object has no attribute 'base'", 2, "v = arr.base\nloc.base(2)",
         "v = arr.base\nloc.set_params(base=2)"),
    ),
)
class MatplotlibSourceMethods(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        found = _OBJECT.search(ctx.error.evalue) if ctx.error is not None else None
        self.error_type, self.error_attr = (found["type"], found["attr"]) if found else (None, None)

    def _ours(self, node: cst.CSTNode, attr: str, types: str) -> bool:
        """Whether ``.attr`` here is the one matplotlib's error says an object of ``types`` lost."""
        return attr == self.error_attr and re.fullmatch(types, self.error_type) is not None \
            and self.on_own_error_line(node)

    def _entry(self, node: cst.CSTNode, attribute: cst.Attribute, table: dict) -> str | None:
        attr = attribute.attr.value
        return next((new for (name, types), new in table.items()
                     if name == attr and self._ours(node, attr, types)), None)

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute):
            return updated
        keyword = self._entry(original, func, _SET_PARAMS)
        if keyword is not None:
            value = _one_argument(updated, func.attr.value)
            if value is None:
                return updated
            return updated.with_changes(func=func.with_changes(attr=cst.Name("set_params")),
                                        args=[make_arg(keyword, value)])
        label = self._entry(original, func, _TICK_LABELS)
        if label is not None:
            value = _one_argument(updated, "s")
            if value is None:
                return updated
            return updated.with_changes(func=cst.Attribute(cst.Attribute(func.value, cst.Name(label)),
                                                           cst.Name("set_text")), args=[cst.Arg(value)])
        return updated

    def leave_Attribute(self, original, updated):
        new = self._entry(original, updated, _RENAMED)
        return updated if new is None else updated.with_changes(attr=cst.Name(new))
