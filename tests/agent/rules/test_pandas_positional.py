"""pandas-keyword-only's table (agent/rules/pandas_positional.json, written by scripts/pandas_positional_table.py):
true of the locked pandas, and old positional calls of methods no hand table named run in a real kernel with the
meaning their old order gave them."""

from __future__ import annotations

import json
import re
import subprocess

from mlemodernizer.agent.catalogue import entries
from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.pandas_positional import _TABLE
from mlemodernizer.executor.lockenv import venv_python
from support import code_notebook

# The class each key names, found where pandas defines it today; the callable a deprecation wrapper holds, since
# a call still reaches that one (df.sum(1) warns for 4.0 and runs).
SIGNATURES = r"""
import importlib, inspect, json, sys
found = {}
modules = [importlib.import_module(m) for m in ("pandas", "pandas.core.generic", "pandas.core.strings.accessor",
           "pandas.core.indexes.datetimelike", "pandas.core.resample", "pandas.core.window")]
for key in json.loads(sys.argv[1]):
    owner, _, name = key.rpartition(".")
    holder = next(vars(m)[owner] for m in modules if owner in vars(m)) if owner else importlib.import_module("pandas")
    func = getattr(holder, name)
    if hasattr(func, "__wrapped__") and hasattr(func, "__signature__"):
        func = inspect.unwrap(func)
    params = list(inspect.signature(func).parameters.values())[1 if owner else 0:]
    found[key] = [func.__qualname__, [[p.name, p.kind.name] for p in params]]
print(json.dumps(found))
"""


def test_the_table_is_true_of_the_locked_pandas():
    """Each callable still takes exactly the positional arguments the table lets through, by the same names, and
    each name the rule writes after them is a parameter today or one the catalogue records as changed; a key that
    names no public class is the one a TypeError names (NDFrame.clip)."""
    today = json.loads(subprocess.run([str(venv_python("tabular")), "-c", SIGNATURES, json.dumps(sorted(_TABLE))],
                                      capture_output=True, text=True, check=True, timeout=300).stdout)
    keyword = re.compile(r"^(?:[\w.]*\.)?(\w+)\((\w+)=\)$")  # DataFrame.to_dict(outtype=) -> (to_dict, outtype)
    recorded = {found.groups() for found in (keyword.match(e.old) for e in entries() if e.library == "pandas") if found}
    for key, (keeps, old) in _TABLE.items():
        qualname, signature = today[key]
        params = [p for p, _ in signature]
        positional = [p for p, kind in signature if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
        assert positional[:keeps] == list(old[:keeps]), key
        assert keeps == len(positional) or positional[keeps] != old[keeps], f"{key} takes more by position"
        method = key.rpartition(".")[2]
        assert all(p in params or (method, p) in recorded for p in old[keeps:]), key
        assert key.split(".")[0] in ("DataFrame", "Series", "Index", "RangeIndex", "MultiIndex", "DatetimeIndex",
                                     "CategoricalIndex", "StringMethods", "Resampler") or qualname == key, key


def test_positional_calls_mean_what_their_old_order_meant(run_repaired):
    nb = code_notebook(
        "import io\nimport pandas as pd\n"
        "df = pd.DataFrame({'a': [1, 5, 5], 'b': [-3.0, None, 2.0]})\ns = pd.Series([3.0, None, 1.0], index=[2, 0, 1])",
        # 0.23-1.1: set_index(keys, drop), sort_index(axis, level, ascending), interpolate(method, axis, limit),
        # to_csv(path_or_buf, sep), eval(expr, inplace), Index.set_names(names, level), read_json(path, orient)
        "kept = df.set_index('a', False)\nback = s.sort_index(0, None, False)\nfilled = s.interpolate('linear', 0, 1)\n"
        "buf = io.StringIO()\ndf.to_csv(buf, ';')\ndf.eval('c = a + b', True)\n"
        "idx = pd.MultiIndex.from_tuples([(1, 'x')], names=['n', 'l']).set_names('k', 0)\n"
        "rows = pd.read_json(io.StringIO('[{\"a\": 1}, {\"a\": 2}]'), 'records')\n"
        "print(kept.columns.tolist(), back.index.tolist(), filled.tolist(), buf.getvalue().splitlines()[0])\n"
        "print(df.columns.tolist(), idx.names, rows.shape, df.drop_duplicates(['a'], 'last').index.tolist())",
    )
    out = run_repaired(nb, attempts=10)
    assert out[1] == "['a', 'b'] [2, 1, 0] [3.0, 2.0, 1.0] ;a;b\n['a', 'b', 'c'] ['k', 'l'] (2, 1) [0, 2]\n"


def test_groupby_raises_nothing_so_the_static_pass_names_its_old_axis():
    """groupby's second position was axis before 3.0 and is level today: df.groupby('k', 0) runs, grouping by a
    level as well; the static pass names it axis (then dropped by pandas-groupby-removed-keywords)."""
    assert _TABLE["DataFrame.groupby"] == (1, ("by", "axis", "level", "as_index", "sort", "group_keys", "squeeze",
                                               "observed"))
    nb = code_notebook("import pandas as pd\ndf = pd.DataFrame({'k': ['x', 'y'], 'v': [1, 2]})\n"
                       "n = df.groupby('k', 0).size()\nm = np.any(x, 1)")
    assert fix_static(nb)[0].new.splitlines()[2] == "n = df.groupby('k').size()"


def test_an_order_the_old_releases_did_not_share_is_left_out():
    """rename was rename(*args, **kwargs) in 0.23 (index= or axis= second: not certain); Series.to_csv was
    (path, index, sep) before 0.24; pd.pivot(self, ...) in 0.23: no entry for any of them."""
    assert "DataFrame.rename" not in _TABLE and "Series.to_csv" not in _TABLE and "pivot" not in _TABLE
