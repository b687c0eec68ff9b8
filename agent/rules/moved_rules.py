"""Names that moved to another module or took a new name, outside scikit-learn (which has its own table).

``from collections import Iterable`` (the ABCs left ``collections`` in Python 3.10),
``time.clock()`` (Python 3.8), ``from pandas.io.json import json_normalize`` (pandas
2.0), ``scipy.integrate.trapz`` (scipy 1.14), ``sns.lvplot`` (seaborn 0.9). The import
follows the name, under the old local name, so the cell's other lines stay as written.
"""

from __future__ import annotations

import libcst as cst

from .framework import RuleTransformer, dotted, one_statement_per_line, rule, split_import_from

_ABCS = ("Mapping", "MutableMapping", "Sequence", "MutableSequence", "Iterable", "Iterator", "Callable", "Hashable",
         "Set", "MutableSet", "Container", "Sized", "Generator", "Awaitable", "Coroutine", "KeysView", "ValuesView",
         "ItemsView")
# (module, name) -> (new module, new name)
MOVED: dict[tuple[str, str], tuple[str, str]] = {
    **{("collections", abc): ("collections.abc", abc) for abc in _ABCS},
    ("time", "clock"): ("time", "perf_counter"),
    ("pandas.io.json", "json_normalize"): ("pandas", "json_normalize"),
    ("scipy.integrate", "trapz"): ("scipy.integrate", "trapezoid"),
    ("scipy.integrate", "cumtrapz"): ("scipy.integrate", "cumulative_trapezoid"),
    ("seaborn", "lvplot"): ("seaborn", "boxenplot"),
}
_NAMES = {name for _, name in MOVED}


@rule(
    "moved-names",
    library="python/pandas/scipy/seaborn",
    changed_in="Python 3.8/3.10, pandas 2.0, scipy 1.14, seaborn 0.9",
    rationale="collections' ABCs moved to collections.abc, time.clock became perf_counter, json_normalize left "
    "pandas.io.json, scipy.integrate.trapz/cumtrapz became trapezoid/cumulative_trapezoid and sns.lvplot "
    "boxenplot: the import or attribute follows the name.",
    pattern=r"\b(" + "|".join(sorted(_NAMES)) + r")\b",
    signatures=(
        ("ImportError", r"cannot import name '(" + "|".join(sorted(_NAMES)) + r")'"),
        ("AttributeError", r"module '(collections|time|seaborn|scipy.integrate)' has no attribute"),
    ),
    examples=(
        ("from collections import Counter, Iterable", "from collections import Counter\nfrom collections.abc import Iterable"),
        ("import time\nt0 = time.clock()", "import time\nt0 = time.perf_counter()"),
        ("from pandas.io.json import json_normalize", "from pandas import json_normalize"),
        ("from scipy.integrate import trapz\nauc = trapz(y, x)", "from scipy.integrate import trapezoid as trapz\nauc = trapz(y, x)"),
        ("ok = isinstance(x, collections.Iterable)", "ok = isinstance(x, collections.abc.Iterable)"),
        ("import seaborn as sns\nsns.lvplot(x='a', y='b', data=df)", "import seaborn as sns\nsns.boxenplot(x='a', y='b', data=df)"),
        ("import pandas as pd\nflat = pd.io.json.json_normalize(rows)", "import pandas as pd\nflat = pd.json_normalize(rows)"),
    ),
)
class MovedNames(RuleTransformer):
    def _module_of(self, local: str) -> str:
        """The module a local name stands for (``sns`` -> "seaborn"), or the name itself."""
        return self.ctx.imported.get(local, local)

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or updated.relative or isinstance(updated.names, cst.ImportStar):
            return updated
        module = dotted(updated.module) or ""
        kept, moved = [], []
        for a in updated.names:
            (moved if (module, a.name.value) in MOVED else kept).append(a)
        if not moved:
            return updated
        lines = [(*MOVED[(module, a.name.value)], a.asname.name.value if a.asname else a.name.value) for a in moved]
        return split_import_from(updated, kept, lines)

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)

    def leave_Attribute(self, original, updated):
        owner = dotted(updated.value)
        if owner is None or updated.attr.value not in _NAMES:
            return updated
        head, _, rest = owner.partition(".")
        module = ".".join(filter(None, [self._module_of(head), rest]))
        target = MOVED.get((module, updated.attr.value))
        if target is None:
            return updated
        new_module, new = target
        if new_module == module:  # a rename in place
            base = updated.value
        elif new_module.startswith(module + "."):  # into a submodule: collections.abc
            base = cst.parse_expression(owner + new_module[len(module):])
        elif new_module == self._module_of(head):  # up to the package the owner starts with: pd.json_normalize
            base = cst.Name(head)
        else:
            return updated
        return cst.Attribute(base, cst.Name(new))
