"""Moved submodules, reached by their dotted path: the catalogue's module moves applied to every spelling.

``catalogue-module`` answers the import that fails. A submodule is also reached as an attribute path
(``import pyLDAvis.sklearn`` binds ``pyLDAvis``, and a later cell calls ``pyLDAvis.sklearn.prepare``;
``pd.tslib.Timestamp`` needs no import of its own) and imported from its parent (``from seaborn import
apionly as sns``), where the module-moved table of the catalogue says just as surely where it went. This
static rule rewrites those paths in every cell: the import line and the uses together, so that a use in a
later cell does not wait for its own failure.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst

from ..catalogue import entries
from .framework import RuleTransformer, dotted, rule


@lru_cache(maxsize=1)
def module_moves() -> dict[str, str]:
    """Old dotted submodule -> where it lives now, within the same package (``pyLDAvis.sklearn`` ->
    ``pyLDAvis.lda_model``, ``pandas.tslib`` -> ``pandas``): the catalogue's moves of whole modules."""
    return {e.old: e.fix.module for e in entries()
            if e.fix is not None and e.fix.module is not None and e.fix.name is None
            and e.raises == "ModuleNotFoundError" and "." in e.old
            and e.fix.module.split(".")[0] == e.old.split(".")[0]}


# A word that names other things too (tf.keras, core.index) is matched with its parent's last word.
_COMMON = {"keras", "tf_keras", "index", "testing", "utils", "linalg", "helper", "sklearn"}


def _needle(old: str) -> str:
    parent, _, last = old.rpartition(".")
    if last in _COMMON:
        return rf"\b{re.escape(parent.rpartition('.')[2])}\.{last}\b|from\s+{re.escape(parent)}\s+import\b[^\n]*\b{last}\b"
    return rf"\.{last}\b|\bimport\b[^\n]*\b{last}\b"


_PATTERN = "|".join(_needle(old) for old in sorted(module_moves()))


def _moved(path: str) -> str | None:
    """Where ``path`` (a moved module or something inside it) lives now; None when it did not move."""
    for old, new in module_moves().items():
        if path == old or path.startswith(old + "."):
            return new + path[len(old):]
    return None


@rule(
    "catalogue-module-paths",
    library="catalogue",
    changed_in="see the catalogue entry of each moved module",
    rationale="a submodule the catalogue records as moved is named where it lives now wherever the notebook "
    "reaches it: a bare dotted import and the attribute paths that use it, an alias's attribute path, an import "
    "of the submodule from its parent.",
    pattern=_PATTERN,
    examples=(
        ("import pyLDAvis.sklearn\nvis = pyLDAvis.sklearn.prepare(lda, tf, vectorizer)",
         "import pyLDAvis.lda_model\nvis = pyLDAvis.lda_model.prepare(lda, tf, vectorizer)"),
        ("from pyLDAvis import sklearn as skl\nfrom seaborn import apionly as sns\nimport pandas.util.testing as tm",
         "from pyLDAvis import lda_model as skl\nimport seaborn as sns\nimport pandas.testing as tm"),
        ("import pandas as pd\nt = pd.tslib.Timestamp('2020-01-02')\ni = pd.core.index.Index([1])",
         "import pandas as pd\nt = pd.Timestamp('2020-01-02')\ni = pd.Index([1])"),
        ("import numpy as np\nfrom numpy.linalg.linalg import LinAlgError\nh = np.fft.helper.fftshift(x)",
         "import numpy as np\nfrom numpy.linalg import LinAlgError\nh = np.fft.fftshift(x)"),
        ("import tensorflow as tf\nm = tf.keras.models.Sequential()\ni = df.index\nimport pyLDAvis.gensim_models",
         "import tensorflow as tf\nm = tf.keras.models.Sequential()\ni = df.index\nimport pyLDAvis.gensim_models"),
    ),
)
class CatalogueModulePaths(RuleTransformer):
    def _origin(self, head: str) -> str:
        """The module a name stands for: ``pd`` -> "pandas"; an unknown name for itself (a cell read alone)."""
        return self.ctx.imported.get(head, head)

    def leave_Attribute(self, original, updated):
        name = dotted(updated)
        if not name:
            return updated
        head, _, rest = name.partition(".")
        origin = self._origin(head)
        new = _moved(f"{origin}.{rest}")
        if new is None or not (new == origin or new.startswith(origin + ".")):
            return updated  # what the name stands for is not where the module moved to
        return cst.parse_expression(head + new[len(origin):])

    def leave_Import(self, original, updated):
        names = []
        for alias in updated.names:
            new = _moved(alias.evaluated_name)
            names.append(alias.with_changes(name=cst.parse_expression(new)) if new else alias)
        return updated.with_changes(names=names)

    def leave_ImportFrom(self, original, updated):
        if updated.relative or updated.module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        module = dotted(updated.module) or ""
        new = _moved(module)
        if new:  # from pandas.util.testing import assert_frame_equal
            return updated.with_changes(module=cst.parse_expression(new))
        if len(updated.names) != 1:
            return updated
        alias = updated.names[0]
        new = _moved(f"{module}.{alias.evaluated_name}")
        if new is None:
            return updated
        parent, _, sub = new.rpartition(".")
        local = alias.evaluated_alias or alias.evaluated_name
        if not parent:  # the submodule is the package now: from seaborn import apionly as sns
            return cst.Import([cst.ImportAlias(cst.parse_expression(new), asname=cst.AsName(cst.Name(local)))])
        asname = cst.AsName(cst.Name(local)) if local != sub else None
        return updated.with_changes(module=cst.parse_expression(parent), names=[cst.ImportAlias(cst.Name(sub), asname=asname)])
