"""scikit-image functions removed with a successor of another shape: the old function written out with today's
API (old_skimage.py), so the notebook's calls keep their arguments and their results.

draw.circle(r, c, radius) is disk((r, c), radius) (both are the same ellipse call); threshold_adaptive returned
the binary image where threshold_local returns the threshold; register_translation
is phase_cross_correlation without the normalisation 0.19 turned on; peak_local_max(indices=False) returned the
peaks' mask where today's returns only their coordinates (indices=True, the default, is dropped).
"""

from __future__ import annotations

import libcst as cst

from . import old_skimage
from .framework import positional, remove_kwarg, rule
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source
from .skimage_h5py_rules import skimage_call

TABLE = {("skimage.draw", "circle"): old_skimage.circle,
         ("skimage.filters", "threshold_adaptive"): old_skimage.threshold_adaptive,
         ("skimage.feature", "register_translation"): old_skimage.register_translation}
_OLD_INDICES_AT = 5  # peak_local_max's sixth positional parameter was indices until 0.20 (num_peaks since)


@rule(
    "skimage-removed-functions",
    library="scikit-image",
    changed_in="scikit-image 0.15 (threshold_adaptive), 0.19 (draw.circle, register_translation), 0.20 "
    "(peak_local_max indices=)",
    rationale="draw.circle(r, c, radius) was disk((r, c), radius); threshold_adaptive(image, block_size) was image > threshold_local(image, block_size); "
    "register_translation was phase_cross_correlation with normalization=None (and return_error); "
    "peak_local_max(indices=False) returned a boolean mask of the peaks, which is written from the coordinates "
    "it returns today, and indices=True is its only behaviour now. The import becomes the old function's def.",
    pattern=names_pattern(TABLE) + r"|indices\s*=",
    gate=lambda ctx, code: "skimage" in ctx.text,
    signatures=(*import_signatures(TABLE), ("AttributeError", r"No skimage\.\w+ attribute (circle|threshold_adaptive|"
                                                               r"register_translation)"),
                ("TypeError", r"peak_local_max\(\) got an unexpected keyword argument 'indices'")),
    examples=(
        ("from skimage.filters import threshold_adaptive\nbinary = threshold_adaptive(img, 35, offset=10)",
         shim_source(old_skimage.threshold_adaptive, "threshold_adaptive")
         + "binary = threshold_adaptive(img, 35, offset=10)"),
        ("from skimage.draw import circle, line\nrr, cc = circle(4, 4, 5, shape=img.shape)",
         "from skimage.draw import line\n" + shim_source(old_skimage.circle, "circle")
         + "rr, cc = circle(4, 4, 5, shape=img.shape)"),
        ("from skimage import feature\nshift, err, diff = feature.register_translation(a, b, 100)",
         "from skimage import feature\n" + shim_source(old_skimage.register_translation, "register_translation")
         + "shift, err, diff = register_translation(a, b, 100)"),
        ("from skimage.feature import peak_local_max\n"
         "maxi = peak_local_max(dist, indices=False, footprint=np.ones((3, 3)), labels=image)\n"
         "xy = peak_local_max(dist, min_distance=5, indices=True)",
         "from skimage.feature import peak_local_max\n" + shim_source(old_skimage.peak_local_max_mask, "peak_local_max_mask")
         + "maxi = peak_local_max_mask(dist, footprint=np.ones((3, 3)), labels=image)\n"
         "xy = peak_local_max(dist, min_distance=5)"),
        ("from sklearn.utils import resample\ns = resample(x, indices=False)", "from sklearn.utils import resample\ns = resample(x, indices=False)"),
    ),
)
class SkimageRemovedFunctions(RemovedNames):
    TABLE = TABLE

    def leave_Call(self, original, updated):
        updated = super().leave_Call(original, updated)
        if not isinstance(updated, cst.Call) or skimage_call(updated, self.ctx) != "peak_local_max":
            return updated
        flag = next((a for a in updated.args if a.keyword and a.keyword.value == "indices"), None)
        if flag is None or len(positional(updated)) > _OLD_INDICES_AT or not isinstance(flag.value, cst.Name) \
                or flag.value.value not in ("True", "False"):
            return updated
        call = remove_kwarg(updated, "indices")
        if flag.value.value == "True":
            return call
        return call.with_changes(func=self.need_shim("peak_local_max_mask", old_skimage.peak_local_max_mask))
