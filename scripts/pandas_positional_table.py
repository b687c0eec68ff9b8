"""Write agent/rules/pandas_positional.json: for every public pandas method and function that takes fewer positional
arguments today than it did, how many it still takes and the names its positional arguments had.

pandas 1.3-1.5 deprecated, and 2.0/3.0 refused, passing most method parameters after the first by position
(``df.drop('a', 1)``, ``s.str.split(' ', 1)``, ``pd.concat([a, b], 1)``, ``pd.read_csv(path, ';')``). A notebook's
positional call is repaired by naming each argument after the parameter at its position in the signature the author
had. That order is read from the source of old releases (their sdists from PyPI, unpacked); a method is resolved
through its class's bases in that source (``Series.clip`` is ``NDFrame.clip``), and only the leading parameters on
which every given release agrees are kept. A parameter renamed since is written under today's name where the
catalogue records the rename; one the catalogue records as removed keeps its old name, for the removed-parameter rules
to deal with; one it does not record ends the list (where it went is not known).

    .venv/bin/python scripts/pandas_positional_table.py OLD_SOURCE_DIR [OLD_SOURCE_DIR ...]

Keys are what a TypeError names: ``DataFrame.drop``, ``NDFrame.clip`` (the class that defines the method today: the
order all the public classes reaching it agreed on), ``concat``. Each public class's own name is a key too
(``Series.clip``), for the rule's reading without an error. Today's signatures are read in the locked tabular
environment.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from positional_tables import (ROOT, agreed_prefix, catalogue_keywords, kept_positions, known_names, locked_signatures,
                               write_table)

OUT = ROOT / "agent" / "rules" / "pandas_positional.json"
SKIPPED_DIRS = {"tests", "_libs", "compat", "util", "_vendored"}

# The public classes whose methods notebooks call; their old namesakes are looked up by the same class name.
TODAY = r"""
import inspect, json, warnings
import pandas as pd
from pandas.core.strings.accessor import StringMethods
from pandas.core.groupby import DataFrameGroupBy, SeriesGroupBy
from pandas.core.resample import Resampler
from pandas.core.window import Expanding, Rolling
warnings.simplefilter("ignore")
CLASSES = [pd.DataFrame, pd.Series, pd.Index, pd.RangeIndex, pd.MultiIndex, pd.DatetimeIndex, pd.CategoricalIndex,
           StringMethods, DataFrameGroupBy, SeriesGroupBy, Resampler, Rolling, Expanding]

def signature(func):
    # deprecate_nonkeyword_arguments shows the future signature; the wrapped one is what a call still gets
    if hasattr(func, "__wrapped__") and hasattr(func, "__signature__"):
        func = inspect.unwrap(func)
    return [[p.name, p.kind.name] for p in inspect.signature(func).parameters.values()], func

found = {}
for cls in CLASSES:
    for name in dir(cls):
        attr = inspect.getattr_static(cls, name, None)
        if name.startswith("_") or not inspect.isfunction(attr):
            continue
        try:
            params, func = signature(getattr(cls, name))
        except (TypeError, ValueError):
            continue
        found[f"{cls.__name__}.{name}"] = [func.__qualname__, params[1:]]
for name in dir(pd):
    obj = getattr(pd, name)
    if not name.startswith("_") and inspect.isfunction(obj):
        params, func = signature(obj)
        found[name] = [func.__qualname__, params]
print(json.dumps(found))
"""


def _base_name(node: ast.expr) -> str | None:
    """``NDFrame``, ``generic.NDFrame``, ``GroupBy[Series]``: the base class's own name."""
    if isinstance(node, ast.Subscript):
        node = node.value
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None


def _params(func: ast.FunctionDef, method: bool) -> tuple[str, ...]:
    """The parameters a call fills by position; those before a ``*args`` only (what comes after it is not known)."""
    return tuple(a.arg for a in func.args.args)[1 if method else 0:]


def _overload(node: ast.stmt) -> bool:
    return isinstance(node, ast.FunctionDef) and any(_base_name(d) == "overload" for d in node.decorator_list)


class OldSource:
    """One old release's classes and functions, read with ast."""

    def __init__(self, source: Path) -> None:
        self.classes: dict[str, list[tuple[ast.ClassDef, Path]]] = {}
        self.functions: dict[str, list[tuple[str, ...]]] = {}
        for path in sorted((source / "pandas").rglob("*.py")):
            if SKIPPED_DIRS & set(path.relative_to(source).parts):
                continue
            try:
                tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
            except SyntaxError:
                continue
            defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
            for node in tree.body:
                if _overload(node):
                    continue  # 1.1's typing stubs: the def after them is the function
                if isinstance(node, ast.ClassDef):
                    self.classes.setdefault(node.name, []).append((node, path))
                elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    self.functions.setdefault(node.name, []).append(_params(node, False))
                elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 \
                        and isinstance(node.targets[0], ast.Name):
                    # 0.23-0.25: read_csv = _make_parser_function('read_csv', ...), whose body defines the reader
                    maker = defs.get(getattr(node.value.func, "id", ""))
                    inner = [n for n in maker.body if isinstance(n, ast.FunctionDef)] if maker else []
                    # (0.23's pandas.tools.merge: concat = concat_wrap(), a warning around *args: no order)
                    if len(inner) == 1 and inner[0].args.vararg is None:
                        self.functions.setdefault(node.targets[0].id, []).append(_params(inner[0], False))

    def _class(self, name: str, near: Path | None) -> ast.ClassDef | None:
        found = self.classes.get(name, [])
        same_file = [c for c, p in found if p == near]
        return (same_file or [c for c, _ in found] or [None])[0]

    def method(self, cls: str, name: str) -> tuple[str, ...] | None:
        """``cls.name``'s parameters, looking through the bases depth first (close enough to the MRO here)."""
        todo, seen = [(cls, None)], set()
        while todo:
            owner, near = todo.pop(0)
            node = self._class(owner, near)
            if node is None or owner in seen:
                continue
            seen.add(owner)
            path = next(p for c, p in self.classes[owner] if c is node)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == name and not _overload(item):
                    decorators = {_base_name(d) for d in item.decorator_list}
                    return None if decorators & {"property", "cache_readonly"} else _params(item, True)
                if isinstance(item, ast.Assign) and any(getattr(t, "id", None) == name for t in item.targets):
                    return None  # bound from a helper or another method: not read
            todo[0:0] = [(b, path) for b in map(_base_name, node.bases) if b]
        return None


def entry(method: str, orders: list[tuple[str, ...]], params: list[list[str]], renames, recorded) -> list | None:
    """[positions kept, old names] when the old orders agree on more positions than the call takes today."""
    if not orders or any(kind == "VAR_POSITIONAL" for _, kind in params):
        return None  # found in no old release, or takes *args today: which order is meant is unclear
    old = known_names(method, agreed_prefix(orders), [p for p, _ in params], renames, recorded)
    keeps = kept_positions(params, old)
    return [keeps, old] if len(old) > keeps else None


def main(sources: list[str]) -> int:
    releases = [OldSource(Path(s)) for s in sources]
    today = locked_signatures(TODAY)
    # by method name (DataFrame.to_dict(outtype=) -> to_dict): the messages and the tables name the method
    renames, recorded = catalogue_keywords("pandas*.toml", re.compile(r"^(?:[\w.]*\.)?(\w+)\((\w+)=\)$"))
    table, by_definer = {}, {}
    for public, (qualname, params) in sorted(today.items()):
        cls, _, method = public.rpartition(".")
        if cls:
            orders = [r.method(cls, method) for r in releases]
            if None in orders:
                continue  # not in every release read (or not a plain def there): no agreed order
            by_definer.setdefault(qualname, []).append((method, orders, params))
        else:
            found = [r.functions.get(public, []) for r in releases]
            if any(len(f) != 1 for f in found):
                continue  # absent, or two public functions of that name in one release
            orders = [f[0] for f in found]
        row = entry(method, orders, params, renames, recorded)
        if row:
            table[public] = row
    for qualname, uses in by_definer.items():
        method = uses[0][0]
        if qualname.endswith(f".{method}") and qualname not in table and all(u[0] == method for u in uses):
            row = entry(method, [o for u in uses for o in u[1]], uses[0][2], renames, recorded)
            if row:
                table[qualname] = row  # NDFrame.clip: what the message names, the order DataFrame's and Series' share
    write_table(OUT, table, len(releases), len(today))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
