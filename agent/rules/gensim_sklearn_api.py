"""gensim 4.0 removed ``gensim.sklearn_api``, its scikit-learn wrappers (Text2BowTransformer, TfIdfTransformer,
LdaTransformer, W2VTransformer, ...), with no successor. They were thin: fit built the gensim model from the
estimator's parameters, transform mapped documents through it. The shim in old_gensim_sklearn.py gives all twelve
back, written with gensim 4's models, and registers the package and its submodules, so that the notebook's own
import lines, in whatever form, run unchanged once it has been called.

Read from gensim 3.8.3's gensim/sklearn_api (and its tests, run against the shim) and 4.4's models.
"""

from __future__ import annotations

import re

import libcst as cst

from . import old_gensim_sklearn
from .framework import Context, RuleTransformer, dotted, rule
from .removed_api import shim_source

_SHIM = "gensim_sklearn_api"
_PACKAGE = "gensim.sklearn_api"
# A line importing the package, by any form: from gensim import sklearn_api, from gensim.sklearn_api[.sub] import X,
# import gensim.sklearn_api[.sub]
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+gensim\.sklearn_api\b|from[ \t]+gensim[ \t]+import\b[\w\s,()\\]*?"
                          r"\bsklearn_api\b|import\b[^\n#]*\bgensim\.sklearn_api\b).*$", re.MULTILINE)


def _of_package(name: str | None) -> bool:
    return name is not None and (name == _PACKAGE or name.startswith(_PACKAGE + "."))


def _imports_package(statement: cst.BaseSmallStatement) -> bool:
    if isinstance(statement, cst.Import):
        return any(_of_package(dotted(alias.name)) for alias in statement.names)
    if isinstance(statement, cst.ImportFrom) and statement.module is not None and not statement.relative:
        module = dotted(statement.module)
        if _of_package(module):
            return True
        return module == "gensim" and not isinstance(statement.names, cst.ImportStar) and any(
            isinstance(alias.name, cst.Name) and alias.name.value == "sklearn_api" for alias in statement.names)
    return False


def _imported_first_elsewhere(ctx: Context, code: str) -> bool:
    """Whether another cell imports the package before this one: the shim goes once, into the notebook's first
    cell that imports it (a cell is known by its import lines; an identical copy gets its own)."""
    mine = [line.strip() for line in _IMPORT_LINE.findall(code)]
    first = next((s for s in ctx.sources if _IMPORT_LINE.search(s)), None)
    return first is not None and [line.strip() for line in _IMPORT_LINE.findall(first)] != mine


def _shim() -> str:
    return shim_source(old_gensim_sklearn.gensim_sklearn_api, _SHIM) + f"{_SHIM}()\n"


@rule(
    "gensim-sklearn-api",
    library="gensim",
    changed_in="gensim 4.0",
    rationale="gensim 4.0 removed gensim.sklearn_api, its scikit-learn wrappers, with no successor. The twelve "
    "classes are written into the notebook as gensim 3.8.3 had them (its parameters and defaults, size=/iter= "
    "handed to gensim 4 as vector_size=/epochs=; dense topic arrays, bag-of-words lists, word and document "
    "vectors; NotFittedError; sklearn's BaseEstimator so Pipeline, clone and GridSearchCV work) and registered as "
    "gensim.sklearn_api and its submodules, before the notebook's first import of it, which then runs unchanged.",
    needles=("sklearn_api",),
    signatures=(
        ("ImportError", r"cannot import name 'sklearn_api' from 'gensim'"),
        ("ModuleNotFoundError", r"No module named 'gensim\.sklearn_api"),
    ),
    examples=(
        ("from sklearn.pipeline import Pipeline\nfrom gensim import sklearn_api\n"
         "pipe = Pipeline([('bows', sklearn_api.text2bow.Text2BowTransformer()),\n"
         "                 ('lda', sklearn_api.ldamodel.LdaTransformer(num_topics=20))])",
         "from sklearn.pipeline import Pipeline\n" + _shim() + ("from gensim import sklearn_api\n"
         "pipe = Pipeline([('bows', sklearn_api.text2bow.Text2BowTransformer()),\n"
         "                 ('lda', sklearn_api.ldamodel.LdaTransformer(num_topics=20))])")),
        # once, before the first of the cell's imports
        ("import numpy as np\nfrom gensim.sklearn_api import W2VTransformer\n"
         "from gensim.sklearn_api.ldamodel import LdaTransformer\nw2v = W2VTransformer(size=10, min_count=1)",
         "import numpy as np\n" + _shim() + ("from gensim.sklearn_api import W2VTransformer\n"
         "from gensim.sklearn_api.ldamodel import LdaTransformer\nw2v = W2VTransformer(size=10, min_count=1)")),
        ("try:\n    import gensim.sklearn_api\nexcept ImportError:\n    pass",
         "try:\n" + "".join(f"    {line}\n" if line else "\n" for line in _shim().splitlines())
         + "    import gensim.sklearn_api\nexcept ImportError:\n    pass"),
        # another library's sklearn_api
        ("from mylib import sklearn_api\nimport gensim", "from mylib import sklearn_api\nimport gensim"),
    ),
    error_examples=(
        ("ModuleNotFoundError: No module named 'gensim.sklearn_api'", 2,
         "import gensim\nfrom gensim.sklearn_api.tfidf import TfIdfTransformer",
         "import gensim\n" + _shim() + "from gensim.sklearn_api.tfidf import TfIdfTransformer"),
    ),
)
class GensimSklearnApi(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.done = False

    def visit_Module(self, node: cst.Module) -> None:
        # written already (this cell, or the cell that imports it first; the cell whose import failed gets it)
        self.done = f"def {_SHIM}(" in node.code or (
            not self.on_own_error and _imported_first_elsewhere(self.ctx, node.code))

    def leave_SimpleStatementLine(self, original, updated):
        if self.done or not any(_imports_package(s) for s in updated.body):
            return updated
        self.done = True
        shim = list(cst.parse_module(_shim()).body)
        shim[0] = shim[0].with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel([*shim, updated.with_changes(leading_lines=[])])
