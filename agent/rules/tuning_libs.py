"""hyperopt 0.2.7, bayesian-optimization 1.0-2.0 and optuna 3-5: removed APIs with exact successors.

- hyperopt 0.2.7 draws from a ``numpy.random.Generator``: ``fmin(rstate=np.random.RandomState(s))`` fails.
- bayesian-optimization 1.0 renamed ``explore`` to ``probe`` and ``res['max']`` to ``max``; 2.0 moved the
  acquisition (``acq``/``kappa``/``xi`` of ``maximize``) to the constructor's ``acquisition_function``.
- optuna 3.0 removed ``optuna.structs``; 5.0 made ``suggest_int``'s step/log and ``create_study``'s and
  ``load_study``'s arguments keyword-only.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    make_arg,
    module_call,
    plain_reference,
    positional,
    rule,
    split_import_from,
    statement_like,
)
from .python3_rules import Importing

# --------------------------------------------------------------------------- hyperopt


@rule(
    "hyperopt-rstate-generator",
    library="hyperopt",
    changed_in="hyperopt 0.2.7",
    rationale="fmin draws its seeds with rstate.integers: a numpy Generator, not a RandomState. "
    "np.random.RandomState(s) becomes np.random.default_rng(s): as reproducible, but another random stream, so "
    "the trials differ from the ones the author saw.",
    pattern=r"rstate\s*=",
    signatures=(("AttributeError", r"'numpy\.random\.mtrand\.RandomState' object has no attribute 'integers'"),),
    examples=(
        (("import numpy as np\nfrom hyperopt import fmin, tpe\nbest = fmin(f, space, algo=tpe.suggest, max_evals=20, "
         "rstate=np.random.RandomState(42))"),
         ("import numpy as np\nfrom hyperopt import fmin, tpe\nbest = fmin(f, space, algo=tpe.suggest, max_evals=20, "
         "rstate=np.random.default_rng(42))")),
        ("import hyperopt\nfrom numpy.random import RandomState\nbest = hyperopt.fmin(f, s, rstate=RandomState(1))",
         ("import numpy\nimport hyperopt\nfrom numpy.random import RandomState\n"
         "best = hyperopt.fmin(f, s, rstate=numpy.random.default_rng(1))")),
        ("import numpy as np\nbest = fmin(f, s, rstate=np.random.default_rng(1))\nrs = np.random.RandomState(0)",
         "import numpy as np\nbest = fmin(f, s, rstate=np.random.default_rng(1))\nrs = np.random.RandomState(0)"),
    ),
)
class HyperoptRstate(Importing):
    def leave_Arg(self, original, updated):
        value = updated.value
        if updated.keyword is None or updated.keyword.value != "rstate" or not isinstance(value, cst.Call) \
                or "hyperopt" not in self.ctx.text:
            return updated
        if module_call(value, self.ctx, "numpy.random") == "RandomState" or (
                isinstance(value.func, cst.Attribute) and dotted(value.func) in {
                    f"{np}.random.RandomState" for np in self.ctx.module_names("numpy") | {"numpy"}}):
            numpy = self.need("numpy")
            return updated.with_changes(value=value.with_changes(func=cst.parse_expression(f"{numpy}.random.default_rng")))
        return updated


# --------------------------------------------------------------------------- bayesian-optimization

_ACQ_KEYWORDS = ("acq", "kappa", "xi")
_MAXIMIZE_OWN = ("init_points", "n_iter")
_ACQ_CLASSES = {"ucb": ("UpperConfidenceBound", "kappa", "2.576"), "ei": ("ExpectedImprovement", "xi", "0.0"),
                "poi": ("ProbabilityOfImprovement", "xi", "0.0")}  # 1.x's defaults: kappa 2.576, xi 0.0


def _maximize_calls(ctx: Context, owner: str) -> list[cst.Call]:
    calls = []
    for found in re.finditer(rf"\b{re.escape(owner)}\.maximize\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)", ctx.text):
        try:
            calls.append(cst.parse_expression(f"maximize({found.group(1)})"))
        except cst.ParserSyntaxError:
            return []
    return calls


def _acquisition(call: cst.Call) -> tuple[str, str, str] | None:
    """(class, parameter, value code) the old maximize(acq=, kappa=, xi=) chose; None for a form not read here
    (a third positional argument, 1.2's kappa_decay schedule, 1.4's acquisition_function=UtilityFunction)."""
    if len(positional(call)) > 2 or any(kwarg(call, k) for k in ("kappa_decay", "kappa_decay_delay",
                                                                  "acquisition_function")):
        return None
    given = {a.keyword.value: a.value for a in call.args if a.keyword and a.keyword.value in _ACQ_KEYWORDS}
    kind = given.get("acq")
    kind_name = "ucb" if kind is None else (kind.evaluated_value if isinstance(kind, cst.SimpleString) else None)
    if kind_name not in _ACQ_CLASSES:
        return None
    cls, param, default = _ACQ_CLASSES[kind_name]
    return cls, param, code_of(given[param]) if param in given else default


def _moved_acquisition(ctx: Context, owner: str) -> tuple[str, str, str] | None:
    """The acquisition every maximize of ``owner`` asked for, when they agree and the notebook builds ``owner``."""
    calls = [c for c in _maximize_calls(ctx, owner) if any(kwarg(c, k) for k in _ACQ_KEYWORDS)]
    chosen = {_acquisition(c) for c in calls}
    built = re.search(rf"\b{re.escape(owner)}\s*=\s*(?:[\w.]+\.)?BayesianOptimization\(", ctx.text)
    return chosen.pop() if len(chosen) == 1 and None not in chosen and built else None


@rule(
    "bayes-opt-acquisition",
    library="bayesian-optimization",
    changed_in="bayesian-optimization 1.0 (explore, initialize, res['max']) and 2.0 (maximize's acq, kappa, xi)",
    rationale="maximize(acq=, kappa=, xi=) became the constructor's acquisition_function (UpperConfidenceBound(kappa), "
    "ExpectedImprovement(xi), ProbabilityOfImprovement(xi), with 1.x's defaults kappa=2.576, xi=0.0); maximize's "
    "Gaussian-process keywords are set_gp_params; explore(points) queues each point with probe(lazy=True) "
    "(eager: lazy=False); initialize(points) is register(params, target) per point, initialize_df(frame) the "
    "same per row (its columns of the bounds' keys); res['max']['max_val'] / "
    "['max_params'] is max['target'] / ['params'].",
    pattern=r"\.(maximize|explore|initialize|initialize_df)\(|\.res\[|BayesianOptimization\(",
    signatures=(("TypeError", r"maximize\(\) got an unexpected keyword argument|list indices must be integers"),
                ("AttributeError", r"'BayesianOptimization' object has no attribute '(explore|initialize|initialize_df)'")),
    examples=(
        (("from bayes_opt import BayesianOptimization\nbo = BayesianOptimization(f, {'x': (0, 1)}, random_state=1)\n"
         "bo.maximize(init_points=3, n_iter=5, acq='ei', xi=0.01, alpha=1e-3)\nbest = bo.res['max']['max_params']"),
         ("from bayes_opt import acquisition\nfrom bayes_opt import BayesianOptimization\n"
         "bo = BayesianOptimization(f, {'x': (0, 1)}, random_state=1, acquisition_function=acquisition."
         "ExpectedImprovement(xi=0.01))\nbo.set_gp_params(alpha=1e-3)\nbo.maximize(init_points=3, n_iter=5)\n"
         "best = bo.max['params']")),
        (("def tune():\n    opt = BayesianOptimization(f, bounds)\n    opt.explore({'x': [0.1, 0.9]})\n"
         "    opt.initialize(seen)\n    opt.maximize(5, 10, acq='ucb')\n    return opt.res['max']['max_val']"),
         ("from bayes_opt import acquisition\ndef tune():\n    opt = BayesianOptimization(f, bounds, acquisition_function="
         "acquisition.UpperConfidenceBound(kappa=2.576))\n    for values in zip(*{'x': [0.1, 0.9]}.values()):\n"
         "        opt.probe(dict(zip({'x': [0.1, 0.9]}, values)), lazy=True)\n"
         "    for i, target in enumerate(seen['target']):\n        opt.register(params={k: v[i] for k, v in seen.items() "
         "if k != 'target'}, target=target)\n    opt.maximize(5, 10)\n    return opt.max['target']")),
        ("bo = BayesianOptimization(f, b)\nbo.initialize_df(tried)",
         "bo = BayesianOptimization(f, b)\nfor _, row_ in tried.iterrows():\n"
         "    bo.register(params={k: row_[k] for k in bo.space.keys}, target=row_['target'])"),
        ("BayesianOptimization(f, b, verbose=0).maximize(init_points=2, n_iter=4, acq='ucb', kappa=5)",
         "from bayes_opt import acquisition\nBayesianOptimization(f, b, verbose=0, acquisition_function=acquisition."
         "UpperConfidenceBound(kappa=5)).maximize(init_points=2, n_iter=4)"),
        ("bo = BayesianOptimization(f, b)\nbo.maximize(n_iter=2, acq='ei')\nbo.maximize(n_iter=2, acq='ucb')",
         "bo = BayesianOptimization(f, b)\nbo.maximize(n_iter=2, acq='ei')\nbo.maximize(n_iter=2, acq='ucb')"),
    ),
)
class BayesOptAcquisition(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if not (isinstance(target, cst.Name) and isinstance(updated.value, cst.Call)
                and callee_name(updated.value) == "BayesianOptimization"
                and kwarg(updated.value, "acquisition_function") is None):
            return updated
        chosen = _moved_acquisition(self.ctx, target.value)
        return updated if chosen is None else updated.with_changes(value=self._built_with(updated.value, chosen))

    def _built_with(self, constructor: cst.Call, chosen: tuple[str, str, str]) -> cst.Call:
        """``BayesianOptimization(...)`` given the acquisition ``chosen`` (class, parameter, value)."""
        cls, param, value = chosen
        module = self.need_name("bayes_opt", "acquisition")
        return add_kwarg(constructor, "acquisition_function", f"{module}.{cls}({param}={value})")

    def leave_Call(self, original, updated):
        # BayesianOptimization(f, bounds).maximize(acq='ei', xi=0.01): the optimizer is built in the same chain,
        # so the acquisition moves to the constructor right there (Gaussian-process keywords need a name: left)
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "maximize" and isinstance(func.value, cst.Call)
                and callee_name(func.value) == "BayesianOptimization"
                and kwarg(func.value, "acquisition_function") is None
                and any(kwarg(updated, k) for k in _ACQ_KEYWORDS) and not any(a.star for a in updated.args)
                and all(not a.keyword or a.keyword.value in (*_MAXIMIZE_OWN, *_ACQ_KEYWORDS) for a in updated.args)):
            return updated
        chosen = _acquisition(updated)
        if chosen is None:
            return updated
        built = self._built_with(func.value, chosen)
        kept = [a for a in updated.args if not (a.keyword and a.keyword.value in _ACQ_KEYWORDS)]
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(func=func.with_changes(value=built), args=kept)

    def leave_Subscript(self, original, updated):
        # bo.res['max']['max_val'] / ['max_params']: 1.0's bo.max holds the same best point
        inner, key = updated.value, _key(updated)
        if key in ("max_val", "max_params") and isinstance(inner, cst.Subscript) and _key(inner) == "max" \
                and isinstance(inner.value, cst.Attribute) and inner.value.attr.value == "res":
            new = "target" if key == "max_val" else "params"
            return cst.parse_expression(f"{code_of(inner.value.value)}.max[{new!r}]")
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Expr) or not isinstance(updated.body[0].value, cst.Call):
            return updated
        call = updated.body[0].value
        if not isinstance(call.func, cst.Attribute):
            return updated
        receiver, method = call.func.value, call.func.attr.value
        if isinstance(receiver, cst.Name) and re.search(
                rf"\b{re.escape(receiver.value)}\s*=\s*(?:[\w.]+\.)?BayesianOptimization\(", self.ctx.text):
            owner = receiver.value
        elif plain_reference(receiver) and self.on_error_line(original):  # the optimizer its message names
            owner = code_of(receiver)
        else:
            return updated
        if method == "maximize":
            return self._maximize(updated, call, owner)
        given = positional(call)
        if method not in ("explore", "initialize", "initialize_df") or len(given) != 1 or any(a.star for a in call.args):
            return updated
        points = code_of(given[0].value)
        if method == "initialize_df":  # 0.x read the target and the bounds' keys of each row
            return statement_like(f"for _, row_ in {points}.iterrows():\n    {owner}.register(params={{k: row_[k] for k in "
                                  f"{owner}.space.keys}}, target=row_['target'])\n", updated)
        if method == "initialize":
            return statement_like(f"for i, target in enumerate({points}['target']):\n    {owner}.register(params={{k: v[i] for "
                         f"k, v in {points}.items() if k != 'target'}}, target=target)\n", updated)
        eager = kwarg(call, "eager")
        lazy = "True" if eager is None else f"not {code_of(eager.value)}"
        lazy = {"not True": "False", "not False": "True"}.get(lazy, lazy)
        return statement_like(f"for values in zip(*{points}.values()):\n    {owner}.probe(dict(zip({points}, values)), "
                     f"lazy={lazy})\n", updated)

    def _maximize(self, line: cst.SimpleStatementLine, call: cst.Call, owner: str):
        moved = _moved_acquisition(self.ctx, owner) is not None
        gp = [a for a in call.args if a.keyword and a.keyword.value not in (*_MAXIMIZE_OWN, *_ACQ_KEYWORDS,
                                                                            "kappa_decay", "kappa_decay_delay")]
        if any(a.star for a in call.args) or not (moved or gp):
            return line
        dropped = {a.keyword.value for a in gp} | (set(_ACQ_KEYWORDS) if moved else set())
        kept = [a for a in call.args if not (a.keyword and a.keyword.value in dropped)]
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        new = line.with_changes(body=[line.body[0].with_changes(value=call.with_changes(args=kept))])
        if not gp:
            return new
        settings = ", ".join(f"{a.keyword.value}={code_of(a.value)}" for a in gp)
        return cst.FlattenSentinel([statement_like(f"{owner}.set_gp_params({settings})\n", line),
                                    new.with_changes(leading_lines=[])])


def _key(node: cst.Subscript) -> str | None:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        value = node.slice[0].slice.value
        return value.evaluated_value if isinstance(value, cst.SimpleString) else None
    return None


# --------------------------------------------------------------------------- optuna

# (old submodule, name) -> the module it lives in now: optuna.structs went in 3.0, 4.0 moved the sampler helper
_OPTUNA_MOVED = {**{("structs", name): module for name, module in (
    ("TrialState", "optuna.trial"), ("FrozenTrial", "optuna.trial"), ("StudyDirection", "optuna.study"),
    ("TrialPruned", "optuna.exceptions"), ("StudySummary", "optuna.study"))},
    ("samplers", "IntersectionSearchSpace"): "optuna.search_space"}
_OPTUNA_POSITIONAL = {  # the order the arguments had before optuna 5.0 made them keyword-only
    "suggest_int": ("name", "low", "high", "step", "log"),
    "create_study": ("storage", "sampler", "pruner", "study_name", "direction", "load_if_exists"),
    "load_study": ("study_name", "storage", "sampler", "pruner"),
    "delete_study": ("study_name", "storage"),
    "copy_study": ("from_study_name", "from_storage", "to_storage", "to_study_name"),
}
_OPTUNA_KEEP = {"suggest_int": 3}  # name, low, high stay positional


@rule(
    "optuna-removed-api",
    library="optuna",
    changed_in="optuna 3.0 (optuna.structs) and 5.0 (keyword-only arguments)",
    rationale="optuna.structs went in 3.0: TrialState and FrozenTrial live in optuna.trial, StudyDirection and "
    "StudySummary in optuna.study, TrialPruned in optuna.exceptions; 4.0 moved samplers.IntersectionSearchSpace "
    "to optuna.search_space; 5.0 made suggest_int's step and log and "
    "create_study/load_study/delete_study/copy_study's arguments keyword-only: they are named in their old order.",
    pattern=r"structs|IntersectionSearchSpace|\.suggest_int\(|(create|load|delete|copy)_study\(",
    signatures=(("AttributeError", r"module 'optuna' has no attribute 'structs'"),
                ("ModuleNotFoundError", r"No module named 'optuna\.structs'"),
                ("AttributeError", r"module 'optuna\.samplers' has no attribute 'IntersectionSearchSpace'"),
                ("ImportError", r"cannot import name 'IntersectionSearchSpace' from 'optuna\.samplers'"),
                ("TypeError", r"(suggest_int|create_study|load_study|delete_study|copy_study)\(\) takes \d+ positional")),
    examples=(
        ("import optuna\nstate = optuna.structs.TrialState.COMPLETE\nd = optuna.structs.StudyDirection.MAXIMIZE",
         "import optuna\nstate = optuna.trial.TrialState.COMPLETE\nd = optuna.study.StudyDirection.MAXIMIZE"),
        ("from optuna.structs import TrialPruned, TrialState", ("from optuna.exceptions import TrialPruned\n"
         "from optuna.trial import TrialState")),
        (("import optuna\nn = trial.suggest_int('n', 2, 64, 2)\nk = trial.suggest_int('k', 1, 9, 1, True)\n"
         "s = optuna.load_study('s', 'sqlite:///s.db')"),
         ("import optuna\nn = trial.suggest_int('n', 2, 64, step=2)\nk = trial.suggest_int('k', 1, 9, step=1, log=True)\n"
         "s = optuna.load_study(study_name='s', storage='sqlite:///s.db')")),
        ("import optuna\nfrom optuna.samplers import TPESampler, IntersectionSearchSpace\n"
         "space = optuna.samplers.IntersectionSearchSpace().calculate(study)",
         "import optuna\nfrom optuna.samplers import TPESampler\nfrom optuna.search_space import IntersectionSearchSpace\n"
         "space = optuna.search_space.IntersectionSearchSpace().calculate(study)"),
        ("n = trial.suggest_int('n', 2, 64)\nstudy = optuna.create_study(direction='maximize')",
         "n = trial.suggest_int('n', 2, 64)\nstudy = optuna.create_study(direction='maximize')"),
    ),
)
class OptunaRemoved(Importing):
    def leave_Attribute(self, original, updated):
        base, _, sub = (dotted(updated.value) or "").rpartition(".")
        new = _OPTUNA_MOVED.get((sub, updated.attr.value))
        if new and base in self.ctx.module_names("optuna") | {"optuna"}:
            return cst.parse_expression(f"{new.replace('optuna', base, 1)}.{updated.attr.value}")
        return updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else ""
        if not module.startswith("optuna.") or isinstance(updated.names, cst.ImportStar):
            return updated
        sub = module[len("optuna."):]
        moved = [a for a in updated.names if isinstance(a.name, cst.Name) and (sub, a.name.value) in _OPTUNA_MOVED]
        if not moved:
            return updated
        kept = [a for a in updated.names if a not in moved]
        return split_import_from(updated, kept, [(_OPTUNA_MOVED[sub, a.name.value], a.name.value,
                                                  a.evaluated_alias or a.name.value) for a in moved])

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) > 1 and len(original.body) == 1:
            return cst.FlattenSentinel([updated.with_changes(body=[s]) for s in updated.body])
        return updated

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in _OPTUNA_POSITIONAL or any(a.star for a in updated.args):
            return updated
        if name != "suggest_int" and module_call(updated, self.ctx, "optuna") is None \
                and module_call(updated, self.ctx, "optuna.study") is None:
            return updated
        keep, order = _OPTUNA_KEEP.get(name, 0), _OPTUNA_POSITIONAL[name]
        given = positional(updated)
        if len(given) <= keep or len(given) > len(order):
            return updated
        args = [a if i < keep or a.keyword is not None else make_arg(order[i], a.value).with_changes(comma=a.comma)
                for i, a in enumerate(updated.args)]
        return updated.with_changes(args=args)
