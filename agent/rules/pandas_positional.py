"""pandas-keyword-only: arguments pandas 2.0/3.0 made keyword-only, named by the order the notebook's pandas had.

``df.drop('a', 1)``, ``s.str.split(' ', 1)``, ``pd.concat([a, b], 1)`` and ``pd.read_csv(path, ';')`` raise a
TypeError today. The old orders are agent/rules/pandas_positional.json, written by
scripts/pandas_positional_table.py from the signatures of 0.23, 0.25 and 1.1 (the leading parameters all three agree
on) and the locked version's, keyed by what the TypeError names (``DataFrame.drop``, ``NDFrame.clip``, ``concat``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .call_text import passes_more
from .framework import RuleTransformer, callee_name, dotted, kwarg, module_call, positional, rule
from .pandas3_rules import single_column

# name -> (positions still taken, the names the old positions had)
_TABLE: dict[str, tuple[int, tuple[str, ...]]] = {
    name: (keeps, tuple(old))
    for name, (keeps, old) in json.loads(Path(__file__).with_name("pandas_positional.json").read_text()).items()
}
# What the old sources cannot give the table: any was bound outside its class body in 0.23-1.1
# (cls.any = _make_logical_function(...); all too, but all(1) still runs, with a warning for 4.0); a Series' to_csv
# was (path, index, sep) before 0.24, so NDFrame.to_csv has no agreed order: the frame's, which is what notebooks
# write a csv from (as the hand table had it).
_LOGICAL = (0, ("axis", "bool_only", "skipna"))
_TABLE |= {"DataFrame.any": _LOGICAL, "Series.any": _LOGICAL, "NDFrame.to_csv": _TABLE["DataFrame.to_csv"]}

_FUNCTIONS = sorted(name for name in _TABLE if "." not in name)  # concat, read_csv, read_excel, date_range ...
# Method names read as pandas' without an error naming the class: other libraries have few methods of these names
# (numpy's any(a, axis), Python's str.split, sklearn's cv.split do), which the table cannot tell. Elsewhere a
# method is read as pandas' only on the failing line of a message that names it.
# groupby(by, axis) is groupby(by, level) since 3.0: its old second argument runs with another meaning, no error.
_STATIC_METHODS = ("drop", "dropna", "drop_duplicates", "set_index", "reset_index", "sort_values", "pivot", "groupby")
_STR_METHODS = ("split", "rsplit")


def _agreed(name: str) -> tuple[int, tuple[str, ...]] | None:
    """The order a frame's and a Series' ``name`` share, for a receiver that may be either."""
    frame, series = _TABLE.get(f"DataFrame.{name}"), _TABLE.get(f"Series.{name}")
    if frame is None or series is None:
        return frame or series
    shared = 0
    while shared < min(len(frame[1]), len(series[1])) and frame[1][shared] == series[1][shared]:
        shared += 1
    return (min(frame[0], series[0]), frame[1][:shared]) if shared > min(frame[0], series[0]) else None


_EITHER = {name: _agreed(name) for name in _STATIC_METHODS}
# the fewest positions any reading of a name keeps: a call passing no more is left alone before parsing
_LEAST_KEPT = {name: min((_TABLE[k][0] for k in (f"DataFrame.{name}", f"Series.{name}") if k in _TABLE), default=0)
               for name in _STATIC_METHODS} | {name: _TABLE[f"StringMethods.{name}"][0] for name in _STR_METHODS} \
    | {name: _TABLE[name][0] for name in _FUNCTIONS}

_KEYWORD_ONLY_CALL = re.compile(
    r"\.\s*(" + "|".join(_STATIC_METHODS) + r")\s*\(|\bstr\s*\.\s*(" + "|".join(_STR_METHODS) + r")\s*\(|\b("
    + "|".join(_FUNCTIONS) + r")\s*\(")
_PANDAS_METHOD = re.compile(r"^(\w+)\.(\w+)\(\) takes")


def _passes_positional(code: str) -> bool:
    """Whether some call the rule rewrites passes more positional arguments than it keeps (drop(labels, 1)):
    most cells with drop( or .split( pass the rest by keyword, or are sklearn's cv.split(X, y)."""
    for call in _KEYWORD_ONLY_CALL.finditer(code):
        line = code[code.rfind("\n", 0, call.start()) + 1:call.start()]
        if "#" in line and "'" not in line and '"' not in line:
            continue  # in a comment
        if passes_more(code, call.end(), _LEAST_KEPT[next(g for g in call.groups() if g)]):
            return True
    return False


@rule(
    "pandas-keyword-only",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="arguments after the first of drop, dropna, set_index, sort_values, concat, read_csv, str.split, "
    "pivot and most other methods became keyword-only; drop(labels, 1) is now drop(labels, axis=1). Each is named "
    "by its order in pandas 0.23-1.1; where the message names the method (DataFrame.any(), Series.sort_values(), "
    "NDFrame.clip()), that class's order is used on the failing line: numpy shares those names with another order. "
    "groupby(by, 0) raises nothing (its second position is level since 3.0): it is named by the old order unasked.",
    # dropna keeps no positional argument: dropna(1) is dropna(axis=1)
    pattern=r"""\.(drop|dropna|set_index|reset_index|sort_values|drop_duplicates|split|rsplit|groupby)\([^=()]*,\s*[^=()\s]+\s*[,)]"""
    r"""|\.pivot\(\s*[^=()\s,]+\s*[,)]|\.dropna\(\s*[^=()\s,]+\s*[,)]|"""
    + "|".join(rf"\b{name}\(" for name in _FUNCTIONS),
    prefilter=_passes_positional,
    # "... but 3 positional arguments (and 1 keyword-only argument) were given" when keywords came too
    signatures=(("TypeError", r"takes (from )?\d+ (to \d+ )?positional arguments? but \d+ "
                              r"(positional arguments? \(and \d+ keyword-only arguments?\) )?were given"),),
    examples=(
        ("df = df.drop(['a', 'b'], 1)", "df = df.drop(['a', 'b'], axis=1)"),
        ("x = pd.concat([a, b], 1)", "x = pd.concat([a, b], axis=1)"),
        ("import pandas as pd\nd = pd.read_csv('data.csv', ';', header=None)\ne = pd.read_csv(path, sep='\\t')",
         "import pandas as pd\nd = pd.read_csv('data.csv', sep=';', header=None)\ne = pd.read_csv(path, sep='\\t')"),
        ("t = s.str.split(' ', 1)", "t = s.str.split(' ', n=1)"),
        ("n = df.groupby('k', 0).size()", "n = df.groupby('k', axis=0).size()"),
        ("l = text.split(' ', 1)", "l = text.split(' ', 1)"),
        ("full = df.dropna(1)", "full = df.dropna(axis=1)"),
        ("t = flights.pivot('month', 'year', 'passengers')",
         "t = flights.pivot(index='month', columns='year', values='passengers')"),
        # numpy's and a Series' orders differ: only where a message names pandas' method, or an axis comes first
        ("m = np.any(x, 1)\nhigh = s.sort_values(0, False)\nlow = s.sort_values(ascending=True)",
         "m = np.any(x, 1)\nhigh = s.sort_values(axis=0, ascending=False)\nlow = s.sort_values(ascending=True)"),
        # a frame's and a column's orders differ after the level: each by its own where the receiver says which
        ("import pandas as pd\ndf = pd.read_csv('d.csv')\na = df.reset_index(0, True, True)\n"
         "b = df['x'].reset_index(0, True, 'n')\nc = pd.read_excel('d.xlsx', 0, 1)",
         "import pandas as pd\ndf = pd.read_csv('d.csv')\na = df.reset_index(0, drop=True, inplace=True)\n"
         "b = df['x'].reset_index(0, drop=True, name='n')\nc = pd.read_excel('d.xlsx', 0, header=1)"),
        ("import pandas as pd\nimport itertools as it\nruns = [len(list(g)) for _, g in it.groupby(xs, key)]",
         "import pandas as pd\nimport itertools as it\nruns = [len(list(g)) for _, g in it.groupby(xs, key)]"),
    ),
)
class KeywordOnly(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # read only for the failing line (framework._class_transform)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        found = _PANDAS_METHOD.match(ctx.error.evalue) if ctx.error else None
        # "Series.sort_values() takes 1 positional argument but 2 were given": that class's old order
        key = f"{found.group(1)}.{found.group(2)}" if found else None
        self.named = key if key in _TABLE else None

    def _module(self, receiver: cst.BaseExpression) -> bool:
        """``np`` in np.any(a, 1): a module the notebook imports (its functions keep their positions)."""
        path = dotted(receiver) or ""
        return path in self.ctx.module_names(self.ctx.imported.get(path, path))

    def _pandas_function(self, call: cst.Call, name: str) -> bool:
        """``pd.concat(...)``, ``pandas.read_csv(...)`` or an imported ``read_csv(...)``."""
        if module_call(call, self.ctx, "pandas") == name:
            return True
        path = (dotted(call.func) or "").split(".")
        return len(path) == 2 and path[0] in self.ctx.names_for("pandas", ("pd", "pandas"))

    def _order(self, call: cst.Call, original: cst.Call, name: str) -> tuple[int, tuple[str, ...]] | None:
        func = call.func
        if self.named and self.named.rsplit(".", 1)[-1] == name and isinstance(func, cst.Attribute) \
                and not self._module(func.value) and self.on_error_line(original):
            return _TABLE[self.named]
        if name in _FUNCTIONS:
            return _TABLE[name] if self._pandas_function(call, name) else None
        if not isinstance(func, cst.Attribute):
            return None
        if name in _STR_METHODS:
            return _TABLE[f"StringMethods.{name}"] if m.matches(func.value, m.Attribute(attr=m.Name("str"))) else None
        if name not in _STATIC_METHODS or self._module(func.value):
            return None  # itertools.groupby(rows, key), np.split(a, 3): a module's function, not a frame's method
        pos = positional(call)
        # a Series' sort_values has no by: an axis first (an integer, or ascending's True/False) says it is one
        literal_first = name == "sort_values" and pos and m.matches(pos[0].value, m.Integer() | m.Name("True")
                                                                    | m.Name("False"))
        if literal_first or single_column(func.value, self.ctx):
            return _TABLE.get(f"Series.{name}")
        if isinstance(func.value, cst.Name) and func.value.value in self.ctx.frames:
            return _TABLE.get(f"DataFrame.{name}")
        return _EITHER[name]  # either: only the positions the two share (the error then names the class)

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        found = self._order(updated, original, name) if name else None
        if found is None:
            return updated
        keep, order = found
        pos = positional(updated)
        if len(pos) <= keep or len(pos) > len(order) or any(a.star for a in updated.args) \
                or any(kwarg(updated, n) is not None for n in order[keep:len(pos)]):
            return updated
        args = []
        for a in updated.args:
            if a in pos and pos.index(a) >= keep:
                a = a.with_changes(
                    keyword=cst.Name(order[pos.index(a)]),
                    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                )
            args.append(a)
        return updated.with_changes(args=args)
