"""scipy, IPython, imbalanced-learn, tqdm and pixiedust: removed functions, modules and keywords, and dead add-ons."""

from __future__ import annotations

import re

import libcst as cst

from .framework import (
    RuleTransformer,
    callee_name,
    dotted,
    kwarg,
    one_statement_per_line,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .masking import Masked, mask_cached


@rule(
    "scipy-misc-removed",
    library="scipy",
    changed_in="scipy 1.2-1.10",
    rationale="scipy.misc.comb/factorial/logsumexp were removed; scipy.special holds them, and scipy.interp was "
    "numpy.interp (scipy.misc's image functions: scipy-removed-functions).",
    needles=("scipy", "misc."),
    pattern=r"scipy\.misc|misc\.(comb|factorial|logsumexp)|from scipy import interp",
    signatures=(
        ("ImportError", r"cannot import name '(comb|factorial|logsumexp)' from 'scipy.misc'"),
        ("AttributeError", r"module 'scipy.misc' has no attribute '(comb|factorial|logsumexp)'"),
    ),
    examples=(
        ("from scipy.misc import comb", "from scipy.special import comb"),
        ("from scipy import interp", "from numpy import interp"),
        ("c = scipy.misc.comb(5, 2)", "c = scipy.special.comb(5, 2)"),
    ),
)
class ScipyMisc(RuleTransformer):
    _SPECIAL = {"comb", "factorial", "logsumexp"}

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        module = dotted(updated.module)
        names = {a.name.value for a in updated.names}
        if module == "scipy" and names == {"interp"}:  # scipy.interp was numpy.interp re-exported
            return updated.with_changes(module=cst.Name("numpy"))
        if module != "scipy.misc":
            return updated
        if names <= self._SPECIAL:
            return updated.with_changes(module=cst.parse_expression("scipy.special"))
        return updated

    def leave_Attribute(self, original, updated):
        name = dotted(updated) or ""
        if name.endswith(("misc.comb", "misc.factorial", "misc.logsumexp")):
            return cst.parse_expression(name.replace("misc.", "special."))
        return updated


@rule(
    "ipython-magic-method",
    library="IPython",
    changed_in="IPython 8.0",
    rationale="get_ipython().magic('name args') was removed; run_line_magic('name', 'args') runs the same magic.",
    needles=(".magic(",),
    signatures=(("AttributeError", r"object has no attribute 'magic'"),),
    examples=(("get_ipython().magic('matplotlib inline')", "get_ipython().run_line_magic('matplotlib', 'inline')"),),
)
class MagicMethod(RuleTransformer):
    def leave_Call(self, original, updated):
        if not (
            isinstance(updated.func, cst.Attribute) and updated.func.attr.value == "magic" and len(updated.args) == 1
        ):
            return updated
        if "get_ipython" not in cst.Module([]).code_for_node(updated.func.value):
            return updated
        line = string_value(updated.args[0].value)
        if line is None:
            return updated
        name, _, rest = line.lstrip("%").partition(" ")
        args = [
            cst.Arg(cst.SimpleString(repr(name)), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.Arg(cst.SimpleString(repr(rest))),
        ]
        return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("run_line_magic")), args=args)


# A line magic written with a space after its ``%``, at the start of a logical line (masking.py decides which
# lines those are: inside brackets, ``% x`` is the modulo operator). Not ``%%``: a cell magic is another matter.
_SPACED_MAGIC = re.compile(r"^([ \t]*)%[ \t]+(?=[A-Za-z_])")
_SPACED_ANYWHERE = re.compile(r"^[ \t]*%[ \t]+[A-Za-z_]", re.MULTILINE)


def join_spaced_magic(source: str, ctx=None) -> str:
    masked = mask_cached(source)  # shared with the static pass's other readers; read, never changed
    lines = [_SPACED_MAGIC.sub(r"\1%", line) for line in masked.lines]
    return source if lines == masked.lines else Masked(masked.code, lines).unmask(masked.code)


join_spaced_magic.text_rule = True  # type: ignore[attr-defined]  # magics are lines of the raw cell text

rule(
    "ipython-spaced-magic",
    library="IPython",
    changed_in="IPython 7.0",
    rationale="IPython up to 6 read '% matplotlib inline' as the magic %matplotlib (its line splitter allowed "
    "spaces after the %); 7.0's input transformers take the word after '%' as the name, so the line fails with "
    "'Line magic function `%` not found'. The space is removed.",
    needles=("%",),
    prefilter=_SPACED_ANYWHERE.search,
    signatures=(("UsageError", r"Line magic function `%` not found"),),
    examples=(
        ("import numpy as np\n% matplotlib inline\nx = np.arange(3)", "import numpy as np\n%matplotlib inline\nx = np.arange(3)"),
        ("for i in range(2):\n    %  time f(i)", "for i in range(2):\n    %time f(i)"),
        ("ratio = (a\n % b)\n%matplotlib inline", "ratio = (a\n % b)\n%matplotlib inline"),
        ("%%bash\n% not a magic here", "%%bash\n% not a magic here"),
    ),
)(join_spaced_magic)


_PIXIEDUST = re.compile(r"^([ \t]*)(import pixiedust\b[^\n;]*|from pixiedust\S* import [^\n;]*)$", re.MULTILINE)
_PIXIEDUST_NOTE = "# mlemod: pixiedust (an unmaintained Jupyter display add-on) is not in the environment; display() is IPython's: "


def neutralise_pixiedust(source: str, ctx=None) -> str:
    def comment(found: re.Match) -> str:
        indent, line = found.group(1), found.group(2)
        # ``pass`` keeps an indented block valid when the import was its only statement.
        return f"{indent}pass  {_PIXIEDUST_NOTE}{line}" if indent else f"{_PIXIEDUST_NOTE}{line}"

    return _PIXIEDUST.sub(comment, source)


neutralise_pixiedust.text_rule = True  # type: ignore[attr-defined]  # runs on the raw cell text

rule(
    "pixiedust-import",
    library="pixiedust",
    changed_in="unmaintained since 2020, not in the environment",
    rationale="pixiedust only adds an interactive display() to Jupyter; the import is commented out with a note "
    "and display() falls back to IPython's, which every notebook kernel has.",
    needles=("pixiedust",),
    signatures=(("ModuleNotFoundError", r"No module named 'pixiedust'"),),
    examples=(
        (
            "import pandas as pd\nimport pixiedust\ndisplay(df)",
            f"import pandas as pd\n{_PIXIEDUST_NOTE}import pixiedust\ndisplay(df)",
        ),
        ("try:\n    import pixiedust\nexcept ImportError:\n    pass", f"try:\n    pass  {_PIXIEDUST_NOTE}import pixiedust\nexcept ImportError:\n    pass"),
    ),
)(neutralise_pixiedust)


_NOTEBOOK_BARS = {"tqdm_notebook": "tqdm", "tnrange": "trange"}


@rule(
    "tqdm-notebook-widgets",
    library="tqdm",
    changed_in="tqdm 4.40 (tqdm_notebook deprecated for tqdm.notebook; the widget bar needs ipywidgets)",
    rationale="tqdm's notebook bar raises 'IProgress not found' without ipywidgets, which the fixed environment "
    "does not have; tqdm.auto draws the same bar where widgets exist and a text bar otherwise.",
    needles=("tqdm_notebook", "tnrange", "tqdm.notebook", "nested="),
    signatures=(("ImportError", r"IProgress not found"), ("TqdmDeprecationWarning", r"`nested` is deprecated")),
    examples=(
        ("from tqdm import tqdm_notebook as tqdm", "from tqdm.auto import tqdm"),
        ("from tqdm import tqdm_notebook, tnrange", "from tqdm.auto import tqdm as tqdm_notebook, trange as tnrange"),
        ("from tqdm.notebook import tqdm", "from tqdm.auto import tqdm"),
        ("from tqdm import tqdm, tqdm_notebook", "from tqdm import tqdm\nfrom tqdm.auto import tqdm as tqdm_notebook"),
        ("from tqdm import tqdm", "from tqdm import tqdm"),
        ("from tqdm import tqdm\nfor i in tqdm(range(3), nested=True):\n    pass", "from tqdm import tqdm\nfor i in tqdm(range(3)):\n    pass"),
    ),
)
class TqdmNotebook(RuleTransformer):
    def leave_Call(self, original, updated):
        # nested= (tqdm 4.x: positions are automatic) is rejected with TqdmDeprecationWarning
        if callee_name(updated) in ("tqdm", "trange", "tqdm_notebook") and "tqdm" in self.ctx.text:
            return remove_kwarg(updated, "nested")
        return updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if isinstance(updated.names, cst.ImportStar) or module not in ("tqdm", "tqdm.notebook"):
            return updated
        auto = cst.parse_expression("tqdm.auto")
        if module == "tqdm.notebook":
            return updated.with_changes(module=auto)
        bars = [a for a in updated.names if a.name.value in _NOTEBOOK_BARS]
        if not bars:
            return updated
        renamed = []
        for a in bars:
            new, local = _NOTEBOOK_BARS[a.name.value], a.asname.name.value if a.asname else a.name.value
            alias = cst.AsName(cst.Name(local)) if local != new else None
            renamed.append(cst.ImportAlias(cst.Name(new), asname=alias, comma=a.comma))
        renamed[-1] = renamed[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        rest = [a for a in updated.names if a.name.value not in _NOTEBOOK_BARS]
        if not rest:
            return updated.with_changes(module=auto, names=renamed)
        rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return cst.FlattenSentinel([updated.with_changes(names=rest), updated.with_changes(module=auto, names=renamed)])

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


# Samplers that lost n_jobs= (imbalanced-learn 0.10 deprecated it, 0.12 removed it): the k-NN ones.
_KNN_SAMPLERS = {"SMOTE", "SVMSMOTE", "BorderlineSMOTE", "KMeansSMOTE", "SMOTENC", "SMOTEN", "ADASYN"}


_SAMPLER = re.compile(r"imblearn|SMOTE|ADASYN|Sampler|NearMiss|Tomek|NearestNeighbours|ClusterCentroids|"
                      r"InstanceHardness|OneSidedSelection|NeighbourhoodCleaning|CondensedNearest|AllKNN|Ensemble")


@rule(
    "imblearn-renamed-api",
    library="imbalanced-learn",
    changed_in="imbalanced-learn 0.4-0.12",
    rationale="samplers' fit_sample became fit_resample and ratio= became sampling_strategy=; "
    "SMOTE(kind='regular') and the k-NN samplers' n_jobs= were removed (the defaults do the same).",
    needles=("fit_sample", "ratio=", "kind=", "n_jobs"),
    # ratio=, kind= and n_jobs= are common words: only cells that name a sampler
    prefilter=lambda code: "fit_sample" in code or _SAMPLER.search(code) is not None,
    signatures=(
        ("AttributeError", r"object has no attribute 'fit_sample'"),
        ("TypeError", r"unexpected keyword argument '(ratio|kind|n_jobs)'"),
    ),
    examples=(
        ("X2, y2 = SMOTE(ratio='minority', n_jobs=-1).fit_sample(X, y)",
         "X2, y2 = SMOTE(sampling_strategy='minority').fit_resample(X, y)"),
        ("from imblearn.over_sampling import SMOTE\nsm = SMOTE(kind='regular', random_state=1)",
         "from imblearn.over_sampling import SMOTE\nsm = SMOTE(random_state=1)"),
        ("rus = RandomUnderSampler(ratio=0.5, random_state=0)", "rus = RandomUnderSampler(sampling_strategy=0.5, random_state=0)"),
    ),
)
class ImblearnRenamedApi(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name == "fit_sample" and isinstance(updated.func, cst.Attribute):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("fit_resample")))
        sampler = self.ctx.imported.get(name, "").startswith("imblearn.") or name in _KNN_SAMPLERS or \
            name.endswith(("Sampler", "SMOTE", "ENN", "Tomek", "TomekLinks", "NearMiss", "ClusterCentroids"))
        if not sampler:
            return updated
        call = rename_kwarg(updated, "ratio", "sampling_strategy")
        if name == "SMOTE" and string_value(getattr(kwarg(call, "kind"), "value", None)) == "regular":
            call = remove_kwarg(call, "kind")
        if name in _KNN_SAMPLERS:
            call = remove_kwarg(call, "n_jobs")
        return call
