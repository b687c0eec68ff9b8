"""matplotlib and pandas plotting: removed keywords, styles and functions (seaborn's are in seaborn_rules.py)."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    make_arg,
    pass_if_empty,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)


_LOG_SCALE = {"set_xscale", "set_yscale", "xscale", "yscale", "semilogx", "semilogy", "loglog"}
_LOG_RENAMED = {"basex": "base", "basey": "base", "nonposx": "nonpositive", "nonposy": "nonpositive",
                "subsx": "subs", "subsy": "subs"}
# Plotting calls that took hold= (removed in 3.0 with plt.hold: drawing over the axes is the only behaviour).
_HOLD_CALLS = {"plot", "scatter", "hist", "bar", "barh", "imshow", "contour", "contourf", "fill_between", "errorbar",
               "pcolor", "pcolormesh", "step", "stem", "boxplot", "pie", "quiver", "hexbin", "fill", "semilogx",
               "semilogy", "loglog", "axhline", "axvline", "hlines", "vlines", "streamplot", "violinplot"}
_TICK_BOOLS = {"bottom", "top", "left", "right", "labelbottom", "labeltop", "labelleft", "labelright",
               "gridOn", "tick1On", "tick2On", "label1On", "label2On"}
_ON_OFF = {"on": "True", "off": "False"}
_STEPS = {"steps": "steps-pre", "steps-pre": "steps-pre", "steps-mid": "steps-mid", "steps-post": "steps-post"}
_PIL_KWARGS = ("quality", "optimize", "progressive")
_ARTIST_LISTS = {"lines", "collections", "patches", "texts", "images", "artists", "tables"}
_TIGHT_PLT = ("pad", "h_pad", "w_pad", "rect")
_TIGHT_FIG = ("renderer", "pad", "h_pad", "w_pad", "rect")


@rule(
    "matplotlib-removed-api",
    library="matplotlib",
    changed_in="matplotlib 2.2-3.11",
    rationale="removed calls and keywords are given their replacement: hist(normed=) -> density=, the 'seaborn*' "
    "styles -> 'seaborn-v0_8*', grid(b=) -> visible=, set_axis_bgcolor/axisbg -> facecolor, cm.get_cmap -> "
    "pyplot.get_cmap, plt.hold/hold= dropped, set_color_cycle -> set_prop_cycle, annotate(s=) -> text=, "
    "log scales' basex/nonposx -> base/nonpositive, boxplot(labels=) -> tick_labels=, gca(projection=) -> "
    "add_subplot, Axes3D(fig) -> fig.add_subplot(projection='3d'), plot_date -> plot, mlab.normpdf -> "
    "scipy.stats.norm.pdf, and the smaller ones (errorbar(fmt=None), 'box-forced', linestyle='steps', "
    "tick_params('off'), savefig(quality=), tight_layout's positional arguments, cbook.mplDeprecation, "
    "the 'spectral' colormap).",
    # The spellings the rewrites below look for, sharper than words like "legend(" or "savefig" alone: most
    # cells that plot use none of them, and the libcst pass is the costly part of the static pass.
    # Every branch starts with a character, not \b (b(?<!\wb) is \bb): the regex engine then skips ahead to
    # the positions where a branch can start instead of trying them all at each position (2x faster).
    pattern=r"normed|['\"]seaborn|b(?<!\wb)\s*=|axis_?bgcolor|axisbg|get_cmap|colors\s*=|h(?<!\wh)old\b|ishold|color_cycle|"
    r"annotate\(|basex|basey|nonpos|subsx|subsy|boxplot\((?:[^()]|\([^()]*\))*\blabels\s*=|gca\([^)]*projection|Axes3D|plot_date|normpdf|"
    r"fmt\s*=\s*None|box-forced|['\"]steps|tick_params|savefig\([^)]*(quality|frameon|papertype)|tight_layout\(\s*[^)\s]|"
    r"mplDeprecation|MatplotlibDeprecationWarning|spectral|b(?<!\wb)ar\((?:[^()]|\([^()]*\))*\bleft\s*=|b(?<!\wb)arh\((?:[^()]|\([^()]*\))*\bbottom\s*=|legend\([^()\n]*,[^()\n]*,|withdash|"
    r"lines\b[^\n]*\.(pop|remove)\(",
    signatures=(
        ("AttributeError", r"(unexpected keyword argument '(normed|hold|axisbg|left|withdash)'|"
                           r"has no attribute '(set_axis_bgcolor|get_cmap|hold|ishold|set_color_cycle|plot_date|"
                           r"normpdf|mplDeprecation|spectral)'|'ArtistList' object has no attribute)"),
        ("ImportError", r"cannot import name '(get_cmap|normpdf|mplDeprecation|MatplotlibDeprecationWarning)'"),
        ("OSError", r"is not a valid package style"),
        ("ValueError", r"keyword grid_b is not recognized|'box-forced' is not a valid|'steps[-a-z]*' is not a valid"
                       r"|'spectral' is not a valid|third arg must be a format string"),
        ("TypeError", r"unexpected keyword argument '(basex|basey|nonposx|nonposy|subsx|subsy|labels|projection|"
                      r"renderer|quality|optimize|progressive|frameon|papertype)'|missing 1 required positional "
                      r"argument: '(text|x|y)'|(tight_layout|legend)\(\) takes"),
    ),
    examples=(
        ("plt.hist(x, bins=10, normed=True)", "plt.hist(x, bins=10, density=True)"),
        ("plt.style.use('seaborn-whitegrid')", "plt.style.use('seaborn-v0_8-whitegrid')"),
        ("from matplotlib import style\nstyle.use('seaborn')\nwith plt.style.context(['seaborn-darkgrid', 'ggplot']):\n    pass",
         "from matplotlib import style\nstyle.use('seaborn-v0_8')\nwith plt.style.context(['seaborn-v0_8-darkgrid', 'ggplot']):\n    pass"),
        ("ax.grid(b=True)", "ax.grid(visible=True)"),
        ("df.plot(kind='bar', colors=['r', 'b'])", "df.plot(kind='bar', color=['r', 'b'])"),
        ("c = plt.cm.get_cmap('jet')", "c = plt.get_cmap('jet')"),
        (
            "import matplotlib\nimport matplotlib.pyplot as plt\nfrom matplotlib import cm\n"
            "a = matplotlib.cm.get_cmap('jet')\nb = cm.get_cmap('viridis', 5)\nc = cm.spectral(0.5)",
            "import matplotlib\nimport matplotlib.pyplot as plt\nfrom matplotlib import cm\n"
            "a = plt.get_cmap('jet')\nb = plt.get_cmap('viridis', 5)\nc = cm.nipy_spectral(0.5)",
        ),
        ("from matplotlib.cm import get_cmap", "from matplotlib.pyplot import get_cmap"),
        ("import matplotlib.cm\na = matplotlib.cm.get_cmap('jet')\nb = matplotlib.cm.get_cmap('viridis', 5)",
         "import matplotlib.cm\na = matplotlib.colormaps.get_cmap('jet')\nb = matplotlib.colormaps.get_cmap('viridis').resampled(5)"),
        ("import matplotlib.cm as cm\ncolors = cm.get_cmap('tab10', lut=4)",
         "import matplotlib.cm as cm\nimport matplotlib\ncolors = matplotlib.colormaps.get_cmap('tab10').resampled(4)"),
        (
            "import matplotlib.pyplot as plt\nplt.hold(True)\nplt.plot(x, y, hold=True)\nfor a in axes:\n    a.hold(False)",
            "import matplotlib.pyplot as plt\nplt.plot(x, y)\nfor a in axes:\n    pass",
        ),
        ("ax.set_color_cycle(['r', 'g'])", "ax.set_prop_cycle(color=['r', 'g'])"),
        ("ax.annotate(s='peak', xy=(1, 2))", "ax.annotate(text='peak', xy=(1, 2))"),
        (
            "ax.set_xscale('log', basex=2, nonposx='clip')\nplt.semilogy(x, y, basey=10)",
            "ax.set_xscale('log', base=2, nonpositive='clip')\nplt.semilogy(x, y, base=10)",
        ),
        (
            "import seaborn as sns\nplt.boxplot(data, labels=names)\nsns.boxplot(x='a', y='b', data=df)",
            "import seaborn as sns\nplt.boxplot(data, tick_labels=names)\nsns.boxplot(x='a', y='b', data=df)",
        ),
        (
            "fig = plt.figure()\nax = fig.gca(projection='3d')\nax2 = plt.gca(projection='polar')",
            "fig = plt.figure()\nax = fig.add_subplot(projection='3d')\nax2 = plt.subplot(projection='polar')",
        ),
        (
            "from mpl_toolkits.mplot3d import Axes3D\nfig = plt.figure()\nax = Axes3D(fig, elev=30)",
            "from mpl_toolkits.mplot3d import Axes3D\nfig = plt.figure()\nax = fig.add_subplot(projection='3d', elev=30)",
        ),
        ("plt.plot_date(dates, values)", "plt.plot(dates, values, 'o')"),
        ("ax.plot_date(d, v, '-', xdate=True)", "ax.plot(d, v, '-')"),
        (
            "import matplotlib.mlab as mlab\ny = mlab.normpdf(bins, mu, sigma)",
            "import matplotlib.mlab as mlab\nimport scipy.stats\ny = scipy.stats.norm.pdf(bins, mu, sigma)",
        ),
        (
            "from matplotlib.mlab import normpdf\ny = normpdf(x, 0, 1)",
            "import scipy.stats\ny = scipy.stats.norm.pdf(x, 0, 1)",
        ),
        (
            "plt.errorbar(x, y, yerr=e, fmt=None)\nax.set_aspect('equal', adjustable='box-forced')\n"
            "plt.plot(x, y, linestyle='steps-mid')",
            "plt.errorbar(x, y, yerr=e, fmt='none')\nax.set_aspect('equal', adjustable='box')\n"
            "plt.plot(x, y, drawstyle='steps-mid')",
        ),
        (
            "plt.tick_params(axis='x', which='both', bottom='off', labelbottom='off')",
            "plt.tick_params(axis='x', which='both', bottom=False, labelbottom=False)",
        ),
        (
            "plt.savefig('a.jpg', quality=95, frameon=False)\nplt.tight_layout(2)\nfig.tight_layout(None, 1.5)",
            "plt.savefig('a.jpg', pil_kwargs={'quality': 95})\nplt.tight_layout(pad=2)\nfig.tight_layout(pad=1.5)",
        ),
        (
            "import matplotlib\nwarnings.filterwarnings('ignore', category=matplotlib.cbook.mplDeprecation)",
            "import matplotlib\nwarnings.filterwarnings('ignore', category=matplotlib.MatplotlibDeprecationWarning)",
        ),
        (
            "from matplotlib.cbook import mplDeprecation",
            "from matplotlib import MatplotlibDeprecationWarning as mplDeprecation",
        ),
        ("plt.scatter(x, y, c=z, cmap='spectral')", "plt.scatter(x, y, c=z, cmap='nipy_spectral')"),
        ("plt.bar(left=idx, height=v)\nax.legend(h, l, 'upper left')", "plt.bar(x=idx, height=v)\nax.legend(h, l, loc='upper left')"),
        (
            "ax.lines.pop(0)\nax.collections.remove(sc)\nplt.gca().lines.pop()\nitems.pop(0)",
            "ax.lines[0].remove()\nsc.remove()\nplt.gca().lines[-1].remove()\nitems.pop(0)",
        ),
    ),
)
class MatplotlibRemoved(RuleTransformer):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.pyplot = sorted(ctx.module_names("matplotlib.pyplot"))
        self.mpl = ctx.module_names("matplotlib")
        self.cm = ctx.module_names("matplotlib.cm")
        self.seaborn = ctx.names_for("seaborn", ("sns",))
        self.need_scipy = self.need_matplotlib = False
        self.plt_heads = {*self.pyplot, "plt"}

    def _is_cm(self, node) -> bool:
        """``plt.cm``, ``matplotlib.cm``, ``mpl.cm`` or a name bound to matplotlib.cm."""
        if isinstance(node, cst.Name):
            return node.value in self.cm
        return m.matches(node, m.Attribute(attr=m.Name("cm"))) and (dotted(node.value) or "").split(".")[0] in (
            {*self.pyplot, *self.mpl, "plt", "matplotlib", "mpl"})

    def _plt(self) -> str | None:
        return self.pyplot[0] if self.pyplot else None

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        func = updated.func
        head = dotted(func.value) if isinstance(func, cst.Attribute) else None
        if head in self.seaborn:
            return updated
        if kwarg(updated, "normed") is not None and name in ("hist", "hist2d", "distplot", "plot"):
            updated = rename_kwarg(updated, "normed", "density")
        if name in ("use", "context") and (m.matches(func, m.Attribute(value=m.Attribute(attr=m.Name("style")))) or (
                isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
                and self.ctx.imported.get(func.value.value) == "matplotlib.style")):
            updated = updated.with_changes(args=[a.with_changes(value=_restyle(a.value)) for a in updated.args])
        if name == "grid" and kwarg(updated, "b") is not None:
            updated = rename_kwarg(updated, "b", "visible")
        if name == "set_axis_bgcolor" and isinstance(func, cst.Attribute):
            updated = updated.with_changes(func=func.with_changes(attr=cst.Name("set_facecolor")))
        if name in ("axes", "subplot", "add_subplot", "add_axes", "subplots") and kwarg(updated, "axisbg") is not None:
            updated = rename_kwarg(updated, "axisbg", "facecolor")
        if name == "plot" and kwarg(updated, "colors") is not None and string_value(
            getattr(kwarg(updated, "kind"), "value", None)
        ) != "pie":
            updated = rename_kwarg(updated, "colors", "color")
        if name == "get_cmap" and isinstance(func, cst.Attribute) and self._is_cm(func.value):
            owner = dotted(func.value.value) if isinstance(func.value, cst.Attribute) else None
            target = owner if owner in self.plt_heads else self._plt()
            if target is not None:
                updated = updated.with_changes(func=cst.Attribute(cst.parse_expression(target), cst.Name("get_cmap")))
            else:  # no pyplot imported: the registry (3.6) has get_cmap, without lut (resampled does that)
                updated = _registry_cmap(updated, min(self.mpl, default="matplotlib"))
                self.need_matplotlib = not self.mpl
        if name in _HOLD_CALLS and kwarg(updated, "hold") is not None:
            updated = remove_kwarg(updated, "hold")
        if name == "ishold" and not updated.args and (head in self.pyplot or head is None):
            return cst.Name("True")
        if name == "set_color_cycle" and isinstance(func, cst.Attribute) and len(updated.args) == 1:
            arg = updated.args[0]
            if arg.keyword is None and not arg.star:
                updated = updated.with_changes(func=func.with_changes(attr=cst.Name("set_prop_cycle")),
                                               args=[make_arg("color", arg.value)])
        if name == "annotate" and kwarg(updated, "s") is not None and kwarg(updated, "text") is None:
            updated = rename_kwarg(updated, "s", "text")
        if name in _LOG_SCALE:
            updated = self._log_scale(updated, name)
        if name == "boxplot" and kwarg(updated, "labels") is not None:
            updated = rename_kwarg(updated, "labels", "tick_labels")
        if name == "gca" and isinstance(func, cst.Attribute) and updated.args and all(a.keyword for a in updated.args):
            updated = updated.with_changes(func=func.with_changes(
                attr=cst.Name("subplot" if head in self.plt_heads else "add_subplot")))
        if name == "Axes3D" and "mplot3d" in self.ctx.imported.get("Axes3D", "mplot3d") + (head or ""):
            updated = self._axes3d(updated)
        if name == "plot_date" and isinstance(func, cst.Attribute):
            updated = self._plot_date(updated)
        if name == "normpdf" and self._mlab(func):
            self.need_scipy = True
            updated = updated.with_changes(func=cst.parse_expression("scipy.stats.norm.pdf"))
        if name == "errorbar" and m.matches(getattr(kwarg(updated, "fmt"), "value", None), m.Name("None")):
            updated = set_kwarg_value(updated, "fmt", "'none'")
        for key in ("adjustable",):
            if string_value(getattr(kwarg(updated, key), "value", None)) == "box-forced":
                updated = set_kwarg_value(updated, key, "'box'")
        if name == "set_adjustable" and updated.args and string_value(updated.args[0].value) == "box-forced":
            updated = updated.with_changes(args=[updated.args[0].with_changes(value=cst.SimpleString("'box'")),
                                                 *updated.args[1:]])
        for key in ("linestyle", "ls"):
            style = string_value(getattr(kwarg(updated, key), "value", None))
            if style in _STEPS and kwarg(updated, "drawstyle") is None:
                updated = set_kwarg_value(rename_kwarg(updated, key, "drawstyle"), "drawstyle", repr(_STEPS[style]))
        if name in ("tick_params", "set_tick_params"):
            for key in _TICK_BOOLS:
                flag = string_value(getattr(kwarg(updated, key), "value", None))
                if flag in _ON_OFF:
                    updated = set_kwarg_value(updated, key, _ON_OFF[flag])
        if name == "savefig":
            updated = self._savefig(updated)
        if name == "tight_layout" and positional(updated) and len(positional(updated)) == len(
            [a for a in updated.args if not a.keyword]
        ):
            updated = self._tight_layout(updated, head in self.plt_heads)
        if name in ("scatter", "imshow", "pcolormesh", "pcolor", "contour", "contourf", "hexbin", "plot",
                    "heatmap", "clustermap"):
            if string_value(getattr(kwarg(updated, "cmap"), "value", None)) == "spectral":
                updated = set_kwarg_value(updated, "cmap", "'nipy_spectral'")
        if name == "get_cmap" and updated.args and string_value(updated.args[0].value) == "spectral":
            updated = updated.with_changes(args=[updated.args[0].with_changes(
                value=cst.SimpleString("'nipy_spectral'")), *updated.args[1:]])
        if name == "bar" and kwarg(updated, "left") is not None and not positional(updated) and kwarg(updated, "x") is None:
            updated = rename_kwarg(updated, "left", "x")
        if name == "barh" and kwarg(updated, "bottom") is not None and not positional(updated) \
                and kwarg(updated, "y") is None:
            updated = rename_kwarg(updated, "bottom", "y")
        if name == "legend" and len(positional(updated)) == 3 and kwarg(updated, "loc") is None:
            third = positional(updated)[2]
            updated = updated.with_changes(args=[
                a.with_changes(keyword=cst.Name("loc"), equal=cst.AssignEqual(
                    cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))) if a is third else a for a in updated.args])
        if name == "text" and kwarg(updated, "withdash") is not None:
            updated = remove_kwarg(updated, "withdash")
        return updated

    def _mlab(self, func) -> bool:
        if isinstance(func, cst.Name):
            return self.ctx.imported.get(func.value, "") in ("matplotlib.mlab.normpdf", "pylab.normpdf",
                                                             "matplotlib.pylab.normpdf")
        owner = dotted(func.value) or ""
        module = self.ctx.imported.get(owner.split(".")[0], owner.split(".")[0])
        full = ".".join([module, *owner.split(".")[1:]])
        return full in ("matplotlib.mlab", "pylab", "matplotlib.pylab")

    @staticmethod
    def _log_scale(call, name):
        if name == "loglog":
            given = [k for k in ("basex", "basey") if kwarg(call, k) is not None]
            if len(given) == 2:
                if code_of(kwarg(call, "basex").value) != code_of(kwarg(call, "basey").value):
                    return call
                call = remove_kwarg(call, "basey")
        for old, new in _LOG_RENAMED.items():
            if kwarg(call, old) is not None and kwarg(call, new) is None:
                call = rename_kwarg(call, old, new)
        return call

    @staticmethod
    def _axes3d(call):
        pos = positional(call)
        if len(pos) != 1 or call.args[0] is not pos[0] or any(
            a.keyword and a.keyword.value in ("rect", "auto_add_to_figure") for a in call.args
        ) or any(a.star for a in call.args):
            return call
        fig = pos[0].value
        rest = [a for a in call.args[1:]]
        args = [make_arg("projection", "'3d'")] + rest
        args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args[:-1]] + [
            args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
        return cst.Call(cst.Attribute(fig, cst.Name("add_subplot")), args)

    @staticmethod
    def _plot_date(call):
        args = [a for a in call.args if not (a.keyword and a.keyword.value in ("xdate", "ydate", "tz"))]
        if any(a.keyword and a.keyword.value == "fmt" for a in args):
            fmt = next(a for a in args if a.keyword and a.keyword.value == "fmt")
            args = [a for a in args if a is not fmt]
            pos = [a for a in args if a.keyword is None and not a.star]
            if len(pos) != 2:
                return call
            at = args.index(pos[1]) + 1
            args.insert(at, cst.Arg(fmt.value))
        pos = [a for a in args if a.keyword is None and not a.star]
        if len(pos) == 2:
            args.insert(args.index(pos[1]) + 1, cst.Arg(cst.SimpleString("'o'")))
        elif len(pos) != 3:
            return call
        args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args[:-1]] + [
            args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
        return call.with_changes(func=call.func.with_changes(attr=cst.Name("plot")), args=args)

    @staticmethod
    def _savefig(call):
        pil = [a for a in call.args if a.keyword and a.keyword.value in _PIL_KWARGS]
        for gone in ("frameon", "papertype"):
            call = remove_kwarg(call, gone)
        if not pil or kwarg(call, "pil_kwargs") is not None:
            return call
        for a in pil:
            call = remove_kwarg(call, a.keyword.value)
        items = ", ".join(f"{a.keyword.value!r}: {code_of(a.value)}" for a in pil)
        return add_kwarg(call, "pil_kwargs", "{" + items + "}")

    @staticmethod
    def _tight_layout(call, is_pyplot):
        names = _TIGHT_PLT if is_pyplot else _TIGHT_FIG
        pos = positional(call)
        if len(pos) > len(names):
            return call
        args = []
        for a, key in zip(pos, names):
            if key == "renderer":
                continue  # the renderer was never needed; it is removed
            args.append(make_arg(key, a.value))
        args += [a for a in call.args if a.keyword]
        if args:
            args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args[:-1]] + [
                args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
        return call.with_changes(args=args)

    def leave_Attribute(self, original, updated):
        attr = updated.attr.value
        if attr == "mplDeprecation" or (attr == "MatplotlibDeprecationWarning" and m.matches(
                updated.value, m.Attribute(attr=m.Name("cbook")))):
            owner = updated.value
            if m.matches(owner, m.Attribute(attr=m.Name("cbook"))) and dotted(owner.value) in self.mpl:
                return cst.Attribute(owner.value, cst.Name("MatplotlibDeprecationWarning"))
        if attr == "spectral" and self._is_cm(updated.value):
            return updated.with_changes(attr=cst.Name("nipy_spectral"))
        return updated

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        module = dotted(updated.module)
        names = [a.name.value for a in updated.names]
        if module in ("matplotlib.mlab", "pylab", "matplotlib.pylab") and names == ["normpdf"]:
            return cst.parse_statement("import scipy.stats").body[0]
        if module == "matplotlib.cm" and names == ["get_cmap"]:
            return updated.with_changes(module=cst.parse_expression("matplotlib.pyplot"))
        if module == "matplotlib.cbook" and names in (["mplDeprecation"], ["MatplotlibDeprecationWarning"]):
            alias = updated.names[0]
            local = alias.asname.name.value if alias.asname else names[0]
            return cst.parse_statement(
                "from matplotlib import MatplotlibDeprecationWarning"
                + (f" as {local}" if local != "MatplotlibDeprecationWarning" else "")).body[0]
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if self.need_matplotlib:  # matplotlib.colormaps on this line, and only matplotlib.cm was imported (as cm)
            self.need_matplotlib = False
            return cst.FlattenSentinel([cst.parse_statement("import matplotlib").with_changes(
                leading_lines=updated.leading_lines), updated.with_changes(leading_lines=[])])
        if self.need_scipy:  # mlab.normpdf became scipy.stats.norm.pdf on this line
            self.need_scipy = False
            if not re.search(r"^\s*(import scipy\.stats|from (matplotlib\.mlab|pylab|matplotlib\.pylab) import normpdf)\s*$",
                             self.ctx.text, re.M):
                return cst.FlattenSentinel([cst.parse_statement("import scipy.stats").with_changes(
                    leading_lines=updated.leading_lines), updated.with_changes(leading_lines=[])])
        if len(updated.body) == 1 and m.matches(updated.body[0], m.Expr(m.Call(func=m.Attribute(attr=m.Name("hold"))))):
            call = updated.body[0].value
            head = dotted(call.func.value) or ""
            if len(call.args) <= 1 and (head in self.pyplot or head.startswith(("ax", "plt")) or re.match(
                    r"^(a|axes?|axs|axis|sub|subplot|fig)\w*(\[.*\])?$", head) or not head):
                return cst.RemovalSentinel.REMOVE
        return updated

    def leave_Expr(self, original, updated):
        # ax.lines.pop(0) / ax.lines.remove(line): Axes' artist lists became read-only views (3.5, removed 3.7)
        call = updated.value
        if not m.matches(call, m.Call(func=m.Attribute(value=m.Attribute(attr=m.Name()), attr=m.Name()))):
            return updated
        listing, method = call.func.value, call.func.attr.value
        if listing.attr.value not in _ARTIST_LISTS or method not in ("pop", "remove") or len(call.args) > 1:
            return updated
        if call.args and (call.args[0].keyword or call.args[0].star):
            return updated
        if method == "remove":
            if not call.args:
                return updated
            target = call.args[0].value
        else:
            index = call.args[0].value if call.args else cst.parse_expression("-1")
            target = cst.Subscript(listing, [cst.SubscriptElement(cst.Index(index))])
        return updated.with_changes(value=cst.Call(cst.Attribute(target, cst.Name("remove"))))

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)



def _registry_cmap(call: cst.Call, mpl: str) -> cst.BaseExpression:
    """``cm.get_cmap(name, lut)`` as ``matplotlib.colormaps.get_cmap(name).resampled(lut)``."""
    lut = kwarg(call, "lut") or (positional(call)[1] if len(positional(call)) > 1 else None)
    args = [a for a in call.args if a is not lut]
    new = cst.Call(cst.parse_expression(f"{mpl}.colormaps.get_cmap"), [a.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                                                                       for a in args])
    if lut is None:
        return new
    return cst.Call(cst.Attribute(new, cst.Name("resampled")), [cst.Arg(lut.value)])


def _restyle(node):
    value = string_value(node)
    if value and value.startswith("seaborn") and not value.startswith("seaborn-v0_8"):
        return cst.SimpleString(repr("seaborn-v0_8" + value[len("seaborn") :]))
    if isinstance(node, cst.List):
        return node.with_changes(elements=[e.with_changes(value=_restyle(e.value)) for e in node.elements])
    return node


_LETTER_COLORS = frozenset("bgrcmykw")


@rule(
    "pandas-plot-color-letters",
    library="pandas",
    changed_in="pandas 1.2+ (plot colour parsing rewritten)",
    rationale="a string of one-letter colour codes (color='brg') is no longer split into one colour per "
    "bar or series ('Invalid color brg'); the same colours are given as a list.",
    needles=("color",),
    pattern=r"""\bcolor\s*=\s*['"][bgrcmykw]{2,}['"]""",
    signatures=(("ValueError", r"^Invalid color [bgrcmykw]{2,}$"),),
    examples=(
        (
            "train['author'].value_counts().plot(kind='barh', color='brg')",
            "train['author'].value_counts().plot(kind='barh', color=['b', 'r', 'g'])",
        ),
        ("df.plot.bar(color = 'rb')", "df.plot.bar(color = ['r', 'b'])"),
        ("plt.plot(x, y, color='k')", "plt.plot(x, y, color='k')"),
    ),
)
class PlotColorLetters(RuleTransformer):
    def leave_Call(self, original, updated):
        func = updated.func
        is_pandas_plot = isinstance(func, cst.Attribute) and (
            func.attr.value == "plot" or m.matches(func.value, m.Attribute(attr=m.Name("plot")))
        )
        color = kwarg(updated, "color")
        value = string_value(color.value) if is_pandas_plot and color is not None else None
        if not value or len(value) < 2 or not set(value) <= _LETTER_COLORS:
            return updated
        quote = color.value.value[-1]
        letters = cst.List(
            [
                cst.Element(
                    cst.SimpleString(f"{quote}{c}{quote}"),
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    if i < len(value) - 1
                    else cst.MaybeSentinel.DEFAULT,
                )
                for i, c in enumerate(value)
            ]
        )
        return updated.with_changes(args=[a.with_changes(value=letters) if a is color else a for a in updated.args])


@rule(
    "matplotlib-colorbar-axes",
    library="matplotlib",
    changed_in="matplotlib 3.6 (deprecated), 3.8 (raises)",
    rationale="a colorbar for a mappable that belongs to no Axes (a bare ScalarMappable) no longer takes its "
    "space from the current Axes implicitly; ax=plt.gca() names the Axes it used to take.",
    kind="error",
    signatures=(("ValueError", r"Unable to determine Axes to steal space for Colorbar"),),
    examples=(
        (
            "import matplotlib.pyplot as plt\nsm = plt.cm.ScalarMappable(cmap='jet')\nsm.set_array([])\nplt.colorbar(sm)",
            "import matplotlib.pyplot as plt\nsm = plt.cm.ScalarMappable(cmap='jet')\nsm.set_array([])\n"
            "plt.colorbar(sm, ax=plt.gca())",
        ),
        ("import matplotlib.pyplot as plt\nfig.colorbar(im, ax=ax)", "import matplotlib.pyplot as plt\nfig.colorbar(im, ax=ax)"),
    ),
)
class ColorbarAxes(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        plt = self.ctx.name_to_write("matplotlib.pyplot")
        if callee_name(updated) != "colorbar" or not plt or self.off_error_line(original):
            return updated
        if kwarg(updated, "ax") is not None or kwarg(updated, "cax") is not None or not positional(updated):
            return updated
        return add_kwarg(updated, "ax", f"{plt}.gca()")
