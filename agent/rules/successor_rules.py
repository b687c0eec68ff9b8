"""Removed APIs whose successor computes the same value under another spelling: statsmodels' AR, xgboost's
best_iteration without early stopping, gensim 3's model.vocabulary.

- ``AR(x).fit(maxlag=k)`` (conditional MLE, the default method, and no ``ic=``) is the OLS regression of x on a
  constant and its first k lags: ``AutoReg(x, lags=k).fit()`` fits exactly that; without maxlag the old lag
  count was ``round(12 * (nobs / 100) ** (1 / 4))``, written out; ``trend='nc'`` is ``trend='n'``. A fitted
  result's ``k_ar`` is the number of lags.
- xgboost before 2.0 set ``best_iteration`` to the last round when early stopping was not used (the booster's
  ``num_boosted_rounds() - 1``); the failing line reads that instead.
- gensim 4 moved the attributes of ``model.vocabulary`` (min_count, sample, cum_table, raw_vocab, ...) onto
  the model itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    GENSIM_MODELS,
    RuleTransformer,
    callee_name,
    code_of,
    dotted,
    kwarg,
    make_arg,
    positional,
    rule,
)

# --------------------------------------------------------------------------- statsmodels AR

_AR_MODULES = ("statsmodels.tsa.ar_model", "statsmodels.tsa.api", "statsmodels.api.tsa", "statsmodels.tsa")
_AR_FIT_ARGS = ("maxlag", "method", "ic", "trend", "transparams", "start_params", "solver", "maxiter", "full_output",
                "disp", "callback")
_AR_CALL = r"(?<![\w.])(?:[\w.]+\.)?AR\((?:[^()]|\([^()]*\))*\)"
_DEFAULT_LAGS = "int(round(12 * (len({x}) / 100.0) ** (1 / 4.0)))"


def _fit_plan(args: list[tuple[str | None, str]]) -> dict | None:
    """What an old AR.fit(...) asked for, from its (keyword, code) arguments: {'lags': code or None, 'trend': 'c'|'n'};
    None when the call cannot be written with AutoReg (ic=, method='mle', a start or solver for MLE, **kwargs)."""
    plan: dict = {"lags": None, "trend": "c"}
    for i, (key, value) in enumerate(args):
        if key is None and i == 0:
            key = "maxlag"
        if key == "maxlag":
            plan["lags"] = None if value == "None" else value
        elif key == "method":
            if value.strip("'\"") != "cmle":
                return None
        elif key == "ic":
            if value != "None":
                return None
        elif key == "trend":
            trend = value.strip("'\"")
            if trend not in ("c", "nc") or trend == value:
                return None
            plan["trend"] = "n" if trend == "nc" else "c"
        elif key not in ("disp", "transparams", "full_output", "solver", "maxiter", "callback"):
            return None  # start_params, positional beyond maxlag, **kwargs
    return plan


def _split_args(text: str) -> list[tuple[str | None, str]] | None:
    if not text.strip():
        return []
    parts = []
    for part in re.split(r",(?![^()\[\]]*[)\]])", text):
        part = part.strip()
        if not part:
            continue
        if part.startswith("*"):
            return None
        key, eq, value = part.partition("=")
        parts.append((key.strip(), value.strip()) if eq and re.fullmatch(r"\s*\w+\s*", key) else (None, part))
    return parts


@lru_cache(maxsize=16)
def _ar_notebook(text: str) -> tuple[dict[str, dict], frozenset[str], bool]:
    """(model name -> fit plan, names holding fitted results, whether every AR in the notebook can be rewritten)."""
    models: dict[str, dict] = {}
    ok = True
    for name in set(re.findall(rf"(?m)^[ \t]*(\w+)\s*=\s*{_AR_CALL}\s*$", text)):
        fits = re.findall(rf"\b{re.escape(name)}\.fit\(((?:[^()]|\([^()]*\))*)\)", text)
        plans = [_fit_plan(args) if (args := _split_args(f)) is not None else None for f in fits]
        if len(plans) != 1 or plans[0] is None:
            ok = False
            continue
        models[name] = plans[0]
    for args in re.findall(rf"{_AR_CALL}\.fit\(((?:[^()]|\([^()]*\))*)\)", text):
        split = _split_args(args)
        if split is None or _fit_plan(split) is None:
            ok = False
    chained = len(re.findall(rf"{_AR_CALL}\.fit\(", text))
    if len(re.findall(r"(?<![\w.])AR\(|\.AR\(", text)) != len(models) + chained:
        ok = False  # an AR made or used some other way
    receivers = "|".join([*map(re.escape, models), _AR_CALL])
    results = frozenset(re.findall(rf"(\w+)\s*=\s*(?:{receivers})\.fit\(", text))
    return models, results, ok


@rule(
    "statsmodels-ar",
    library="statsmodels",
    changed_in="statsmodels 0.13 (AR deprecated in 0.11)",
    rationale="AR was replaced by AutoReg, which takes the lags in the model: AR(x).fit(maxlag=k) (conditional "
    "MLE, the default, without ic=) is the same OLS fit of x on a constant and k lags as AutoReg(x, lags=k).fit(); "
    "without maxlag the old default round(12 * (nobs / 100) ** (1 / 4)) is written out, trend='nc' is trend='n', "
    "and a result's k_ar is its number of lags. Lag selection (ic=) and exact MLE (method='mle') are left alone.",
    needles=("AR(", "k_ar", "ar_model"),
    gate=lambda ctx, code: "AR(" in ctx.text and "statsmodels" in ctx.text,
    signatures=(("NotImplementedError", r"AR has been removed from statsmodels"),),
    examples=(
        ("from statsmodels.tsa.ar_model import AR\nmodel = AR(train)\nmodel_fit = model.fit(maxlag=5, disp=False)\n"
         "print('Lag: %s' % model_fit.k_ar)",
         "from statsmodels.tsa.ar_model import AutoReg\nmodel = AutoReg(train, lags=5)\nmodel_fit = model.fit()\n"
         "print('Lag: %s' % len(model_fit.ar_lags or ()))"),
        ("import statsmodels.api as sm\nres = sm.tsa.AR(y).fit(3, trend='nc')\np = res.predict(start=len(y), end=len(y) + 5)",
         "import statsmodels.api as sm\nres = sm.tsa.AutoReg(y, lags=3, trend='n').fit()\np = res.predict(start=len(y), end=len(y) + 5)"),
        ("from statsmodels.tsa.ar_model import AR\nr = AR(df.value).fit()",
         "from statsmodels.tsa.ar_model import AutoReg\nr = AutoReg(df.value, lags=int(round(12 * (len(df.value) / 100.0) ** (1 / 4.0)))).fit()"),
        ("from statsmodels.tsa.ar_model import AR\nr = AR(x).fit(maxlag=10, ic='aic')",
         "from statsmodels.tsa.ar_model import AR\nr = AR(x).fit(maxlag=10, ic='aic')"),
    ),
)
class StatsmodelsAR(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.models, self.results, self.ok = _ar_notebook(ctx.text)
        self.ar = {local for local, full in ctx.imported.items() if full == "statsmodels.tsa.ar_model.AR"}

    def visit_Module(self, node):
        return self.ok

    def _is_ar(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Name):
            return func.value in self.ar
        name = dotted(func) or ""
        owner, _, last = name.rpartition(".")
        head, _, rest = owner.partition(".")
        full = ".".join(filter(None, [self.ctx.imported.get(head, head), rest]))
        return last == "AR" and full in _AR_MODULES

    def _autoreg(self, call: cst.Call, plan: dict) -> cst.Call | None:
        pos = positional(call)
        if len(pos) != 1 or len(call.args) - (kwarg(call, "missing") is not None) != 1:
            return None  # dates=, freq=: AutoReg reads the index of a pandas series instead
        endog = pos[0].value
        lags = plan["lags"]
        if lags is None:
            if not m.matches(endog, m.Name() | m.Attribute() | m.Subscript()):
                return None
            lags = _DEFAULT_LAGS.format(x=code_of(endog))
        func = call.func
        func = cst.Name("AutoReg" if func.value == "AR" else func.value) if isinstance(func, cst.Name) \
            else func.with_changes(attr=cst.Name("AutoReg"))
        args = [pos[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), make_arg("lags", lags)]
        if plan["trend"] == "n":
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            args.append(make_arg("trend", "'n'"))
        rest = [a for a in call.args if a is not pos[0]]
        if rest:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return call.with_changes(func=func, args=[*args, *rest])

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or dotted(updated.module) != "statsmodels.tsa.ar_model" \
                or isinstance(updated.names, cst.ImportStar):
            return updated
        return updated.with_changes(names=[a.with_changes(name=cst.Name("AutoReg")) if a.name.value == "AR" else a
                                           for a in updated.names])

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if isinstance(target, cst.Name) and target.value in self.models and isinstance(updated.value, cst.Call) \
                and self._is_ar(original.value.func):
            new = self._autoreg(updated.value, self.models[target.value])
            if new is not None:
                return updated.with_changes(value=new)
        return updated

    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(attr=m.Name("fit"))):
            return updated
        receiver = original.func.value
        if isinstance(receiver, cst.Name) and receiver.value in self.models:
            return updated.with_changes(args=[])
        if isinstance(receiver, cst.Call) and self._is_ar(receiver.func):
            split = [(a.keyword.value if a.keyword else None, code_of(a.value)) for a in updated.args if not a.star]
            plan = _fit_plan(split) if len(split) == len(updated.args) else None
            new = self._autoreg(func.value, plan) if plan is not None else None
            if new is not None:
                return updated.with_changes(func=func.with_changes(value=new), args=[])
        return updated

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "k_ar" and isinstance(updated.value, cst.Name) and updated.value.value in self.results:
            return cst.parse_expression(f"len({updated.value.value}.ar_lags or ())")
        return updated


# --------------------------------------------------------------------------- xgboost best_iteration


@rule(
    "xgboost-best-iteration-without-early-stopping",
    library="xgboost",
    changed_in="xgboost 2.0",
    rationale="without early stopping, best_iteration was the last boosting round (xgboost 1.x set it to "
    "num_boosted_rounds() - 1 for compatibility); 2.0 raises instead. On the failing line it is read from the "
    "booster: model.get_booster().num_boosted_rounds() - 1 for the scikit-learn models, "
    "bst.num_boosted_rounds() - 1 for a Booster.",
    kind="error",
    signatures=(("AttributeError", r"`best_iteration` is only defined when early stopping is used"),),
    examples=(
        ("model = xgb.XGBRegressor(n_estimators=300)\nmodel.fit(X, y)\nprint(model.best_iteration)",
         "model = xgb.XGBRegressor(n_estimators=300)\nmodel.fit(X, y)\nprint((model.get_booster().num_boosted_rounds() - 1))"),
        ("bst = xgb.train(params, dtrain, 100)\npred = bst.predict(dtest, iteration_range=(0, bst.best_iteration + 1))",
         "bst = xgb.train(params, dtrain, 100)\npred = bst.predict(dtest, iteration_range=(0, (bst.num_boosted_rounds() - 1) + 1))"),
        ("n = thing.best_iteration", "n = thing.best_iteration"),
    ),
)
class XgboostBestIteration(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "best_iteration" or self.off_error_line(original):
            return updated
        owner = code_of(updated.value)  # written once below: any receiver, a fit(...) chain too
        name = owner if isinstance(updated.value, cst.Name) else None
        if name and self.ctx.models.get(name, "").startswith("XGB"):
            wrapper = True
        elif name and re.search(rf"\b{re.escape(name)}\s*=\s*(?:xgb|xgboost)\.train\(", self.ctx.text):
            wrapper = False
        elif self.ctx.error is not None and "xgboost" in self.ctx.error.traceback:
            # the scikit-learn models' property reads their booster's: only then is xgboost/sklearn.py on the stack
            wrapper = re.search(r"xgboost[/\\]sklearn\.py", self.ctx.error.traceback) is not None
        else:
            return updated
        rounds = f"{owner}.get_booster().num_boosted_rounds()" if wrapper else f"{owner}.num_boosted_rounds()"
        return cst.parse_expression(f"({rounds} - 1)")


# --------------------------------------------------------------------------- gensim model.vocabulary

# Word2VecVocab's attributes (gensim 3.x), each on the model itself in gensim 4
_VOCABULARY_ATTRS = {"min_count", "sample", "sorted_vocab", "null_word", "cum_table", "raw_vocab", "max_vocab_size",
                     "max_final_vocab", "ns_exponent", "effective_min_count"}


@rule(
    "gensim-model-vocabulary",
    library="gensim",
    changed_in="gensim 4.0",
    rationale="the model's vocabulary object (Word2VecVocab) was folded into the model: model.vocabulary.min_count, "
    "sample, cum_table, raw_vocab, sorted_vocab, max_vocab_size, max_final_vocab, ns_exponent are attributes of "
    "the model, holding the same values.",
    needles=(".vocabulary.",),
    signatures=(("AttributeError", r"object has no attribute 'vocabulary'"),),
    examples=(
        ("model = Word2Vec(sents, min_count=3)\nprint(model.vocabulary.min_count, model.vocabulary.sample)",
         "model = Word2Vec(sents, min_count=3)\nprint(model.min_count, model.sample)"),
        ("import gensim\nt = w2v.vocabulary.cum_table", "import gensim\nt = w2v.cum_table"),
        ("v = tfidf.vocabulary.get('a')\nn = self.vocabulary.min_count", "v = tfidf.vocabulary.get('a')\nn = self.vocabulary.min_count"),
        ("import gensim\nn = models['w2v'].vocabulary.min_count", "import gensim\nn = models['w2v'].vocabulary.min_count"),
        ("from gensim.models import Word2Vec\nn = Word2Vec(sents).vocabulary.min_count",
         "from gensim.models import Word2Vec\nn = Word2Vec(sents).min_count"),
    ),
)
class GensimVocabulary(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.gensim = "gensim" in ctx.text
        self.named = self.own_error_type in GENSIM_MODELS  # the message names a gensim model: any holder of it

    def leave_Attribute(self, original, updated):
        owner = updated.value
        if updated.attr.value not in _VOCABULARY_ATTRS \
                or not m.matches(owner, m.Attribute(attr=m.Name("vocabulary"))):
            return updated
        model = owner.value
        # the model is written once either way, so a model built in place (chained) is as safe as a name
        if isinstance(model, cst.Name) and (self.ctx.models.get(model.value) in GENSIM_MODELS
                                            or self.gensim and model.value != "self") \
                or isinstance(model, cst.Call) and callee_name(model) in GENSIM_MODELS \
                or self.named and self.on_error_line(original):
            return updated.with_changes(value=model)
        return updated

