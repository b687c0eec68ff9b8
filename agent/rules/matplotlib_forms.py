"""matplotlib calls whose old arguments have another form today (3.1-3.5 removal lists).

A norm given beside vmin/vmax took them as its limits (3.3 made that an error); grid('off') and box('off')
switched the grid and frame off, where today any non-empty string is true and switches them on, silently;
boxplot's whis='range' reached the extremes, whis=(0, 100) today; a tick's label1On = False hid its label,
and today sets an attribute nothing reads. A legend location matplotlib does not know ('top right') fell
back to 'best' with a warning and is an error today.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    kwarg,
    positional,
    remove_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)

_NORMED = ("imshow", "matshow", "pcolor", "pcolormesh", "scatter", "hexbin", "contour", "contourf", "tripcolor")
_SWITCHES = ("grid", "box")
_TICK_PARTS = {"label1On": "label1", "label2On": "label2", "tick1On": "tick1line", "tick2On": "tick2line",
               "gridOn": "gridline"}


def _limits_into_norm(call: cst.Call) -> cst.Call:
    """imshow(X, norm=LogNorm(), vmin=a, vmax=b) -> imshow(X, norm=LogNorm(vmin=a, vmax=b))."""
    norm = kwarg(call, "norm")
    limits = [a for a in (kwarg(call, "vmin"), kwarg(call, "vmax")) if a is not None]
    if norm is None or not limits or not isinstance(norm.value, cst.Call) or \
            any(kwarg(norm.value, a.keyword.value) is not None for a in limits):
        return call
    limited = norm.value
    for a in limits:
        limited = add_kwarg(limited, a.keyword.value, a.value)
        call = remove_kwarg(call, a.keyword.value)
    return set_kwarg_value(call, "norm", limited)


@rule(
    "matplotlib-argument-forms",
    library="matplotlib",
    changed_in="matplotlib 3.1 (grid/box 'on'/'off' strings), 3.3 (norm with vmin/vmax, whis='range'), "
    "3.5 (Tick.label1On)",
    rationale="vmin/vmax given beside a norm are that norm's limits; grid('off') / box('off') are grid(False) / "
    "box(False) (a string is true today); boxplot(whis='range') is whis=(0, 100); tick.label1On = v is "
    "tick.label1.set_visible(v) (and tick1On, gridOn their lines'); legend(loc=) with a location matplotlib "
    "does not know is 'best', where it fell back.",
    needles=("norm", "'off'", '"off"', "'on'", '"on"', "range", "On =", "On=", "loc"),
    pattern=r"norm\s*=|\b(grid|box)\(\s*['\"](on|off)['\"]|whis\s*=\s*['\"]range|(label[12]|tick[12]|grid)On\s*=|"
            r"legend\([^)]*loc\s*=",
    signatures=(("ValueError", r"Passing a Normalize instance simultaneously with vmin/vmax is not supported|"
                               r"'range' is not a valid value for whis|is not a valid value for loc|"
                               r"placement \(loc='best'\) not implemented for figure legend"),),
    examples=(
        ("from matplotlib.colors import LogNorm\nplt.imshow(cm, norm=LogNorm(), vmin=1, vmax=cm.max(), cmap='Blues')\n"
         "plt.grid('off')\nax.grid('on')\nplt.box('off')\nplt.boxplot(x, whis='range')\n"
         "for t in ax.xaxis.get_major_ticks():\n    t.label1On = False\n    t.tick1On = False",
         "from matplotlib.colors import LogNorm\nplt.imshow(cm, norm=LogNorm(vmin=1, vmax=cm.max()), cmap='Blues')\n"
         "plt.grid(False)\nax.grid(True)\nplt.box(False)\nplt.boxplot(x, whis=(0, 100))\n"
         "for t in ax.xaxis.get_major_ticks():\n    t.label1.set_visible(False)\n    t.tick1line.set_visible(False)"),
        ("plt.legend(loc='top right')\nax.legend(loc='upper right')", "plt.legend(loc='top right')\nax.legend(loc='upper right')"),
    ),
)
class ArgumentForms(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name in _NORMED:
            return _limits_into_norm(updated)
        pos = positional(updated)
        if name in _SWITCHES and pos and string_value(pos[0].value) in ("on", "off"):
            flag = cst.Name("True" if string_value(pos[0].value) == "on" else "False")
            return updated.with_changes(args=[a.with_changes(value=flag) if a is pos[0] else a for a in updated.args])
        if name == "boxplot" and string_value(getattr(kwarg(updated, "whis"), "value", None)) == "range":
            return set_kwarg_value(updated, "whis", "(0, 100)")
        if name == "legend" and kwarg(updated, "loc") is not None and self.on_own_error \
                and "loc" in self.ctx.error.evalue and self.on_error_line(original):
            # what an unknown location fell back to; a figure's legend has no 'best': its default corner
            best = "'upper right'" if "figure legend" in self.ctx.error.evalue else "'best'"
            return set_kwarg_value(updated, "loc", best)
        return updated

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if not isinstance(target, cst.Attribute) or target.attr.value not in _TICK_PARTS:
            return updated
        part = cst.Attribute(target.value, cst.Name(_TICK_PARTS[target.attr.value]))
        return cst.Expr(cst.Call(cst.Attribute(part, cst.Name("set_visible")), [cst.Arg(updated.value)]))
