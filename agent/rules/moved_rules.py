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
_WINDOWS = ("gaussian", "hann", "hamming", "blackman", "blackmanharris", "kaiser", "tukey", "triang", "bartlett", "boxcar",
            "parzen", "bohman", "nuttall", "barthann", "flattop", "general_gaussian", "chebwin", "exponential", "cosine",
            "slepian", "dpss", "taylor", "general_hamming", "general_cosine")
# numpy's namespace was re-exported by scipy until 1.12 (scipy.random until 1.9); the scimath versions of these
# (complex results for negative input) were what scipy.sqrt/log... meant.
_NUMPY_REEXPORTS = ("array", "arange", "zeros", "ones", "empty", "linspace", "logspace", "exp", "mean", "median", "std", "var",
                    "sum", "cumsum", "prod", "dot", "absolute", "sin", "cos", "tan", "arctan", "pi", "inf", "nan", "isnan",
                    "isinf", "where", "asarray", "concatenate", "vstack", "hstack", "zeros_like", "ones_like", "eye",
                    "identity", "meshgrid", "outer", "polyfit", "polyval", "poly1d", "histogram", "argmax", "argmin",
                    "maximum", "minimum", "floor", "ceil", "unique", "argsort", "diff", "transpose", "real", "imag",
                    "conj", "angle", "ndarray", "float64", "newaxis", "reshape", "ravel", "clip", "amax", "amin",
                    "corrcoef", "cov", "convolve", "interp", "matrix")
_SCIMATH = ("sqrt", "log", "log10", "log2", "power", "arcsin", "arccos", "arctanh")
# (module, name) -> (new module, new name)
MOVED: dict[tuple[str, str], tuple[str, str]] = {
    **{("collections", abc): ("collections.abc", abc) for abc in _ABCS},
    ("time", "clock"): ("time", "perf_counter"),
    ("pandas.io.json", "json_normalize"): ("pandas", "json_normalize"),
    ("scipy.integrate", "trapz"): ("scipy.integrate", "trapezoid"),
    ("scipy.integrate", "cumtrapz"): ("scipy.integrate", "cumulative_trapezoid"),
    ("seaborn", "lvplot"): ("seaborn", "boxenplot"),
    # scipy: renamed functions, windows that left the scipy.signal namespace, numpy's functions it re-exported
    ("scipy.integrate", "simps"): ("scipy.integrate", "simpson"),
    ("scipy.stats", "trapz"): ("scipy.stats", "trapezoid"),
    ("scipy.stats", "gilbrat"): ("scipy.stats", "gibrat"),
    ("scipy.stats", "frechet_r"): ("scipy.stats", "weibull_min"),
    ("scipy.stats", "frechet_l"): ("scipy.stats", "weibull_max"),
    ("scipy.linalg", "pinv2"): ("scipy.linalg", "pinv"),
    ("scipy.linalg", "expm2"): ("scipy.linalg", "expm"),
    ("scipy.linalg", "triu"): ("numpy", "triu"),
    ("scipy.linalg", "tril"): ("numpy", "tril"),
    ("scipy.linalg", "kron"): ("numpy", "kron"),
    ("scipy.spatial.distance", "matching"): ("scipy.spatial.distance", "hamming"),
    ("scipy.special", "btdtr"): ("scipy.special", "betainc"),
    ("scipy.special", "btdtri"): ("scipy.special", "betaincinv"),
    ("scipy.cluster.vq", "py_vq2"): ("scipy.cluster.vq", "vq"),
    ("scipy.ndimage", "imread"): ("matplotlib.pyplot", "imread"),
    ("scipy.signal", "hanning"): ("scipy.signal.windows", "hann"),
    ("scipy.signal.windows", "hanning"): ("scipy.signal.windows", "hann"),
    **{("scipy.signal", w): ("scipy.signal.windows", w) for w in _WINDOWS},
    **{("scipy", f): ("numpy", f) for f in _NUMPY_REEXPORTS},
    **{("scipy", f): ("numpy.emath", f) for f in _SCIMATH},
    ("scipy", "random"): ("numpy", "random"),
    ("scipy", "rand"): ("numpy.random", "rand"),
    ("scipy", "randn"): ("numpy.random", "randn"),
    ("scipy", "trapz"): ("numpy", "trapezoid"),
}
_NAMES = {name for _, name in MOVED}


@rule(
    "moved-names",
    library="python/pandas/scipy/seaborn",
    changed_in="Python 3.8/3.10, pandas 2.0, scipy 1.0-1.17, seaborn 0.9",
    rationale="collections' ABCs moved to collections.abc, time.clock became perf_counter, json_normalize left "
    "pandas.io.json, scipy.integrate.trapz/cumtrapz/simps became trapezoid/cumulative_trapezoid/simpson, "
    "scipy.signal's windows moved to scipy.signal.windows, numpy's functions left the scipy namespace (scipy.array, "
    "scipy.sqrt -> numpy.emath.sqrt) and sns.lvplot became boxenplot: the import or attribute follows the name.",
    pattern=r"\b(" + "|".join(sorted(_NAMES)) + r")\b",
    signatures=(
        ("ImportError", r"cannot import name '(" + "|".join(sorted(_NAMES)) + r")'"),
        ("AttributeError", r"[Mm]odule '(collections|time|seaborn|scipy[\w.]*)' has no attribute"),
    ),
    examples=(
        ("from collections import Counter, Iterable", "from collections import Counter\nfrom collections.abc import Iterable"),
        ("import time\nt0 = time.clock()", "import time\nt0 = time.perf_counter()"),
        ("from pandas.io.json import json_normalize", "from pandas import json_normalize"),
        ("from scipy.integrate import trapz\nauc = trapz(y, x)", "from scipy.integrate import trapezoid as trapz\nauc = trapz(y, x)"),
        ("ok = isinstance(x, collections.Iterable)", "ok = isinstance(x, collections.abc.Iterable)"),
        ("import seaborn as sns\nsns.lvplot(x='a', y='b', data=df)", "import seaborn as sns\nsns.boxenplot(x='a', y='b', data=df)"),
        ("import pandas as pd\nflat = pd.io.json.json_normalize(rows)", "import pandas as pd\nflat = pd.json_normalize(rows)"),
        ("from scipy.signal import gaussian, convolve", "from scipy.signal import convolve\nfrom scipy.signal.windows import gaussian"),
        ("from scipy import signal\nw = signal.hanning(51)", "from scipy import signal\nw = signal.windows.hann(51)"),
        ("import numpy as np\nimport scipy as sp\nx = sp.array([1, 2]) * sp.pi\nr = sp.sqrt(-1)",
         "import numpy as np\nimport scipy as sp\nx = np.array([1, 2]) * np.pi\nr = np.emath.sqrt(-1)"),
        ("from scipy import exp, stats", "from scipy import stats\nfrom numpy import exp"),
        ("from scipy.integrate import simps\na = simps(y, x)", "from scipy.integrate import simpson as simps\na = simps(y, x)"),
        ("import scipy\ns = scipy.mean([1, 2])", "import scipy\ns = scipy.mean([1, 2])"),
    ),
)
class MovedNames(RuleTransformer):
    def _module_of(self, local: str) -> str:
        """The module a local name stands for (``sns`` -> "seaborn"), or the name itself."""
        return self.ctx.imported.get(local, local)

    def _alias_of(self, module: str) -> str | None:
        """``np.random`` for "numpy.random" where the notebook has ``import numpy as np``; None when it imports none."""
        parts = module.split(".")
        for i in range(len(parts), 0, -1):
            names = self.ctx.module_names(".".join(parts[:i]))
            if names:
                return ".".join([sorted(names)[0], *parts[i:]])
        return None

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
        elif (alias := self._alias_of(new_module)) is not None:  # another package the notebook imports: np.array
            base = cst.parse_expression(alias)
        else:
            return updated
        return cst.Attribute(base, cst.Name(new))
