"""Removals found by reading scikit-image's, shap's, optuna's and pmdarima's old releases against the locked ones
(scripts/signature_diff.py --dirs).

- scikit-image 0.16-0.26 renamed keywords one function at a time (0.21 put every seed, random_seed, sample_seed
  and random_state on ``rng``; frangi's beta1/beta2 became beta/gamma in 0.16, ...), replaced ``in_place=True``
  by ``out=`` (0.19 deprecated, 0.20 gone) and removed functions whose successors take other arguments
  (montage2d, plot_matches, structure_tensor_eigvals, data.load) or live elsewhere (relabel_from_one,
  filters.inverse, the vendored skimage.external.tifffile).
- shap 0.36 gave ``waterfall_plot`` an Explanation; the 0.35 form (expected_value, shap_values, features) fails.
- optuna 2.0 took the ``step`` argument off ``should_prune`` (1.x already ignored it for the last reported step)
  and the ``best_params=`` / ``tuning_history=`` collectors off its LightGBM tuner's ``train``.

The shims copied into notebooks (removed_api.shim_source) are in old_skimage.py and old_shap.py.
"""

from __future__ import annotations

import libcst as cst

from . import old_shap, old_skimage
from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    bool_value,
    code_of,
    kwarg,
    module_call,
    plain_reference,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
)
from .pillow_opencv_rules import module_origin
from .removed_api import (
    Moved,
    RemovedNames,
    Shims,
    import_signatures,
    names_pattern,
    shim_source,
)
from .skimage_h5py_rules import skimage_call

# --------------------------------------------------------------------------- scikit-image: keywords

# old keyword -> (new keyword, the functions that took the old one); each pair read from the deprecation that
# renamed it (0.16 frangi/hessian, 0.18 rectangle/label/find_contours, 0.19 denoise_tv_chambolle, 0.21 rng,
# 0.23-0.25 gaussian's output) or, without one, from the new signature taking the same argument
_SKIMAGE_KEYWORDS = {
    "seed": ("rng", {"binary_blobs", "random_noise", "unwrap_phase", "probabilistic_hough_line"}),
    "random_seed": ("rng", {"random_shapes", "quickshift"}),
    "sample_seed": ("rng", {"BRIEF"}),
    "random_state": ("rng", {"ransac", "medial_axis", "draw_haar_like_feature"}),
    "n_iter_max": ("max_num_iter", {"denoise_tv_chambolle"}),
    "bc": ("boundary_condition", {"active_contour"}),
    "beta1": ("beta", {"frangi", "hessian"}),
    "beta2": ("gamma", {"frangi", "hessian"}),
    "output": ("out", {"gaussian"}),
    "array": ("image", {"find_contours"}),
    "input": ("label_image", {"label"}),
    "neighbourhood": ("neighborhood", {"perimeter"}),
    "filter": ("filter_name", {"iradon"}),
    "width": ("nrows", {"rectangle"}),  # rectangle(width, height) was np.ones((width, height)): rows first
    "height": ("ncols", {"rectangle"}),
    "min_size": ("area_threshold", {"remove_small_holes"}),
}
_IN_PLACE = {"remove_small_objects", "remove_small_holes", "clear_border"}
_CONNECTIVITY = {"4": "1", "8": "2"}


def _in_place(call: cst.Call) -> cst.Call:
    """in_place=False is today's only behaviour; in_place=True wrote into the array given: out= that array."""
    flag = kwarg(call, "in_place")
    value = bool_value(flag.value) if flag is not None else None
    pos = positional(call)
    target = kwarg(call, "ar") or kwarg(call, "labels") or (pos[0] if pos else None)
    if value is None:
        return call
    call = remove_kwarg(call, "in_place")
    # an expression (mask > 0) was a temporary: writing into it was never seen, so only a reference gets out=
    if value and target is not None and plain_reference(target.value) and kwarg(call, "out") is None:
        return add_kwarg(call, "out", target.value)
    return call


def _hessian_elements(call: cst.Call) -> cst.Call:
    """hessian_matrix_eigvals(Hxx, Hxy, Hyy) (deprecated 0.14, gone 0.16) takes the three as one list."""
    if len(call.args) == 1 and call.args[0].star == "*":  # f(*H): H is the list
        return call.with_changes(args=[call.args[0].with_changes(star="")])
    if any(a.star for a in call.args):
        return call
    pos = positional(call)
    elements = []
    for i, name in enumerate(("Hxx", "Hxy", "Hyy")):
        given = kwarg(call, name) or (kwarg(call, "H_elems") if i == 0 else None) or (pos[i] if len(pos) > i else None)
        elements.append(given)
    if any(e is None for e in elements) or len(call.args) != 3:
        return call
    listed = cst.List([cst.Element(e.value) for e in elements])
    return call.with_changes(args=[cst.Arg(listed)])


def _gray2rgb_alpha(call: cst.Call) -> cst.BaseExpression:
    """gray2rgb(alpha=None/False) added no alpha layer, as today; alpha=True is gray2rgba (0.19)'s opaque layer."""
    value = kwarg(call, "alpha")
    if code_of(value.value) in ("None", "False"):
        return remove_kwarg(call, "alpha")
    if code_of(value.value) != "True":
        return call
    func = call.func
    new = func.with_changes(attr=cst.Name("gray2rgba")) if isinstance(func, cst.Attribute) else None
    return remove_kwarg(call, "alpha").with_changes(func=new) if new is not None else call


@rule(
    "skimage-renamed-keywords",
    library="scikit-image",
    changed_in="scikit-image 0.16-0.25",
    rationale="keywords renamed with the same meaning: seed/random_seed/sample_seed/random_state are rng (0.21), "
    "frangi/hessian's beta1/beta2 are beta/gamma, denoise_tv_chambolle's n_iter_max max_num_iter, active_contour's "
    "bc boundary_condition, gaussian's output out, find_contours' array image, label's input label_image, "
    "perimeter's neighbourhood neighborhood, iradon's filter filter_name, rectangle's width/height nrows/ncols, "
    "remove_small_holes' min_size area_threshold; convex_hull_object's neighbors 4/8 is connectivity 1/2; "
    "in_place=True is out= the array itself (in_place=False dropped); hessian_matrix_eigvals(Hxx, Hxy, Hyy) takes "
    "[Hxx, Hxy, Hyy]; gray2rgb(alpha=True) is gray2rgba.",
    pattern=r"\b(" + "|".join(_SKIMAGE_KEYWORDS) + r"|in_place|neighbors|alpha)\s*=|hessian_matrix_eigvals|"
            r"convex_hull_object",
    gate=lambda ctx, code: "skimage" in ctx.text,
    examples=(
        ("from skimage import data, filters, transform\nb = data.binary_blobs(64, seed=1)\n"
         "v = filters.frangi(img, beta1=0.5, beta2=15)\nlines = transform.probabilistic_hough_line(e, threshold=10, seed=0)",
         "from skimage import data, filters, transform\nb = data.binary_blobs(64, rng=1)\n"
         "v = filters.frangi(img, beta=0.5, gamma=15)\nlines = transform.probabilistic_hough_line(e, threshold=10, rng=0)"),
        ("from skimage.util import random_noise\nfrom skimage.measure import ransac, find_contours, label\n"
         "noisy = random_noise(img, mode='s&p', seed=42)\nm, inl = ransac(d, M, 2, 1, random_state=0)\n"
         "c = find_contours(array=img, level=0.5)\nl = label(input=mask)",
         "from skimage.util import random_noise\nfrom skimage.measure import ransac, find_contours, label\n"
         "noisy = random_noise(img, mode='s&p', rng=42)\nm, inl = ransac(d, M, 2, 1, rng=0)\n"
         "c = find_contours(image=img, level=0.5)\nl = label(label_image=mask)"),
        ("from skimage import morphology, segmentation\nmorphology.remove_small_objects(mask, 64, in_place=True)\n"
         "h = morphology.remove_small_holes(mask, min_size=9, in_place=False)\n"
         "c = segmentation.clear_border(x > 0, in_place=True)\nhull = morphology.convex_hull_object(m, neighbors=4)",
         "from skimage import morphology, segmentation\nmorphology.remove_small_objects(mask, 64, out=mask)\n"
         "h = morphology.remove_small_holes(mask, area_threshold=9)\n"
         "c = segmentation.clear_border(x > 0)\nhull = morphology.convex_hull_object(m, connectivity=1)"),
        ("from skimage.feature import hessian_matrix, hessian_matrix_eigvals\nfrom skimage.color import gray2rgb\n"
         "import skimage.color\nHxx, Hxy, Hyy = hessian_matrix(img, sigma=2)\ne = hessian_matrix_eigvals(Hxx, Hxy, Hyy)\n"
         "f = hessian_matrix_eigvals(*hessian_matrix(img))\nrgb = gray2rgb(img, alpha=False)\n"
         "rgba = skimage.color.gray2rgb(img, alpha=True)",
         "from skimage.feature import hessian_matrix, hessian_matrix_eigvals\nfrom skimage.color import gray2rgb\n"
         "import skimage.color\nHxx, Hxy, Hyy = hessian_matrix(img, sigma=2)\ne = hessian_matrix_eigvals([Hxx, Hxy, Hyy])\n"
         "f = hessian_matrix_eigvals(hessian_matrix(img))\nrgb = gray2rgb(img)\n"
         "rgba = skimage.color.gray2rgba(img)"),
        ("import skimage\nfrom scipy import ndimage\nfrom sklearn.model_selection import train_test_split\n"
         "l, n = ndimage.label(input=m)\na, b = train_test_split(X, random_state=0)",
         "import skimage\nfrom scipy import ndimage\nfrom sklearn.model_selection import train_test_split\n"
         "l, n = ndimage.label(input=m)\na, b = train_test_split(X, random_state=0)"),
    ),
)
class SkimageRenamedKeywords(RuleTransformer):
    def leave_Call(self, original, updated):
        name = skimage_call(updated, self.ctx)
        if name is None:
            return updated
        call = updated
        for old, (new, functions) in _SKIMAGE_KEYWORDS.items():
            if name in functions and kwarg(call, old) is not None:
                call = rename_kwarg(call, old, new)
        if name in _IN_PLACE and kwarg(call, "in_place") is not None:
            call = _in_place(call)
        if name == "convex_hull_object":
            given = kwarg(call, "neighbors") or (positional(call)[1] if len(positional(call)) > 1 else None)
            if given is not None and code_of(given.value) in _CONNECTIVITY:
                args = [a for a in call.args if a is not given]
                if args:
                    args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                call = add_kwarg(call.with_changes(args=args), "connectivity", _CONNECTIVITY[code_of(given.value)])
        if name == "hessian_matrix_eigvals":
            call = _hessian_elements(call)
        if name == "gray2rgb" and kwarg(call, "alpha") is not None:
            return _gray2rgb_alpha(call)
        return call


# --------------------------------------------------------------------------- scikit-image: functions

_SKIMAGE_TABLE = {
    ("skimage.util", "montage2d"): old_skimage.montage2d,
    ("skimage.util.montage", "montage2d"): old_skimage.montage2d,  # the module skimage.util.montage of 0.12-0.13
    ("skimage.feature", "plot_matches"): old_skimage.plot_matches,
    ("skimage.feature", "structure_tensor_eigvals"): old_skimage.structure_tensor_eigvals,
    ("skimage.data", "load"): old_skimage.data_load,
    ("skimage.segmentation", "relabel_from_one"): Moved("skimage.segmentation", "relabel_sequential"),
    ("skimage.filters", "inverse"): Moved("skimage.filters", "filter_inverse"),
}


@rule(
    "skimage-removed-functions-more",
    library="scikit-image",
    changed_in="scikit-image 0.16 (montage2d), 0.18 (data.load, relabel_from_one), 0.20 (structure_tensor_eigvals, "
    "filters.inverse), 0.25 (plot_matches)",
    rationale="montage2d padded each image after it with zeros and took the fill before rescaling, which montage "
    "does not, so it is written out; plot_matches(ax, ...) is plot_matched_features(..., ax=ax); "
    "structure_tensor_eigvals(Axx, Axy, Ayy) is structure_tensor_eigenvalues([Axx, Axy, Ayy]); data.load(f) read "
    "f from data.data_dir; relabel_from_one is relabel_sequential (offset 1) and filters.inverse filter_inverse.",
    pattern=names_pattern(_SKIMAGE_TABLE),
    gate=lambda ctx, code: "skimage" in ctx.text,
    signatures=(*import_signatures(_SKIMAGE_TABLE),
                ("AttributeError", r"No skimage\.\w+ attribute (montage2d|plot_matches|structure_tensor_eigvals|load|"
                                   r"relabel_from_one|inverse)\b"),
                ("ModuleNotFoundError", r"No module named 'skimage\.util\.montage'")),
    examples=(
        ("from skimage.util.montage import montage2d as montage\nplt.imshow(montage(imgs[:16, :, :, 0]))",
         shim_source(old_skimage.montage2d, "montage") + "plt.imshow(montage(imgs[:16, :, :, 0]))"),
        ("from skimage import feature, segmentation\nfeature.plot_matches(ax, a, b, k1, k2, m12)\n"
         "lab, fw, inv = segmentation.relabel_from_one(labels)",
         "from skimage import feature, segmentation\n" + shim_source(old_skimage.plot_matches, "plot_matches")
         + "plot_matches(ax, a, b, k1, k2, m12)\nlab, fw, inv = segmentation.relabel_sequential(labels)"),
        ("from skimage.feature import structure_tensor, structure_tensor_eigvals\nfrom skimage import data\n"
         "img = data.load('camera.png')\nl1, l2 = structure_tensor_eigvals(*structure_tensor(img))",
         "from skimage.feature import structure_tensor\n"
         + shim_source(old_skimage.structure_tensor_eigvals, "structure_tensor_eigvals") + "from skimage import data\n"
         + shim_source(old_skimage.data_load, "skimage_data_load") + "img = skimage_data_load('camera.png')\n"
         "l1, l2 = structure_tensor_eigvals(*structure_tensor(img))"),
        ("import skimage\nimport pickle\nm = pickle.load(f)\nt = tform.inverse(pts)",
         "import skimage\nimport pickle\nm = pickle.load(f)\nt = tform.inverse(pts)"),
    ),
)
class SkimageRemovedFunctionsMore(RemovedNames):
    TABLE = _SKIMAGE_TABLE

    def leave_Attribute(self, original, updated):
        found = self.entry(original)
        if found is not None and found[0] == ("skimage.data", "load"):  # a bare `load` would shadow pickle's, json's
            return self.need_shim("skimage_data_load", old_skimage.data_load)
        return super().leave_Attribute(original, updated)


# skimage.external.tifffile (removed in 0.17) was a copy of the tifffile package, which carries it on; its imsave
# is tifffile's imwrite (tifffile 2020.9 renamed it, 2022 dropped the old name)
_TIFFFILE = "skimage.external.tifffile"


@rule(
    "skimage-external-tifffile",
    library="scikit-image",
    changed_in="scikit-image 0.17",
    rationale="skimage.external.tifffile was scikit-image's copy of the tifffile package: the package itself is "
    "imported, and its imsave is tifffile's imwrite.",
    pattern=r"skimage\.external|\bimsave\b",
    gate=lambda ctx, code: "skimage.external" in ctx.text,
    signatures=(("ModuleNotFoundError", r"No module named 'skimage\.external'"),
                ("AttributeError", r"module 'tifffile' has no attribute 'imsave'")),
    examples=(
        ("from skimage.external import tifffile as tiff\nimg = tiff.imread(p)\ntiff.imsave(q, img)",
         "import tifffile as tiff\nimg = tiff.imread(p)\ntiff.imwrite(q, img)"),
        ("from skimage.external.tifffile import imread, imsave, TiffFile\nimsave(q, imread(p))",
         "from tifffile import imread, imwrite as imsave, TiffFile\nimsave(q, imread(p))"),
        ("import skimage.external.tifffile as T\nfrom skimage.io import imsave\nT.imsave(q, a)\nimsave(r, a)",
         "import tifffile as T\nfrom skimage.io import imsave\nT.imwrite(q, a)\nimsave(r, a)"),
    ),
)
class SkimageExternalTifffile(RuleTransformer):
    def leave_ImportFrom(self, original, updated):
        module = code_of(updated.module) if updated.module is not None and not updated.relative else ""
        if module == "skimage.external" and not isinstance(updated.names, cst.ImportStar) \
                and all(a.evaluated_name == "tifffile" for a in updated.names):
            return cst.Import(names=[a.with_changes(name=cst.Name("tifffile")) for a in updated.names])
        if module == _TIFFFILE and not isinstance(updated.names, cst.ImportStar):
            names = [a.with_changes(name=cst.Name("imwrite"), asname=a.asname or cst.AsName(name=cst.Name("imsave")))
                     if a.evaluated_name == "imsave" else a for a in updated.names]
            return updated.with_changes(module=cst.Name("tifffile"), names=names)
        return updated

    def leave_Import(self, original, updated):
        names = [a.with_changes(name=cst.Name("tifffile")) if a.evaluated_name == _TIFFFILE and a.asname else a
                 for a in updated.names]
        return updated.with_changes(names=names)

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "imsave" and module_origin(updated.value, self.ctx) in (_TIFFFILE, "tifffile"):
            return updated.with_changes(attr=cst.Name("imwrite"))
        return updated


# --------------------------------------------------------------------------- shap

_WATERFALL_OLD = ("expected_value", "features", "feature_names")


@rule(
    "shap-waterfall-legacy",
    library="shap",
    changed_in="shap 0.36",
    rationale="shap.waterfall_plot(expected_value, shap_values, features, feature_names) became "
    "waterfall(Explanation): the old call builds the Explanation from its arguments (a Series' index gives the "
    "names, as 0.35 read them) and draws it with shap.plots.waterfall.",
    pattern=r"waterfall_plot\s*\(",
    gate=lambda ctx, code: "shap" in ctx.text,
    examples=(
        ("import shap\nshap.waterfall_plot(explainer.expected_value, shap_values[0], X_test.iloc[0])\n"
         "shap.waterfall_plot(explanation[0])",
         "import shap\n" + shim_source(old_shap.waterfall_plot, "shap_waterfall_plot")
         + "shap_waterfall_plot(explainer.expected_value, shap_values[0], X_test.iloc[0])\n"
         "shap.waterfall_plot(explanation[0])"),
        ("import shap\nshap.waterfall_plot(sv[0], 20, show=False)", "import shap\nshap.waterfall_plot(sv[0], 20, show=False)"),
        ("from shap import waterfall_plot\nwaterfall_plot(ev, sv[1][5], feature_names=cols, max_display=15)",
         "from shap import waterfall_plot\n" + shim_source(old_shap.waterfall_plot, "shap_waterfall_plot")
         + "shap_waterfall_plot(ev, sv[1][5], feature_names=cols, max_display=15)"),
    ),
)
class ShapWaterfallLegacy(Shims):
    def leave_Call(self, original, updated):
        if module_origin(updated.func, self.ctx) != "shap.waterfall_plot" or any(a.star for a in updated.args):
            return updated
        pos = positional(updated)
        new_form = len(pos) < 2 or isinstance(pos[1].value, cst.Integer)  # waterfall_plot(explanation, max_display)
        if new_form and not any(kwarg(updated, k) is not None for k in _WATERFALL_OLD):
            return updated
        return updated.with_changes(func=self.need_shim("shap_waterfall_plot", old_shap.waterfall_plot))


# --------------------------------------------------------------------------- optuna

def _imports_optuna(ctx: Context, code: str) -> bool:
    return any(origin.split(".")[0] == "optuna" for origin in ctx.imported.values())


@rule(
    "optuna-should-prune-step",
    library="optuna",
    changed_in="optuna 2.0 (deprecated in 1.x)",
    rationale="should_prune(step) lost its argument: since 1.x it decided on the last step given to report(), "
    "whatever step was passed, so the call without it decides the same.",
    pattern=r"should_prune\(\s*[^\s)]",
    gate=_imports_optuna,
    signatures=(("TypeError", r"should_prune\(\) (takes 1 positional argument|got an unexpected keyword argument "
                              r"'step')"),),
    examples=(
        ("import optuna\ntrial.report(acc, epoch)\nif trial.should_prune(epoch):\n    raise optuna.TrialPruned()",
         "import optuna\ntrial.report(acc, epoch)\nif trial.should_prune():\n    raise optuna.TrialPruned()"),
        ("import optuna\nif t.should_prune(step=i):\n    raise optuna.exceptions.TrialPruned()",
         "import optuna\nif t.should_prune():\n    raise optuna.exceptions.TrialPruned()"),
        ("import ray\nif t.should_prune(i):\n    pass", "import ray\nif t.should_prune(i):\n    pass"),
    ),
)
class OptunaShouldPruneStep(RuleTransformer):
    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "should_prune" or len(updated.args) != 1:
            return updated
        arg = updated.args[0]
        if arg.star or (arg.keyword is not None and arg.keyword.value != "step"):
            return updated
        return updated.with_changes(args=[])


@rule(
    "optuna-lightgbm-tuner-best-params",
    library="optuna",
    changed_in="optuna 2.0 (deprecated in 1.5)",
    rationale="the LightGBM tuner's train(best_params=, tuning_history=) filled the dict and list passed; optuna's "
    "own deprecation sends best_params to the returned Booster's params, so the dict is updated from them after "
    "the call. tuning_history has no successor in the call (study= keeps the trials): it is dropped, and the list "
    "stays empty.",
    pattern=r"best_params\s*=|tuning_history\s*=",
    gate=_imports_optuna,
    signatures=(("TypeError", r"got an unexpected keyword argument '(best_params|tuning_history)'"),),
    examples=(
        ("import optuna.integration.lightgbm as lgb\nbest_params, tuning_history = dict(), list()\n"
         "model = lgb.train(params, dtrain, valid_sets=[dval], best_params=best_params, tuning_history=tuning_history)\n"
         "print(best_params)",
         "import optuna.integration.lightgbm as lgb\nbest_params, tuning_history = dict(), list()\n"
         "model = lgb.train(params, dtrain, valid_sets=[dval])\nbest_params.update(model.params)\nprint(best_params)"),
        ("import optuna\nimport lightgbm as lgb\nm = lgb.train(p, d, valid_sets=[v])\nbest_params = study.best_params",
         "import optuna\nimport lightgbm as lgb\nm = lgb.train(p, d, valid_sets=[v])\nbest_params = study.best_params"),
    ),
)
class OptunaTunerBestParams(RuleTransformer):
    def leave_SimpleStatementLine(self, original, updated):
        assign = updated.body[0] if len(updated.body) == 1 else None
        if not isinstance(assign, cst.Assign) or len(assign.targets) != 1 or not isinstance(assign.value, cst.Call):
            return updated
        call, target = assign.value, assign.targets[0].target
        if module_call(call, self.ctx, "optuna.integration.lightgbm") != "train" or not isinstance(target, cst.Name):
            return updated
        best, history = kwarg(call, "best_params"), kwarg(call, "tuning_history")
        if (best is None and history is None) or (best is not None and not plain_reference(best.value)):
            return updated
        new = remove_kwarg(remove_kwarg(call, "best_params"), "tuning_history")
        line = updated.with_changes(body=[assign.with_changes(value=new)])
        if best is None:
            return line
        update = cst.parse_statement(f"{code_of(best.value)}.update({target.value}.params)\n")
        return cst.FlattenSentinel([line, update])
