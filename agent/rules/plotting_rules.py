"""matplotlib and seaborn: removed keywords, styles and functions."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    callee_name,
    dotted,
    kwarg,
    make_arg,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)


@rule(
    "matplotlib-removed-api",
    library="matplotlib",
    changed_in="matplotlib 3.1-3.9",
    rationale="hist(normed=) became density=, the 'seaborn*' styles were renamed 'seaborn-v0_8*', "
    "grid(b=) became visible=, set_axis_bgcolor became set_facecolor and cm.get_cmap moved to matplotlib.colormaps.",
    needles=("normed", "seaborn", "b=", "axis_bgcolor", "axisbg", "get_cmap", "colors="),
    pattern=r"normed|style\.use\(|\bb\s*=|axis_bgcolor|axisbg|get_cmap|colors\s*=",
    signatures=(
        ("AttributeError", r"(unexpected keyword argument 'normed'|has no attribute '(set_axis_bgcolor|get_cmap)')"),
        ("OSError", r"is not a valid package style"),
    ),
    examples=(
        ("plt.hist(x, bins=10, normed=True)", "plt.hist(x, bins=10, density=True)"),
        ("plt.style.use('seaborn-whitegrid')", "plt.style.use('seaborn-v0_8-whitegrid')"),
        ("ax.grid(b=True)", "ax.grid(visible=True)"),
        ("df.plot(kind='bar', colors=['r', 'b'])", "df.plot(kind='bar', color=['r', 'b'])"),
        ("c = plt.cm.get_cmap('jet')", "c = plt.get_cmap('jet')"),
    ),
)
class MatplotlibRemoved(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if kwarg(updated, "normed") is not None and name in ("hist", "hist2d", "distplot", "plot"):
            updated = rename_kwarg(updated, "normed", "density")
        if name == "use" and m.matches(updated.func, m.Attribute(value=m.Attribute(attr=m.Name("style")))):
            updated = updated.with_changes(args=[a.with_changes(value=_restyle(a.value)) for a in updated.args])
        if name == "grid" and kwarg(updated, "b") is not None:
            updated = rename_kwarg(updated, "b", "visible")
        if name in ("set_axis_bgcolor",) and isinstance(updated.func, cst.Attribute):
            updated = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("set_facecolor")))
        if name in ("axes", "subplot", "add_subplot") and kwarg(updated, "axisbg") is not None:
            updated = rename_kwarg(updated, "axisbg", "facecolor")
        if (
            name == "plot"
            and kwarg(updated, "colors") is not None
            and string_value(getattr(kwarg(updated, "kind"), "value", None)) != "pie"
        ):
            updated = rename_kwarg(updated, "colors", "color")
        if name == "get_cmap" and m.matches(updated.func, m.Attribute(value=m.Attribute(attr=m.Name("cm")))):
            updated = updated.with_changes(func=cst.Attribute(updated.func.value.value, cst.Name("get_cmap")))
        return updated

    def leave_DictElement(self, original, updated):
        if string_value(updated.key) == "normed":  # hist_kws={'normed': True}
            return updated.with_changes(key=cst.SimpleString(updated.key.value.replace("normed", "density")))
        return updated


def _restyle(node):
    value = string_value(node)
    if value and value.startswith("seaborn") and not value.startswith("seaborn-v0_8"):
        return cst.SimpleString(repr("seaborn-v0_8" + value[len("seaborn") :]))
    if isinstance(node, cst.List):
        return node.with_changes(elements=[e.with_changes(value=_restyle(e.value)) for e in node.elements])
    return node


# Old positional parameter order of seaborn functions whose data arguments became keyword-only in 0.12.
_SNS_ORDER = {
    **{
        f: ["x", "y", "hue", "data"]
        for f in (
            "barplot",
            "countplot",
            "boxplot",
            "violinplot",
            "stripplot",
            "swarmplot",
            "pointplot",
            "boxenplot",
            "catplot",
            "factorplot",
        )
    },
    **{f: ["x", "y", "data"] for f in ("regplot", "residplot", "jointplot", "lmplot")},
    **{f: ["x", "y", "hue", "size", "style", "data"] for f in ("scatterplot", "lineplot", "relplot")},
    "kdeplot": ["data", "data2"],
}
_SIZE_TO_HEIGHT = {
    "FacetGrid",
    "PairGrid",
    "JointGrid",
    "pairplot",
    "jointplot",
    "lmplot",
    "catplot",
    "factorplot",
    "relplot",
    "displot",
}


@rule(
    "seaborn-removed-api",
    library="seaborn",
    changed_in="seaborn 0.9-0.12",
    rationale="factorplot became catplot (kind='point' was its default), size= became height=, lvplot became "
    "boxenplot and the data arguments (x, y, hue) became keyword-only.",
    needles=("sns.", "seaborn", "FacetGrid", "factorplot"),
    pattern=r"""factorplot|lvplot|corrplot|(Grid|plot)\([^)]*[(,]\s*size\s*=|stat_func|shade\s*=|\b(sns|seaborn)\.(count|bar|box|violin|strip|swarm|point|boxen|cat|reg|resid|joint|lm|scatter|line|rel|kde)plot\(\s*[^\s=),]+\s*[,)]""",
    signatures=(
        ("AttributeError", r"module 'seaborn' has no attribute '(factorplot|lvplot|corrplot)'"),
        ("TypeError", r"takes from 0 to 1 positional arguments|unexpected keyword argument 'size'"),
        ("ValueError", r"If using all scalar values, you must pass an index"),
        ("ValueError", r"cannot be assigned with wide-form data"),
    ),
    examples=(
        (
            "sns.factorplot('Pclass', 'Survived', data=df, size=4)",
            "sns.catplot(x='Pclass', y='Survived', data=df, height=4, kind='point')",
        ),
        ("sns.barplot('Sex', 'Survived', data=train)", "sns.barplot(x='Sex', y='Survived', data=train)"),
        ("sns.countplot('Embarked', data=train)", "sns.countplot(x='Embarked', data=train)"),
        ("g = sns.FacetGrid(df, col='Survived', size=3)", "g = sns.FacetGrid(df, col='Survived', height=3)"),
        ("sns.countplot(train.Survived)", "sns.countplot(train.Survived)"),
        (
            "sns.countplot(data['Pclass'], hue=data['Survived'])",
            "sns.countplot(x=data['Pclass'], hue=data['Survived'])",
        ),
        ("sns.countplot(df, hue='Sex')", "sns.countplot(df, hue='Sex')"),
        ("sns.corrplot(train, annot=False)", "sns.heatmap(train.corr(numeric_only=True), annot=False)"),
    ),
)
class SeabornRemoved(RuleTransformer):
    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        seaborn = self.ctx.names_for("seaborn", ("sns",))
        if not (head in seaborn or (not head and self.ctx.imported.get(attr, "").startswith("seaborn"))):
            return updated
        call = updated
        if attr in _SNS_ORDER:
            call = self._keywords(call, _SNS_ORDER[attr], attr)
        if attr in _SIZE_TO_HEIGHT and kwarg(call, "size") is not None:
            call = rename_kwarg(call, "size", "height")
        if attr == "factorplot":
            call = call.with_changes(func=_rename_func(call.func, "catplot"))
            if kwarg(call, "kind") is None:
                call = (
                    call.with_changes(
                        args=[
                            *call.args[:-1],
                            call.args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                            make_arg("kind", "'point'"),
                        ]
                    )
                    if call.args
                    else call
                )
        if attr == "corrplot" and positional(call):  # removed in 0.6: the heatmap of the correlations
            data = positional(call)[0].value
            corr = cst.Call(cst.Attribute(data, cst.Name("corr")), [make_arg("numeric_only", "True")])
            kept = [a for a in call.args if a.keyword and a.keyword.value in ("ax", "cmap", "annot")]
            args = [cst.Arg(corr)] + kept
            sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            args = [a.with_changes(comma=sep) for a in args[:-1]] + [
                args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            ]
            call = call.with_changes(func=_rename_func(call.func, "heatmap"), args=args)
        if attr == "lvplot":
            call = call.with_changes(func=_rename_func(call.func, "boxenplot"))
        if attr == "jointplot" and kwarg(call, "stat_func") is not None:
            call = remove_kwarg(call, "stat_func")
        if attr == "kdeplot" and kwarg(call, "shade") is not None:
            call = rename_kwarg(call, "shade", "fill")
        return call

    @staticmethod
    def _keywords(call, order, attr):
        pos = positional(call)
        first_is_x = pos and string_value(pos[0].value) is not None
        if attr == "kdeplot":
            keep = 1
        elif len(pos) >= 2 or first_is_x:
            keep = 0
        elif kwarg(call, "data") is None and kwarg(call, "x") is None and any(
            kwarg(call, n) is not None and string_value(kwarg(call, n).value) is None for n in ("y", "hue")
        ):
            keep = 0  # a vector with a vector hue/y: it was x, the new API would read it as wide-form data
        else:
            return call  # one non-string positional: the new API reads it as data
        if len(pos) <= keep or len(pos) > len(order):
            return call
        names = ["x", "y"] if attr == "kdeplot" else order
        args = []
        for a in call.args:
            if a in pos and pos.index(a) >= keep:
                a = a.with_changes(
                    keyword=cst.Name(names[pos.index(a)]),
                    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                )
            args.append(a)
        return call.with_changes(args=args)


def _rename_func(func, new):
    return func.with_changes(attr=cst.Name(new)) if isinstance(func, cst.Attribute) else cst.Name(new)


@rule(
    "seaborn-distplot",
    library="seaborn",
    changed_in="seaborn 0.11 (deprecated), 0.14 (removed)",
    rationale="distplot is deprecated; histplot(kde=True, stat='density') draws the same figure.",
    kind="error",
    signatures=(("AttributeError", r"module 'seaborn' has no attribute 'distplot'"),),
    examples=(("sns.distplot(df['Age'].dropna())", "sns.histplot(df['Age'].dropna(), kde=True, stat='density')"),),
)
class Distplot(RuleTransformer):
    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        if attr != "distplot" or head not in self.ctx.names_for("seaborn", ("sns",)):
            return updated
        keep = [
            a
            for a in updated.args
            if not (
                a.keyword
                and a.keyword.value in ("hist", "kde", "rug", "fit", "hist_kws", "kde_kws", "norm_hist", "axlabel")
            )
        ]
        kde = kwarg(updated, "kde")
        kde_on = kde is None or m.matches(kde.value, m.Name("True"))
        if keep:
            keep = [*keep[:-1], keep[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))]
        extra = [
            make_arg("kde", "True" if kde_on else "False").with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            ),
            make_arg("stat", "'density'"),
        ]
        return updated.with_changes(func=_rename_func(updated.func, "histplot"), args=keep + extra)


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
