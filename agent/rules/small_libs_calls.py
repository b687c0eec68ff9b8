"""Smaller libraries' removed calls whose successor is more than a rename: pydash, vecstack, lime, dateutil,
tables (PyTables) and bayes_opt.

Each rewrite reads the old call's arguments by the old signature and passes them where today's puts them:
pydash 4 moved the callbacks of max_, uniq, pick, assign, ... to the *_by / *_with functions; vecstack 0.2 and
lime 0.2 inserted parameters in the middle of a signature that notebooks filled by position; dateutil's
relativedelta no longer truncates a float day or month; PyTables 3 spelled rootUEP= root_uep= (the old keyword
is swallowed by **kwargs: the file opens at '/' without a word); bayes_opt 2.0 moved the acquisition from
suggest(utility) to the optimizer's constructor.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    bool_value,
    callee_name,
    code_of,
    dotted,
    kwarg,
    make_arg,
    module_call,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .python3_rules import Importing


def _named(call: cst.Call, names: tuple[str, ...], skip: int) -> cst.Call:
    """``call`` with its positional arguments after the first ``skip`` given the ``names`` of an old signature."""
    args, at = [], 0
    for a in call.args:
        if a.keyword is None and not a.star:
            if skip <= at < skip + len(names):
                a = make_arg(names[at - skip], a.value).with_changes(comma=a.comma)
            at += 1
        args.append(a)
    return call.with_changes(args=args)


# --------------------------------------------------------------------------- pydash

# pydash 3's functions that took a callback -> pydash 4's function for that, and its keyword for the callback
_PYDASH_BY = {"max_": ("max_by", "iteratee"), "min_": ("min_by", "iteratee"), "sum_": ("sum_by", "iteratee"),
              "uniq": ("uniq_by", "iteratee"), "pick": ("pick_by", "iteratee"), "omit": ("omit_by", "iteratee"),
              "assign": ("assign_with", "customizer"), "clone": ("clone_with", "customizer"),
              "clone_deep": ("clone_deep_with", "customizer")}


def _pydash_function(call: cst.Call, ctx) -> str | None:
    """The pydash function ``call`` calls: pydash.max_(...), an imported max_(...), or through py_ / _."""
    name = module_call(call, ctx, "pydash")
    if name is None and isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name):
        if ctx.imported.get(call.func.value.value) in ("pydash.py_", "pydash._"):
            name = call.func.attr.value
    return name


@rule(
    "pydash-callbacks",
    library="pydash",
    changed_in="pydash 4.0",
    rationale="pydash 4 took the callback out of max_, min_, sum_, uniq, pick, omit (the *_by functions take it as "
    "iteratee=), assign and clone (assign_with/clone_with, customizer=), and invert's multivalue=True is "
    "invert_by (each value's list of keys; multivalue=False was invert itself): the same results by the new names.",
    pattern=r"(callback|iteratee)\s*=|invert\(",
    gate=lambda ctx, code: "pydash" in ctx.text,
    examples=(
        ("import pydash\nbest = pydash.max_(rows, callback=lambda r: r['score'])\n"
         "odd = pydash.uniq([1, 2, 3], callback=lambda x: x % 2)\nbig = pydash.pick(d, callback=lambda v: v > 1)\n"
         "groups = pydash.invert(d, multivalue=True)\nsame = pydash.invert(d, False)",
         "import pydash\nbest = pydash.max_by(rows, iteratee=lambda r: r['score'])\n"
         "odd = pydash.uniq_by([1, 2, 3], iteratee=lambda x: x % 2)\n"
         "big = pydash.pick_by(d, iteratee=lambda v: v > 1)\n"
         "groups = pydash.invert_by(d)\nsame = pydash.invert(d)"),
        ("from pydash import py_, assign\nc = py_.clone(x, callback=f)\nassign(a, b, callback=g)",
         "from pydash import assign_with\nfrom pydash import py_, assign\nc = py_.clone_with(x, customizer=f)\n"
         "assign_with(a, b, customizer=g)"),
        ("import pydash\nbest = max(rows, key=f)\nsorted_ = sorted(xs, callback=f)",
         "import pydash\nbest = max(rows, key=f)\nsorted_ = sorted(xs, callback=f)"),
    ),
)
class PydashCallbacks(Importing):
    def leave_Call(self, original, updated):
        name = _pydash_function(updated, self.ctx)
        if name == "invert":
            return self._invert(updated)
        given = kwarg(updated, "callback") or (kwarg(updated, "iteratee") if name in _PYDASH_BY else None)
        if name not in _PYDASH_BY or given is None:
            return updated
        new, keyword = _PYDASH_BY[name]
        func = updated.func
        func = func.with_changes(attr=cst.Name(new)) if isinstance(func, cst.Attribute) else \
            cst.Name(self.need_name("pydash", new))  # from pydash import assign
        return rename_kwarg(updated, given.keyword.value, keyword).with_changes(func=func)

    def _invert(self, call: cst.Call) -> cst.Call:
        given = kwarg(call, "multivalue") or (positional(call)[1] if len(positional(call)) == 2 else None)
        value = bool_value(given.value) if given is not None else None
        if value is None:
            return call
        args = [a for a in call.args if a is not given]
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        call = call.with_changes(args=args)
        if not value:
            return call
        func = call.func
        return call.with_changes(func=func.with_changes(attr=cst.Name("invert_by")) if isinstance(func, cst.Attribute)
                                 else cst.Name(self.need_name("pydash", "invert_by")))


# --------------------------------------------------------------------------- vecstack

# stacking's parameters after X_test in 0.1, which 0.2 reordered (sample_weight after X_test; mode, needs_proba
# and save_dir before metric); 0.1's behaviour is 0.2's defaults for those (mode='oof_pred_bag', labels)
_STACKING_01 = ("regression", "transform_target", "transform_pred", "metric", "n_folds", "stratified", "shuffle",
                "random_state", "verbose")


@rule(
    "vecstack-stacking-order",
    library="vecstack",
    changed_in="vecstack 0.2",
    rationale="stacking(models, X_train, y_train, X_test, regression, transform_target, transform_pred, metric, "
    "n_folds, ...) of 0.1 is read by 0.2's order, which put sample_weight after X_test and mode, needs_proba, "
    "save_dir before metric: the arguments after X_test are named by 0.1's order (a True/False fifth argument is "
    "0.1's regression; any other on the line that failed with vecstack's error), and 0.1's out-of-fold, bagged "
    "predictions are 0.2's defaults.",
    needles=("stacking(",),
    gate=lambda ctx, code: "vecstack" in ctx.text,
    signatures=(("ValueError", r"Parameter <(mode|metric|n_folds|sample_weight|regression)>"),
                ("TypeError", r"'(bool|NoneType)' object is not (subscriptable|callable)")),
    examples=(
        ("from vecstack import stacking\nS_train, S_test = stacking(models, X_train, y_train, X_test, True, None, "
         "None, mean_absolute_error, 4, False, True, 0, 2)",
         "from vecstack import stacking\nS_train, S_test = stacking(models, X_train, y_train, X_test, regression=True, "
         "transform_target=None, transform_pred=None, metric=mean_absolute_error, n_folds=4, stratified=False, "
         "shuffle=True, random_state=0, verbose=2)"),
        ("import vecstack\nS = vecstack.stacking(models, X, y, T, regression=False, n_folds=5)\n"
         "W = vecstack.stacking(models, X, y, T, weights)",
         "import vecstack\nS = vecstack.stacking(models, X, y, T, regression=False, n_folds=5)\n"
         "W = vecstack.stacking(models, X, y, T, weights)"),
    ),
)
class StackingOrder(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "vecstack") != "stacking" or any(a.star for a in updated.args):
            return updated
        pos = positional(updated)
        if not 4 < len(pos) <= 4 + len(_STACKING_01):
            return updated
        if bool_value(pos[4].value) is None and not self.on_own_error_line(original):
            return updated
        return _named(updated, _STACKING_01, 4)


# --------------------------------------------------------------------------- lime

_MASK_01 = ("positive_only", "hide_rest", "num_features", "min_weight")  # after label, until 0.2.0.0


@rule(
    "lime-image-mask-order",
    library="lime",
    changed_in="lime 0.2.0.0",
    rationale="get_image_and_mask(label, positive_only, hide_rest, num_features, min_weight) took these by "
    "position until 0.2, which put negative_only third: the arguments after the label are named by the old order "
    "where a fourth one is not True/False (0.2's hide_rest), and for three on the line that failed (both "
    "positive_only and negative_only true) or in a notebook written before 0.2. With hide_rest False the old call "
    "does not fail: it silently hides the rest (num_features lands in hide_rest), which the same naming mends.",
    needles=("get_image_and_mask(",),
    gate=lambda ctx, code: "lime" in ctx.text,
    signatures=(("ValueError", r"Positive_only and negative_only cannot be true at the same time"),),
    examples=(
        ("from lime import lime_image\n"
         "temp, mask = explanation.get_image_and_mask(explanation.top_labels[0], True, False, 5)\n"
         "t2, m2 = exp.get_image_and_mask(label, False, True, 10, 0.01)",
         "from lime import lime_image\ntemp, mask = explanation.get_image_and_mask(explanation.top_labels[0], "
         "positive_only=True, hide_rest=False, "
         "num_features=5)\n"
         "t2, m2 = exp.get_image_and_mask(label, positive_only=False, hide_rest=True, num_features=10, "
         "min_weight=0.01)"),
        # an old notebook's three (label, positive_only, hide_rest); 0.2's order where a bool comes fourth
        ("import lime\nu, n = exp.get_image_and_mask(label, True, True)\n"
         "t, m = exp.get_image_and_mask(label, True, False, False, 5)",
         "import lime\nu, n = exp.get_image_and_mask(label, positive_only=True, hide_rest=True)\n"
         "t, m = exp.get_image_and_mask(label, True, False, False, 5)"),
    ),
)
class ImageMaskOrder(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("get_image_and_mask"))) \
                or any(a.star for a in updated.args):
            return updated
        pos = positional(updated)
        if len(pos) in (4, 5):
            old = bool_value(pos[3].value) is None  # 0.1's num_features, not 0.2's hide_rest
        elif len(pos) == 3:
            old = self.ctx.written_before("2020-04") or self.on_own_error_line(original)
        else:
            old = False
        return _named(updated, _MASK_01, 1) if old else updated


@rule(
    "lime-show-in-notebook",
    library="lime",
    changed_in="IPython 9.0 (lime 0.2.0.1, its last release, imports display from IPython.core.display)",
    rationale="an explanation's show_in_notebook() imports display from IPython.core.display, which IPython 9 "
    "removed, so it fails inside lime with ImportError; it displayed the explanation's as_html() with the same "
    "arguments, which IPython.display's display(HTML(...)) does today.",
    needles=("show_in_notebook(",),
    gate=lambda ctx, code: "lime" in ctx.text,
    signatures=(("ImportError", r"cannot import name 'display' from 'IPython.core.display'"),),
    examples=(
        ("from lime.lime_text import LimeTextExplainer\nexp.show_in_notebook(text=True)",
         "from IPython.display import HTML\nfrom IPython.display import display\n"
         "from lime.lime_text import LimeTextExplainer\ndisplay(HTML(exp.as_html(text=True)))"),
        ("import lime\nexplainer.explain_instance(row, f).show_in_notebook(show_table=True, show_all=False)",
         "from IPython.display import HTML\nfrom IPython.display import display\nimport lime\n"
         "display(HTML(explainer.explain_instance(row, f).as_html(show_table=True, show_all=False)))"),
        ("import lime\nshown = exp.show_in_notebook()", "import lime\nshown = exp.show_in_notebook()"),  # a value
    ),
)
class ShowInNotebook(Importing):
    def leave_Expr(self, original, updated):
        call = updated.value
        if not m.matches(call, m.Call(func=m.Attribute(attr=m.Name("show_in_notebook")))):
            return updated
        html = call.with_changes(func=call.func.with_changes(attr=cst.Name("as_html")))
        shown = cst.Call(cst.Name(self.need_name("IPython.display", "HTML")), [cst.Arg(html)])
        return updated.with_changes(value=cst.Call(cst.Name(self.need_name("IPython.display", "display")),
                                                   [cst.Arg(shown)]))


# --------------------------------------------------------------------------- dateutil

_ABSOLUTE = ("year", "month", "day", "hour", "minute", "second", "microsecond")


def _float_valued(node: cst.BaseExpression) -> bool:
    """An expression that is evidently a float: a float literal, a true division, float(...)."""
    return bool(m.findall(node, m.Float() | m.BinaryOperation(operator=m.Divide()) | m.Call(func=m.Name("float"))))


@rule(
    "dateutil-relativedelta-int",
    library="dateutil",
    changed_in="dateutil 2.7 (deprecated), Python 3.10 (date.replace refuses floats)",
    rationale="relativedelta(day=1.5) kept the float and date.replace truncated it when the delta was added; "
    "today's replace refuses it: the absolute field is passed as int(...), the same truncation. Wherever the value "
    "is evidently a float (a float literal, a division, float()), any other on the line that failed adding it.",
    needles=("relativedelta(",),
    gate=lambda ctx, code: "dateutil" in ctx.text,
    signatures=(("TypeError", r"'(numpy\.)?float(\d+)?' object cannot be interpreted as an integer"),),
    examples=(
        ("from dateutil.relativedelta import relativedelta\nend = start + relativedelta(day=31.0, months=+1)\n"
         "mid = relativedelta(day=n / 2)\nkeep = relativedelta(day=1, hour=h)",
         "from dateutil.relativedelta import relativedelta\nend = start + relativedelta(day=int(31.0), months=+1)\n"
         "mid = relativedelta(day=int(n / 2))\nkeep = relativedelta(day=1, hour=h)"),
    ),
)
class RelativedeltaInt(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if callee_name(updated) != "relativedelta":
            return updated
        on_error = self.on_own_error_line(original)
        args = []
        for a in updated.args:
            value = a.value
            if a.keyword is not None and a.keyword.value in _ABSOLUTE and not isinstance(value, cst.Integer) and not (
                    isinstance(value, cst.Call) and callee_name(value) == "int") and (on_error or _float_valued(value)):
                a = a.with_changes(value=cst.Call(cst.Name("int"), [cst.Arg(value)]))
            args.append(a)
        return updated.with_changes(args=args)


# --------------------------------------------------------------------------- tables


@rule(
    "tables-open-file-root-uep",
    library="tables",
    changed_in="PyTables 3.0",
    rationale="open_file's rootUEP= is spelled root_uep= since 3.0; the old keyword goes into **kwargs without a "
    "word and the file opens at '/': renamed in every tables.open_file (and openFile) call, it opens at the group "
    "asked for again.",
    needles=("rootUEP",),
    gate=lambda ctx, code: "tables" in ctx.text,
    examples=(
        ("import tables as tb\nh5 = tb.open_file(path, mode='r', rootUEP='/data')\n"
         "with tables.open_file(p, 'r', rootUEP=group) as f:\n    pass",
         "import tables as tb\nh5 = tb.open_file(path, mode='r', root_uep='/data')\n"
         "with tables.open_file(p, 'r', root_uep=group) as f:\n    pass"),
        ("from tables import open_file\nf = open_file(p, rootUEP='/g')\ng = other.open_file(p, rootUEP='/g')",
         "from tables import open_file\nf = open_file(p, root_uep='/g')\ng = other.open_file(p, rootUEP='/g')"),
    ),
)
class OpenFileRootUep(RuleTransformer):
    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "tables") not in ("open_file", "openFile"):
            return updated
        return rename_kwarg(updated, "rootUEP", "root_uep")


# --------------------------------------------------------------------------- bayes_opt

# UtilityFunction(kind, kappa, xi) of 1.x -> the acquisition class of 2.0 and the one parameter its kind reads
_UTILITY_CLASSES = {"ucb": ("UpperConfidenceBound", "kappa"), "ei": ("ExpectedImprovement", "xi"),
                    "poi": ("ProbabilityOfImprovement", "xi")}
_UTILITY_ORDER = ("kind", "kappa", "xi")
_ARGS = r"((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)"  # a call's arguments, two levels of parentheses deep


def _utility(call: cst.Call) -> tuple[str, str, str] | None:
    """(class, parameter, value code) of ``UtilityFunction(kind='ucb', kappa=2.5, xi=0.0)``; None for a form not
    read here (kappa_decay's schedule other than none, an unknown kind)."""
    if any(a.star for a in call.args):
        return None
    given = {a.keyword.value if a.keyword else _UTILITY_ORDER[i]: a.value
             for i, a in enumerate(call.args) if a.keyword or i < len(_UTILITY_ORDER)}
    if len(given) != len(call.args) or set(given) - {*_UTILITY_ORDER, "kappa_decay", "kappa_decay_delay"}:
        return None
    decay = given.get("kappa_decay")
    if decay is not None and code_of(decay) not in ("1", "1.0"):
        return None
    kind = string_value(given["kind"]) if "kind" in given else None
    if kind not in _UTILITY_CLASSES or _UTILITY_CLASSES[kind][1] not in given:
        return None
    cls, param = _UTILITY_CLASSES[kind]
    return cls, param, code_of(given[param])


def _utilities(text: str) -> dict[str, set]:
    """What each optimizer's suggest(u) / maximize(acquisition_function=u) is given, u a name bound to a
    UtilityFunction(...) or the call itself: {optimizer: {(class, parameter, value) or None}}."""
    bound: dict[str, set] = {}
    for name, args in re.findall(rf"(?m)^[ \t]*(\w+)\s*=\s*(?:[\w.]+\.)?UtilityFunction\({_ARGS}\)", text):
        bound.setdefault(name, set()).add(_parsed_utility(args))
    given: dict[str, set] = {}
    for owner, call, args in re.findall(rf"\b(\w+)\.(suggest|maximize)\({_ARGS}\)", text):
        found = re.search(r"(?:acquisition_function\s*=\s*)?(?:[\w.]+\.)?UtilityFunction\(" + _ARGS + r"\)", args)
        if call == "suggest" and found:
            chosen = {_parsed_utility(found.group(1))}
        else:
            name = args.strip() if call == "suggest" else next(
                iter(re.findall(r"acquisition_function\s*=\s*(\w+)", args)), None)
            if name is None:
                continue
            chosen = bound.get(name, {None})
        given.setdefault(owner, set()).update(chosen)
    return given


def _parsed_utility(args: str) -> tuple[str, str, str] | None:
    try:
        return _utility(cst.parse_expression(f"UtilityFunction({args})"))
    except cst.ParserSyntaxError:
        return None


@rule(
    "bayes-opt-utility-function",
    library="bayesian-optimization",
    changed_in="bayesian-optimization 2.0",
    rationale="UtilityFunction(kind, kappa, xi) given to suggest() (or to 1.4's maximize(acquisition_function=)) "
    "became an acquisition object given to the optimizer's constructor: UpperConfidenceBound(kappa), "
    "ExpectedImprovement(xi), ProbabilityOfImprovement(xi), which score the Gaussian process' points by the same "
    "formulas. Where every suggest of an optimizer the notebook builds agrees on one, the constructor gets it and "
    "suggest() is called bare; each UtilityFunction(...) becomes its acquisition object.",
    pattern=r"UtilityFunction|\.suggest\(|\.maximize\(|BayesianOptimization\(",
    gate=lambda ctx, code: "UtilityFunction" in ctx.text,
    signatures=(("ImportError", r"cannot import name 'UtilityFunction' from 'bayes_opt"),),
    examples=(
        ("from bayes_opt import BayesianOptimization, UtilityFunction\n"
         "optimizer = BayesianOptimization(f=None, pbounds={'x': (-2, 2)}, verbose=2, random_state=1)\n"
         "utility = UtilityFunction(kind='ucb', kappa=2.5, xi=0.0)\nfor _ in range(5):\n"
         "    point = optimizer.suggest(utility)\n    optimizer.register(params=point, target=f(**point))",
         "from bayes_opt import acquisition\nfrom bayes_opt import BayesianOptimization\n"
         "optimizer = BayesianOptimization(f=None, pbounds={'x': (-2, 2)}, verbose=2, random_state=1, "
         "acquisition_function=acquisition.UpperConfidenceBound(kappa=2.5))\n"
         "utility = acquisition.UpperConfidenceBound(kappa=2.5)\nfor _ in range(5):\n"
         "    point = optimizer.suggest()\n    optimizer.register(params=point, target=f(**point))"),
        ("import bayes_opt\nbo = bayes_opt.BayesianOptimization(f, b)\n"
         "nxt = bo.suggest(bayes_opt.UtilityFunction('ei', 0, 1e-2))",
         "from bayes_opt import acquisition\nimport bayes_opt\nbo = bayes_opt.BayesianOptimization(f, b, "
         "acquisition_function=acquisition.ExpectedImprovement(xi=1e-2))\nnxt = bo.suggest()"),
        # two utilities for one optimizer: no single acquisition to give its constructor
        ("from bayes_opt import BayesianOptimization, UtilityFunction\nbo = BayesianOptimization(f, b)\n"
         "a = bo.suggest(UtilityFunction('ucb', 5, 0))\nc = bo.suggest(UtilityFunction('ei', 0, 0.1))",
         "from bayes_opt import BayesianOptimization, UtilityFunction\nbo = BayesianOptimization(f, b)\n"
         "a = bo.suggest(UtilityFunction('ucb', 5, 0))\nc = bo.suggest(UtilityFunction('ei', 0, 0.1))"),
    ),
)
class UtilityFunctionMoved(Importing):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        built = set(re.findall(r"(?m)^[ \t]*(\w+)\s*=\s*(?:[\w.]+\.)?BayesianOptimization\(", ctx.text))
        given = _utilities(ctx.text)
        self.moved = {owner: chosen.pop() for owner, chosen in given.items()
                      if owner in built and len(chosen) == 1 and None not in chosen}
        # all or nothing: a utility left to an optimizer whose constructor cannot take it keeps the old spelling
        self.active = bool(self.moved) and len(self.moved) == len(given)
        self.dropped: set[int] = set()  # the UtilityFunction(...) calls written inside a suggest() that loses them

    def _acquisition(self, chosen: tuple[str, str, str]) -> cst.BaseExpression:
        cls, param, value = chosen
        return cst.parse_expression(f"{self.need_name('bayes_opt', 'acquisition')}.{cls}({param}={value})")

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        call = updated.value
        if not (self.active and isinstance(target, cst.Name) and target.value in self.moved
                and isinstance(call, cst.Call)
                and callee_name(call) == "BayesianOptimization" and kwarg(call, "acquisition_function") is None):
            return updated
        return updated.with_changes(value=add_kwarg(call, "acquisition_function",
                                                    self._acquisition(self.moved[target.value])))

    def visit_Call(self, node):
        func = node.func
        if m.matches(func, m.Attribute(value=m.Name(), attr=m.Name("suggest"))) and func.value.value in self.moved:
            self.dropped.update(id(a.value) for a in node.args)

    def leave_Call(self, original, updated):
        if not self.active:
            return updated
        func = updated.func
        owner = func.value.value if m.matches(func, m.Attribute(value=m.Name())) else None
        if owner in self.moved and func.attr.value == "suggest" and len(updated.args) == 1:
            return updated.with_changes(args=[])
        if owner in self.moved and func.attr.value == "maximize":
            return remove_kwarg(updated, "acquisition_function")
        if callee_name(updated) == "UtilityFunction" and id(original) not in self.dropped:
            chosen = _utility(updated)
            return updated if chosen is None else self._acquisition(chosen)
        return updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if not self.active or module not in ("bayes_opt", "bayes_opt.util") \
                or isinstance(updated.names, cst.ImportStar):
            return updated
        kept = [a for a in updated.names if a.name.value != "UtilityFunction"]
        if len(kept) == len(updated.names):
            return updated
        if not kept:
            return cst.RemoveFromParent()
        return updated.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
