"""seaborn: removed functions, keywords and call forms (factorplot, size=, positional data arguments, distplot).

The matplotlib and pandas plotting rules are in plotting_rules.py, which runs first.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    code_of,
    dotted,
    kwarg,
    make_arg,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .python3_rules import Importing
from .seaborn_positional import CALL, TAKES, named, too_many_positional

# The removed names and keywords; the positional calls are read by seaborn_positional (its generated orders).
_REMOVED = re.compile(r"""factorplot|lvplot|corrplot|axlabel|\bsns\.plt\b|data2\s*=|(swarm|strip)plot\((?:[^()]|\([^()]*\))*\bsplit\s*=|jointplot\((?:[^()]|\([^()]*\))*\bannot_kws|(Grid|plot)\([^)]*[(,]\s*size\s*=|stat_func|shade\s*=""")


def _wanted(code: str) -> bool:
    """A removed name or keyword, or a call of a callable of the positional table with more positional arguments
    than it takes today (the pattern found one of their names: the count is the sharper test)."""
    return _REMOVED.search(code) is not None or too_many_positional(code)


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
    "boxenplot, the data arguments and options became keyword-only (named by the order seaborn 0.8-0.10 "
    "agreed on: barplot(x, y, hue, data, ...), jointplot(x, y, data, kind, ...), heatmap(data, vmin, vmax, cmap, "
    "...), FacetGrid(data, row, col, hue, ...), scatterplot(x, y, hue, style, size, data); a lone frame stays "
    "today's data), kdeplot's data2= became y=, "
    "swarmplot/stripplot's split= became dodge=, jointplot lost stat_func=/annot_kws=, axlabel became "
    "Axes.set(xlabel=, ylabel=) and sns.plt (pyplot re-exported) is pyplot itself.",
    needles=("sns.", "seaborn", "FacetGrid", "factorplot", "JointGrid"),
    pattern=_REMOVED.pattern + "|" + CALL.pattern,
    prefilter=_wanted,
    signatures=(
        ("AttributeError", r"module 'seaborn' has no attribute '(factorplot|lvplot|corrplot|axlabel|plt)'"),
        ("AttributeError", r"unexpected keyword argument '(split|stat_func|annot_kws|size)'"),
        ("TypeError", r"`data2` has been removed|got multiple values for argument 'data'"),
        ("TypeError", r"takes from 0 to 1 positional arguments|unexpected keyword argument 'size'"),
        ("TypeError", TAKES),
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
        ("from seaborn import factorplot\nfactorplot(x='a', y='b', data=df)",
         "from seaborn import catplot\nfrom seaborn import factorplot\ncatplot(x='a', y='b', data=df, kind='point')"),
        (
            "import seaborn as sns\nsns.kdeplot(data=a, data2=b)\nsns.swarmplot(x='c', y='v', hue='h', data=df, split=True)",
            "import seaborn as sns\nsns.kdeplot(x=a, y=b)\nsns.swarmplot(x='c', y='v', hue='h', data=df, dodge=True)",
        ),
        ("import seaborn as sns\nsns.kdeplot(df.a, df.b, shade=True)\nsns.kdeplot(df.a)",
         "import seaborn as sns\nsns.kdeplot(x=df.a, y=df.b, fill=True)\nsns.kdeplot(df.a)"),
        (
            "import seaborn as sns\nsns.jointplot(x='a', y='b', data=df, annot_kws={'loc': 1})\ng = sns.JointGrid('a', 'b', df)",
            "import seaborn as sns\nsns.jointplot(x='a', y='b', data=df)\ng = sns.JointGrid(x='a', y='b', data=df)",
        ),
        (
            "import seaborn as sns\nimport matplotlib.pyplot as plt\nsns.axlabel('Age', 'Fare')\nsns.plt.show()",
            "import seaborn as sns\nimport matplotlib.pyplot as plt\nplt.gca().set(xlabel='Age', ylabel='Fare')\nplt.show()",
        ),
        ("import seaborn as sns\nsns.plt.title('x')", "import seaborn as sns\nimport matplotlib.pyplot as plt\nplt.title('x')"),
        ("import seaborn as sb\nsb.heatmap(m, 0, 1, 'viridis')\ng = sb.FacetGrid(df, 'c', size=3)\n"
         "sb.lmplot('a', 'b', df, 'c')\nsb.jointplot('a', 'b', df, 'reg', None)\n"
         "sb.scatterplot('a', 'b', 'c', 'd', 'e', df)",
         "import seaborn as sb\nsb.heatmap(m, vmin=0, vmax=1, cmap='viridis')\n"
         "g = sb.FacetGrid(df, row='c', height=3)\n"
         "sb.lmplot(x='a', y='b', data=df, hue='c')\nsb.jointplot(x='a', y='b', data=df, kind='reg')\n"
         "sb.scatterplot(x='a', y='b', hue='c', style='d', size='e', data=df)"),
        # today's data first; a vector passed with its frame was x; another library's boxplot, a heatmap not seaborn's
        ("from seaborn import heatmap\nheatmap(m, 0, 1)\nsns.barplot(df, x='a', y='b')\nsns.countplot(df.a, data=df)\n"
         "df.boxplot('a', 'b')\nplotting.heatmap(m, 0, 1)",
         "from seaborn import heatmap\nheatmap(m, vmin=0, vmax=1)\nsns.barplot(df, x='a', y='b')\n"
         "sns.countplot(x=df.a, data=df)\ndf.boxplot('a', 'b')\nplotting.heatmap(m, 0, 1)"),
    ),
)
class SeabornRemoved(Importing):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.added_pyplot = False

    def _pyplot(self) -> str:
        """The notebook's name for pyplot; "plt", imported by this cell, when it has none."""
        name = self.ctx.name_to_write("matplotlib.pyplot")
        if name:
            return name
        if "plt" not in self.ctx.imported:
            self.added_pyplot = True
        return "plt"

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "plt" and dotted(updated.value) in self.ctx.module_names("seaborn"):
            return cst.Name(self._pyplot())  # seaborn re-exported pyplot as sns.plt until 0.8
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if not self.added_pyplot:
            return updated
        self.added_pyplot = False
        return cst.FlattenSentinel([cst.parse_statement("import matplotlib.pyplot as plt").with_changes(
            leading_lines=updated.leading_lines), updated.with_changes(leading_lines=[])])

    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        seaborn = self.ctx.names_for("seaborn", ("sns",))
        if not (head in seaborn or (not head and self.ctx.imported.get(attr, "").startswith("seaborn"))):
            return updated
        call = named(updated, attr)
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
        if attr == "jointplot":
            call = remove_kwarg(remove_kwarg(call, "stat_func"), "annot_kws")
        if attr == "kdeplot" and kwarg(call, "data2") is not None:
            if kwarg(call, "data") is not None and kwarg(call, "x") is None:
                call = rename_kwarg(call, "data", "x")
            call = rename_kwarg(call, "data2", "y")
        if attr in ("swarmplot", "stripplot") and kwarg(call, "split") is not None:
            call = rename_kwarg(call, "split", "dodge")
        if attr == "axlabel" and len(positional(call)) == 2 and len(call.args) == 2:
            plt = self._pyplot()
            xlabel, ylabel = (a.value for a in call.args)
            call = cst.Call(cst.parse_expression(f"{plt}.gca().set"), [
                make_arg("xlabel", xlabel).with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                make_arg("ylabel", ylabel)])
        if attr == "kdeplot" and kwarg(call, "shade") is not None:
            call = rename_kwarg(call, "shade", "fill")
        if not head and isinstance(call.func, cst.Name) and call.func.value != attr:  # from seaborn import factorplot
            self.need_name("seaborn", call.func.value)
        return call


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


# tsplot's parameters in order; the ones lineplot takes as they are
_TSPLOT_ORDER = ("data", "time", "unit", "condition", "value", "err_style", "ci", "interpolate", "color", "estimator",
                 "n_boot", "err_palette", "err_kws", "legend", "ax")
_TSPLOT_KEPT = ("color", "estimator", "n_boot", "legend", "ax")


@rule(
    "seaborn-tsplot",
    library="seaborn",
    changed_in="seaborn 0.10 (deprecated in 0.9)",
    rationale="tsplot drew, at each time point, the mean over units with a 68% bootstrap band. lineplot draws the "
    "same from long-form data: a long-form frame keeps its columns (time -> x, value -> y, condition -> hue); an "
    "array (units by time, or one series) becomes long form with pd.DataFrame(np.atleast_2d(a), columns=time)"
    ".melt() (x 'variable', y 'value'). The band is errorbar=('ci', ci). err_style other than the band, "
    "interpolate and err_palette/err_kws have no lineplot equivalent: such calls are left alone.",
    kind="error",
    signatures=(("AttributeError", r"module 'seaborn' has no attribute 'tsplot'"),),
    examples=(
        ("import seaborn as sns\nimport numpy as np\nsns.tsplot(runs, color='r')",
         "import pandas\nimport seaborn as sns\nimport numpy as np\nsns.lineplot(data=pandas.DataFrame(np.atleast_2d("
         "np.asarray(runs))).melt(), x='variable', y='value', errorbar=('ci', 68), color='r')"),
        ("import seaborn as sns\nimport pandas as pd\nimport numpy as np\n"
         "sns.tsplot(data=curves, time=steps, condition='PPO', ci=95)",
         "import seaborn as sns\nimport pandas as pd\nimport numpy as np\nsns.lineplot(data=pd.DataFrame(np.atleast_2d("
         "np.asarray(curves)), columns=steps).melt(), x='variable', y='value', label='PPO', errorbar=('ci', 95))"),
        ("import seaborn as sns\nsns.tsplot(df, time='t', unit='subject', condition='cond', value='y', ax=ax)",
         "import seaborn as sns\nsns.lineplot(data=df, x='t', y='y', hue='cond', errorbar=('ci', 68), ax=ax)"),
        ("import seaborn as sns\nsns.tsplot(runs, err_style='unit_traces')",
         "import seaborn as sns\nsns.tsplot(runs, err_style='unit_traces')"),
    ),
)
class Tsplot(Importing):
    def leave_Call(self, original, updated):
        head, _, attr = (dotted(updated.func) or "").rpartition(".")
        if attr != "tsplot" or head not in self.ctx.names_for("seaborn", ("sns",)) or any(a.star for a in updated.args):
            return updated
        given = {_TSPLOT_ORDER[i]: a.value for i, a in enumerate(positional(updated)) if i < len(_TSPLOT_ORDER)}
        given |= {a.keyword.value: a.value for a in updated.args if a.keyword}
        style = given.get("err_style")
        if len(positional(updated)) > len(_TSPLOT_ORDER) or "data" not in given or any(k in given for k in (
                "interpolate", "err_palette", "err_kws")) or style is not None and string_value(style) != "ci_band":
            return updated
        ci = given.get("ci")
        if ci is not None and not isinstance(ci, (cst.Integer, cst.Float)):
            return updated  # several bands (ci=[68, 95]) or none: not one errorbar
        code = {k: code_of(v) for k, v in given.items()}
        if all(string_value(given.get(k)) is not None for k in ("time", "value")):  # long form: columns by name
            args = [f"data={code['data']}", f"x={code['time']}", f"y={code['value']}"]
            args += [f"hue={code['condition']}"] if "condition" in given else []
        elif "unit" in given or "value" in given:
            return updated
        else:
            np_, pd_ = self.need("numpy"), self.need("pandas")
            columns = f", columns={code['time']}" if "time" in given else ""
            args = [f"data={pd_}.DataFrame({np_}.atleast_2d({np_}.asarray({code['data']})){columns}).melt()",
                    "x='variable'", "y='value'"]
            args += [f"label={code['condition']}"] if "condition" in given else []
        args.append(f"errorbar=('ci', {code.get('ci', '68')})")
        args += [f"{k}={code[k]}" for k in _TSPLOT_KEPT if k in given]
        # matplotlib's keywords (linewidth=, marker=) pass through
        args += [code_of(a) for a in updated.args if a.keyword and a.keyword.value not in _TSPLOT_ORDER]
        return cst.parse_expression(f"{head}.lineplot({', '.join(args)})")
