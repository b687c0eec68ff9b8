"""matplotlib 3.x calls, attributes and rc settings removed with a successor that is more than a rename.

Two families (the third, optional parameters made keyword-only, is matplotlib_positional.py). Names and values
only the old matplotlib had (IndexFormatter, Bbox.inverse_transformed, Affine2D.identity, rcsetup.all_backends,
verbose.set_level, rc values of a removed form, axis('normal'), linestyle='steps--') are written in today's API
wherever a notebook that uses matplotlib writes them. What today's matplotlib refuses where the old one read it
(an upper-case colour letter, one property under two aliases, an unknown savefig keyword, a pie of an (n, 1)
array) and an Axes' subplot geometry are changed only on the line that failed with matplotlib's own error.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    bool_value,
    callee_name,
    code_of,
    kwarg,
    parenthesized,
    pass_if_empty,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .removed_api import module_of

# ------------------------------------------------------------------ names and values only the old matplotlib had

_SCALES = ("set_xscale", "set_yscale", "xscale", "yscale")
_BACKENDS = {"all_backends": "", "interactive_bk": "INTERACTIVE", "non_interactive_bk": "NON_INTERACTIVE"}
_STEPS_FUSED = re.compile(r"^(steps-pre|steps-mid|steps-post|steps)(-|--|-\.|:)$")  # a draw style, then a line style
_LAYOUT_ENGINES = ("constrained", "compressed", "tight", "none")  # what subplot_mosaic(layout=) means today
_INDEX_LOOKUP = "lambda x, pos=None, labels_={}: labels_[int(x + 0.5)] if 0 <= int(x + 0.5) < len(labels_) else ''"


def _rc_value(key: str | None, value: cst.BaseExpression) -> tuple[str, cst.BaseExpression] | None:
    """An rc setting written in a form old matplotlib took, as (key, value) today; None when it is not one."""
    flag = bool_value(value)
    if key == "boxplot.whiskers" and string_value(value) == "range":
        return key, cst.parse_expression("(0, 100)")  # from the lowest to the highest value, as 'range' drew
    if key == "text.hinting" and flag is not None:  # True forced the autohinter, False no hinting
        return key, cst.SimpleString("'auto'" if flag else "'none'")
    if key == "mathtext.fallback_to_cm":
        new = ("'cm'" if flag else "None") if flag is not None else f"'cm' if {code_of(value)} else None"
        return "mathtext.fallback", cst.parse_expression(new)
    return None


def _rc_key(node: cst.BaseExpression) -> str | None:
    """The key of ``rcParams['key']``, else None."""
    if isinstance(node, cst.Subscript) and code_of(node.value).endswith("rcParams") and len(node.slice) == 1 \
            and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    return None


@rule(
    "matplotlib-old-names",
    library="matplotlib",
    changed_in="matplotlib 3.1-3.11",
    rationale="what only the old matplotlib had, in today's API: ticker.IndexFormatter(labels) is a FuncFormatter "
    "with its lookup (nearest integer index, '' outside), bbox.inverse_transformed(T) bbox.transformed(T.inverted()), "
    "Affine2D.identity() Affine2D(), rcsetup.all_backends/interactive_bk/non_interactive_bk the backend registry's "
    "lists, verbose.set_level(...) is dropped (since 2.2 it only governed verbose.report's own printing), "
    "rcParams['datapath'] get_data_path(), axis('normal') axis('auto'), scale names lower-cased as 3.6 did itself, "
    "linestyle='steps--' linestyle='--' with drawstyle='steps', rc 'boxplot.whiskers' 'range' (0, 100), "
    "'text.hinting' True/False 'auto'/'none', 'mathtext.fallback_to_cm' True/False 'mathtext.fallback' 'cm'/None, "
    "subplot_mosaic(layout=[...]) mosaic=, an annotate arrow's 'frac' dropped (ignored since 1.5), and "
    "Axis.set_ticklabels(ticklabels=) labels=.",
    needles=("IndexFormatter", "inverse_transformed", ".identity(", "normal", "scale(", "steps", "whiskers", "hinting",
             "fallback_to_cm", "datapath", "verbose", "_bk", "all_backends", "subplot_mosaic", "frac", "ticklabels="),
    gate=lambda ctx, code: "matplotlib" in ctx.text or "pylab" in ctx.text,
    signatures=(("TypeError", r"set_ticklabels\(\) missing 1 required positional argument: 'labels'"),),
    examples=(
        ("import matplotlib.ticker as ticker\nimport matplotlib.pyplot as plt\n"
         "ax.xaxis.set_major_formatter(ticker.IndexFormatter(names))\n"
         "b = ax.bbox.inverse_transformed(fig.transFigure)\n"
         "plt.axis('normal')\nax.set_yscale('Log')\nplt.plot(x, y, linestyle='steps--')\n"
         "ax.xaxis.set_ticklabels(ticklabels=names)\nplt.subplot_mosaic(layout=[['a', 'b']])\n"
         "ax.annotate('p', xy=(0, 0), xytext=(1, 1), arrowprops=dict(facecolor='black', frac=0.1))",
         "import matplotlib.ticker as ticker\nimport matplotlib.pyplot as plt\n"
         f"ax.xaxis.set_major_formatter(ticker.FuncFormatter({_INDEX_LOOKUP.format('names')}))\n"
         "b = ax.bbox.transformed(fig.transFigure.inverted())\n"
         "plt.axis('auto')\nax.set_yscale('log')\nplt.plot(x, y, linestyle='--', drawstyle='steps')\n"
         "ax.xaxis.set_ticklabels(labels=names)\nplt.subplot_mosaic(mosaic=[['a', 'b']])\n"
         "ax.annotate('p', xy=(0, 0), xytext=(1, 1), arrowprops=dict(facecolor='black'))"),
        ("import matplotlib as mpl\nfrom matplotlib.transforms import Affine2D\n"
         "from matplotlib.ticker import IndexFormatter\n"
         "mpl.verbose.set_level('silent')\nmpl.rcParams['boxplot.whiskers'] = 'range'\n"
         "mpl.rcParams['text.hinting'] = False\nmpl.rcParams.update({'mathtext.fallback_to_cm': True})\n"
         "mpl.rc('text', hinting=True)\nd = mpl.rcParams['datapath']\nt = Affine2D.identity()\n"
         "print(mpl.rcsetup.all_backends, mpl.rcsetup.interactive_bk)\nf = IndexFormatter(['a', 'b'])",
         "import matplotlib as mpl\nfrom matplotlib.transforms import Affine2D\n"
         "from matplotlib.ticker import FuncFormatter\n"
         "mpl.rcParams['boxplot.whiskers'] = (0, 100)\n"
         "mpl.rcParams['text.hinting'] = 'none'\nmpl.rcParams.update({'mathtext.fallback': 'cm'})\n"
         "mpl.rc('text', hinting='auto')\nd = mpl.get_data_path()\nt = Affine2D()\n"
         "print(mpl.backends.backend_registry.list_builtin(), "
         "mpl.backends.backend_registry.list_builtin(mpl.backends.BackendFilter.INTERACTIVE))\n"
         f"f = FuncFormatter({_INDEX_LOOKUP.format(repr(['a', 'b']))})"),
        ("import matplotlib.pyplot as plt\nplt.rc('mathtext', fallback_to_cm=False)\nx = plt.rcParams['datapath']\n"
         "if quiet:\n    matplotlib.verbose.set_level('silent')",
         "import matplotlib.pyplot as plt\nplt.rc('mathtext', fallback=None)\nimport matplotlib\n"
         "x = matplotlib.get_data_path()\nif quiet:\n    pass"),
        # spellings other objects share, or today's meaning: unchanged
        ("import matplotlib.pyplot as plt\nplt.subplot_mosaic('AB', layout='constrained')\n"
         "cb.set_ticklabels(ticklabels=names)\nplt.plot(x, y, linestyle='steps-mid')\nax.axis('off')",
         "import matplotlib.pyplot as plt\nplt.subplot_mosaic('AB', layout='constrained')\n"
         "cb.set_ticklabels(ticklabels=names)\nplt.plot(x, y, linestyle='steps-mid')\nax.axis('off')"),
    ),
)
class OldNames(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.targets: set[int] = set()  # the subscripts assigned to (rcParams['datapath'] = p is not a read)
        self.need_matplotlib = False  # matplotlib.x written on this line, and no name is bound to matplotlib

    def _matplotlib(self) -> cst.BaseExpression:
        names = sorted(self.ctx.module_names("matplotlib"))
        self.need_matplotlib = not names
        return cst.Name(names[0] if names else "matplotlib")

    def _from(self, node: cst.BaseExpression, module: str, name: str) -> bool:
        """Whether ``node`` is ``module.name`` under any spelling (``ticker.X``, ``matplotlib.ticker.X``, ``X``)."""
        if isinstance(node, cst.Name):
            return self.ctx.imported.get(node.value) == f"{module}.{name}"
        return m.matches(node, m.Attribute(attr=m.Name(name))) and module_of(self.ctx, node.value) == module

    def visit_AssignTarget(self, node):
        self.targets.add(id(node.target))

    def leave_Call(self, original, updated):
        func, name, pos = updated.func, callee_name(updated), positional(updated)
        single = pos[0].value if len(pos) == 1 and len(updated.args) == 1 else None
        if name == "IndexFormatter" and self._from(func, "matplotlib.ticker", "IndexFormatter"):
            labels = single if single is not None else getattr(kwarg(updated, "labels"), "value", None)
            if labels is None or len(updated.args) != 1:
                return updated
            formatter = func.with_changes(attr=cst.Name("FuncFormatter")) if isinstance(func, cst.Attribute) else (
                cst.Name("FuncFormatter") if func.value == "IndexFormatter" else func)
            return cst.Call(formatter, [cst.Arg(cst.parse_expression(_INDEX_LOOKUP.format(code_of(labels))))])
        if name == "inverse_transformed" and single is not None and isinstance(func, cst.Attribute):
            inverted = cst.Call(cst.Attribute(parenthesized(single), cst.Name("inverted")))
            return updated.with_changes(func=func.with_changes(attr=cst.Name("transformed")),
                                        args=[cst.Arg(inverted)])
        if name == "identity" and not updated.args and isinstance(func, cst.Attribute) \
                and self._from(func.value, "matplotlib.transforms", "Affine2D"):
            return cst.Call(func.value)
        if name == "axis" and single is not None and string_value(single) == "normal":
            return updated.with_changes(args=[cst.Arg(cst.SimpleString(single.value.replace("normal", "auto")))])
        if name in _SCALES and pos and isinstance(pos[0].value, cst.SimpleString):
            scale = string_value(pos[0].value)
            if scale and scale != scale.lower():
                lowered = pos[0].with_changes(value=cst.SimpleString(pos[0].value.value.lower()))
                return updated.with_changes(args=[lowered if a is pos[0] else a for a in updated.args])
        if name == "rc" and pos and string_value(pos[0].value):
            return self._rc_call(updated, string_value(pos[0].value))
        if name == "subplot_mosaic" and not pos and kwarg(updated, "mosaic") is None:
            layout = getattr(kwarg(updated, "layout"), "value", None)
            if layout is not None and string_value(layout) not in _LAYOUT_ENGINES:
                return rename_kwarg(updated, "layout", "mosaic")
        if name == "annotate" and kwarg(updated, "arrowprops") is not None:
            return self._without_frac(updated)
        if name == "set_ticklabels" and kwarg(updated, "ticklabels") is not None and kwarg(updated, "labels") is None \
                and (m.matches(func, m.Attribute(value=m.Attribute(attr=m.Name("xaxis") | m.Name("yaxis")
                                                                    | m.Name("zaxis"))))
                     or self.on_own_error_line(original)):
            return rename_kwarg(updated, "ticklabels", "labels")
        return self._steps(updated)

    @staticmethod
    def _steps(call: cst.Call) -> cst.Call:
        """linestyle='steps--' -> linestyle='--', drawstyle='steps' (plain 'steps*': matplotlib-removed-api's)."""
        for key in ("linestyle", "ls"):
            fused = _STEPS_FUSED.match(string_value(getattr(kwarg(call, key), "value", None)) or "")
            if fused and kwarg(call, "drawstyle") is None and kwarg(call, "ds") is None:
                call = set_kwarg_value(call, key, cst.SimpleString(repr(fused.group(2))))
                return add_kwarg(call, "drawstyle", cst.SimpleString(repr(fused.group(1))))
        return call

    @staticmethod
    def _rc_call(call: cst.Call, group: str) -> cst.Call:
        """plt.rc('text', hinting=True): each keyword is the setting group.keyword."""
        for arg in [a for a in call.args if a.keyword]:
            new = _rc_value(f"{group}.{arg.keyword.value}", arg.value)
            if new is not None:
                key = new[0].split(".", 1)[1]
                if key != arg.keyword.value:
                    call = rename_kwarg(call, arg.keyword.value, key)
                call = set_kwarg_value(call, key, new[1])
        return call

    @staticmethod
    def _without_frac(call: cst.Call) -> cst.Call:
        props = kwarg(call, "arrowprops").value
        if isinstance(props, cst.Call) and m.matches(props.func, m.Name("dict")) and kwarg(props, "frac") is not None:
            return set_kwarg_value(call, "arrowprops", remove_kwarg(props, "frac"))
        if isinstance(props, cst.Dict):
            kept = [e for e in props.elements if not (isinstance(e, cst.DictElement) and string_value(e.key) == "frac")]
            if len(kept) < len(props.elements):
                kept = [*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)] if kept else []
                return set_kwarg_value(call, "arrowprops", props.with_changes(elements=kept))
        return call

    def leave_Attribute(self, original, updated):
        if updated.attr.value in _BACKENDS and module_of(self.ctx, updated.value) == "matplotlib.rcsetup":
            backends = cst.Attribute(self._matplotlib(), cst.Name("backends"))
            kind = _BACKENDS[updated.attr.value]
            which = [cst.Arg(cst.Attribute(cst.Attribute(backends, cst.Name("BackendFilter")), cst.Name(kind)))
                     ] if kind else []
            return cst.Call(cst.Attribute(cst.Attribute(backends, cst.Name("backend_registry")),
                                          cst.Name("list_builtin")), which)
        return updated

    def leave_Subscript(self, original, updated):
        if _rc_key(updated) == "datapath" and id(original) not in self.targets:
            return cst.Call(cst.Attribute(self._matplotlib(), cst.Name("get_data_path")))
        return updated

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        new = _rc_value(_rc_key(target), updated.value) if target is not None else None
        if new is None:
            return updated
        key = target.slice[0].with_changes(slice=cst.Index(cst.SimpleString(repr(new[0]))))
        return updated.with_changes(targets=[updated.targets[0].with_changes(target=target.with_changes(slice=[key]))],
                                    value=new[1])

    def leave_DictElement(self, original, updated):
        new = _rc_value(string_value(updated.key), updated.value)  # rcParams.update({...}), rc_context({...})
        return updated if new is None else updated.with_changes(key=cst.SimpleString(repr(new[0])), value=new[1])

    def leave_ImportFrom(self, original, updated):
        # from matplotlib.ticker import IndexFormatter: the calls below become FuncFormatter's
        if isinstance(updated.names, cst.ImportStar) or updated.module is None \
                or code_of(updated.module) != "matplotlib.ticker":
            return updated
        names = [a.name.value for a in updated.names]
        if "IndexFormatter" not in names:
            return updated
        kept = [a.with_changes(name=cst.Name("FuncFormatter")) if a.name.value == "IndexFormatter" else a
                for a in updated.names if not (a.name.value == "IndexFormatter" and "FuncFormatter" in names
                                               and a.asname is None)]
        return updated.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])

    def leave_SimpleStatementLine(self, original, updated):
        call = updated.body[0].value if len(updated.body) == 1 and isinstance(updated.body[0], cst.Expr) else None
        # matplotlib.verbose.set_level(...): since 2.2 it set a level only verbose.report read (matplotlib logs)
        if m.matches(call, m.Call(func=m.Attribute(attr=m.Name("set_level"),
                                                   value=m.Attribute(attr=m.Name("verbose"))))) \
                and module_of(self.ctx, call.func.value.value) == "matplotlib":
            return cst.RemovalSentinel.REMOVE
        if self.need_matplotlib:
            self.need_matplotlib = False
            return cst.FlattenSentinel([cst.parse_statement("import matplotlib").with_changes(
                leading_lines=updated.leading_lines), updated.with_changes(leading_lines=[])])
        return updated

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


# ------------------------------------------------------------------ what today's matplotlib refuses on one line

_GEOMETRY = {"is_first_row": "get_subplotspec", "is_last_row": "get_subplotspec", "is_first_col": "get_subplotspec",
             "is_last_col": "get_subplotspec", "numRows": "get_gridspec().nrows", "numCols": "get_gridspec().ncols",
             "rowNum": "get_subplotspec().rowspan.start", "colNum": "get_subplotspec().colspan.start"}
_LETTERS = "BGRCMYKW"  # the one-letter colours, which 3.3 reads in lower case only
_COLOR_KEYWORDS = {"color", "c", "colors", "facecolor", "edgecolor", "fc", "ec", "markerfacecolor", "mfc",
                   "markeredgecolor", "mec", "fmt", "ecolor"}
_FORMATTED = {"plot", "semilogx", "semilogy", "loglog", "errorbar"}  # a positional format string: plot(x, y, 'R')
# alias -> canonical name: given both, the old normalize_kwargs kept the canonical one's value
_ALIASES = {"c": "color", "ls": "linestyle", "lw": "linewidth", "ec": "edgecolor", "fc": "facecolor",
            "aa": "antialiased", "ms": "markersize", "mec": "markeredgecolor", "mew": "markeredgewidth",
            "mfc": "markerfacecolor", "mfcalt": "markerfacecoloralt", "ds": "drawstyle", "ha": "horizontalalignment",
            "va": "verticalalignment"}
_REFUSED = {
    "geometry": ("AttributeError", r"'\w*Axes\w*' object has no attribute '(" + "|".join(_GEOMETRY)
                 + r"|change_geometry)'"),
    "letter": ("ValueError", rf"'[{_LETTERS}]' is not a valid|not '[{_LETTERS}]'$|unrecognized character "
                             rf"'[{_LETTERS}]'|Invalid RGBA argument: '[{_LETTERS}]'|"
                             r"^'facecolor' or 'color' argument must be a valid color"),  # bar's, for a list
    "alias": ("TypeError", r"Got both '(\w+)' and '(\w+)', which are aliases of one another"),
    "savefig": ("TypeError", r"print_\w+\(\) got an unexpected keyword argument '(\w+)'"),
    "pie": ("ValueError", r"^x must be 1D$"),
}


def _lower_letter(node: cst.BaseExpression) -> cst.BaseExpression:
    """'R' -> 'r', and each such item of a list or tuple literal."""
    if isinstance(node, cst.SimpleString) and (string_value(node) or "") in tuple(_LETTERS):
        return cst.SimpleString(node.value.lower())
    if isinstance(node, (cst.List, cst.Tuple)):
        return node.with_changes(elements=[e.with_changes(value=_lower_letter(e.value)) for e in node.elements])
    return node


@rule(
    "matplotlib-refused-values",
    library="matplotlib",
    changed_in="matplotlib 3.3 (colour letters, aliases, pie), 3.6 (Axes geometry, savefig keywords)",
    rationale="on the line that failed with matplotlib's error: ax.is_last_row() (and is_first_row, is_*_col) is "
    "ax.get_subplotspec()'s, ax.numRows/numCols the gridspec's nrows/ncols, rowNum/colNum the subplotspec's "
    "rowspan/colspan start, change_geometry(r, c, i) set_subplotspec(fig.add_gridspec(r, c)[i - 1]); a colour "
    "letter in upper case ('R') the lower-case one it meant; of a property given under two aliases, the canonical "
    "one's value, which the old call kept; savefig's keyword the backend does not know dropped (it was ignored); "
    "pie(x) of an (n, 1) array np.ravel(x), what the old call squeezed it to.",
    kind="error",
    needles=("(",),
    signatures=tuple(_REFUSED.values()),
    examples=(  # each rewrite needs its error; without one nothing changes
        ("import matplotlib.pyplot as plt\nplt.plot(x, color='R')\nr = ax.numRows\nplt.pie(counts)",
         "import matplotlib.pyplot as plt\nplt.plot(x, color='R')\nr = ax.numRows\nplt.pie(counts)"),
    ),
)
class RefusedValues(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        error = ctx.error
        self.found = {family: re.search(pattern, error.evalue) for family, (ename, pattern) in _REFUSED.items()
                      if error is not None and error.ename == ename}
        self.need_numpy = False

    def leave_Attribute(self, original, updated):
        attr = updated.attr.value
        if attr not in _GEOMETRY or not self.found.get("geometry") or not self.on_own_error_line(original):
            return updated
        getter, _, rest = _GEOMETRY[attr].partition(".")
        new = cst.parse_expression(f"__ax__.{getter.removesuffix('()')}()" + (f".{rest}" if rest else f".{attr}"))
        return _replace_head(new, updated.value)

    def leave_Call(self, original, updated):
        if not self.on_own_error_line(original):
            return updated
        name, pos = callee_name(updated), positional(updated)
        if self.found.get("geometry") and name == "change_geometry" and len(pos) == 3 == len(updated.args):
            axes = updated.func.value
            if m.matches(axes, m.Name() | m.Attribute(value=m.Name()) | m.Subscript(value=m.Name())):
                rows, cols, index = (a.value for a in pos)
                at = f"{int(index.value) - 1}" if isinstance(index, cst.Integer) \
                    else f"{code_of(parenthesized(index))} - 1"
                return cst.parse_expression(f"{code_of(axes)}.set_subplotspec({code_of(axes)}.figure.add_gridspec("
                                            f"{code_of(rows)}, {code_of(cols)})[{at}])")
        if self.found.get("letter"):
            return self._lowered(updated, name, pos)
        alias = self.found.get("alias")
        if alias:
            first, second = alias.groups()
            if kwarg(updated, first) is not None and kwarg(updated, second) is not None:
                drop = first if _ALIASES.get(first) == second else second if _ALIASES.get(second) == first else None
                return remove_kwarg(updated, drop) if drop else updated
        unknown = self.found.get("savefig")
        if unknown and name == "savefig":
            return remove_kwarg(updated, unknown.group(1))
        if self.found.get("pie") and name == "pie":
            data = kwarg(updated, "x") or (pos[0] if pos else None)
            if data is not None:
                numpy = sorted(self.ctx.module_names("numpy"))
                self.need_numpy = not numpy
                flat = cst.parse_expression(f"{numpy[0] if numpy else 'numpy'}.ravel({code_of(data.value)})")
                return updated.with_changes(args=[a.with_changes(value=flat) if a is data else a
                                                  for a in updated.args])
        return updated

    @staticmethod
    def _lowered(call: cst.Call, name: str | None, pos: list[cst.Arg]) -> cst.Call:
        formats = pos[1:] if name in _FORMATTED else []
        return call.with_changes(args=[
            a.with_changes(value=_lower_letter(a.value))
            if (a.keyword and a.keyword.value in _COLOR_KEYWORDS) or any(a is f for f in formats) else a
            for a in call.args])

    def leave_SimpleStatementLine(self, original, updated):
        if self.need_numpy:
            self.need_numpy = False
            return cst.FlattenSentinel([cst.parse_statement("import numpy").with_changes(
                leading_lines=updated.leading_lines), updated.with_changes(leading_lines=[])])
        return updated


def _replace_head(template: cst.BaseExpression, head: cst.BaseExpression) -> cst.BaseExpression:
    """``template`` (an attribute chain over calls that starts with the name ``__ax__``) starting with ``head``."""
    if isinstance(template, cst.Name):
        return head
    if isinstance(template, cst.Attribute):
        return template.with_changes(value=_replace_head(template.value, head))
    return template.with_changes(func=_replace_head(template.func, head))
