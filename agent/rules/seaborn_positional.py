"""seaborn 0.12 made the data arguments and options of its plotting functions and grids keyword-only (0.11 warned):
each extra positional argument is named after the parameter at its position in the signature the notebook's author
had. seaborn-removed-api (seaborn_rules.py) does the rewrite, where the callee is seaborn's; this module holds the
orders and reads a call by them.

The orders come from agent/rules/seaborn_positional.json, written by scripts/seaborn_positional_table.py from the
signatures of seaborn 0.8, 0.9 and 0.10 (the leading parameters all of them agree on) and the locked release's
(how many positions still mean the same): ``sns.barplot('a', 'b', data=df)``, ``sns.jointplot('a', 'b', df,
'reg')``, ``sns.heatmap(m, 0, 1, 'viridis')``, ``sns.lmplot('a', 'b', df, 'c')``, ``sns.FacetGrid(df, 'c')``. The
names are today's spellings where the catalogue records a rename (size -> height, shade -> fill, split -> dodge).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import libcst as cst

from .call_text import passes_more
from .framework import kwarg, positional, string_value

Order = tuple[int, tuple[str, ...]]  # (how many arguments stay positional today, the old parameter names in order)

ORDER: dict[str, Order] = {
    name: (keeps, tuple(old))
    for name, (keeps, old) in json.loads(Path(__file__).with_name("seaborn_positional.json").read_text()).items()
}

# What the table cannot say, by hand:
# - factorplot and lvplot (not public today: the table reads today's names) were catplot and boxenplot under their
#   old names; seaborn-removed-api renames them after naming their arguments. 0.8's own factorplot and lvplot took
#   the orders 0.9-0.10's catplot and boxenplot agree on (0.9-0.10's forwarded *args to them).
ORDER["factorplot"], ORDER["lvplot"] = ORDER["catplot"], ORDER["boxenplot"]
# - the functions whose data moved to the front (barplot(x, y, hue, data) is barplot(data, *, x, ...) now: "keeps
#   0" with data among the old names) read a lone positional argument either way: a frame is today's data
#   (``sns.barplot(df, x='a')``, a notebook written since), a column's name was the old x, and a vector draws the
#   same bars as x or as one wide-form column, unless y= or hue= is another vector or data= is given (then x).
DATA_MOVED = {name for name, (keeps, old) in ORDER.items() if keeps == 0 and "data" in old}
# - kdeplot(data, data2): one vector is still data (a 1-D wide form), but two were the bivariate x and y (data= with
#   y= would read y as a column of data).
_KDE_BIVARIATE = ("x", "y", *ORDER["kdeplot"][1][2:])

CALL = re.compile(r"\b(" + "|".join(sorted(ORDER)) + r")\(")
# "barplot() takes from 0 to 1 positional arguments but 3 were given", "FacetGrid.__init__() takes 2 positional
# arguments but 3 were given"
TAKES = r"\b(" + "|".join(sorted(ORDER)) + r")(\.__init__)?\(\) takes (from \d+ to \d+|\d+) positional argument"


def too_many_positional(code: str) -> bool:
    """Whether some call spelled like a callable of the table may pass more positional arguments than it takes."""
    return any(passes_more(code, call.end(), ORDER[call[1]][0]) for call in CALL.finditer(code))


def _lone_positional_was_x(call: cst.Call) -> bool:
    """For a function whose data moved to the front, called with one positional argument: whether it was x."""
    first = positional(call)[0].value
    if string_value(first) is not None or kwarg(call, "data") is not None:
        return True  # a column's name, or a vector passed with its frame (today "multiple values for 'data'")
    return kwarg(call, "x") is None and any(
        kwarg(call, n) is not None and string_value(kwarg(call, n).value) is None for n in ("y", "hue"))


def named(call: cst.Call, name: str) -> cst.Call:
    """``call`` of seaborn's ``name`` with each positional argument past those it still takes named by the old
    order; as it is when the order does not say (more arguments than it knows, a name also given by keyword)."""
    if name not in ORDER or any(a.star for a in call.args):
        return call
    keeps, names = ORDER[name]
    pos = positional(call)
    if name == "kdeplot" and len(pos) >= 2:
        keeps, names = 0, _KDE_BIVARIATE
    elif name in DATA_MOVED and len(pos) == 1 and not _lone_positional_was_x(call):
        return call  # today's data
    extra = pos[keeps:]
    if not extra or len(pos) > len(names) or any(kwarg(call, n) for n in names[keeps:len(pos)]):
        return call
    keyword = {id(a): names[keeps + i] for i, a in enumerate(extra)}
    equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
    return call.with_changes(args=[
        a.with_changes(keyword=cst.Name(keyword[id(a)]), equal=equal) if id(a) in keyword else a for a in call.args])
