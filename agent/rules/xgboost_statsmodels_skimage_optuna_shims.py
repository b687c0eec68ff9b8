"""Removals whose old behaviour depended on what the notebook held at run time, written out as shims that ask the
same question (old_xgboost.py, old_statsmodels.py, old_skimage.py, old_optuna.py):

- xgboost 1.6 removed the callback function record_evaluation(dict): a TrainingCallback fills the dict the same way.
- statsmodels 0.13 removed categorical (dummies for a Series, a DataFrame's column or an array, by the input's type)
  and 0.14 conf_int(cols=) (the rows picked, labelled by the wrapper when the model was fitted on pandas data).
- scikit-image 0.26 removed erosion/dilation(shift_x=, shift_y=), which padded an even 2-D footprint on the side
  the shifts chose; regionprops' coordinates= went in 0.20 ('rc' is today's only behaviour).
- optuna 5.0 removed set_system_attr and system_attrs from Study and Trial (a FrozenTrial kept its own); 2.0 removed
  HyperbandPruner(n_brackets=, min_early_stopping_rate_low=), which today's pruner honours once set on it, and
  trial_id, the storage's id of the trial, which optuna keeps as _trial_id.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_optuna, old_skimage, old_statsmodels, old_xgboost
from .framework import (
    RuleTransformer,
    bool_value,
    kwarg,
    positional,
    remove_kwarg,
    rule,
    string_value,
)
from .pillow_opencv_rules import module_origin
from .removed_api import (
    RemovedNames,
    Shims,
    import_signatures,
    names_pattern,
    shim_source,
)
from .skimage_h5py_rules import skimage_call
from .skimage_shap_optuna_rules import _imports_optuna

# --------------------------------------------------------------------------- xgboost

_XGB_TABLE = {("xgboost.callback", "record_evaluation"): old_xgboost.record_evaluation}


@rule(
    "xgboost-record-evaluation",
    library="xgboost",
    changed_in="xgboost 1.6",
    rationale="callback.record_evaluation(d) emptied d and then, each round, stored d[data][metric] as the list of "
    "values so far; the shim is a TrainingCallback that does the same from "
    "the evaluation log.",
    pattern=names_pattern(_XGB_TABLE),
    gate=lambda ctx, code: "xgboost" in ctx.text,
    signatures=import_signatures(_XGB_TABLE),
    examples=(
        ("import xgboost as xgb\nres = {}\nb = xgb.train(p, d, 10, evals=[(d, 'train')], "
         "callbacks=[xgb.callback.record_evaluation(res)])",
         "import xgboost as xgb\nres = {}\n" + shim_source(old_xgboost.record_evaluation, "record_evaluation")
         + "b = xgb.train(p, d, 10, evals=[(d, 'train')], callbacks=[record_evaluation(res)])"),
        ("from xgboost.callback import record_evaluation as rec, EarlyStopping\ncbs = [rec(h), EarlyStopping(5)]",
         "from xgboost.callback import EarlyStopping\n" + shim_source(old_xgboost.record_evaluation, "rec")
         + "cbs = [rec(h), EarlyStopping(5)]"),
    ),
)
class XgboostRecordEvaluation(RemovedNames):
    TABLE = _XGB_TABLE


# --------------------------------------------------------------------------- statsmodels

_SM_TABLE = {(home, "categorical"): old_statsmodels.categorical
             for home in ("statsmodels.tools.tools", "statsmodels.tools", "statsmodels.api", "statsmodels.api.tools")}


@rule(
    "statsmodels-categorical",
    library="statsmodels",
    changed_in="statsmodels 0.13 (deprecated in 0.12)",
    rationale="categorical(data, col, dictnames, drop) appended dummy columns to the data: a DataFrame's column or "
    "a Series gave pandas dummies (uint8, the data beside them unless drop), an array float columns stacked after "
    "it; the shim follows the input's type as the old function did (its structured-array path excepted).",
    pattern=names_pattern(_SM_TABLE),
    gate=lambda ctx, code: "statsmodels" in ctx.text,
    signatures=(*import_signatures(_SM_TABLE),),
    examples=(
        ("import statsmodels.api as sm\nX = sm.categorical(df, col='region', drop=True)",
         "import statsmodels.api as sm\n" + shim_source(old_statsmodels.categorical, "categorical")
         + "X = categorical(df, col='region', drop=True)"),
        ("from statsmodels.tools.tools import categorical, add_constant\nd = add_constant(categorical(a, drop=True))",
         "from statsmodels.tools.tools import add_constant\n" + shim_source(old_statsmodels.categorical, "categorical")
         + "d = add_constant(categorical(a, drop=True))"),
    ),
)
class StatsmodelsCategorical(RemovedNames):
    TABLE = _SM_TABLE


@rule(
    "statsmodels-conf-int-cols",
    library="statsmodels",
    changed_in="statsmodels 0.14",
    rationale="results.conf_int(alpha, cols) kept the rows at the positions cols: an array indexed by them, or, "
    "for a model fitted on pandas data, a DataFrame the wrapper labelled with every parameter's name (which "
    "failed unless cols picked them all); the shim reads which one the results give.",
    pattern=r"conf_int\(",
    gate=lambda ctx, code: "statsmodels" in ctx.text,
    signatures=(("TypeError", r"conf_int\(\) (got an unexpected keyword argument 'cols'|takes from 1 to 2 positional "
                              r"arguments but 3 were given)"),),
    examples=(
        ("import statsmodels.api as sm\nres = sm.OLS(y, X).fit()\nci = res.conf_int(cols=(1, 2))\n"
         "lo = res.conf_int(0.1, [0])[:, 0]\nall_ = res.conf_int(0.01)",
         "import statsmodels.api as sm\nres = sm.OLS(y, X).fit()\n"
         + shim_source(old_statsmodels.conf_int_cols, "statsmodels_conf_int_cols")
         + "ci = statsmodels_conf_int_cols(res, cols=(1, 2))\nlo = statsmodels_conf_int_cols(res, 0.1, [0])[:, 0]\n"
         "all_ = res.conf_int(0.01)"),
    ),
)
class StatsmodelsConfIntCols(Shims):
    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "conf_int" or any(a.star for a in updated.args):
            return updated
        if kwarg(updated, "cols") is None and len(positional(updated)) < 2:
            return updated
        return self.method_as_shim(updated, "statsmodels_conf_int_cols", old_statsmodels.conf_int_cols)


# --------------------------------------------------------------------------- scikit-image

_SHIFTED = ("erosion", "dilation")


@rule(
    "skimage-morphology-shift",
    library="scikit-image",
    changed_in="scikit-image 0.26",
    rationale="erosion/dilation(shift_x=, shift_y=) padded an even side of a 2-D footprint with a zero row or "
    "column after it where shifted and before it otherwise; the shim pads as they did, so today's functions see an "
    "odd footprint and give the old result (the call's own function is handed to the shim). Shifts written as False are dropped (today pads before, as they did).",
    pattern=r"shift_[xy]|\b(erosion|dilation)\s*\(",  # positional shifts: erosion(img, fp, None, True)
    gate=lambda ctx, code: "skimage" in ctx.text,
    signatures=(("TypeError", r"(erosion|dilation)\(\) (got an unexpected keyword argument 'shift_[xy]'|takes from "
                              r"1 to 3 positional arguments)"),),
    examples=(
        ("from skimage.morphology import erosion, dilation\ne = erosion(img, np.ones((2, 2)), shift_x=True)\n"
         "d = dilation(img, sq, shift_x=False, shift_y=False)",
         "from skimage.morphology import erosion, dilation\n"
         + shim_source(old_skimage.shifted, "skimage_shifted")
         + "e = skimage_shifted(erosion, img, np.ones((2, 2)), shift_x=True)\nd = dilation(img, sq)"),
        ("from skimage import morphology\nd = morphology.dilation(img, morphology.square(4), None, True, True)",
         "from skimage import morphology\n" + shim_source(old_skimage.shifted, "skimage_shifted")
         + "d = skimage_shifted(morphology.dilation, img, morphology.square(4), None, True, True)"),
    ),
)
class SkimageMorphologyShift(Shims):
    def leave_Call(self, original, updated):
        name = skimage_call(updated, self.ctx)
        if name not in _SHIFTED or any(a.star for a in updated.args):
            return updated
        shifts = [kwarg(updated, k) for k in ("shift_x", "shift_y")] + positional(updated)[3:]
        shifts = [a for a in shifts if a is not None]
        if not shifts:
            return updated
        if all(bool_value(a.value) is False for a in shifts) and len(positional(updated)) <= 3:
            return remove_kwarg(remove_kwarg(updated, "shift_x"), "shift_y")
        return updated.with_changes(func=self.need_shim("skimage_shifted", old_skimage.shifted),
                                    args=[cst.Arg(updated.func), *updated.args])


@rule(
    "skimage-regionprops-coordinates",
    library="scikit-image",
    changed_in="scikit-image 0.20 (deprecated in 0.16)",
    rationale="regionprops(coordinates='rc') asked for row-column coordinates, the only convention since 0.16's "
    "default: the keyword goes. coordinates='xy' (another orientation) is left to the author.",
    pattern=r"coordinates\s*=",
    gate=lambda ctx, code: "skimage" in ctx.text,
    signatures=(("TypeError", r"regionprops\(\) got an unexpected keyword argument 'coordinates'"),),
    examples=(
        ("from skimage.measure import regionprops\nprops = regionprops(labels, coordinates='rc')\n"
         "old = regionprops(labels, img, coordinates='xy')",
         "from skimage.measure import regionprops\nprops = regionprops(labels)\n"
         "old = regionprops(labels, img, coordinates='xy')"),
    ),
)
class SkimageRegionpropsCoordinates(RuleTransformer):
    def leave_Call(self, original, updated):
        given = kwarg(updated, "coordinates")
        if given is None or skimage_call(updated, self.ctx) != "regionprops" or string_value(given.value) != "rc":
            return updated
        return remove_kwarg(updated, "coordinates")


# --------------------------------------------------------------------------- optuna

@rule(
    "optuna-system-attrs",
    library="optuna",
    changed_in="optuna 5.0 (deprecated in 3.1)",
    rationale="Study.set_system_attr and Trial.set_system_attr wrote to the storage's system attributes and "
    "system_attrs read a copy back; a FrozenTrial kept them on itself. The shims make the calls the removed methods "
    "made, after asking which of these the notebook holds.",
    pattern=r"system_attr",
    gate=_imports_optuna,
    signatures=(("AttributeError", r"'(Study|Trial|FrozenTrial|FixedTrial)' object has no attribute "
                                   r"'(set_system_attr|system_attrs)'"),),
    examples=(
        ("import optuna\ndef objective(trial):\n    trial.set_system_attr('fold', 3)\n    return 0.0\n"
         "study.set_system_attr('note', 'v1')",
         "import optuna\n" + shim_source(old_optuna.set_system_attr, "optuna_set_system_attr")
         + "def objective(trial):\n    optuna_set_system_attr(trial, 'fold', 3)\n    return 0.0\n"
         "optuna_set_system_attr(study, 'note', 'v1')"),
        ("import optuna\nfor t in study.trials:\n    print(t.system_attrs)",  # a FrozenTrial still has them
         "import optuna\nfor t in study.trials:\n    print(t.system_attrs)"),
    ),
    error_examples=(
        ("AttributeError: 'Study' object has no attribute 'system_attrs'", 2,
         "import optuna\nprint(study.system_attrs['note'])",
         "import optuna\n" + shim_source(old_optuna.system_attrs, "optuna_system_attrs")
         + "print(optuna_system_attrs(study)['note'])"),
    ),
)
class OptunaSystemAttrs(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)  # system_attrs is read through the shim only where it failed

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "set_system_attr" \
                or isinstance(func.value, cst.Name) and func.value.value == "optuna":
            return updated
        shim = self.need_shim("optuna_set_system_attr", old_optuna.set_system_attr)
        return updated.with_changes(func=shim, args=[cst.Arg(func.value), *updated.args])

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "system_attrs" or not self.on_own_error_line(original):
            return updated
        return cst.Call(self.need_shim("optuna_system_attrs", old_optuna.system_attrs), [cst.Arg(updated.value)])


@rule(
    "optuna-hyperband-brackets",
    library="optuna",
    changed_in="optuna 2.0 (deprecated in 1.x)",
    rationale="HyperbandPruner(n_brackets=, min_early_stopping_rate_low=) fixed the bracket count whatever the "
    "resources and offset each bracket's early-stopping rate; today's pruner builds the same brackets once told "
    "the count, so the 1.x pruner is the shim's subclass with both set (and 1.x's positional order kept, whose "
    "fourth place is bootstrap_count today).",
    pattern=r"HyperbandPruner\s*\(",
    gate=_imports_optuna,
    signatures=(("TypeError", r"unexpected keyword argument '(n_brackets|min_early_stopping_rate_low)'"),),
    examples=(
        ("import optuna\np = optuna.pruners.HyperbandPruner(min_resource=1, max_resource=27, n_brackets=2)\n"
         "q = optuna.pruners.HyperbandPruner(1, 81, 3)",
         "import optuna\n" + shim_source(old_optuna.HyperbandPruner, "optuna_hyperband_pruner")
         + "p = optuna_hyperband_pruner(min_resource=1, max_resource=27, n_brackets=2)\n"
         "q = optuna.pruners.HyperbandPruner(1, 81, 3)"),
        ("from optuna.pruners import HyperbandPruner\np = HyperbandPruner(1, 'auto', 3, 4, min_early_stopping_rate_low=1)",
         "from optuna.pruners import HyperbandPruner\n" + shim_source(old_optuna.HyperbandPruner, "optuna_hyperband_pruner")
         + "p = optuna_hyperband_pruner(1, 'auto', 3, 4, min_early_stopping_rate_low=1)"),
    ),
)
class OptunaHyperbandBrackets(Shims):
    def leave_Call(self, original, updated):
        if module_origin(updated.func, self.ctx) != "optuna.pruners.HyperbandPruner" or any(a.star for a in updated.args):
            return updated
        if kwarg(updated, "n_brackets") is None and kwarg(updated, "min_early_stopping_rate_low") is None \
                and len(positional(updated)) < 4:
            return updated
        return updated.with_changes(func=self.need_shim("optuna_hyperband_pruner", old_optuna.HyperbandPruner))


@rule(
    "optuna-trial-id",
    library="optuna",
    changed_in="optuna 2.0 (deprecated in 0.19)",
    rationale="Trial.trial_id and FrozenTrial.trial_id returned the storage's id of the trial, which optuna still "
    "keeps as _trial_id (number counts within the study, and equals it only in a storage's first study).",
    pattern=r"\.trial_id\b",
    gate=_imports_optuna,
    signatures=(("AttributeError", r"'(Trial|FrozenTrial)' object has no attribute 'trial_id'"),),
    examples=(
        ("import optuna\nn = run.trial_id", "import optuna\nn = run.trial_id"),  # known only from the error
    ),
    error_examples=(
        ("AttributeError: 'FrozenTrial' object has no attribute 'trial_id'", 2,
         "import optuna\nprint('best', study.best_trial.trial_id)", "import optuna\nprint('best', study.best_trial._trial_id)"),
    ),
)
class OptunaTrialId(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "trial_id" and self.on_own_error_line(original):
            return updated.with_changes(attr=cst.Name("_trial_id"))
        return updated

