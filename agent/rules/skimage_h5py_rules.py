"""scikit-image and h5py: names, keywords and defaults the 2015-2021 notebooks used, changed since.

- scikit-image 0.16-0.20 moved ``measure.compare_*`` to ``skimage.metrics``, renamed grey to gray, moved
  ``watershed`` to ``segmentation`` and ``future.graph`` to ``graph``, and replaced keywords (``multichannel`` by
  ``channel_axis``, ``as_grey``, ``selem``, ``visualise``, ``neighbors``); 0.15 turned on ``anti_aliasing`` and
  ``mode='reflect'`` in ``resize`` / ``rescale`` (pinned back for notebooks written before).
- h5py 3.0 removed ``Dataset.value`` (``ds[()]`` reads the same) and opens files read-only by default.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    code_of,
    dotted,
    kwarg,
    one_statement_per_line,
    positional,
    rename_kwarg,
    rule,
    set_kwarg_value,
    split_import_from,
)
from .pillow_opencv_rules import module_origin
from .python3_rules import Importing

# --------------------------------------------------------------------------- scikit-image

# (module, name) -> (module, name): removed in 0.18-0.25, the same function elsewhere or under the gray spelling.
SKIMAGE_MOVED = {
    ("skimage.measure", "compare_ssim"): ("skimage.metrics", "structural_similarity"),
    ("skimage.measure", "compare_psnr"): ("skimage.metrics", "peak_signal_noise_ratio"),
    ("skimage.measure", "compare_mse"): ("skimage.metrics", "mean_squared_error"),
    ("skimage.measure", "compare_nrmse"): ("skimage.metrics", "normalized_root_mse"),
    ("skimage.measure", "marching_cubes_lewiner"): ("skimage.measure", "marching_cubes"),
    ("skimage.feature", "greycomatrix"): ("skimage.feature", "graycomatrix"),
    ("skimage.feature", "greycoprops"): ("skimage.feature", "graycoprops"),
    ("skimage.color", "rgb2grey"): ("skimage.color", "rgb2gray"),
    ("skimage.color", "grey2rgb"): ("skimage.color", "gray2rgb"),
    ("skimage.morphology", "watershed"): ("skimage.segmentation", "watershed"),
    ("skimage.morphology", "skeletonize_3d"): ("skimage.morphology", "skeletonize"),
    ("skimage.segmentation", "circle_level_set"): ("skimage.segmentation", "disk_level_set"),
    ("skimage.util", "pad"): ("numpy", "pad"),
    ("skimage.future", "graph"): ("skimage", "graph"),
}
# Functions that took multichannel= (0.19 deprecated it for channel_axis, 0.20 removed it).
_MULTICHANNEL = {
    "random_shapes", "match_histograms", "multiscale_basic_features", "hog", "difference_of_gaussians", "unsharp_mask",
    "structural_similarity", "compare_ssim", "gaussian", "cycle_spin", "denoise_bilateral", "denoise_tv_bregman",
    "denoise_tv_chambolle", "denoise_wavelet", "estimate_sigma", "inpaint_biharmonic", "denoise_nl_means",
    "felzenszwalb", "random_walker", "slic", "rescale", "warp_polar", "pyramid_reduce", "pyramid_expand",
    "pyramid_gaussian", "pyramid_laplacian", "montage", "apply_parallel",
}
# (parameter, functions) -> new name: the keywords renamed in 0.16-0.20 with the same meaning.
_KEYWORDS = {
    ("as_grey", ("imread", "load")): "as_gray",
    ("visualise", ("hog",)): "visualize",
    ("selem", ("median", "erosion", "dilation", "opening", "closing", "white_tophat", "black_tophat", "binary_erosion",
               "binary_dilation", "binary_opening", "binary_closing", "rank", "mean", "maximum", "minimum", "entropy",
               "gradient", "equalize", "autolevel", "enhance_contrast", "otsu", "modal", "majority", "flood", "flood_fill",
               "h_maxima", "h_minima", "local_maxima", "local_minima",
               # the rest of 0.14's rank filters and reconstruction (source audit)
               "autolevel_percentile", "enhance_contrast_percentile", "geometric_mean", "gradient_percentile",
               "mean_bilateral", "mean_percentile", "noise_filter", "percentile", "pop", "pop_bilateral",
               "pop_percentile", "subtract_mean", "subtract_mean_percentile", "sum", "sum_bilateral", "sum_percentile",
               "threshold", "threshold_percentile", "windowed_histogram", "reconstruction")): "footprint",
    ("max_iter", ("threshold_minimum", "thin", "chan_vese", "denoise_tv_bregman", "slic")): "max_num_iter",
    ("max_iterations", ("active_contour",)): "max_num_iter",
    ("iterations", ("richardson_lucy", "morphological_chan_vese", "morphological_geodesic_active_contour")): "num_iter",
}
_CONNECTIVITY = {"4": "1", "8": "2"}  # measure.label(neighbors=) on 2-D images, removed in 0.18


def skimage_call(call: cst.Call, ctx: Context) -> str | None:
    """The called function's name when it is scikit-image's (by the notebook's imports), else None."""
    origin = module_origin(call.func, ctx) or ""
    return origin.rsplit(".", 1)[-1] if origin.startswith("skimage.") else None


def _channel_axis(value: cst.BaseExpression) -> str:
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return "-1" if value.value == "True" else "None"
    return f"-1 if {code_of(value)} else None"


@rule(
    "skimage-removed-names",
    library="scikit-image",
    changed_in="scikit-image 0.16-0.25",
    rationale="measure.compare_ssim/psnr/mse/nrmse moved to skimage.metrics under long names, grey became gray "
    "(greycomatrix, rgb2grey), watershed moved to segmentation, future.graph to skimage.graph, util.pad was "
    "numpy.pad; multichannel=True/False is channel_axis=-1/None, and as_grey, visualise, selem, neighbors "
    "(4/8 -> connectivity 1/2) and the iteration counts took their new names.",
    pattern=r"compare_(ssim|psnr|mse|nrmse)|grey|marching_cubes_lewiner|watershed|skeletonize_3d|circle_level_set|"
            r"\bpad\b|future|multichannel|visualise|selem|neighbors|max_iter|iterations",
    gate=lambda ctx, code: "skimage" in ctx.text,
    signatures=(("AttributeError", r"No skimage\.\w+ attribute|module 'skimage[\w.]*' has no attribute"),
                ("ImportError", r"cannot import name '\w+' from 'skimage"), ("ModuleNotFoundError", r"'skimage\."),
                ("TypeError", (r"unexpected keyword argument '(multichannel|as_grey|visualise|selem|neighbors|"
                              r"max_iter|max_iterations|iterations)'"))),
    examples=(
        ("from skimage.measure import compare_ssim, label\ns = compare_ssim(a, b, multichannel=True)",
         ("from skimage.measure import label\nfrom skimage.metrics import structural_similarity as compare_ssim\n"
         "s = compare_ssim(a, b, channel_axis=-1)")),
        (("from skimage import measure, io, feature\nimg = io.imread(p, as_grey=True)\nq = measure.compare_psnr(a, b)\n"
         "g = feature.greycomatrix(img, [1], [0])\nn = measure.label(m, neighbors=8)"),
         ("import skimage.metrics\nfrom skimage import measure, io, feature\nimg = io.imread(p, as_gray=True)\n"
         "q = skimage.metrics.peak_signal_noise_ratio(a, b)\ng = feature.graycomatrix(img, [1], [0])\n"
         "n = measure.label(m, connectivity=2)")),
        (("import skimage.transform\nfrom skimage.future import graph\nfrom skimage.morphology import watershed, disk\n"
         "r = skimage.transform.rescale(im, 0.5, multichannel=rgb)"),
         ("import skimage.transform\nfrom skimage import graph\nfrom skimage.morphology import disk\n"
         "from skimage.segmentation import watershed\nr = skimage.transform.rescale(im, 0.5, channel_axis=-1 if rgb else None)")),
        ("import skimage\nfrom scipy import ndimage\nd = ndimage.binary_dilation(m, iterations=3)\nx = np.pad(a, 2)",
         "import skimage\nfrom scipy import ndimage\nd = ndimage.binary_dilation(m, iterations=3)\nx = np.pad(a, 2)"),
    ),
)
class SkimageRemovedNames(Importing):
    def _moved(self, module: str, name: str) -> cst.BaseExpression | None:
        new = SKIMAGE_MOVED.get((module, name))
        if new is None:
            return None
        if new[0] == module:
            return None  # renamed in place: the attribute keeps its owner (leave_Attribute)
        local = "np" if new[0] == "numpy" and "np" in self.ctx.module_names("numpy") else self.need(new[0])
        return cst.parse_expression(f"{local}.{new[1]}")

    def leave_Attribute(self, original, updated):
        module = module_origin(updated.value, self.ctx)
        new = SKIMAGE_MOVED.get((module, updated.attr.value)) if module else None
        if new is None:
            return updated
        if new[0] == module:
            return updated.with_changes(attr=cst.Name(new[1]))
        return self._moved(module, updated.attr.value) or updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        if module.startswith("skimage.future.graph"):
            return updated.with_changes(module=cst.parse_expression(module.replace("future.graph", "graph")))
        moved = [(*SKIMAGE_MOVED[(module, a.evaluated_name)], a.evaluated_alias or a.evaluated_name)
                 for a in updated.names if (module, a.evaluated_name) in SKIMAGE_MOVED]
        kept = [a for a in updated.names if (module, a.evaluated_name) not in SKIMAGE_MOVED]
        return split_import_from(updated, kept, moved) if moved else updated

    def leave_Import(self, original, updated):
        names = [a.with_changes(name=cst.parse_expression("skimage.graph"))
                 if a.evaluated_name == "skimage.future.graph" and a.asname else a for a in updated.names]
        return updated.with_changes(names=names)

    def leave_Call(self, original, updated):
        name = skimage_call(updated, self.ctx)
        if name is None:
            return updated
        call = updated
        flag = kwarg(call, "multichannel")
        if flag is not None and name in _MULTICHANNEL:
            call = set_kwarg_value(rename_kwarg(call, "multichannel", "channel_axis"), "channel_axis",
                                   _channel_axis(flag.value))
        neighbors = kwarg(call, "neighbors")
        if neighbors is not None and name == "label" and code_of(neighbors.value) in _CONNECTIVITY:
            call = set_kwarg_value(rename_kwarg(call, "neighbors", "connectivity"), "connectivity",
                                   _CONNECTIVITY[code_of(neighbors.value)])
        for (old, functions), new in _KEYWORDS.items():
            if name in functions and kwarg(call, old) is not None:
                call = rename_kwarg(call, old, new)
        return call

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


_SKIMAGE_015 = "2019-05"  # scikit-image 0.15 (April 2019)


@rule(
    "skimage-default-resize",
    library="scikit-image",
    changed_in="scikit-image 0.15",
    rationale="transform.resize and rescale turned on anti_aliasing (a Gaussian blur before down-sampling) and "
    "changed mode from 'constant' to 'reflect'; for a notebook written before, the old values are pinned.",
    kind="calibration",
    pattern=r"\b(resize|rescale)\(",
    gate=lambda ctx, code: "skimage" in ctx.text,
    examples=(
        ("from skimage.transform import resize\nsmall = resize(img, (32, 32))",
         "from skimage.transform import resize\nsmall = resize(img, (32, 32), anti_aliasing=False, mode='constant')"),
        ("import cv2\nimport skimage\nsmall = cv2.resize(img, (32, 32))", "import cv2\nimport skimage\nsmall = cv2.resize(img, (32, 32))"),
    ),
)
class SkimageResizeDefaults(RuleTransformer):
    def leave_Call(self, original, updated):
        if skimage_call(updated, self.ctx) not in ("resize", "rescale") or not self.ctx.written_before(_SKIMAGE_015) \
                or any(a.star for a in updated.args):
            return updated
        call = updated
        if kwarg(call, "anti_aliasing") is None:
            call = add_kwarg(call, "anti_aliasing", "False")
        if kwarg(call, "mode") is None and len(positional(call)) <= 3:  # image, shape/scale, order
            call = add_kwarg(call, "mode", "'constant'")
        return call


@rule(
    "skimage-ssim-float-range",
    library="scikit-image",
    changed_in="scikit-image 0.24 (structural_similarity raises for float images without data_range)",
    rationale="compare_ssim/structural_similarity took the data range of a float image from its dtype, (-1, 1), "
    "when none was given; today it raises: the old range, 2.0, is passed.",
    kind="error",
    pattern=r"ssim|structural_similarity",
    signatures=(("ValueError", r"you must specify the data_range parameter"),),
    examples=(("from skimage.metrics import structural_similarity as ssim\ns = ssim(a, b)",
               "from skimage.metrics import structural_similarity as ssim\ns = ssim(a, b, data_range=2.0)"),),
)
class SsimFloatRange(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if skimage_call(updated, self.ctx) in ("structural_similarity", "compare_ssim") \
                and kwarg(updated, "data_range") is None and self.spans_error_line(original):
            return add_kwarg(updated, "data_range", "2.0")
        return updated


# --------------------------------------------------------------------------- h5py

_H5_WRITE_METHODS = ("create_dataset", "create_group", "require_dataset", "require_group")
_H5_WRITES = re.compile(rf"\b(\w+)(?:\.attrs)?(?:\.(?:{'|'.join(_H5_WRITE_METHODS)})\(|\[[^\]\n]*\]\s*=[^=])")
_H5_FILE = re.compile(r"\b(\w+)\s*=\s*h5py\.File\(|h5py\.File\((?:[^()]|\([^()]*\))*\)\s+as\s+(\w+)")


@rule(
    "h5py-dataset-value",
    library="h5py",
    changed_in="h5py 3.0",
    rationale="Dataset.value (all the data as an array, or a scalar) was removed; ds[()] reads the same.",
    pattern=r"\.value\b",
    gate=lambda ctx, code: "h5py" in ctx.text,
    signatures=(("AttributeError", r"'Dataset' object has no attribute 'value'"),),
    examples=(
        ("import h5py\nf = h5py.File(path, 'r')\nX = f['train_x'].value\ny = np.array(f['y'].value)",
         "import h5py\nf = h5py.File(path, 'r')\nX = f['train_x'][()]\ny = np.array(f['y'][()])"),
        ("import h5py\nwith h5py.File(p) as hf:\n    a = hf.get('a').value\nw = slider.value",
         "import h5py\nwith h5py.File(p) as hf:\n    a = hf.get('a')[()]\nw = slider.value"),
    ),
)
class H5pyValue(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.files = {a or b for a, b in _H5_FILE.findall(ctx.text)}
        self.failing = bool(ctx.error and "'Dataset' object has no attribute 'value'" in ctx.error.evalue)

    def _dataset(self, node: cst.BaseExpression) -> bool:
        while isinstance(node, (cst.Subscript, cst.Call, cst.Attribute)):  # f['g']['x'], f.get('x')
            node = node.value if not isinstance(node, cst.Call) else node.func
        return isinstance(node, cst.Name) and node.value in self.files

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "value" or isinstance(updated.value, cst.Name) and not self.failing:
            return updated
        if not (self._dataset(updated.value) or self.failing and self.spans_error_line(original)):
            return updated
        whole = cst.SubscriptElement(cst.Index(cst.Tuple([], lpar=[cst.LeftParen()], rpar=[cst.RightParen()])))
        return cst.Subscript(updated.value, [whole])


@rule(
    "h5py-file-write-mode",
    library="h5py",
    changed_in="h5py 3.0",
    rationale="h5py.File(name) without a mode opened the file for writing (creating it when missing) and opens "
    "it read-only since 3.0; a file the notebook writes to (create_dataset, f[key] = ...) gets mode 'a' "
    "(read/write, create if missing); the files it only reads stay read-only.",
    kind="error",
    needles=("h5py",),
    signatures=(("ValueError", r"no write intent on file"), ("KeyError", r"no write intent on file"),
                ("OSError", r"no write intent on file")),
    examples=(("import h5py\nsrc = h5py.File('../input/a.h5')\nf = h5py.File('features.h5')\nf.create_dataset('x', data=src['x'])",
               ("import h5py\nsrc = h5py.File('../input/a.h5')\nf = h5py.File('features.h5', mode='a')\n"
               "f.create_dataset('x', data=src['x'])")),
              ("import h5py\nwith h5py.File(out) as hf:\n    hf.attrs['n'] = 3",
               "import h5py\nwith h5py.File(out, mode='a') as hf:\n    hf.attrs['n'] = 3"),
              ("import h5py\nwith h5py.File('a.h5', 'w') as f:\n    f['x'] = x",
               "import h5py\nwith h5py.File('a.h5', 'w') as f:\n    f['x'] = x"),
              # without the error nothing says which file a dict's entry is: the rule waits for it
              ("import h5py\nf = h5py.File('out.h5')\nfiles = {'out': f}\nfiles['out'].create_dataset('x', data=x)",
               "import h5py\nf = h5py.File('out.h5')\nfiles = {'out': f}\nfiles['out'].create_dataset('x', data=x)"),
              ("import h5py\nh5py.File(path).create_dataset('x', data=x)",
               "import h5py\nh5py.File(path, mode='a').create_dataset('x', data=x)")),
)
class H5pyWriteMode(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # the names the notebook writes through: an input file opened the same way stays read-only
        self.writers = set(_H5_WRITES.findall(ctx.text))
        self.inputs_only = False  # True: the files guessed as written leave out those on an input path
        opened = {name for pair in _H5_FILE.findall(ctx.text) for name in pair if name}
        if self.on_own_error and not opened & self.writers:
            # written under another name than the one it was opened under (a dict's, a loop's): each file
            # opened without a mode, but the competition's input, which is read-only
            self.writers |= opened
            self.inputs_only = True

    def _file_call(self, node: cst.BaseExpression) -> bool:
        if not (isinstance(node, cst.Call) and (module_origin(node.func, self.ctx) == "h5py.File")
                and len(positional(node)) == 1 and kwarg(node, "mode") is None and not any(a.star for a in node.args)):
            return False
        return not (self.inputs_only and "input" in code_of(positional(node)[0].value))

    def _written(self, target: cst.BaseExpression | None) -> bool:
        return isinstance(target, cst.Name) and target.value in self.writers

    def leave_Assign(self, original, updated):
        if len(updated.targets) == 1 and self._file_call(updated.value) and self._written(updated.targets[0].target):
            return updated.with_changes(value=add_kwarg(updated.value, "mode", "'a'"))
        return updated

    def leave_WithItem(self, original, updated):
        if self._file_call(updated.item) and updated.asname is not None and self._written(updated.asname.name):
            return updated.with_changes(item=add_kwarg(updated.item, "mode", "'a'"))
        return updated

    def leave_Attribute(self, original, updated):
        # written through the call itself, never named: h5py.File(p).create_dataset(...)
        if updated.attr.value in _H5_WRITE_METHODS and self._file_call(updated.value):
            return updated.with_changes(value=add_kwarg(updated.value, "mode", "'a'"))
        return updated
