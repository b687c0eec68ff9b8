"""Pillow and OpenCV: names and call shapes the 2015-2021 notebooks used, removed since.

- Pillow 10 removed ``Image.ANTIALIAS`` / ``LINEAR`` / ``CUBIC`` (the filters LANCZOS / BILINEAR / BICUBIC under
  their old names) and the text measures ``ImageDraw.textsize`` / ``FreeTypeFont.getsize`` / ``getoffset``, whose
  (width, height) was the right and bottom of today's ``textbbox((0, 0), ...)`` / ``getbbox``; Pillow 8 removed
  ``tostring`` / ``fromstring`` (``tobytes`` / ``frombytes``), Pillow 9 ``PILLOW_VERSION``, Pillow 12 ``isImageType``.
- OpenCV 3 returned (image, contours, hierarchy) from ``findContours``; 4 and 5 return two values. OpenCV 3 removed
  2.4's ``cv2.cv`` module and its ``CV_*`` constants (same values under new names) and the bare constructors
  (``cv2.ORB()``: the object exists today but is not initialised, and using it crashes the kernel); 4.4 moved SIFT
  out of ``xfeatures2d``.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    callee_name,
    code_of,
    dotted,
    kwarg,
    one_statement_per_line,
    positional,
    rule,
    split_import_from,
)


def module_origin(node: cst.BaseExpression, ctx: Context) -> str | None:
    """The module path ``node`` names: ``Image`` -> "PIL.Image" after ``from PIL import Image``."""
    name = dotted(node)
    if name is None:
        return None
    head, _, rest = name.partition(".")
    base = ctx.imported.get(head, head)
    return f"{base}.{rest}" if rest else base


def _comma(arg: cst.Arg) -> cst.Arg:
    return arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))


# --------------------------------------------------------------------------- Pillow

_PIL_FILTERS = {"ANTIALIAS": "LANCZOS", "LINEAR": "BILINEAR", "CUBIC": "BICUBIC"}


@rule(
    "pillow-removed-names",
    library="Pillow",
    changed_in="Pillow 8.0-12.0",
    rationale="Image.ANTIALIAS/LINEAR/CUBIC were the LANCZOS/BILINEAR/BICUBIC filters under old names (removed in "
    "10.0), tostring()/fromstring() became tobytes()/frombytes() (8.0), PIL.PILLOW_VERSION is __version__ (9.0) "
    "and Image.isImageType(x) was isinstance(x, Image.Image) (12.0).",
    pattern=r"\b(ANTIALIAS|LINEAR|CUBIC|fromstring|tostring|PILLOW_VERSION|isImageType)\b",
    gate=lambda ctx, code: "PIL" in ctx.text,
    signatures=(("AttributeError", (r"has no attribute '(ANTIALIAS|LINEAR|CUBIC|fromstring|tostring|PILLOW_VERSION|"
                                    r"isImageType)'")),
                ("ImportError", r"cannot import name '(ANTIALIAS|LINEAR|CUBIC|PILLOW_VERSION)'")),
    examples=(
        ("from PIL import Image\nim = im.resize((64, 64), Image.ANTIALIAS)\nsm = im.resize((8, 8), resample=Image.CUBIC)",
         "from PIL import Image\nim = im.resize((64, 64), Image.LANCZOS)\nsm = im.resize((8, 8), resample=Image.BICUBIC)"),
        ("import PIL.Image\nim.thumbnail((9, 9), PIL.Image.ANTIALIAS)", "import PIL.Image\nim.thumbnail((9, 9), PIL.Image.LANCZOS)"),
        ("from PIL.Image import ANTIALIAS, open", "from PIL.Image import open\nfrom PIL.Image import LANCZOS as ANTIALIAS"),
        ("from PIL import Image, PILLOW_VERSION\nraw = img.tostring()\nok = Image.isImageType(img)",
         ("from PIL import Image\nfrom PIL import __version__ as PILLOW_VERSION\nraw = img.tobytes()\n"
         "ok = isinstance(img, Image.Image)")),
        ("from PIL import Image\nimport cv2\nk = cv2.CUBIC\ns = etree.tostring(root)",
         "from PIL import Image\nimport cv2\nk = cv2.CUBIC\ns = etree.tostring(root)"),
    ),
)
class PillowRemovedNames(RuleTransformer):
    def _pil_image(self, node: cst.BaseExpression) -> bool:
        return module_origin(node, self.ctx) == "PIL.Image"

    def leave_Attribute(self, original, updated):
        attr = updated.attr.value
        if attr in _PIL_FILTERS and self._pil_image(updated.value):
            return updated.with_changes(attr=cst.Name(_PIL_FILTERS[attr]))
        if attr == "fromstring" and self._pil_image(updated.value):
            return updated.with_changes(attr=cst.Name("frombytes"))
        if attr == "PILLOW_VERSION" and module_origin(updated.value, self.ctx) == "PIL":
            return updated.with_changes(attr=cst.Name("__version__"))
        return updated

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute):
            return updated
        owner = dotted(func.value)
        if func.attr.value == "tostring" and not updated.args and (owner is None or owner.split(".")[0] not in self.ctx.imported):
            # an image's (or an array's) raw bytes: the same under the new name; etree.tostring(x) is left alone
            return updated.with_changes(func=func.with_changes(attr=cst.Name("tobytes")))
        if func.attr.value == "isImageType" and self._pil_image(func.value) and len(updated.args) == 1:
            kind = cst.Arg(cst.Attribute(func.value, cst.Name("Image")))
            return cst.Call(cst.Name("isinstance"), [_comma(updated.args[0]), kind])
        return updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if isinstance(updated.names, cst.ImportStar) or module not in ("PIL", "PIL.Image"):
            return updated
        renamed = dict(_PIL_FILTERS) if module == "PIL.Image" else {"PILLOW_VERSION": "__version__"}
        kept = [a for a in updated.names if a.evaluated_name not in renamed]
        moved = [(module, renamed[a.evaluated_name], a.evaluated_alias or a.evaluated_name)
                 for a in updated.names if a.evaluated_name in renamed]
        return split_import_from(updated, kept, moved) if moved else updated

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


_FONT_MAKER = re.compile(r"\b(\w+)\s*=\s*(?:[\w.]+\.)?(?:truetype|load_default|load_path|FreeTypeFont)\(")


def _bbox_part(call: cst.Call, part: str) -> cst.Subscript:
    lower, upper = (cst.Integer("2"), None) if part == "end" else (None, cst.Integer("2"))
    return cst.Subscript(call, [cst.SubscriptElement(cst.Slice(lower=lower, upper=upper))])


@rule(
    "pillow-text-size",
    library="Pillow",
    changed_in="Pillow 10.0 (deprecated in 9.2)",
    rationale="draw.textsize(t, font) and font.getsize(t) are gone; their (width, height) was the right and bottom "
    "of draw.textbbox((0, 0), t, font) / font.getbbox(t) (the height counted the offset above the text), and "
    "font.getoffset(t) was its left and top. Calls with a stroke_width or more positional arguments are left alone.",
    pattern=r"\.(textsize|multiline_textsize|getsize|getoffset)\(",
    gate=lambda ctx, code: "PIL" in ctx.text,
    signatures=(("AttributeError", (r"'(ImageDraw|FreeTypeFont|ImageFont|TransposedFont)' object has no attribute "
                                   r"'(textsize|multiline_textsize|getsize|getoffset)'")),),
    examples=(
        (("from PIL import ImageDraw, ImageFont\nfont = ImageFont.truetype('a.ttf', 12)\n"
         "w, h = draw.textsize(label, font=font)\ntw, th = font.getsize(label)\ndx, dy = font.getoffset(label)"),
         ("from PIL import ImageDraw, ImageFont\nfont = ImageFont.truetype('a.ttf', 12)\n"
         "w, h = draw.textbbox((0, 0), label, font=font)[2:]\ntw, th = font.getbbox(label)[2:]\n"
         "dx, dy = font.getbbox(label)[:2]")),
        ("from PIL import ImageFont\nw, h = ImageFont.load(path).getsize(label)",
         "from PIL import ImageFont\nw, h = ImageFont.load(path).getbbox(label)[2:]"),
        ("from PIL import ImageDraw\nimport os\nn = os.path.getsize(p)\nw, h = d.textsize(t, f, 4, stroke_width=2)",
         "from PIL import ImageDraw\nimport os\nn = os.path.getsize(p)\nw, h = d.textsize(t, f, 4, stroke_width=2)"),
    ),
)
class PillowTextSize(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.fonts = set(_FONT_MAKER.findall(ctx.text))

    def _font(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Call) and callee_name(node) in ("truetype", "load_default", "load_default_imagefont",
                                                                "load", "load_path"):
            return True
        name = dotted(node) or code_of(node)
        if name.split(".")[0] in self.fonts or "font" in name.lower():
            return True
        # the failing line names a font object (the receiver may be spelled anyhow), os.path aside
        return bool(self.ctx.error and "Font' object" in self.ctx.error.evalue and "path" not in name)

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or kwarg(updated, "stroke_width") or any(a.star for a in updated.args):
            return updated
        name = func.attr.value
        if name in ("textsize", "multiline_textsize") and len(positional(updated)) <= 2 and self.spans_error_line(original):
            origin = cst.Arg(cst.parse_expression("(0, 0)"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            new = "textbbox" if name == "textsize" else "multiline_textbbox"
            return _bbox_part(updated.with_changes(func=func.with_changes(attr=cst.Name(new)),
                                                   args=[origin, *updated.args]), "end")
        if name in ("getsize", "getoffset") and len(updated.args) == 1 and self._font(func.value) \
                and self.spans_error_line(original):
            call = updated.with_changes(func=func.with_changes(attr=cst.Name("getbbox")))
            return _bbox_part(call, "end" if name == "getsize" else "start")
        return updated


# --------------------------------------------------------------------------- OpenCV

# OpenCV 2.4's names (cv2.cv.CV_*, some also on cv2) -> today's cv2 name; the values are the same (checked by
# tests/agent/rules/test_image_libs_run.py in the locked environment).
CV_RENAMED = {
    "CV_LOAD_IMAGE_GRAYSCALE": "IMREAD_GRAYSCALE", "CV_LOAD_IMAGE_COLOR": "IMREAD_COLOR",
    "CV_LOAD_IMAGE_UNCHANGED": "IMREAD_UNCHANGED", "CV_LOAD_IMAGE_ANYDEPTH": "IMREAD_ANYDEPTH",
    "CV_LOAD_IMAGE_ANYCOLOR": "IMREAD_ANYCOLOR", "CV_AA": "LINE_AA", "CV_FILLED": "FILLED",
    "CV_INTER_NN": "INTER_NEAREST", "CV_TERMCRIT_ITER": "TERM_CRITERIA_MAX_ITER", "CV_TERMCRIT_EPS": "TERM_CRITERIA_EPS",
    "CV_COMP_CORREL": "HISTCMP_CORREL", "CV_COMP_CHISQR": "HISTCMP_CHISQR", "CV_COMP_INTERSECT": "HISTCMP_INTERSECT",
    "CV_COMP_BHATTACHARYYA": "HISTCMP_BHATTACHARYYA", "CV_FOURCC": "VideoWriter_fourcc", "BoxPoints": "boxPoints",
    **{f"CV_{n}": n for n in (
        "CAP_PROP_POS_MSEC", "CAP_PROP_POS_FRAMES", "CAP_PROP_POS_AVI_RATIO", "CAP_PROP_FRAME_WIDTH",
        "CAP_PROP_FRAME_HEIGHT", "CAP_PROP_FPS", "CAP_PROP_FOURCC", "CAP_PROP_FRAME_COUNT", "THRESH_BINARY",
        "THRESH_BINARY_INV", "THRESH_TRUNC", "THRESH_TOZERO", "THRESH_TOZERO_INV", "THRESH_OTSU", "INTER_LINEAR",
        "INTER_CUBIC", "INTER_AREA", "INTER_LANCZOS4", "FONT_HERSHEY_SIMPLEX", "FONT_HERSHEY_PLAIN",
        "FONT_HERSHEY_DUPLEX", "FONT_HERSHEY_COMPLEX", "HOUGH_GRADIENT", "IMWRITE_JPEG_QUALITY",
        "IMWRITE_PNG_COMPRESSION", "WINDOW_NORMAL", "WINDOW_AUTOSIZE", "RETR_EXTERNAL", "RETR_LIST", "RETR_CCOMP",
        "RETR_TREE", "CHAIN_APPROX_NONE", "CHAIN_APPROX_SIMPLE")},
    **{f"CV_{c}": f"COLOR_{c}" for c in (
        "BGR2GRAY", "RGB2GRAY", "BGR2RGB", "RGB2BGR", "GRAY2BGR", "GRAY2RGB", "BGR2HSV", "RGB2HSV", "HSV2BGR",
        "HSV2RGB", "BGR2Lab", "RGB2Lab", "BGR2YCrCb", "BGRA2BGR", "BGR2BGRA")},
}
# 2.4's constructors -> the factories (same parameters, in the same order); the bare class is not initialised today.
_FACTORIES = ("ORB", "SIFT", "FastFeatureDetector", "SimpleBlobDetector", "MSER")


def cv2_names(ctx: Context) -> set[str]:
    """The notebook's names for cv2 (cv2 itself when it imports none: a helper file, an example)."""
    return ctx.module_names("cv2") or {"cv2"}


@rule(
    "opencv-removed-names",
    library="OpenCV",
    changed_in="OpenCV 3.0-4.4 (cv2.cv, CV_* constants, constructors, findContours' three values, xfeatures2d.SIFT)",
    rationale="findContours returned (image, contours, hierarchy) in OpenCV 3 and returns (contours, hierarchy) "
    "since 4.0 (the image, the source itself, is kept only when read later); 2.4's cv2.cv constants are cv2's "
    "with the same values under today's names, cv2.ORB()/SIFT() are ORB_create()/SIFT_create() and "
    "cv2.xfeatures2d.SIFT_create is cv2.SIFT_create.",
    pattern=r"findContours|\bCV_[A-Z]|\bcv2?\.(cv\b|BoxPoints|xfeatures2d\.SIFT|(" + "|".join(_FACTORIES) + r")\()"
            r"|from cv2 import cv\b|import cv2\.cv\b",
    signatures=(("ValueError", r"not enough values to unpack \(expected 3, got 2\)"),
                ("AttributeError", r"module 'cv2' has no attribute '(cv|CV_\w+|BoxPoints|xfeatures2d)'"),
                ("ModuleNotFoundError", r"No module named 'cv2.cv'"), ("ImportError", r"cannot import name 'cv'")),
    examples=(
        ("import cv2\n_, contours, hierarchy = cv2.findContours(th, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)",
         "import cv2\ncontours, hierarchy = cv2.findContours(th, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)"),
        ("import cv2\nim2, cnts, hier = cv2.findContours(mask.copy(), 0, 2)\nplt.imshow(im2)",
         "import cv2\ncnts, hier = cv2.findContours(mask.copy(), 0, 2)\nim2 = mask.copy()\nplt.imshow(im2)"),
        ("import cv2\nim2, cnts, hier = cv2.findContours(prep(m), 0, 2)\nplt.imshow(im2)",
         "import cv2\nim2, cnts, hier = cv2.findContours(prep(m), 0, 2)\nplt.imshow(im2)"),
        ("import cv2\nfor m in masks:\n    img2, cs, _ = cv2.findContours(m, 0, 2)\n    show(img2)",
         "import cv2\nfor m in masks:\n    cs, _ = cv2.findContours(m, 0, 2)\n    img2 = m\n    show(img2)"),
        (("import cv2\ng = cv2.imread(p, cv2.CV_LOAD_IMAGE_GRAYSCALE)\nn = cap.get(cv2.cv.CV_CAP_PROP_FRAME_COUNT)\n"
         "fourcc = cv2.cv.CV_FOURCC(*'XVID')\nbox = cv2.cv.BoxPoints(rect)"),
         ("import cv2\ng = cv2.imread(p, cv2.IMREAD_GRAYSCALE)\nn = cap.get(cv2.CAP_PROP_FRAME_COUNT)\n"
         "fourcc = cv2.VideoWriter_fourcc(*'XVID')\nbox = cv2.boxPoints(rect)")),
        ("import cv2\nfrom cv2 import cv\ngray = cv2.cvtColor(im, cv.CV_BGR2GRAY)",
         "import cv2\nimport cv2 as cv\ngray = cv2.cvtColor(im, cv.COLOR_BGR2GRAY)"),
        ("import cv2\norb = cv2.ORB(nfeatures=500)\nsift = cv2.xfeatures2d.SIFT_create()",
         "import cv2\norb = cv2.ORB_create(nfeatures=500)\nsift = cv2.SIFT_create()"),
        ("import cv2\ncnts = cv2.findContours(m, 0, 2)[1]\nd = cv2.ORB_create()", "import cv2\ncnts = cv2.findContours(m, 0, 2)[1]\nd = cv2.ORB_create()"),
    ),
)
class OpenCVRemovedNames(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.cv2 = cv2_names(ctx)
        self.old_cv = {n for n, origin in ctx.imported.items() if origin == "cv2.cv"}

    def leave_Attribute(self, original, updated):
        attr, owner = updated.attr.value, dotted(updated.value) or ""
        if attr in CV_RENAMED and (owner in self.cv2 or owner in self.old_cv):
            return updated.with_changes(attr=cst.Name(CV_RENAMED[attr]))
        head, _, rest = owner.partition(".")
        if head in self.cv2 and rest in ("cv", "xfeatures2d") and (attr in CV_RENAMED or attr == "SIFT_create"):
            return cst.Attribute(cst.Name(head), cst.Name(CV_RENAMED.get(attr, attr)))
        return updated

    def leave_Call(self, original, updated):
        func = updated.func
        if isinstance(func, cst.Attribute) and func.attr.value in _FACTORIES and dotted(func.value) in self.cv2 \
                and not (func.attr.value == "MSER" and any(a.keyword for a in updated.args)):  # 2.4's MSER: _delta=
            return updated.with_changes(func=func.with_changes(attr=cst.Name(func.attr.value + "_create")))
        return updated

    def leave_ImportFrom(self, original, updated):
        if dotted(updated.module) == "cv2" and not isinstance(updated.names, cst.ImportStar) \
                and [a.evaluated_name for a in updated.names] == ["cv"]:
            local = updated.names[0].evaluated_alias or "cv"
            return cst.Import([cst.ImportAlias(cst.Name("cv2"), asname=cst.AsName(cst.Name(local)))])
        return updated

    def leave_Import(self, original, updated):
        names = [a.with_changes(name=cst.Name("cv2")) if a.evaluated_name == "cv2.cv" and a.asname else a
                 for a in updated.names]
        return updated.with_changes(names=names)

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Assign):
            return updated
        assign = updated.body[0]
        target = assign.targets[0].target if len(assign.targets) == 1 else None
        call = assign.value
        if not (isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == 3 and isinstance(call, cst.Call)
                and callee_name(call) == "findContours" and not any(e.value.__class__ is cst.StarredElement
                                                                    for e in target.elements)):
            return updated
        image = target.elements[0].value
        pair = target.with_changes(elements=target.elements[1:])
        line = updated.with_changes(body=[assign.with_changes(targets=[assign.targets[0].with_changes(target=pair)])])
        if isinstance(image, cst.Name) and (image.value == "_" or len(re.findall(rf"\b{image.value}\b", self.ctx.text)) <= 1):
            return line
        source = call.args[0].value if call.args and call.args[0].keyword is None else None
        copied = isinstance(source, cst.Call) and not source.args and code_of(source.func).endswith(".copy")
        if not isinstance(image, cst.Name) or not (isinstance(source, cst.Name) or copied):
            return updated  # the image is read later and the source is an expression: what it held is unknown
        # OpenCV 3.2+ returned the source image itself as the first value
        keep = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(image)], source)])
        return cst.FlattenSentinel([line, keep])
