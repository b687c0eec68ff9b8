"""OpenCV: names that moved into a contrib module's namespace (the environment has opencv-contrib-python-headless).

- 3.0 moved MOG and GMG background subtraction to ``cv2.bgsegm`` and made 2.4's constructors factories
  (``cv2.BackgroundSubtractorMOG2(...)`` is ``cv2.createBackgroundSubtractorMOG2(...)``, same parameters in
  the same order; the bare class call today makes an object that was never initialised).
- 4.5.1 moved the older trackers (MOSSE, Boosting, MedianFlow, TLD, MultiTracker) to ``cv2.legacy``, which keeps
  their old API (``init`` returns a bool); 3.0-3.2's ``cv2.Tracker_create("KCF")`` is that API too.
- 5.0 moved AKAZE, KAZE, BRISK, the AGAST detector and the bag-of-words trainers to ``cv2.xfeatures2d``.

The algorithms are the same code under a new name, so the rewrite keeps the notebook's numbers.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import Context, RuleTransformer, dotted, rule, string_value
from .pillow_opencv_rules import cv2_names

_XFEATURES2D = ("AKAZE", "KAZE", "BRISK", "AgastFeatureDetector")
MOVED: dict[str, str] = {  # cv2.<name> -> the namespace it lives in now
    **{f"{n}_create": "xfeatures2d" for n in _XFEATURES2D},
    **{n: "xfeatures2d" for n in ("BOWKMeansTrainer", "BOWImgDescriptorExtractor")},
    **{f"Tracker{n}_create": "legacy" for n in ("MOSSE", "Boosting", "MedianFlow", "TLD")},
    "MultiTracker_create": "legacy", "MultiTracker": "legacy",
    **{f"createBackgroundSubtractor{n}": "bgsegm" for n in ("MOG", "GMG")},
}
# the constants that went with the moved classes (AKAZE_DESCRIPTOR_MLDB, KAZE_DIFF_PM_G2, AgastFeatureDetector_OAST_9_16)
_MOVED_CONSTANT = re.compile(r"^(AKAZE_DESCRIPTOR|KAZE_DIFF|AGAST_FEATURE_DETECTOR|AgastFeatureDetector)_\w+$")
# 2.4's constructors -> the factory and its namespace
_CONSTRUCTORS = {"BackgroundSubtractorMOG": ("bgsegm", "createBackgroundSubtractorMOG"),
                 "BackgroundSubtractorGMG": ("bgsegm", "createBackgroundSubtractorGMG"),
                 "BackgroundSubtractorMOG2": (None, "createBackgroundSubtractorMOG2")}
_TRACKERS = {"BOOSTING": "Boosting", "MIL": "MIL", "KCF": "KCF", "TLD": "TLD", "MEDIANFLOW": "MedianFlow",
             "MOSSE": "MOSSE", "CSRT": "CSRT"}
_NAMES = "|".join(sorted({*MOVED, *_CONSTRUCTORS, "Tracker_create", "AKAZE_DESCRIPTOR", "KAZE_DIFF", "AGAST_FEATURE",
                          "AgastFeatureDetector_"}))


def _under(cv2: cst.BaseExpression, namespace: str | None, name: str) -> cst.Attribute:
    owner = cst.Attribute(cv2, cst.Name(namespace)) if namespace else cv2
    return cst.Attribute(owner, cst.Name(name))


@rule(
    "opencv-contrib-names",
    library="OpenCV",
    changed_in="OpenCV 3.0 (bgsegm, factories), 4.5.1 (cv2.legacy trackers), 5.0 (xfeatures2d)",
    rationale="Background subtraction by MOG and GMG moved to cv2.bgsegm in 3.0, when 2.4's constructors became "
    "create* factories; the older trackers moved to cv2.legacy in 4.5.1 (with their old init/update API, which 3.x's "
    "cv2.Tracker_create('KCF') also had); AKAZE, KAZE, BRISK, AGAST and the bag-of-words trainers moved to "
    "cv2.xfeatures2d in 5.0. Each is the same implementation under a new name, in the contrib build the environment has.",
    pattern=rf"\b({_NAMES})",
    signatures=(("AttributeError", rf"module 'cv2' has no attribute '({_NAMES})"),),
    examples=(
        ("import cv2\nakaze = cv2.AKAZE_create()\nbrisk = cv2.BRISK_create(thresh=30)\nbow = cv2.BOWKMeansTrainer(50)",
         "import cv2\nakaze = cv2.xfeatures2d.AKAZE_create()\nbrisk = cv2.xfeatures2d.BRISK_create(thresh=30)\n"
         "bow = cv2.xfeatures2d.BOWKMeansTrainer(50)"),
        ("import cv2 as cv\nd = cv.AKAZE_create(descriptor_type=cv.AKAZE_DESCRIPTOR_MLDB)",
         "import cv2 as cv\nd = cv.xfeatures2d.AKAZE_create(descriptor_type=cv.xfeatures2d.AKAZE_DESCRIPTOR_MLDB)"),
        ("import cv2\ntrackers = cv2.MultiTracker_create()\nt = cv2.TrackerMOSSE_create()\nk = cv2.TrackerKCF_create()",
         "import cv2\ntrackers = cv2.legacy.MultiTracker_create()\nt = cv2.legacy.TrackerMOSSE_create()\n"
         "k = cv2.TrackerKCF_create()"),
        ("import cv2\ntracker = cv2.Tracker_create('MEDIANFLOW')\nother = cv2.Tracker_create(kind)",
         "import cv2\ntracker = cv2.legacy.TrackerMedianFlow_create()\nother = cv2.Tracker_create(kind)"),
        ("import cv2\nfgbg = cv2.createBackgroundSubtractorMOG()\ng = cv2.BackgroundSubtractorMOG(200, 5, 0.7)\n"
         "m2 = cv2.BackgroundSubtractorMOG2(500, 16, True)\nisinstance(m2, cv2.BackgroundSubtractorMOG2)",
         "import cv2\nfgbg = cv2.bgsegm.createBackgroundSubtractorMOG()\ng = cv2.bgsegm.createBackgroundSubtractorMOG(200, 5, 0.7)\n"
         "m2 = cv2.createBackgroundSubtractorMOG2(500, 16, True)\nisinstance(m2, cv2.BackgroundSubtractorMOG2)"),
        ("import cv2\nx = cv2.xfeatures2d.AKAZE_create()\ny = cv2.legacy.TrackerTLD_create()\nz = model.AKAZE_create()",
         "import cv2\nx = cv2.xfeatures2d.AKAZE_create()\ny = cv2.legacy.TrackerTLD_create()\nz = model.AKAZE_create()"),
    ),
)
class OpenCVContribNames(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.cv2 = cv2_names(ctx)

    def leave_Call(self, original, updated):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and dotted(func.value) in self.cv2):
            return updated
        name = func.attr.value
        if name in _CONSTRUCTORS:
            return updated.with_changes(func=_under(func.value, *_CONSTRUCTORS[name]))
        if name == "Tracker_create" and len(updated.args) == 1 and not updated.args[0].keyword:
            kind = _TRACKERS.get((string_value(updated.args[0].value) or "").upper())
            if kind:  # the 3.0-3.2 factory: the tracker of that name, with the API cv2.legacy keeps
                return cst.Call(_under(func.value, "legacy", f"Tracker{kind}_create"), [])
        return updated

    def leave_Attribute(self, original, updated):
        name = updated.attr.value
        if dotted(updated.value) not in self.cv2:
            return updated
        namespace = MOVED.get(name) or ("xfeatures2d" if _MOVED_CONSTANT.match(name) else None)
        return _under(updated.value, namespace, name) if namespace else updated
