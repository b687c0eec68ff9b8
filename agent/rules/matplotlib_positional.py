"""matplotlib 3.x optional parameters made keyword-only: each extra positional argument named after the parameter
at its position in the signature the notebook's author had.

The orders come from agent/rules/matplotlib_positional.json, written by scripts/matplotlib_positional_table.py
from the signatures of matplotlib 2.2, 3.0 and 3.3 (the leading parameters all three agree on) and the locked
release's (how many positions still mean the same): pyplot, Axes, Figure, Axis, colorbar, legend, widgets,
patches, lines and text. A pyplot function is known for the library's wherever pyplot is the callee; a method or
class (``ax.imshow``, ``Ellipse``, ``Slider``) only on the line whose TypeError names it ("Axes.imshow() takes
from 2 to 4 positional arguments but 6 were given"), an ``ax`` or a ``Slider`` being anything elsewhere.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import libcst as cst
from libcst.metadata import PositionProvider

from .call_text import passes_more
from .framework import RuleTransformer, callee_name, kwarg, module_call, positional, rule

Order = tuple[int, tuple[str, ...]]  # (how many arguments stay positional today, the old parameter names in order)

_TABLE: dict[str, list] = json.loads(Path(__file__).with_name("matplotlib_positional.json").read_text())

# pyplot function -> its order: rewritten in the static pass
_PYPLOT: dict[str, Order] = {key.removeprefix("pyplot."): (keeps, tuple(old))
                             for key, (keeps, old, *_) in _TABLE.items() if key.startswith("pyplot.")}


def _by_error() -> dict[tuple[str, str], Order | None]:
    """(the function today's TypeError names, the callee the line writes) -> its order; None where two callables
    that error under that name disagree. ``ax.set_xticklabels`` fails inside ``Axis.set_ticklabels``; a class
    (``Ellipse``) inside its ``__init__``; a pyplot function under its bare name."""
    found: dict[tuple[str, str], Order | None] = {}
    for key, (keeps, old, raised, *_) in _TABLE.items():
        written = key.removeprefix("pyplot.").split(".")[-1]
        order = (keeps, tuple(old))
        found[(raised, written)] = order if found.get((raised, written), order) == order else None
    return found


_BY_ERROR = _by_error()

# What the table cannot hold, written by hand:
# - stem took ``*args`` in every old release and tells ``stem(y, 'r-')`` from ``stem(x, y)`` at run time (a text
#   second argument is a format), as today's does; the formats after the data were linefmt, markerfmt, basefmt.
# - Axes3D.set_zticklabels (mplot3d is not read) took ``*args`` for Axis.set_ticklabels: set_xticklabels' order.
_STEM_FORMATS = ("linefmt", "markerfmt", "basefmt")
_BY_ERROR[("Axis.set_ticklabels", "set_zticklabels")] = _BY_ERROR[("Axis.set_ticklabels", "set_xticklabels")]
# "Axes.imshow() takes from 2 to 4 positional arguments but 6 were given" (or "but 4 positional arguments (and 1
# keyword-only argument) were given"; matplotlib's own "stem() takes 1-3 positional arguments")
_TAKES = re.compile(r"\b([\w.]+)\(\) takes (?:from \d+ to \d+|\d+-\d+|\d+) positional arguments? but \d+ "
                    r"(?:positional arguments? \(and \d+ keyword-only arguments?\) )?(?:were|was) given")
# A position whose meaning moved raises no such error but the new parameter's: set_xticks(ticks, minor) is
# set_ticks(ticks, labels) since 3.5, and a flag there is not a sequence of labels
_MOVED = {"Axis.set_ticks": re.compile(r"^labels=(?:True|False|0|1) must be a sequence$")}
_CALL = re.compile(r"\b(" + "|".join(sorted({*_PYPLOT, "stem"})) + r")\(")


def _text(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))


def _stem_order(call: cst.Call) -> Order:
    pos = positional(call)
    data = 1 if len(pos) > 1 and _text(pos[1].value) else 2  # stem(y, 'r-') or stem(x, y, 'r-'), as today's reads it
    return data + 1, (*("",) * data, *_STEM_FORMATS)


def _too_many_positional(code: str) -> bool:
    """Whether some call spelled like a pyplot function of the table passes more positional arguments than it
    still takes (stem: more than its data)."""
    for call in _CALL.finditer(code):
        keeps = 2 if call[1] == "stem" else _PYPLOT[call[1]][0]
        if passes_more(code, call.end(), keeps):
            return True
    return False


@rule(
    "matplotlib-positional-arguments",
    library="matplotlib",
    changed_in="matplotlib 3.3-3.12 (figure 3.8, subplots 3.5, imshow 3.7, set_xticklabels 3.5, stem 3.7, "
    "Ellipse 3.8, Slider 3.9; hist, pie, scatter deprecated in 3.10)",
    rationale="optional parameters became keyword-only: the arguments past today's positional ones are named in "
    "the order the old signature took them (figure(num, figsize, dpi, facecolor, edgecolor, frameon), "
    "subplots(nrows, ncols, sharex, sharey, squeeze), imshow(X, cmap, norm, aspect, interpolation, alpha, vmin, "
    "vmax, origin, extent), set_xticklabels(labels, fontdict, minor), stem([x,] y, linefmt, markerfmt, basefmt), "
    "Ellipse(xy, width, height, angle), Slider(ax, label, valmin, valmax, valinit, valfmt, ...), and every other "
    "pyplot, Axes, Figure, Axis, colorbar, legend, widget, patch, line and text callable whose order matplotlib "
    "2.2-3.3 agreed on), so each value reaches the parameter it did. pyplot's functions everywhere; methods and "
    "classes on the line of their TypeError.",
    pattern=_CALL.pattern,
    prefilter=_too_many_positional,
    signatures=(("TypeError", _TAKES.pattern), *(("TypeError", moved.pattern) for moved in _MOVED.values())),
    examples=(
        ("import matplotlib.pyplot as plt\nfig = plt.figure(1, (8, 6), 80, 'w', 'k')\n"
         "f, axes = plt.subplots(2, 2, True, False)\nplt.imshow(img, 'gray', None, 'auto', 'nearest')\n"
         "plt.stem(x, y, 'r-', 'bo', 'k-')\nplt.stem(y, 'g-', 'go')",
         "import matplotlib.pyplot as plt\nfig = plt.figure(1, (8, 6), 80, facecolor='w', edgecolor='k')\n"
         "f, axes = plt.subplots(2, 2, sharex=True, sharey=False)\n"
         "plt.imshow(img, 'gray', None, aspect='auto', interpolation='nearest')\n"
         "plt.stem(x, y, 'r-', markerfmt='bo', basefmt='k-')\nplt.stem(y, 'g-', markerfmt='go')"),
        ("from matplotlib import pyplot\npyplot.hist(x, 20, (0, 1), True)\npyplot.tight_layout(2)\n"
         "pyplot.pie(sizes, explode, names, colors, '%1.1f%%')",
         "from matplotlib import pyplot\npyplot.hist(x, 20, range=(0, 1), density=True)\npyplot.tight_layout(pad=2)\n"
         "pyplot.pie(sizes, explode=explode, labels=names, colors=colors, autopct='%1.1f%%')"),
        # methods and classes: only on the failing line (none here); subplots(1, 1, 1) meant subplot
        ("import matplotlib.pyplot as plt\nfrom matplotlib.widgets import Slider\n"
         "ax.set_xticklabels(names, {'fontsize': 8})\ns = Slider(ax, 'f', 0, 10, 5)\nf, a = plt.subplots(1, 1, 1)",
         "import matplotlib.pyplot as plt\nfrom matplotlib.widgets import Slider\n"
         "ax.set_xticklabels(names, {'fontsize': 8})\ns = Slider(ax, 'f', 0, 10, 5)\nf, a = plt.subplots(1, 1, 1)"),
        # another library's function of a pyplot name
        ("import numpy as np\nh = np.hist(x, 20, (0, 1), True)",
         "import numpy as np\nh = np.hist(x, 20, (0, 1), True)"),
    ),
)
class PositionalArguments(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _order_by_error(self, original: cst.Call, name: str) -> Order | None:
        """The order of the callable the TypeError names, when this call on the failing line is that callable."""
        if not self.on_own_error_line(original):
            return None
        found = _TAKES.search(self.ctx.error.evalue)
        raised = found.group(1) if found else next(
            (owner for owner, moved in _MOVED.items() if moved.search(self.ctx.error.evalue)), None)
        text = self.ctx.text
        if raised is None or "matplotlib" not in text and "pylab" not in text:
            return None  # shapely's Polygon, bokeh's figure: the error names a class or function matplotlib has too
        if "." not in raised and f"def {raised}(" in text:
            return None  # the notebook's own function of a pyplot name
        if name == "stem" and raised == "stem":
            return _stem_order(original)
        return _BY_ERROR.get((raised, name))

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name is None or any(a.star for a in updated.args):
            return updated
        pyplot = module_call(updated, self.ctx, "matplotlib.pyplot")
        if pyplot == "stem":
            order = _stem_order(updated)
        elif pyplot in _PYPLOT:
            order = _PYPLOT[pyplot]
        elif self.ctx.error is not None:
            order = self._order_by_error(original, name)
        else:
            return updated
        if order is None:
            return updated
        kept, names = order
        pos = positional(updated)
        extra = pos[kept:]
        if not extra or len(pos) > len(names) or any(kwarg(updated, n) for n in names[kept:len(pos)]):
            return updated
        if name == "subplots" and isinstance(extra[0].value, cst.Integer):
            return updated  # subplots(1, 1, 1) was meant as subplot(1, 1, 1): another repair
        keyword = {id(a): names[kept + i] for i, a in enumerate(extra)}
        equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
        return updated.with_changes(args=[
            a.with_changes(keyword=cst.Name(keyword[id(a)]), equal=equal) if id(a) in keyword else a
            for a in updated.args])
