"""matplotlib and seaborn: functions and settings removed without a same-named successor, given back as what
they did (shims in old_matplotlib.py, old_seaborn.py), and the calls today's matplotlib refuses where the old one
guessed (more tick labels than ticks, C as large as X and Y in a flat pcolormesh, del on an Axes' artist list)."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_matplotlib as old
from . import old_seaborn
from .framework import (
    RuleTransformer,
    arg_list,
    callee_name,
    code_of,
    kwarg,
    make_arg,
    names_bound_to,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .removed_api import (
    Moved,
    RemovedNames,
    call_args,
    import_signatures,
    module_of,
    names_pattern,
    shim_source,
)


def _isinstance_str(call: cst.Call, rule: RemovedNames) -> cst.BaseExpression | None:
    found = call_args(call)
    if found is None or len(found[0]) != 1 or found[1]:
        return None
    return cst.Call(cst.Name("isinstance"), arg_list(cst.Arg(found[0][0].value), cst.Arg(cst.Name("str"))))


MPL_TABLE = {
    **{("matplotlib.mlab", n): getattr(old, n) for n in ("bivariate_normal", "find", "PCA", "prctile", "movavg",
                                                          "demean", "frange")},
    **{("matplotlib.dates", n): getattr(old, n)
       for n in ("strpdate2num", "bytespdate2num", "seconds", "minutes", "hours", "weeks")},
    ("matplotlib.cbook", "is_numlike"): old.is_numlike,
    ("matplotlib.cbook", "Bunch"): Moved("types", "SimpleNamespace"),
    **{(m_, "register_cmap"): old.register_cmap for m_ in ("matplotlib.cm", "matplotlib.pyplot", "matplotlib.pyplot.cm")},
    **{(m_, "cmap_d"): Moved("matplotlib", "colormaps") for m_ in ("matplotlib.cm", "matplotlib.pyplot.cm")},
    ("matplotlib.cbook", "iterable"): Moved("numpy", "iterable"),
    ("matplotlib.cbook", "is_string_like"): "def is_string_like(obj):  # matplotlib.cbook.is_string_like (removed in 3.0)\n"
                                            "    return isinstance(obj, str)",
}
# rcParams keys that left: (new key, how the old value becomes the new one; None: the setting is dropped)
_RC = {"axes.color_cycle": "axes.prop_cycle", "text.latex.unicode": None, "savefig.frameon": "savefig.facecolor",
       # settings that only shaped the old machinery (hold, the LaTeX preview, logging, the nbagg background,
       # PIL's JPEG quality, now its savefig(pil_kwargs=) default): dropped
       **dict.fromkeys(("axes.hold", "text.latex.preview", "verbose.level", "verbose.fileo", "nbagg.transparent",
                        "savefig.jpeg_quality"))}


@rule(
    "matplotlib-removed-functions",
    library="matplotlib",
    changed_in="matplotlib 2.0-3.10",
    rationale="removed matplotlib functions and settings: mlab.bivariate_normal/find/PCA and cm.register_cmap are "
    "written into the notebook as they were, cm.cmap_d is matplotlib.colormaps (cmap_d[k] = c registers c), "
    "cbook.iterable is numpy.iterable and is_string_like(x) isinstance(x, str), rcParams['axes.color_cycle'] = c "
    "is axes.prop_cycle = cycler(color=c), 'savefig.frameon' = False a transparent figure patch (facecolor "
    "'none'), 'text.latex.unicode' is dropped (always on), canvas.tostring_rgb() the RGB bytes of buffer_rgba(), "
    "canvas.set_window_title its manager's, get_shared_x_axes().join(a, b) b.sharex(a), scatter(verts=) marker=.",
    pattern=names_pattern(MPL_TABLE) + r"|color_cycle|latex\.(unicode|preview)|unicode\s*=|frameon|tostring_rgb|"
    r"axes\.hold|verbose\.|nbagg\.transparent|jpeg_quality|"
    r"set_window_title|get_shared_[xy]_axes|verts\s*=",
    signatures=(*import_signatures(MPL_TABLE),
                ("AttributeError", r"has no attribute '(tostring_rgb|set_window_title|join)'|unexpected keyword "
                                   r"argument 'verts'"),
                ("KeyError", r"'(" + "|".join(map(re.escape, _RC)) + r")' is not a valid value"),
                ("KeyError", r'Unrecognized key "(' + "|".join(map(re.escape, _RC)) + r')" for group')),
    examples=(
        ("import matplotlib.mlab as mlab\nZ = mlab.bivariate_normal(X, Y, 1.0, 1.0, 0.0, 0.0)",
         "import matplotlib.mlab as mlab\n" + shim_source(old.bivariate_normal, "bivariate_normal")
         + "Z = bivariate_normal(X, Y, 1.0, 1.0, 0.0, 0.0)"),
        ("import matplotlib as mpl\nfrom matplotlib import cm\nc = cm.cmap_d['jet']\ncm.cmap_d['mine'] = cmap",
         "import matplotlib as mpl\nfrom matplotlib import cm\nc = mpl.colormaps['jet']\n"
         "mpl.colormaps.register(cmap, name='mine', force=True)"),
        ("import matplotlib as mpl\nmpl.rcParams['axes.color_cycle'] = ['r', 'k']\nmpl.rcParams['text.latex.unicode'] = True\n"
         "plt.rcParams['savefig.frameon'] = False",
         "import matplotlib as mpl\nmpl.rcParams['axes.prop_cycle'] = mpl.cycler(color=['r', 'k'])\n"
         "plt.rcParams['savefig.facecolor'] = 'none'"),
        ("import matplotlib as mpl\nmpl.rcParams['axes.hold'] = True\nmpl.rcParams['savefig.jpeg_quality'] = 95\nx = 1",
         "import matplotlib as mpl\nx = 1"),
        ("import matplotlib.dates as mdates\nimport numpy as np\nd = np.loadtxt(f, converters={0: mdates.strpdate2num('%Y-%m-%d')})",
         "import matplotlib.dates as mdates\nimport numpy as np\n" + shim_source(old.strpdate2num, "strpdate2num")
         + "d = np.loadtxt(f, converters={0: strpdate2num('%Y-%m-%d')})"),
        ("from matplotlib.dates import minutes, weeks\nstep = minutes(15) + weeks(1)",
         shim_source(old.minutes, "minutes") + shim_source(old.weeks, "weeks") + "step = minutes(15) + weeks(1)"),
        ("import matplotlib.pyplot as plt\nplt.rc('axes', color_cycle=cols)\nplt.rc('text.latex', unicode=True)",
         "import matplotlib.pyplot as plt\nimport matplotlib\nplt.rc('axes', prop_cycle=matplotlib.cycler(color=cols))"),
        ("import matplotlib.pyplot as plt\nplt.rc('savefig', jpeg_quality=95, dpi=100)\n"
         "plt.rc('savefig', frameon=False)",
         "import matplotlib.pyplot as plt\nplt.rc('savefig', dpi=100)\nplt.rc('savefig', facecolor='none')"),
        ("import numpy as np\nbuf = fig.canvas.tostring_rgb()\nfig.canvas.set_window_title('run')",
         "import numpy as np\nbuf = np.asarray(fig.canvas.buffer_rgba())[..., :3].tobytes()\n"
         "fig.canvas.manager.set_window_title('run')"),
        ("ax.get_shared_x_axes().join(ax1, ax2)\nax.scatter(x, y, verts=v)\nax.scatter(x, y, marker='o', verts=v)",
         "ax2.sharex(ax1)\nax.scatter(x, y, marker=v)\nax.scatter(x, y, marker='o')"),
        ("from matplotlib.cbook import iterable\nok = matplotlib.cbook.is_string_like(s)",
         "from numpy import iterable\nok = isinstance(s, str)"),
    ),
)
class MatplotlibRemovedFunctions(RemovedNames):
    TABLE = MPL_TABLE
    CALLS = {("matplotlib.cbook", "is_string_like"): _isinstance_str}

    def _rc_line(self, stmt: cst.BaseSmallStatement) -> cst.BaseSmallStatement | cst.RemovalSentinel | None:
        """rcParams['old key'] = v and cmap_d[k] = v: the statement today, None when it is not one of them."""
        if not (isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0].target, cst.Subscript)):
            return None
        target = stmt.targets[0].target
        if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
            return None
        key = target.slice[0].slice.value
        if m.matches(target.value, m.Attribute(attr=m.Name("cmap_d"))) and \
                (module_of(self.ctx, target.value.value) or "").endswith("cm"):
            registry = self.alias_of("matplotlib")
            call = cst.parse_expression("__r__.colormaps.register(__c__, name=__k__, force=True)")
            call = call.with_changes(func=call.func.with_changes(value=call.func.value.with_changes(value=registry)),
                                     args=[call.args[0].with_changes(value=stmt.value), call.args[1].with_changes(value=key),
                                           call.args[2]])
            return cst.Expr(call)
        name = string_value(key)
        if name not in _RC or not (code_of(target.value).endswith("rcParams")):
            return None
        new = _RC[name]
        if new is None or (name == "savefig.frameon" and not m.matches(stmt.value, m.Name("False"))):
            return cst.RemovalSentinel.REMOVE
        value = cst.SimpleString("'none'") if name == "savefig.frameon" else self._cycler(stmt.value)
        new_key = target.slice[0].with_changes(slice=cst.Index(cst.SimpleString(repr(new))))
        return stmt.with_changes(targets=[stmt.targets[0].with_changes(target=target.with_changes(slice=[new_key]))],
                                 value=value)

    def _rc_call(self, call: cst.Call, group: str | None) -> cst.Call:
        """rc('group', key=value) for the keys that left, as their rcParams lines above: rc('axes',
        color_cycle=c) gives prop_cycle, rc('savefig', frameon=False) a transparent facecolor, the dropped keys
        (rc('savefig', jpeg_quality=95)) go."""
        for arg in [a for a in call.args[1:] if a.keyword is not None]:
            key = f"{group}.{arg.keyword.value}"
            if key not in _RC:
                continue
            new = _RC[key]
            if new is None or (key == "savefig.frameon" and not m.matches(arg.value, m.Name("False"))):
                call = remove_kwarg(call, arg.keyword.value)
                continue
            short = new.rpartition(".")[2]
            value = cst.SimpleString("'none'") if key == "savefig.frameon" else self._cycler(arg.value)
            call = set_kwarg_value(rename_kwarg(call, arg.keyword.value, short), short, value)
        return call

    def _cycler(self, colors: cst.BaseExpression) -> cst.Call:
        return cst.Call(cst.Attribute(self.alias_of("matplotlib"), cst.Name("cycler")), [make_arg("color", colors)])

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) == 1:
            new = self._rc_line(original.body[0])
            if new is cst.RemovalSentinel.REMOVE:
                return new
            if new is not None:
                return updated.with_changes(body=[new])
            stmt = updated.body[0]
            if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
                joined = self._join(stmt.value)
                if joined:
                    lines = [updated.with_changes(body=[cst.Expr(c)], leading_lines=updated.leading_lines if i == 0 else [])
                             for i, c in enumerate(joined)]
                    return cst.FlattenSentinel(lines)
        return super().leave_SimpleStatementLine(original, updated)

    def _join(self, call: cst.Call) -> list[cst.Call] | None:
        """ax.get_shared_x_axes().join(a, b, c) -> b.sharex(a), c.sharex(a)."""
        if not m.matches(call.func, m.Attribute(attr=m.Name("join"), value=m.Call(
                func=m.Attribute(attr=m.Name("get_shared_x_axes") | m.Name("get_shared_y_axes"))))):
            return None
        if len(call.args) < 2 or any(a.keyword or a.star for a in call.args):
            return None
        axis = "sharex" if call.func.value.func.attr.value == "get_shared_x_axes" else "sharey"
        first = call.args[0].value
        return [cst.Call(cst.Attribute(a.value, cst.Name(axis)), [cst.Arg(first)]) for a in call.args[1:]
                if code_of(a.value) != code_of(first)] or None

    def leave_Call(self, original, updated):
        updated = super().leave_Call(original, updated)
        if not isinstance(updated, cst.Call):
            return updated
        func, name = updated.func, callee_name(updated)
        if name == "rc" and len(updated.args) >= 1 and updated.args[0].keyword is None:
            return self._rc_call(updated, string_value(updated.args[0].value))
        if name == "tostring_rgb" and not updated.args and isinstance(func, cst.Attribute):
            rgba = cst.Call(cst.Attribute(self.alias_of("numpy"), cst.Name("asarray")),
                            [cst.Arg(cst.Call(cst.Attribute(func.value, cst.Name("buffer_rgba"))))])
            rgb = cst.parse_expression("__a__[..., :3]").with_changes(value=rgba)
            return cst.Call(cst.Attribute(rgb, cst.Name("tobytes")))
        if name == "set_window_title" and m.matches(func, m.Attribute(value=m.Attribute(attr=m.Name("canvas")))):
            return updated.with_changes(func=func.with_changes(value=cst.Attribute(func.value, cst.Name("manager"))))
        if name == "scatter" and kwarg(updated, "verts") is not None:
            return remove_kwarg(updated, "verts") if kwarg(updated, "marker") else rename_kwarg(updated, "verts", "marker")
        return updated

    def leave_Module(self, original, updated):
        module = super().leave_Module(original, updated)
        # plt.rc('text.latex', unicode=True) with nothing else left to set: the line goes
        body = [s for s in module.body if not m.matches(s, m.SimpleStatementLine(body=[m.Expr(m.Call(
            func=m.Attribute(attr=m.Name("rc")) | m.Name("rc"), args=[m.Arg(m.SimpleString("'text.latex'")
                                                                             | m.SimpleString('"text.latex"'))]))]))]
        return module.with_changes(body=body) if len(body) != len(module.body) else module


@rule(
    "matplotlib-stricter-calls",
    library="matplotlib",
    changed_in="matplotlib 3.5 (tick labels, flat pcolormesh), 3.7 (artist lists)",
    rationale="calls matplotlib refuses where it used to guess: more or fewer tick labels than fixed ticks (the "
    "labels went on the ticks in order, extras dropped, missing ones blank: fit_ticklabels does that), C as "
    "large as X and Y in pcolormesh(shading='flat') (its last row and column were dropped: C[:-1, :-1]), and "
    "del ax.lines[i] (ax.lines[i].remove()). Only the failing line is touched.",
    kind="error",
    signatures=(("ValueError", r"does not match the number of labels"),
                ("TypeError", r"Dimensions of C .* should be one smaller than X|doesn't support item deletion")),
    examples=(
        ("ax.set_xticks(range(3))\nax.set_xticklabels(names, rotation=90)",
         "ax.set_xticks(range(3))\n" + shim_source(old.fit_ticklabels, "fit_ticklabels")
         + "ax.set_xticklabels(fit_ticklabels(names, ax.get_xticks()), rotation=90)"),
        ("plt.xticks(pos, labels)", shim_source(old.fit_ticklabels, "fit_ticklabels") + "plt.xticks(pos, fit_ticklabels(labels, pos))"),
        ("import numpy as np\nax.pcolormesh(X, Y, Z, shading='flat')", "import numpy as np\nax.pcolormesh(X, Y, np.asarray(Z)[:-1, :-1], shading='flat')"),
        ("del ax.lines[0]\ndel ax.collections[:]", "ax.lines[0].remove()\nfor artist in ax.collections[:]:\n    artist.remove()"),
    ),
)
class MatplotlibStricterCalls(RemovedNames):
    METADATA_DEPENDENCIES = (PositionProvider,)
    TABLE = {}

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        evalue = ctx.error.evalue if ctx.error else ""
        self.labels = not evalue or "number of labels" in evalue
        self.flat = not evalue or "one smaller" in evalue
        self.deletion = not evalue or "item deletion" in evalue

    def leave_Call(self, original, updated):
        if self.off_error_line(original):
            return updated
        name = callee_name(updated)
        pos = positional(updated)
        if self.labels and name in ("set_xticklabels", "set_yticklabels") and pos and isinstance(updated.func, cst.Attribute):
            ticks = cst.Call(cst.Attribute(updated.func.value, cst.Name(name.replace("ticklabels", "ticks").replace("set_", "get_"))))
            return self._fit(updated, pos[0], ticks)
        if self.labels and name in ("xticks", "yticks") and len(pos) >= 2:
            return self._fit(updated, pos[1], pos[0].value)
        if self.flat and name in ("pcolormesh", "pcolor") and len(pos) >= 3 and not m.matches(
                pos[2].value, m.Subscript(value=m.Call(func=m.Attribute(attr=m.Name("asarray"))))):
            asarray = cst.Call(cst.Attribute(self.alias_of("numpy"), cst.Name("asarray")), [cst.Arg(pos[2].value)])
            cut = cst.parse_expression("__c__[:-1, :-1]").with_changes(value=asarray)
            return updated.with_changes(args=[a.with_changes(value=cut) if a is pos[2] else a for a in updated.args])
        return updated

    def _fit(self, call: cst.Call, labels: cst.Arg, ticks: cst.BaseExpression) -> cst.Call:
        if m.matches(labels.value, m.Call(func=m.Name("fit_ticklabels"))):
            return call
        fitted = cst.Call(self.need_shim("fit_ticklabels", old.fit_ticklabels), arg_list(cst.Arg(labels.value), cst.Arg(ticks)))
        return call.with_changes(args=[a.with_changes(value=fitted) if a is labels else a for a in call.args])

    def leave_SimpleStatementLine(self, original, updated):
        if not self.deletion or len(updated.body) != 1 or not isinstance(updated.body[0], cst.Del) or \
                self.off_error_line(original):
            return updated
        target = updated.body[0].target
        if not m.matches(target, m.Subscript(value=m.Attribute(attr=m.Name()))) or len(target.slice) != 1:
            return updated
        if isinstance(target.slice[0].slice, cst.Index):
            return updated.with_changes(body=[cst.Expr(cst.Call(cst.Attribute(target, cst.Name("remove"))))])
        loop = cst.parse_statement("for artist in __x__:\n    artist.remove()")
        return loop.with_changes(iter=target, leading_lines=updated.leading_lines)


SNS_TABLE = {
    **{(m_, "iqr"): Moved("scipy.stats", "iqr") for m_ in ("seaborn", "seaborn.utils")},
    **{(m_, n): getattr(old_seaborn, n)
       for m_ in ("seaborn", "seaborn.utils") for n in ("sort_df", "percentiles", "pmf_hist")},
    **{(m_, n): getattr(old_seaborn, n) for m_ in ("seaborn", "seaborn.regression", "seaborn.linearmodels")
       for n in ("coefplot", "interactplot")},
}


def _sort_df(call: cst.Call, rule: RemovedNames) -> cst.BaseExpression | None:
    if not call.args or call.args[0].keyword or call.args[0].star:
        return None
    rest = list(call.args[1:])
    if rest:
        rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return cst.Call(cst.Attribute(call.args[0].value, cst.Name("sort_values")), rest)


@rule(
    "seaborn-removed-functions",
    library="seaborn",
    changed_in="seaborn 0.9-0.13",
    rationale="seaborn's removed utilities: iqr is scipy.stats.iqr (the same percentiles), sort_df(df, ...) is "
    "df.sort_values(...), percentiles and pmf_hist, and the coefplot and interactplot figures (0.8's statsmodels "
    "fits drawn the same way), are written into the notebook as they were.",
    pattern=names_pattern(SNS_TABLE),
    signatures=import_signatures(SNS_TABLE),
    examples=(
        ("import seaborn as sns\nimport scipy.stats\nr = sns.iqr(x)\nd = sns.sort_df(df, 'a', ascending=False)",
         "import seaborn as sns\nimport scipy.stats\nr = scipy.stats.iqr(x)\nd = df.sort_values('a', ascending=False)"),
        ("import seaborn as sns\nx, h, w = sns.pmf_hist(a)",
         "import seaborn as sns\n" + shim_source(old_seaborn.pmf_hist, "pmf_hist") + "x, h, w = pmf_hist(a)"),
    ),
)
class SeabornRemovedFunctions(RemovedNames):
    TABLE = SNS_TABLE
    CALLS = {(m_, "sort_df"): _sort_df for m_ in ("seaborn", "seaborn.utils")}


@rule(
    "seaborn-jointgrid-annotate",
    library="seaborn",
    changed_in="seaborn 0.11",
    rationale="JointGrid.annotate(stat_func) drew the statistic and p-value as a legend on the joint axes; "
    "jointgrid_annotate(grid, stat_func) draws the same. Only the failing line is touched.",
    kind="error",
    signatures=(("AttributeError", r"'JointGrid' object has no attribute 'annotate'"),),
    examples=(
        ("g = sns.jointplot(x='a', y='b', data=df).annotate(stats.pearsonr)",
         shim_source(old_seaborn.jointgrid_annotate, "jointgrid_annotate")
         + "g = jointgrid_annotate(sns.jointplot(x='a', y='b', data=df), stats.pearsonr)"),
    ),
)
class JointGridAnnotate(RemovedNames):
    METADATA_DEPENDENCIES = (PositionProvider,)
    TABLE = {}

    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(attr=m.Name("annotate"))) or self.off_error_line(original):
            return updated
        if not updated.args or updated.args[0].keyword or string_value(updated.args[0].value) is not None:
            return updated  # ax.annotate('text', xy=...) is matplotlib's, still there
        helper = self.need_shim("jointgrid_annotate", old_seaborn.jointgrid_annotate)
        return cst.Call(helper, [cst.Arg(func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                                 *updated.args])


def _may_be_float(node: cst.BaseExpression) -> bool:
    """A true division or a float literal anywhere in ``node``, outside a call to int()."""
    if isinstance(node, cst.Call) and m.matches(node.func, m.Name("int")):
        return False
    if isinstance(node, cst.Float) or (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide)):
        return True
    return any(_may_be_float(child) for child in node.children if isinstance(child, cst.BaseExpression))


@rule(
    "matplotlib-subplot-float-position",
    library="matplotlib",
    changed_in="matplotlib 3.5 (deprecated in 3.3)",
    rationale="subplot(rows, cols, index) and add_subplot took floats and truncated them with int(); they now "
    "refuse them ('Number of rows must be a positive integer, not 7.6'). An argument that divides or holds a "
    "float literal is given as int(...), the value the old call used.",
    needles=("subplot(",),
    prefilter=lambda code: "/" in code or "." in code,
    signatures=(("ValueError", r"(Number of (rows|columns) must be a positive integer|num must be an integer with)"),),
    examples=(
        ("for i, c in enumerate(cols):\n    plt.subplot(len(cols) / 5 + 1, 5, i + 1)",
         "for i, c in enumerate(cols):\n    plt.subplot(int(len(cols) / 5 + 1), 5, i + 1)"),
        ("ax = fig.add_subplot(2, n / 2, 1.0)", "ax = fig.add_subplot(2, int(n / 2), int(1.0))"),
        ("plt.subplot(2, n // 2, int(k / 2))", "plt.subplot(2, n // 2, int(k / 2))"),
        ("ax = fig.add_subplot(111, projection='3d')", "ax = fig.add_subplot(111, projection='3d')"),
    ),
)
class SubplotFloatPosition(RuleTransformer):
    def leave_Call(self, original, updated):
        args = positional(updated)
        if callee_name(updated) not in ("subplot", "add_subplot") or len(args) != 3:
            return updated
        wrapped = {id(a): a.with_changes(value=cst.Call(cst.Name("int"), [cst.Arg(a.value)]))
                   for a in args if _may_be_float(a.value)}
        return updated.with_changes(args=[wrapped.get(id(a), a) for a in updated.args]) if wrapped else updated


# Colorbar stopped being a ScalarMappable: what it inherited is its mappable's (3.1 deprecated, 3.3 removed)
_COLORBAR_MAPPABLE = {"set_clim", "get_clim", "set_cmap", "get_cmap", "set_norm"}


@rule(
    "matplotlib-colorbar-methods",
    library="matplotlib",
    changed_in="matplotlib 3.3 (set_clim/set_cmap/set_norm), 3.5 (update_bruteforce), 3.7 (update_ticks=), "
    "3.8 (draw_all)",
    rationale="a Colorbar was a ScalarMappable sharing its image's norm, so cb.set_clim(0, 1) rescaled both; "
    "since 3.3 the colorbar only follows its mappable, whose set_clim/set_cmap/set_norm do the same "
    "(cb.mappable.set_clim). update_bruteforce(m) became update_normal(m), and draw_all() is the figure's "
    "draw_without_rendering(). set_ticks/set_ticklabels' update_ticks= (ignored since 3.5) is dropped.",
    needles=("set_clim", "get_clim", "set_cmap", "get_cmap", "set_norm", "update_bruteforce", "draw_all", "update_ticks"),
    signatures=(("AttributeError", r"'Colorbar' object has no attribute '(set_clim|get_clim|set_cmap|get_cmap|"
                                   r"set_norm|update_bruteforce|draw_all)'"),
                ("ValueError", r"Incorrect use of keyword argument 'update_ticks'"),
                ("TypeError", r"unexpected keyword argument 'update_ticks'")),
    examples=(
        ("cb = plt.colorbar(im)\ncb.set_clim(0, 1)\nim.set_clim(0, 2)",
         "cb = plt.colorbar(im)\ncb.mappable.set_clim(0, 1)\nim.set_clim(0, 2)"),
        ("cbar = fig.colorbar(sc, ax=ax)\ncbar.update_bruteforce(sc)\ncbar.draw_all()",
         "cbar = fig.colorbar(sc, ax=ax)\ncbar.update_normal(sc)\ncbar.ax.figure.draw_without_rendering()"),
        ("cmap = plt.get_cmap('jet')\nim.set_cmap(cmap)", "cmap = plt.get_cmap('jet')\nim.set_cmap(cmap)"),
        ("fig.colorbar(im).set_ticks([0, 1], update_ticks=True)\ncb.set_ticklabels(['lo', 'hi'], update_ticks=False)",
         "fig.colorbar(im).set_ticks([0, 1])\ncb.set_ticklabels(['lo', 'hi'])"),
    ),
)
class ColorbarMethods(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # the names a colorbar is bound to (cb = plt.colorbar(im)); on the colorbar's own error, any receiver
        self.colorbars = names_bound_to(ctx.text, ["colorbar"])

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute):
            return updated
        name, owner = func.attr.value, func.value
        if name in ("set_ticks", "set_ticklabels"):  # only a colorbar's took update_ticks
            return remove_kwarg(updated, "update_ticks")
        ours = (isinstance(owner, cst.Name) and owner.value in self.colorbars) or (
            self.on_own_error_line(original))
        if not ours or (self.ctx.error_line is not None and not self.on_error_line(original)):
            return updated
        if name in _COLORBAR_MAPPABLE:
            return updated.with_changes(func=func.with_changes(value=cst.Attribute(owner, cst.Name("mappable"))))
        if name == "update_bruteforce":
            return updated.with_changes(func=func.with_changes(attr=cst.Name("update_normal")))
        if name == "draw_all" and not updated.args:
            figure = cst.parse_expression(f"{code_of(owner)}.ax.figure")
            return cst.Call(cst.Attribute(figure, cst.Name("draw_without_rendering")))
        return updated


@rule(
    "matplotlib-legend-draggable",
    library="matplotlib",
    changed_in="matplotlib 3.0 (deprecated), 3.2 (removed)",
    rationale="Legend.draggable(state) toggled dragging, or switched it on when called bare; it is "
    "set_draggable(state) now, which needs the state: draggable() becomes set_draggable(True).",
    needles=(".draggable(",),
    signatures=(("AttributeError", r"'Legend' object has no attribute 'draggable'"),),
    examples=(
        ("leg = ax.legend(loc='best')\nleg.draggable()\nplt.legend().draggable(state=True, use_blit=True)",
         "leg = ax.legend(loc='best')\nleg.set_draggable(True)\nplt.legend().set_draggable(state=True, use_blit=True)"),
        ("ax.get_legend().draggable(True)\nann.draggable()", "ax.get_legend().set_draggable(True)\nann.draggable()"),
    ),
)
class LegendDraggable(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.legends = names_bound_to(ctx.text, ["legend", "get_legend"])  # an annotation's draggable() remains

    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(attr=m.Name("draggable"))):
            return updated
        owner = func.value
        ours = (isinstance(owner, cst.Name) and owner.value in self.legends) or (
            isinstance(owner, cst.Call) and callee_name(owner) in ("legend", "get_legend")) or (
            self.on_own_error_line(original))
        if not ours:
            return updated
        args = updated.args or [cst.Arg(cst.Name("True"))]
        return updated.with_changes(func=func.with_changes(attr=cst.Name("set_draggable")), args=args)
