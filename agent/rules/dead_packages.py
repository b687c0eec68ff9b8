"""Packages with no release for Python 3.11 (or unmaintained and broken on today's stack): their maintained successor.

Each entry of ``DEAD`` says what the old import was, what replaces it and how the import (and, where the
API differs, the calls) are rewritten; the rule rewrites an import only when the replacement's distribution
is in the locked environment. Entries without a ``replacement`` record why there is no faithful one: those
imports are left as they are, and when nothing reads what they bind the unused-missing-import rule keeps
them as a comment on the ModuleNotFoundError.

Not here, because they are covered elsewhere or need nothing: ``sklearn`` (the PyPI stub ``sklearn`` no
longer installs, but ``import sklearn`` is scikit-learn's own module: only ``!pip install sklearn`` is wrong,
and shell-network disables it); ``from sklearn.externals import joblib`` / ``sklearn.externals.six``
(sklearn-moved-modules: ``import joblib`` / ``import six``).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from .framework import RuleTransformer, callee_name, dotted, kwarg, one_statement_per_line, remove_kwarg, rename_kwarg, rule
from .packages import locked_distributions


@dataclass(frozen=True)
class Dead:
    module: str  # the dead import's top-level module
    distribution: str  # its PyPI name
    replacement: str | None  # the module that replaces it (None: no faithful replacement)
    replacement_distribution: str | None
    why: str
    # (old name in the dead module) -> (new module, new name): names that moved to another package
    names: tuple[tuple[str, str, str], ...] = ()


DEAD: dict[str, Dead] = {
    d.module: d
    for d in (
        Dead("fuzzywuzzy", "fuzzywuzzy", "thefuzz", "thefuzz",
             "fuzzywuzzy's last release is 0.18.0 (2020): SeatGeek renamed the project thefuzz, same modules "
             "(fuzz, process, utils) and functions."),
        Dead("fbprophet", "fbprophet", "prophet", "prophet",
             "fbprophet 0.7.1 (2020) has only an sdist that builds against pystan 2, which has no Python 3.11 "
             "build; the project continues as prophet (same Prophet class, plot and diagnostics modules)."),
        Dead("scikits", "scikits.learn", "sklearn", "scikit-learn",
             "scikits.learn is scikit-learn's name before 0.9 (2011): scikits.learn.X is sklearn.X."),
        Dead("keras_preprocessing", "Keras-Preprocessing", "keras.src.legacy.preprocessing", "keras",
             "Keras-Preprocessing (last release 1.1.2, 2020) fails on numpy 2 (np.unicode_) and was folded back into "
             "Keras; Keras 3 keeps its image, sequence and text modules as keras.src.legacy.preprocessing (what "
             "tf.keras.preprocessing gives), whose iterators Keras 3's fit reads (tf_keras's are Keras 2 Sequences "
             "it refuses)."),
        Dead("fancyimpute", "fancyimpute", None, None,
             "fancyimpute 0.7.0 (2022) fails on scikit-learn 1.8+ (check_array(force_all_finite=)). "
             "Its IterativeImputer is scikit-learn's (it was copied from it) and its KNN is what "
             "sklearn.impute.KNNImputer computes (k -> n_neighbors, distance-weighted, .complete -> .fit_transform); "
             "SoftImpute, IterativeSVD, MatrixFactorization, NuclearNormMinimization, BiScaler and the removed MICE "
             "have no scikit-learn counterpart and stay.",
             names=(("IterativeImputer", "sklearn.impute", "IterativeImputer"),
                    ("KNN", "sklearn.impute", "KNNImputer"))),
        Dead("pandas_profiling", "pandas-profiling", None, None,
             "pandas-profiling 3.x fails on pydantic 2 (BaseSettings moved); it became ydata-profiling, and every "
             "ydata-profiling release pins numpy<2.4: it cannot "
             "be installed next to the locked numpy, so there is nothing to rename it to."),
        Dead("pydotplus", "pydotplus", None, None,
             "pydotplus (last release 2.0.2, 2014) still works, so it is not rewritten; it is not in the "
             "environment because rendering (create_png) needs the Graphviz dot program, which the environment "
             "does not ship (pydot, which is, needs it too and returns a list from graph_from_dot_data)."),
        Dead("theano", "Theano", None, None,
             "Theano (last release 1.0.5, 2020) fails to compile its C linker on Python 3.11; PyTensor is its fork "
             "but renamed the API (no "
             "theano.tensor.nnet, no GPU backend): no faithful rewrite."),
        Dead("lasagne", "Lasagne", None, None, "Lasagne (0.1, 2015) is built on Theano: no replacement."),
        Dead("tflearn", "tflearn", None, None,
             "tflearn (0.5.0, 2020) uses the TensorFlow 1 graph API and contrib; its layers do not map onto Keras 3."),
        Dead("pybrain", "PyBrain", None, None,
             "PyBrain (0.3, 2009) is Python 2 code (implicit relative imports: No module named 'structure') with "
             "no successor; its networks do not map onto a "
             "maintained library."),
        Dead("mlens", "mlens", None, None,
             "mlens (0.2.3, 2019) imports collections.Sequence, gone in Python 3.10; scikit-learn's "
             "StackingClassifier/Regressor do the same job with another API: no faithful rewrite."),
        Dead("ggplot", "ggplot", None, None,
             "yhat's ggplot (0.11.5, 2016) reads pandas.tslib, removed long ago; plotnine is the maintained grammar of "
             "graphics but orders ggplot()'s arguments and names its themes differently: no faithful rewrite."),
        Dead("sklearn_pandas", "sklearn-pandas", None, None,
             "sklearn-pandas 2.2.0 imports sklearn.utils.tosequence, which scikit-learn removed; DataFrameMapper "
             "has no drop-in replacement (ColumnTransformer takes other arguments)."),
        Dead("ml_metrics", "ml_metrics", None, None,
             "ml_metrics (0.1.4, 2013) no longer builds (setup.py asks for use_2to3, which setuptools dropped); its "
             "averaged metrics are scikit-learn's (rmse -> root_mean_squared_error, rmsle -> "
             "root_mean_squared_log_error, mae/mse/msle, auc -> roc_auc_score: same arguments, same value); the "
             "element-wise ones (ae, se, ll) and apk/mapk/kappa have no counterpart and stay.",
             names=(("rmse", "sklearn.metrics", "root_mean_squared_error"),
                    ("rmsle", "sklearn.metrics", "root_mean_squared_log_error"),
                    ("mae", "sklearn.metrics", "mean_absolute_error"),
                    ("mse", "sklearn.metrics", "mean_squared_error"),
                    ("msle", "sklearn.metrics", "mean_squared_log_error"),
                    ("auc", "sklearn.metrics", "roc_auc_score"))),
        Dead("orderedset", "orderedset", "ordered_set", "ordered-set",
             "orderedset (2.0.3, 2020) is a Cython extension with no wheel for Python 3.11 and a build that fails "
             "there; ordered-set is the maintained pure-Python OrderedSet: the same class name, insertion order, "
             "add/discard/index and the set operators."),
        Dead("property_cached", "property-cached", None, None,
             "property-cached (1.6.4, 2020) imports pkg_resources, which current setuptools no longer ships; its "
             "cached_property is the standard library's functools.cached_property (Python 3.8: computed once, kept "
             "in the instance's __dict__); the threaded and time-to-live variants have no counterpart and stay.",
             names=(("cached_property", "functools", "cached_property"),)),
        Dead("scikitplot", "scikit-plot", None, None,
             "scikit-plot 0.3.7 (2018) imports scipy.interp, which scipy removed; scikit-learn's *Display classes "
             "draw the same plots with another API: no faithful rewrite."),
    )
}

_KNN_DROPPED = ("verbose", "print_interval", "use_argpartition")
_NO_NAMES = Dead("", "", None, None, "")


def _available(dead: Dead) -> bool:
    if dead.replacement_distribution is None:
        return False
    locked = locked_distributions("full") | locked_distributions("tabular")
    return not locked or dead.replacement_distribution.replace("_", "-").lower() in locked


def _renamed(module: str) -> str | None:
    """``fuzzywuzzy.fuzz`` -> ``thefuzz.fuzz``; None when the module is not a dead one with a replacement."""
    head, _, rest = module.partition(".")
    dead = DEAD.get(head)
    if dead is None or dead.replacement is None or not _available(dead):
        return None
    if head == "scikits":
        return ("sklearn" + rest[len("learn"):]) if rest == "learn" or rest.startswith("learn.") else None
    return ".".join(filter(None, [dead.replacement, rest]))


@rule(
    "dead-packages",
    library="environment",
    changed_in="Python 3.11 / the fixed environment",
    rationale="a package that has no Python 3.11 release or no longer works is replaced by its maintained "
    "successor: fuzzywuzzy -> thefuzz, fbprophet -> prophet, scikits.learn -> sklearn, keras_preprocessing -> "
    "Keras 3's legacy preprocessing, fancyimpute's KNN/IterativeImputer -> sklearn.impute's KNNImputer/IterativeImputer, "
    "ml_metrics' averaged metrics -> sklearn.metrics, orderedset -> ordered_set, property_cached's cached_property -> "
    "functools'.",
    pattern=r"\b(fuzzywuzzy|fbprophet|scikits|keras_preprocessing|fancyimpute|ml_metrics|orderedset|property_cached)\b",
    signatures=(("ModuleNotFoundError",
                 r"No module named '(fuzzywuzzy|fbprophet|scikits|keras_preprocessing|fancyimpute|ml_metrics|orderedset"
                 r"|property_cached)"),),
    examples=(
        ("from fuzzywuzzy import fuzz, process\ns = fuzz.ratio(a, b)", "from thefuzz import fuzz, process\ns = fuzz.ratio(a, b)"),
        ("import fuzzywuzzy\nfuzzywuzzy.fuzz.ratio(a, b)", "import thefuzz as fuzzywuzzy\nfuzzywuzzy.fuzz.ratio(a, b)"),
        ("from fbprophet import Prophet\nfrom fbprophet.plot import plot_plotly",
         "from prophet import Prophet\nfrom prophet.plot import plot_plotly"),
        ("from scikits.learn import svm", "from sklearn import svm"),
        ("import scikits.learn as skl", "import sklearn as skl"),
        ("from keras_preprocessing.image import ImageDataGenerator",
         "from keras.src.legacy.preprocessing.image import ImageDataGenerator"),
        ("from fancyimpute import KNN\nX_filled = KNN(k=3, verbose=False).complete(X)",
         "from sklearn.impute import KNNImputer as KNN\nX_filled = KNN(n_neighbors=3, weights='distance').fit_transform(X)"),
        ("from fancyimpute import IterativeImputer, SoftImpute",
         "from fancyimpute import SoftImpute\nfrom sklearn.experimental import enable_iterative_imputer\n"
         "from sklearn.impute import IterativeImputer"),
        ("from ml_metrics import rmse, apk", "from ml_metrics import apk\nfrom sklearn.metrics import root_mean_squared_error as rmse"),
        ("from orderedset import OrderedSet\ncols = OrderedSet(df.columns)",
         "from ordered_set import OrderedSet\ncols = OrderedSet(df.columns)"),
        ("from property_cached import cached_property", "from functools import cached_property"),
        ("import fancyimpute\nX2 = fancyimpute.KNN(k=5).fit_transform(X)",
         "import fancyimpute\nimport sklearn.impute\nX2 = sklearn.impute.KNNImputer(n_neighbors=5, weights='distance').fit_transform(X)"),
    ),
)
class DeadPackages(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.needs_module_import: set[str] = set()  # ``import fancyimpute`` users need ``import sklearn.impute``

    def leave_Import(self, original, updated):
        names = []
        for a in updated.names:
            name = dotted(a.name) or ""
            new = _renamed(name)
            if new is not None:
                # ``import fuzzywuzzy`` keeps its local name; ``import scikits.learn as skl`` its alias
                asname = a.asname or (cst.AsName(cst.Name(name.split(".")[0])) if "." not in name else None)
                if asname is None:  # import scikits.learn.svm: the code reads scikits.learn.svm
                    return updated
                a = a.with_changes(name=cst.parse_expression(new), asname=asname)
            names.append(a)
        return updated.with_changes(names=names)

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or updated.relative:
            return updated
        module = dotted(updated.module) or ""
        if DEAD.get(module.split(".")[0], _NO_NAMES).names and not isinstance(updated.names, cst.ImportStar):
            return self._moved_names(updated, DEAD[module.split(".")[0]])
        new = _renamed(module)
        return updated.with_changes(module=cst.parse_expression(new)) if new is not None else updated

    def _moved_names(self, updated: cst.ImportFrom, dead: Dead):
        """``from <dead> import a, b``: the names another package now holds are imported from it."""
        moved = {old: (mod, new) for old, mod, new in dead.names}
        kept, lines = [], []
        for a in updated.names:
            name = a.name.value if isinstance(a.name, cst.Name) else None
            if name not in moved:
                kept.append(a)
                continue
            mod, new = moved[name]
            local = a.asname.name.value if a.asname else name
            if new == "IterativeImputer":
                lines.append("from sklearn.experimental import enable_iterative_imputer")
            lines.append(f"from {mod} import {new}" + (f" as {local}" if local != new else ""))
        if not lines:
            return updated
        statements = []
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            statements.append(updated.with_changes(names=kept))
        statements += [cst.parse_statement(line).body[0] for line in lines]
        return cst.FlattenSentinel(statements)

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)

    def _fancyimpute_name(self, func: cst.BaseExpression) -> str | None:
        """"KNN" / "IterativeImputer" when ``func`` is fancyimpute's (imported by name or as fancyimpute.X)."""
        name = dotted(func) or ""
        head, _, attr = name.rpartition(".")
        if head and self.ctx.imported.get(head.split(".")[0], head) == "fancyimpute":
            return attr if attr in ("KNN", "IterativeImputer") else None
        if not head and self.ctx.imported.get(name, "") == "fancyimpute.KNN":
            return "KNN"
        return None

    def leave_Call(self, original, updated):
        # KNN(k=3).complete(X) / .fit_transform(X): KNNImputer(n_neighbors=3, weights='distance').fit_transform(X)
        if callee_name(updated) == "complete" and isinstance(updated.func, cst.Attribute) \
                and isinstance(original.func, cst.Attribute) and isinstance(original.func.value, cst.Call) \
                and self._fancyimpute_name(original.func.value.func):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("fit_transform")))
        which = self._fancyimpute_name(original.func)
        if which is None:
            return updated
        call = updated
        if which == "KNN":
            call = rename_kwarg(call, "k", "n_neighbors")
            for name in _KNN_DROPPED:
                call = remove_kwarg(call, name)
            if kwarg(call, "weights") is None:
                call = call.with_changes(args=[*call.args[:-1], call.args[-1].with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))] if call.args else [])
                call = call.with_changes(args=[*call.args, cst.Arg(
                    cst.SimpleString("'distance'"), keyword=cst.Name("weights"),
                    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))])
        if isinstance(call.func, cst.Attribute):  # fancyimpute.KNN(...): sklearn.impute.KNNImputer(...)
            self.needs_module_import.add("KNNImputer" if which == "KNN" else "IterativeImputer")
            target = "KNNImputer" if which == "KNN" else "IterativeImputer"
            call = call.with_changes(func=cst.parse_expression(f"sklearn.impute.{target}"))
        return call

    def leave_Module(self, original, updated):
        if not self.needs_module_import:
            return updated
        body = list(updated.body)
        # right after the ``import fancyimpute`` line
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.SimpleStatementLine) and any(
                    isinstance(s, cst.Import) and any(dotted(a.name) == "fancyimpute" for a in s.names)
                    for s in stmt.body):
                extra = ["import sklearn.impute"]
                if "IterativeImputer" in self.needs_module_import:
                    extra.insert(0, "import sklearn.experimental.enable_iterative_imputer")
                body[i + 1:i + 1] = [cst.parse_statement(line) for line in extra]
                return updated.with_changes(body=body)
        # fancyimpute was imported in another cell: this one imports what its calls now read
        extra = ["import sklearn.impute"]
        if "IterativeImputer" in self.needs_module_import:
            extra.insert(0, "import sklearn.experimental.enable_iterative_imputer")
        return updated.with_changes(body=[cst.parse_statement(line) for line in extra] + body)
