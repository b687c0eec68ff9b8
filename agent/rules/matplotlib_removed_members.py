"""matplotlib members removed in 3.2-3.10 whose old result is computed at run time from what is there today: the
shims (old_matplotlib.py) do what the last release that had each did, read from that release's source.

- module functions and classes: patches.YAArrow (3.2; a patch drawn in display space), dates.epoch2num/num2epoch
  (3.7; days since rcParams['date.epoch'], read when called), font_manager.createFontList (3.4; a FontEntry per
  readable file), cm.revcmap (3.4; reversed segment data), compare_versions (3.4; distutils' LooseVersion
  order), inset_locator.InsetPosition (3.10; a locator in the parent's axes fractions),
  collections.BrokenBarHCollection (3.9; a PolyCollection of bars, span_where), dates.IndexDateFormatter (3.5).
- methods: ContourSet.collections (3.10; one PathCollection per level, each level's lines or filled polygons as
  separate paths, drawn in place of the set, as 3.8's own compatibility property did), Axes.get_geometry (3.6;
  (nrows, ncols, number from 1)), MarkerStyle.set_fillstyle/set_marker (3.6; in place), ScalarFormatter/
  LogFormatter.pprint_val (3.3), Artist.set_contains/get_contains (3.5; the function answers contains()).
  Their names are common (ax.collections is a list today, GridSpec.get_geometry and Line2D.set_marker still
  exist), so a use is rewritten where the error names the type that lost it, or where the notebook binds the
  name to the call that makes that type (cs = plt.contour(...)).
- names ``from pylab import *`` brought from mlab (3.1): written in where the NameError names one.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_matplotlib as old
from .framework import code_of, names_bound_to, positional, rule
from .removed_api import (
    RemovedNames,
    Shims,
    import_signatures,
    names_pattern,
    shim_source,
)

# the bases of the class shims, each reached through an import the rule adds before the class
_BASES = {"matplotlib.collections.PolyCollection": "import matplotlib.collections",
          "matplotlib.patches.Patch": "import matplotlib.patches", "matplotlib.ticker.Formatter": "import matplotlib.ticker"}
MEMBERS_TABLE = {
    ("matplotlib.dates", "epoch2num"): old.epoch2num,
    ("matplotlib.dates", "num2epoch"): old.num2epoch,
    ("matplotlib.pylab", "epoch2num"): old.epoch2num,
    ("matplotlib.font_manager", "createFontList"): old.createFontList,
    **{(m_, "revcmap"): old.revcmap for m_ in ("matplotlib.cm", "matplotlib.pyplot.cm")},
    ("matplotlib", "compare_versions"): old.compare_versions,
    ("mpl_toolkits.axes_grid1.inset_locator", "InsetPosition"): old.InsetPosition,
    ("matplotlib.collections", "BrokenBarHCollection"): shim_source(old.BrokenBarHCollection, "BrokenBarHCollection",
                                                                   base="matplotlib.collections.PolyCollection"),
    ("matplotlib.patches", "YAArrow"): shim_source(old.YAArrow, "YAArrow", base="matplotlib.patches.Patch"),
    ("matplotlib.dates", "IndexDateFormatter"): shim_source(old.IndexDateFormatter, "IndexDateFormatter",
                                                          base="matplotlib.ticker.Formatter"),
}


@rule(
    "matplotlib-removed-members",
    library="matplotlib",
    changed_in="matplotlib 3.2-3.10",
    rationale="removed matplotlib functions and classes written into the notebook as the last release had them: "
    "dates.epoch2num/num2epoch (seconds and days since rcParams['date.epoch']), font_manager.createFontList (a "
    "FontEntry per readable font file), cm.revcmap (the reversed segment data), compare_versions (a >= b in "
    "LooseVersion's order), inset_locator.InsetPosition (an axes locator in the parent's fractions), "
    "collections.BrokenBarHCollection (a PolyCollection of (x, width) bars, with span_where) and patches.YAArrow "
    "(an arrow patch in display space, its widths in points); dates.IndexDateFormatter labels tick x with "
    "num2date(t[round(x)]) (3.4's: t in days since date.epoch, as today's date2num makes them).",
    pattern=names_pattern(MEMBERS_TABLE),
    signatures=import_signatures(MEMBERS_TABLE),
    examples=(
        ("import matplotlib.dates as mdates\nt = mdates.epoch2num(df.ts)",
         "import matplotlib.dates as mdates\n" + shim_source(old.epoch2num, "epoch2num") + "t = epoch2num(df.ts)"),
        ("import matplotlib\nif matplotlib.compare_versions(matplotlib.__version__, '2.0'):\n    pass",
         "import matplotlib\n" + shim_source(old.compare_versions, "compare_versions")
         + "if compare_versions(matplotlib.__version__, '2.0'):\n    pass"),
        ("from matplotlib import font_manager as fm\nfm.fontManager.ttflist.extend(fm.createFontList(files))",
         "from matplotlib import font_manager as fm\n" + shim_source(old.createFontList, "createFontList")
         + "fm.fontManager.ttflist.extend(createFontList(files))"),
        ("from mpl_toolkits.axes_grid1.inset_locator import InsetPosition, mark_inset\n"
         "ax2.set_axes_locator(InsetPosition(ax, [0.6, 0.1, 0.3, 0.3]))",
         "from mpl_toolkits.axes_grid1.inset_locator import mark_inset\n"
         + shim_source(old.InsetPosition, "InsetPosition") + "ax2.set_axes_locator(InsetPosition(ax, [0.6, 0.1, 0.3, 0.3]))"),
        ("import matplotlib.collections as collections\n"
         "c = collections.BrokenBarHCollection.span_where(t, ymin=0, ymax=1, where=s > 0, alpha=0.5)",
         "import matplotlib.collections as collections\nimport matplotlib.collections\n"
         + MEMBERS_TABLE["matplotlib.collections", "BrokenBarHCollection"]
         + "c = BrokenBarHCollection.span_where(t, ymin=0, ymax=1, where=s > 0, alpha=0.5)"),
        ("import matplotlib.patches as mpatches\nax.add_patch(mpatches.YAArrow(fig, (0.9, 0.9), (0.1, 0.1)))",
         "import matplotlib.patches as mpatches\nimport matplotlib.patches\n"
         + MEMBERS_TABLE["matplotlib.patches", "YAArrow"] + "ax.add_patch(YAArrow(fig, (0.9, 0.9), (0.1, 0.1)))"),
        ("from matplotlib.cm import revcmap\nr = revcmap(cdict)",
         shim_source(old.revcmap, "revcmap") + "r = revcmap(cdict)"),
    ),
)
class MatplotlibRemovedMembers(RemovedNames):
    TABLE = MEMBERS_TABLE

    def leave_Module(self, original, updated):
        """The shims in place, then the import a class shim's base needs right before the class (unless the cell
        has that line before it)."""
        updated = super().leave_Module(original, updated)
        body = list(updated.body)
        for base, line in _BASES.items():
            code = [code_of(s) for s in body]
            at = next((i for i, c in enumerate(code) if c.lstrip().startswith("class ") and f"({base}):" in c), None)
            if at is None or any(c.strip() == line for c in code[:at]):
                continue
            new = cst.parse_statement(line + "\n").with_changes(leading_lines=body[at].leading_lines)
            body[at:at + 1] = [new, body[at].with_changes(leading_lines=[])]
        return updated.with_changes(body=body) if len(body) != len(updated.body) else updated


# (attribute, the types whose message names it as a regex, the calls that make such an object) -> the shim
_CONTOUR_TYPES = r"\w*ContourSet"
_AXES_TYPES = r"\w*Axes\w*|AxesSubplot"
# method -> (the types that lost it, the calls that make one, the shim's name, the shim, the arguments it took)
_METHODS = {
    "get_geometry": (_AXES_TYPES, ("subplot", "add_subplot"), "axes_get_geometry", old.axes_get_geometry, {0}),
    "set_fillstyle": ("MarkerStyle", ("MarkerStyle",), "markerstyle_set_fillstyle", old.markerstyle_set_fillstyle,
                      {1}),
    "set_marker": ("MarkerStyle", ("MarkerStyle",), "markerstyle_set_marker", old.markerstyle_set_marker, {1}),
    # a formatter subclass the notebook defines (self.pprint_val) is named by its own class
    "pprint_val": (r"\w+", ("ScalarFormatter", "LogFormatter"), "formatter_pprint_val", old.formatter_pprint_val,
                   {1, 2}),
    "set_contains": (r"\w+", (), "artist_set_contains", old.artist_set_contains, {1}),
    "get_contains": (r"\w+", (), "artist_get_contains", old.artist_get_contains, {0}),
}
_CONTOURS = ("contour", "contourf", "tricontour", "tricontourf")
_SHIM_NAMES = {"contour_collections", *(shim_name for _, _, shim_name, _, _ in _METHODS.values())}


@rule(
    "matplotlib-removed-methods",
    library="matplotlib",
    changed_in="matplotlib 3.3 (pprint_val), 3.5 (set_contains), 3.6 (get_geometry, MarkerStyle setters), 3.10 (ContourSet.collections)",
    rationale="ContourSet.collections gave one collection per level; contour_collections(cs) builds them as "
    "they were (each level's lines, or filled polygons with their holes, as separate paths, with the set's "
    "colours, widths and styles) and draws them in place of the set, so code that restyles, labels or reads "
    "them works as before. ax.get_geometry() was (nrows, ncols, number from 1) of its subplotspec; "
    "MarkerStyle.set_fillstyle/set_marker changed the style in place; ScalarFormatter.pprint_val(x) wrote x in the "
    "offset, order of magnitude and format of the last set_locs, LogFormatter.pprint_val(x, d) x for a view range "
    "d (formatter_pprint_val does either, by the formatter's type); Artist.set_contains(f) made f(artist, event) "
    "the artist's contains() (get_contains gave it back). Rewritten where the error names the "
    "type that lost the member, or where the name is bound to the call that makes one.",
    pattern=r"\.\s*(collections|get_geometry|set_fillstyle|set_marker|pprint_val|[sg]et_contains)\b",
    signatures=(("AttributeError", rf"'(?:{_CONTOUR_TYPES})' object has no attribute 'collections'|"
                                   rf"'(?:{_AXES_TYPES})' object has no attribute 'get_geometry'|"
                                   r"'MarkerStyle' object has no attribute 'set_(fillstyle|marker)'|"
                                   r"object has no attribute '(pprint_val|[sg]et_contains)'"),),
    examples=(
        ("import matplotlib.pyplot as plt\ncs = plt.contour(X, Y, Z)\nfor c in cs.collections:\n    c.set_linestyle('--')",
         "import matplotlib.pyplot as plt\ncs = plt.contour(X, Y, Z)\n" + shim_source(old.contour_collections,
                                                                                    "contour_collections")
         + "for c in contour_collections(cs):\n    c.set_linestyle('--')"),
        ("CS = ax.contourf(x, y, z)\nv = CS.collections[0].get_paths()[0].vertices\nn = len(ax.collections)",
         "CS = ax.contourf(x, y, z)\n" + shim_source(old.contour_collections, "contour_collections")
         + "v = contour_collections(CS)[0].get_paths()[0].vertices\nn = len(ax.collections)"),
        ("ax = fig.add_subplot(2, 2, 3)\nrows, cols, n = ax.get_geometry()\ngs.get_geometry()",
         "ax = fig.add_subplot(2, 2, 3)\n" + shim_source(old.axes_get_geometry, "axes_get_geometry")
         + "rows, cols, n = axes_get_geometry(ax)\ngs.get_geometry()"),
        ("from matplotlib.markers import MarkerStyle\nm = MarkerStyle('o')\nm.set_fillstyle('none')\nline.set_marker('s')",
         "from matplotlib.markers import MarkerStyle\nm = MarkerStyle('o')\n"
         + shim_source(old.markerstyle_set_fillstyle, "markerstyle_set_fillstyle")
         + "markerstyle_set_fillstyle(m, 'none')\nline.set_marker('s')"),
    ),
    error_examples=(
        ("AttributeError: 'QuadContourSet' object has no attribute 'collections'", 1,
         "for c in self.cs.collections:\n    c.remove()",
         shim_source(old.contour_collections, "contour_collections") + "for c in contour_collections(self.cs):\n"
         "    c.remove()"),
        ("AttributeError: 'Axes' object has no attribute 'get_geometry'", 2,
         "for ax in fig.axes:\n    print(ax.get_geometry())",
         shim_source(old.axes_get_geometry, "axes_get_geometry") + "for ax in fig.axes:\n"
         "    print(axes_get_geometry(ax))"),
        ("AttributeError: 'MyFormatter' object has no attribute 'pprint_val'", 3,
         "class MyFormatter(ScalarFormatter):\n    def __call__(self, x, pos=None):\n        return self.pprint_val(x) + ' m'",
         shim_source(old.formatter_pprint_val, "formatter_pprint_val") + "class MyFormatter(ScalarFormatter):\n"
         "    def __call__(self, x, pos=None):\n        return formatter_pprint_val(self, x) + ' m'"),
        ("AttributeError: 'Line2D' object has no attribute 'set_contains'", 1, "line.set_contains(near)",
         shim_source(old.artist_set_contains, "artist_set_contains") + "artist_set_contains(line, near)"),
        ("AttributeError: 'MarkerStyle' object has no attribute 'set_marker'", 1, "style.set_marker(path)\nl.set_marker(path)",
         shim_source(old.markerstyle_set_marker, "markerstyle_set_marker")
         + "markerstyle_set_marker(style, path)\nl.set_marker(path)"),
    ),
)
class MatplotlibRemovedMethods(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.contours = names_bound_to(ctx.text, _CONTOURS)
        self.bound = {name: names_bound_to(ctx.text, makers) if makers else set()
                      for name, (_, makers, _, _, _) in _METHODS.items()}
        self.in_shim = 0  # inside a shim copied in earlier (its body reads today's get_geometry)

    def visit_FunctionDef(self, node):
        self.in_shim += node.name.value in _SHIM_NAMES

    def leave_FunctionDef(self, original, updated):
        self.in_shim -= original.name.value in _SHIM_NAMES
        return updated

    def _ours(self, node: cst.CSTNode, receiver: cst.BaseExpression, types: str, bound: set[str]) -> bool:
        """The failing line's member of the type the error names; with no error, a name bound to its maker."""
        if self.in_shim:
            return False
        if self.ctx.error is None:
            return isinstance(receiver, cst.Name) and receiver.value in bound
        found = self.own_error_type
        return found is not None and re.fullmatch(types, found) is not None and self.on_own_error_line(node)

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "collections" or not self._ours(original, updated.value, _CONTOUR_TYPES, self.contours):
            return updated
        shim = self.need_shim("contour_collections", old.contour_collections)
        return cst.Call(shim, [cst.Arg(updated.value)])

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _METHODS or any(a.star for a in updated.args):
            return updated
        name = func.attr.value
        types, _, shim_name, shim, arities = _METHODS[name]
        if len(positional(updated)) not in arities or len(updated.args) != len(positional(updated)) or \
                not self._ours(original, func.value, types, self.bound[name]):
            return updated
        return self.method_as_shim(updated, shim_name, shim)


# the mlab functions ``from pylab import *`` (and %pylab) brought in until 3.1, each written out as it was
_PYLAB_MLAB = {name: getattr(old, name) for name in ("frange", "prctile", "find", "movavg", "demean", "normpdf",
                                                      "l1norm", "l2norm", "norm_flat", "rms_flat", "dist",
                                                      "bivariate_normal")}
_PYLAB_STAR = re.compile(r"^\s*(from\s+(matplotlib\.)?pylab\s+import\s+\*|%pylab\b)", re.M)


@rule(
    "matplotlib-pylab-star-names",
    library="matplotlib",
    changed_in="matplotlib 3.1",
    rationale="pylab's star import (and %pylab) brought matplotlib.mlab's frange, prctile, find, movavg, demean, "
    "normpdf, l1norm, l2norm, norm_flat, rms_flat, dist and bivariate_normal into the notebook; 3.1 removed them "
    "from mlab, so the bare name is undefined. The name the error gives is written into the cell as the mlab "
    "function was, before its first use.",
    kind="error",
    signatures=(("NameError", r"name '(" + "|".join(_PYLAB_MLAB) + r")' is not defined"),),
    gate=lambda ctx, code: _PYLAB_STAR.search(ctx.text) is not None,
    error_examples=(
        ("NameError: name 'frange' is not defined", 2, "from pylab import *\nxs = frange(0, 1, 0.1)\nplot(xs, xs ** 2)",
         "from pylab import *\n" + shim_source(old.frange, "frange") + "xs = frange(0, 1, 0.1)\nplot(xs, xs ** 2)"),
        ("NameError: name 'normpdf' is not defined", 3,
         "from matplotlib.pylab import *\nn, bins, p = hist(x, 50)\ny = normpdf(bins, mu, sigma)",
         "from matplotlib.pylab import *\nn, bins, p = hist(x, 50)\n" + shim_source(old.normpdf, "normpdf")
         + "y = normpdf(bins, mu, sigma)"),
    ),
)
class PylabStarNames(Shims):
    def visit_Module(self, node):
        found = re.search(r"name '(\w+)' is not defined", self.ctx.error.evalue) if self.ctx.error else None
        if found and found[1] in _PYLAB_MLAB:
            self.need_shim(found[1], _PYLAB_MLAB[found[1]])
            self.changed = True
