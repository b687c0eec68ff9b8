"""pandas 1.0-2.0: removed members of Series, Index, Timestamp and ExcelWriter, and keywords of date_range and
to_excel, whose successor is another form of the same thing.

Written from the removal lists of pandas 1.0 and 2.0. Names only pandas ever had (``weekday_name``, ``asobject``,
``get_duplicates``, ``ExcelWriter.save``) are rewritten wherever a notebook that imports pandas writes them; names
numpy or Python share (``compress``, ``to_datetime()`` on a value, a frame indexed by a string) only on the line
that failed with pandas' own error.
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
    dotted,
    kwarg,
    make_arg,
    names_bound_to,
    pass_if_empty,
    plain_reference,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .python3_rules import Importing

_DATE_KEY = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")  # '2017', '2017-03', '2017-03-01': a partial date
_RANGES = ("date_range", "bdate_range", "timedelta_range")
# pd.DatetimeIndex(start=, end=, periods=, freq=) built a range, as the range functions do today
_RANGE_OF = {"DatetimeIndex": "date_range", "TimedeltaIndex": "timedelta_range", "PeriodIndex": "period_range"}
_FILLS = {"ffill": "ffill", "pad": "ffill", "bfill": "bfill", "backfill": "bfill", "nearest": "nearest"}
# Series.plot's first parameter was kind (keyword-only since 1.0): s.plot('bar')
_KINDS = {"line", "bar", "barh", "hist", "box", "kde", "density", "area", "pie"}


@rule(
    "pandas-removed-members",
    library="pandas",
    changed_in="pandas 1.0 (weekday_name, asobject, get_duplicates, to_dense, DatetimeIndex.offset, "
    "Timestamp.to_datetime, compress), 2.0 (ExcelWriter.save, to_excel(encoding=), date_range(closed=), "
    "a frame indexed by a date string)",
    rationale="weekday_name is day_name(), asobject astype(object), get_duplicates() the unique duplicated labels, "
    "a DatetimeIndex's offset its freq, Timestamp.to_datetime() to_pydatetime(), Series.compress(c) s[c], "
    "to_dense() of a frame that is not sparse the frame itself; ExcelWriter.save() is close(), to_excel's encoding= "
    "is gone (the file format fixes it), date_range(closed=) is inclusive= (closed=None both ends), and "
    "df['2017-03'] on a DatetimeIndex is df.loc['2017-03'].",
    needles=("weekday_name", "asobject", "get_duplicates", ".offset", "to_datetime()", "compress", "to_dense",
             ".save()", "encoding", "closed", "[", "sortlevel", "start=", "periods=", "broadcast", "reduce", "fillna(",
             "categories", "converter", "plot(", "pandas.types", "CParserError", "from_items"),
    gate=lambda ctx, code: "pandas" in ctx.text or "pd." in ctx.text,
    pattern=r"weekday_name|asobject|get_duplicates\(|\.offset\b|\.to_datetime\(\)|\.compress\(|to_dense\(|"
            r"\.save\(\)|to_excel\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*encoding|_range\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*closed\s*=|\[\s*['\"]\d{4}|sortlevel|"
            r"(Datetime|Timedelta|Period)Index\([^)]*(start|periods)\s*=|(broadcast|reduce)\s*=|fillna\(\s*['\"]|"
            r"cat\.categories\s*=|tseries\s*(\.|import)\s*converter|converter\.register\(|pandas\.types\.|"
            r"pandas\.parser import|from_items\(|"
            r"\.plot\(\s*['\"](line|bar|barh|hist|box|kde|density|area|pie)['\"]",
    signatures=(
        ("AttributeError", r"'(Series|DataFrame|DatetimeIndex|Timestamp)' object has no attribute "
                           r"'(compress|to_dense|to_datetime|offset)'|'\w*Writer' object has no attribute 'save'"),
        ("KeyError", r"^'\d{4}(-\d{1,2}(-\d{1,2})?)?'$"),
    ),
    examples=(
        ("import pandas as pd\ndf['day'] = df['date'].dt.weekday_name\nd = pd.Timestamp('2017-01-01').weekday_name\n"
         "o = s.asobject\ndup = df.index.get_duplicates()\nw = pd.ExcelWriter('out.xlsx')\n"
         "df.to_excel(w, sheet_name='a', encoding='utf-8')\nw.save()\n"
         "r = pd.date_range('2017-01-01', '2017-02-01', freq='D', closed='left')\nq = pd.date_range(a, b, closed=None)",
         "import pandas as pd\ndf['day'] = df['date'].dt.day_name()\nd = pd.Timestamp('2017-01-01').day_name()\n"
         "o = s.astype(object)\ndup = df.index[df.index.duplicated()].unique()\nw = pd.ExcelWriter('out.xlsx')\n"
         "df.to_excel(w, sheet_name='a')\nw.close()\n"
         "r = pd.date_range('2017-01-01', '2017-02-01', freq='D', inclusive='left')\nq = pd.date_range(a, b)"),
        ("import pandas as pd\nwriter = pd.ExcelWriter('o.xlsx')\nfor k in frames:\n    frames[k].to_excel(writer, k)\n"
         "    writer.save()\nwriter.close()",
         "import pandas as pd\nwriter = pd.ExcelWriter('o.xlsx')\nfor k in frames:\n    frames[k].to_excel(writer, k)\n"
         "writer.close()"),
        ("import pandas as pd\nfrom pandas.tseries import converter\nconverter.register()\n"
         "idx = pd.DatetimeIndex(start='2017-01-01', periods=3, freq='D')\nd = df.sortlevel(1)\ne = df.sortlevel()\n"
         "z = df.apply(lambda c: c - c.mean(), broadcast=True)\ndaily = s.resample('D')\nf = daily.fillna('pad')\n"
         "df['c'].cat.categories = ['lo', 'hi']",
         "import pandas as pd\nfrom pandas.plotting import register_matplotlib_converters\nregister_matplotlib_converters()\n"
         "idx = pd.date_range(start='2017-01-01', periods=3, freq='D')\nd = df.sort_index(level=1)\n"
         "e = df.sort_index(level=0)\nz = df.apply(lambda c: c - c.mean(), result_type='broadcast')\n"
         "daily = s.resample('D')\nf = daily.ffill()\ndf['c'] = df['c'].cat.rename_categories(['lo', 'hi'])"),
        ("import pandas as pd\nfrom pandas.types.common import is_numeric_dtype, is_string_dtype\n"
         "from pandas.parser import CParserError\nd = pd.DataFrame.from_items([('a', [1, 2]), ('b', [3, 4])])",
         "import pandas as pd\nfrom pandas.api.types import is_numeric_dtype, is_string_dtype\n"
         "from pandas.errors import ParserError as CParserError\nd = pd.DataFrame(dict([('a', [1, 2]), ('b', [3, 4])]))"),
        ("import pandas as pd\ndf['Sex'].value_counts().plot('bar', color='g')\nplt.plot('line')",
         "import pandas as pd\ndf['Sex'].value_counts().plot(kind='bar', color='g')\nplt.plot('line')"),
        # names numpy and Python share: only on pandas' own failing line (none here)
        ("import pandas as pd\nb = a.compress(mask)\nt = ts.to_datetime()\nm = df['2017-03']",
         "import pandas as pd\nb = a.compress(mask)\nt = ts.to_datetime()\nm = df['2017-03']"),
    ),
)
class RemovedMembers(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.writers = names_bound_to(ctx.text, ["ExcelWriter"])
        self.resamplers = set(re.findall(r"(?m)^[ \t]*(\w+)\s*=\s*[\w.\[\]'\"]+\.resample\([^()\n]*\)\s*$", ctx.text))

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        names = [] if isinstance(updated.names, cst.ImportStar) else [a.name.value for a in updated.names]
        # from pandas.tseries import converter (moved to pandas.plotting in 0.24 as register_matplotlib_converters)
        if module == "pandas.tseries" and names == ["converter"]:
            return cst.parse_statement("from pandas.plotting import register_matplotlib_converters").body[0]
        # the type checks of pandas.types.common / .dtypes / .concat are pandas.api.types' (0.20, removed 0.24)
        if module and module.startswith("pandas.types.") and names:
            return updated.with_changes(module=cst.parse_expression("pandas.api.types"))
        # from pandas.parser import CParserError: the same exception is pandas.errors.ParserError
        if module == "pandas.parser" and names == ["CParserError"]:
            local = updated.names[0].asname.name.value if updated.names[0].asname else "CParserError"
            return cst.parse_statement(f"from pandas.errors import ParserError as {local}").body[0]
        return updated

    def leave_Assign(self, original, updated):
        # s.cat.categories = new renamed the categories in place; the property has no setter since 2.0
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if m.matches(target, m.Attribute(value=m.Attribute(attr=m.Name("cat")), attr=m.Name("categories"))):
            series = target.value.value
            renamed = cst.parse_expression(f"{code_of(series)}.cat.rename_categories({code_of(updated.value)})")
            return updated.with_changes(targets=[updated.targets[0].with_changes(target=series)], value=renamed)
        return updated

    def leave_Expr(self, original, updated):
        # writer.save() then writer.close(), as notebooks closed a writer they had saved: today's close() saves,
        # and a second close fails on the closed file, so the save goes
        call = original.value  # leave_Call has made it close() already
        if m.matches(call, m.Call(func=m.Attribute(value=m.Name(), attr=m.Name("save")), args=[])) \
                and call.func.value.value in self.writers and f"{call.func.value.value}.close()" in self.ctx.text:
            return cst.RemovalSentinel.REMOVE
        return updated

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)

    def _pyplot(self, node: cst.BaseExpression) -> bool:
        """plt, or an Axes by its usual names: matplotlib's plot, whose first argument is data."""
        text = code_of(node)
        return text in self.ctx.module_names("matplotlib.pyplot") | {"plt"} or re.match(r"^ax(es|s)?\b", text) is not None

    def _resampled(self, node: cst.BaseExpression) -> bool:
        """``s.resample('D')`` or a name bound to one: a Resampler, whose fillna(method) went in 2.0."""
        return m.matches(node, m.Call(func=m.Attribute(attr=m.Name("resample")))) or (
            isinstance(node, cst.Name) and node.value in self.resamplers)

    @staticmethod
    def _result_type(call: cst.Call) -> cst.Call:
        """apply(f, broadcast=True) is result_type='broadcast', reduce=True 'reduce' and reduce=False 'expand' (a
        frame always); broadcast=False and None were the default."""
        for old, when_true, when_false in (("broadcast", "'broadcast'", None), ("reduce", "'reduce'", "'expand'")):
            given = kwarg(call, old)
            if given is None:
                continue
            value = {"True": when_true, "False": when_false}.get(getattr(given.value, "value", ""))
            if value is not None and kwarg(call, "result_type") is None:
                call = set_kwarg_value(rename_kwarg(call, old, "result_type"), "result_type", value)
            else:
                call = remove_kwarg(call, old)
        return call

    def leave_Attribute(self, original, updated):
        name = updated.attr.value
        if name == "weekday_name":
            return cst.Call(updated.with_changes(attr=cst.Name("day_name")))
        if name == "asobject":
            return cst.Call(updated.with_changes(attr=cst.Name("astype")), [cst.Arg(cst.Name("object"))])
        if name == "offset" and self.on_own_error_line(original) and "DatetimeIndex" in self.ctx.error.evalue:
            return updated.with_changes(attr=cst.Name("freq"))
        return updated

    def leave_Call(self, original, updated):
        func, name = updated.func, callee_name(updated)
        if name in _RANGE_OF and (kwarg(updated, "start") or kwarg(updated, "periods")) and not positional(updated):
            if isinstance(func, cst.Attribute):
                return updated.with_changes(func=func.with_changes(attr=cst.Name(_RANGE_OF[name])))
            if self.ctx.imported.get(name) == f"pandas.{name}":  # from pandas import DatetimeIndex
                return updated.with_changes(func=cst.Attribute(cst.Name(self.need("pandas")), cst.Name(_RANGE_OF[name])))
        if name == "register" and not updated.args and (
                self.ctx.imported.get(code_of(func.value) if isinstance(func, cst.Attribute) else "") ==
                "pandas.tseries.converter" or (isinstance(func, cst.Attribute) and
                                               (code_of(func.value).endswith("tseries.converter")))):
            head = code_of(func.value).split(".")[0]
            if head in self.ctx.module_names("pandas"):  # pd.tseries.converter.register()
                return cst.parse_expression(f"{head}.plotting.register_matplotlib_converters()")
            return cst.parse_expression("register_matplotlib_converters()")
        if name == "plot" and isinstance(func, cst.Attribute) and len(positional(updated)) == 1 \
                and string_value(positional(updated)[0].value) in _KINDS and not self._pyplot(func.value):
            kind = positional(updated)[0]
            return updated.with_changes(args=[make_arg("kind", a.value).with_changes(comma=a.comma) if a is kind else a
                                              for a in updated.args])
        if name == "from_items" and isinstance(func, cst.Attribute) and len(updated.args) == 1 \
                and not updated.args[0].keyword and callee_name(cst.Call(func.value)) == "DataFrame":
            # DataFrame.from_items(pairs): a column per pair, in order, as a dict of them keeps it
            items = cst.Call(cst.Name("dict"), [cst.Arg(updated.args[0].value)])
            return cst.Call(func.value, [cst.Arg(items)])
        if name == "sortlevel" and isinstance(func, cst.Attribute):
            pos = positional(updated)  # sortlevel(level=0, axis=0, ascending=True, ...)
            call = updated.with_changes(func=func.with_changes(attr=cst.Name("sort_index")))
            if pos:
                call = call.with_changes(args=[make_arg("level", a.value).with_changes(comma=a.comma) if a is pos[0]
                                               else a for a in call.args])
            elif kwarg(call, "level") is None:
                call = add_kwarg(call, "level", "0")
            return call
        if name == "apply" and (kwarg(updated, "broadcast") or kwarg(updated, "reduce")):
            return self._result_type(updated)
        if name == "fillna" and isinstance(func, cst.Attribute) and self._resampled(func.value):
            how = string_value(positional(updated)[0].value) if len(updated.args) == 1 and positional(updated) else None
            if how in _FILLS:
                return cst.Call(cst.Attribute(func.value, cst.Name(_FILLS[how])))
        if name in _RANGES and kwarg(updated, "closed") is not None:
            if m.matches(kwarg(updated, "closed").value, m.Name("None")):
                return remove_kwarg(updated, "closed")  # both ends, today's default
            return rename_kwarg(updated, "closed", "inclusive")
        if name == "to_excel" and kwarg(updated, "encoding") is not None:
            return remove_kwarg(updated, "encoding")
        if not isinstance(func, cst.Attribute):
            return updated
        owner = func.value
        if name == "save" and not updated.args and ((isinstance(owner, cst.Name) and owner.value in self.writers)
                                                    or self.on_own_error_line(original)):  # writers[k].save(), for w in ...
            return updated.with_changes(func=func.with_changes(attr=cst.Name("close")))
        if name == "get_duplicates" and not updated.args:
            if plain_reference(owner):
                return cst.parse_expression(f"{code_of(owner)}[{code_of(owner)}.duplicated()].unique()")
            # an index built in place is read once (an Index has no pipe)
            return cst.parse_expression(f"(lambda i_: i_[i_.duplicated()].unique())({code_of(owner)})")
        if not self.on_own_error_line(original):
            return updated
        if name == "to_datetime" and not updated.args:
            return updated.with_changes(func=func.with_changes(attr=cst.Name("to_pydatetime")))
        if name == "to_dense" and not updated.args:
            return owner  # only a sparse frame had other values to densify; sparse frames went in 1.0 too
        pos = positional(updated)
        if name == "compress" and len(pos) == 1 and len(updated.args) == 1:
            return cst.Subscript(owner, [cst.SubscriptElement(cst.Index(pos[0].value))])
        return updated

    def leave_Subscript(self, original, updated):
        # df['2017-03'] selected rows of a DatetimeIndex (pandas < 2.0): the same rows are df.loc['2017-03']
        if len(updated.slice) != 1 or not isinstance(updated.slice[0].slice, cst.Index) or m.matches(
                updated.value, m.Attribute(attr=m.Name("loc") | m.Name("iloc") | m.Name("at") | m.Name("ix"))):
            return updated
        key = string_value(updated.slice[0].slice.value)
        if key is None or not _DATE_KEY.match(key) or not self.on_own_error_line(original) \
                or repr(key) != self.ctx.error.evalue or self.ctx.error.ename != "KeyError":
            return updated
        return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("loc")))


@rule(
    "pandas-stack-dropna",
    library="pandas",
    changed_in="pandas 3.0 (the 2.1 future_stack implementation became the only one)",
    rationale="stack() dropped the rows it produced that were all missing (dropna=True, the default); today it keeps "
    "them, and refuses dropna= altogether. The old result is the new one with those rows dropped: "
    ".dropna(how='all') (for a frame of one column level, a Series, that is every missing value: corr().stack() "
    "again leaves out the undefined pairs; with several column levels the old order also sorted the stacked level). "
    "dropna=False was what stack does now: future_stack=True says so.",
    needles=(".stack(",),
    gate=lambda ctx, code: "pandas" in ctx.text and not ctx.written_since("2026-01"),
    examples=(
        ("import pandas as pd\npairs = df.corr().stack().reset_index()\nlong = wide.stack(0, dropna=False)\n"
         "kept = wide.stack(dropna=True)\nagain = df.stack().dropna(how='all')",
         "import pandas as pd\npairs = df.corr().stack().dropna(how='all').reset_index()\n"
         "long = wide.stack(0, future_stack=True)\n"
         "kept = wide.stack().dropna(how='all')\nagain = df.stack().dropna(how='all')"),
        # numpy's, torch's and Keras' stack are module functions; a new-style call chose its behaviour
        ("import pandas as pd\nimport numpy as np\na = np.stack([x, y])\nb = df.stack(future_stack=True)",
         "import pandas as pd\nimport numpy as np\na = np.stack([x, y])\nb = df.stack(future_stack=True)"),
    ),
)
class StackDropna(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.followed: set[int] = set()  # stack calls already followed by a dropna (this rule's own output)

    def visit_Attribute(self, node):
        if node.attr.value == "dropna" and isinstance(node.value, cst.Call):
            self.followed.add(id(node.value))

    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(attr=m.Name("stack"))) or any(a.star for a in updated.args) \
                or kwarg(updated, "future_stack") is not None or kwarg(updated, "sort") is not None \
                or (isinstance(func.value, cst.Name) and func.value.value in self.ctx.imported):
            return updated  # a module's stack function (np.stack), or a call written for today's stack
        given = kwarg(updated, "dropna")
        if given is not None:
            keep = bool_value(given.value)
            if keep is None:
                return updated  # a dropna the notebook computes: which one is not known here
            updated = remove_kwarg(updated, "dropna")
            if keep is False:  # what stack does now: said so, which also tells this rule the call is done
                return add_kwarg(updated, "future_stack", "True")
        if id(original) in self.followed:
            return updated
        return cst.Call(cst.Attribute(updated, cst.Name("dropna")), [make_arg("how", "'all'")])
