"""pandas 1.0-3.0: values a notebook hands to pandas that pandas now reads differently: text or bytes where a path
was expected, a ``datetime.date`` compared with datetimes, digit strings as epochs, aware datetimes cast to
naive ones (keys and operands are pandas_keys.py's; the shared pieces are here).

Written from the deprecation notes of pandas 0.23-2.2 and the code paths they removed. What a value is shows in
the code only sometimes (a string literal opening with ``{``, ``[`` or ``<``, ``requests.get(url).text``, a
one-item list in ``groupby``, two ``.columns`` beside ``&``): there the rewrite is static. Elsewhere it is made on
the line that failed, where pandas' own error says what the value was.
"""

from __future__ import annotations

import re
from functools import cached_property

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    add_kwarg,
    argument,
    callee_name,
    code_of,
    dotted,
    kwarg,
    module_call,
    parenthesized,
    positional,
    remove_kwarg,
    rule,
    signed,
    string_value,
    with_arg_value,
)
from .python3_rules import Importing

PANDAS = lambda ctx, code: "pandas" in ctx.text  # noqa: E731 - the gate of the static parts


class OnError(Importing):
    """A family keyed by several errors: ``failed(node, *signatures)`` is whether ``node`` is on the failing line
    and the error is one of ``signatures``, the one its branch repairs."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def failed(self, node: cst.CSTNode, *signatures: tuple[str, str]) -> bool:
        return self.on_own_error_line(node) and signed(signatures, self.ctx.error)

    def wrapped(self, module: str, function: str, value: cst.BaseExpression, **keywords: str) -> cst.Call:
        """``module.function(value, **keywords)`` with the notebook's name for the module."""
        call = cst.Call(cst.Attribute(cst.Name(self.need(module)), cst.Name(function)), [cst.Arg(value)])
        for name, code in keywords.items():
            call = add_kwarg(call, name, code)
        return call


_NOT_TUPLES = ("str", "int", "float")  # calls whose value is never a tuple key


def not_a_tuple(node: cst.BaseExpression) -> bool:
    """A literal or a conversion: a value that is certainly no tuple."""
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer,
                             cst.Float)) or (isinstance(node, cst.Call) and dotted(node.func) in _NOT_TUPLES)


def names_bound(text: str, expression: str) -> set[str]:
    """The names a line of ``text`` binds to what the regex ``expression`` matches, from its start."""
    return set(re.findall(rf"(?m)^[ \t]*(\w+)[ \t]*=[ \t]*(?:{expression})", text))


# --------------------------------------------------------------------------- text and bytes for a path

# reader -> the keyword of its source; read_json, read_html and read_xml parsed a str that was not a path as the
# document itself until 3.0 (deprecated in 2.1), read_excel and ExcelFile took the file's bytes
_TEXT_READERS = {"read_json": "path_or_buf", "read_html": "io", "read_xml": "path_or_buffer"}
_BYTES_READERS = {"read_excel": "io", "ExcelFile": "path_or_buffer"}
_OPENS = {"read_json": "{[", "read_html": "<", "read_xml": "<"}  # how the document starts
_NOT_A_FILE = ("FileNotFoundError", r"No such file or directory: b?['\"](\\[nrt]|\s)*[\[{<]")  # a document
_GOT_BYTES = ("TypeError", r"got <class 'bytes'> type")


def _document_start(node: cst.BaseExpression) -> str:
    """The first non-blank character of a string literal (of its first part, for an f-string); "" otherwise."""
    if isinstance(node, cst.ConcatenatedString):
        return _document_start(node.left)
    if isinstance(node, cst.FormattedString):
        first = node.parts[0] if node.parts else None
        return first.value.lstrip()[:1] if isinstance(first, cst.FormattedStringText) else ""
    return (string_value(node) or "").lstrip()[:1]


@rule(
    "pandas-documents-as-paths",
    library="pandas",
    changed_in="pandas 3.0 (text given to read_json/read_html/read_xml, bytes to read_excel; deprecated in 2.1)",
    rationale="read_json, read_html and read_xml no longer read a str that is not a path as the document, nor "
    "read_excel and ExcelFile bytes as the file: the same text in io.StringIO (bytes in io.BytesIO) is parsed as "
    "before. Static where the argument is evidently a document (a literal opening with '{', '[' or '<', "
    "json.dumps(...), df.to_json(), a requests response's .text/.content, BeautifulSoup's prettify(), a "
    ".getvalue()/.read() into read_excel); on the failing line where pandas tried to open the document as a file.",
    needles=("read_json", "read_html", "read_xml", "read_excel", "ExcelFile"),
    gate=PANDAS,
    signatures=(_NOT_A_FILE, _GOT_BYTES),
    examples=(
        ("import pandas as pd\nimport requests\nr = requests.get(url)\ndf = pd.read_json('[{\"a\": 1}]')\n"
         "t = pd.read_html(r.text)[0]\nx = pd.read_excel(requests.get(u).content, sheet_name=0)\n"
         "j = pd.read_json(json.dumps(rows), orient='records')",
         "import io\nimport pandas as pd\nimport requests\nr = requests.get(url)\n"
         "df = pd.read_json(io.StringIO('[{\"a\": 1}]'))\nt = pd.read_html(io.StringIO(r.text))[0]\n"
         "x = pd.read_excel(io.BytesIO(requests.get(u).content), sheet_name=0)\n"
         "j = pd.read_json(io.StringIO(json.dumps(rows)), orient='records')"),
        # paths, URLs and names of unknown values: left to the failing line
        ("import pandas as pd\na = pd.read_json('data/train.json')\nb = pd.read_html('https://x.org/t')\n"
         "c = pd.read_json(text)\nd = pd.read_excel(f)",
         "import pandas as pd\na = pd.read_json('data/train.json')\nb = pd.read_html('https://x.org/t')\n"
         "c = pd.read_json(text)\nd = pd.read_excel(f)"),
    ),
)
class DocumentsAsPaths(OnError):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        requests = "|".join(map(re.escape, ctx.module_names("requests") | {"requests"}))
        self.responses = names_bound(ctx.text, rf"(?:{requests})\.(?:get|post|request)\(")
        self.json = ctx.module_names("json") | {"json"}

    def _response(self, node: cst.BaseExpression, attr: str) -> bool:
        """``requests.get(url).text`` or ``r.text`` for a name bound to a request (``attr`` text or content)."""
        if not m.matches(node, m.Attribute(attr=m.Name(attr))):
            return False
        owner = node.value
        if isinstance(owner, cst.Name):
            return owner.value in self.responses
        return isinstance(owner, cst.Call) and dotted(owner.func) is not None and \
            dotted(owner.func).rsplit(".", 1)[0] in self.ctx.module_names("requests") | {"requests"}

    def _text(self, reader: str, node: cst.BaseExpression) -> bool:
        if _document_start(node) and _document_start(node) in _OPENS[reader]:
            return True
        if self._response(node, "text"):
            return True
        if not isinstance(node, cst.Call):
            return m.matches(node, m.Attribute(attr=m.Name("page_source")))  # a selenium driver's page
        name = callee_name(node)
        if reader == "read_json":
            return (name == "dumps" and dotted(node.func) in {f"{j}.dumps" for j in self.json}) or \
                (name == "to_json" and not positional(node) and kwarg(node, "path_or_buf") is None)
        return name == "prettify"  # BeautifulSoup's markup

    def _bytes(self, reader: str, node: cst.BaseExpression) -> bool:
        if self._response(node, "content"):
            return True
        # read_excel never took text: what a buffer or a file hands over is the workbook's bytes
        return reader in _BYTES_READERS and m.matches(node, m.Call(func=m.Attribute(attr=m.Name("getvalue") |
                                                                                     m.Name("read"))))

    def leave_Call(self, original, updated):
        reader = module_call(updated, self.ctx, "pandas")
        if reader not in _TEXT_READERS and reader not in _BYTES_READERS:
            return updated
        arg = argument(updated, {**_TEXT_READERS, **_BYTES_READERS}[reader])
        if arg is None or (isinstance(arg.value, cst.Call) and callee_name(arg.value) in ("StringIO", "BytesIO")):
            return updated
        value = arg.value
        # a path written out is a path, whichever call beside it on the failing line had the document
        path = string_value(value) is not None and _document_start(value) not in ("{", "[", "<")
        if self._bytes(reader, value) or (not path and self.failed(original, _GOT_BYTES)):
            return with_arg_value(updated, arg, self.wrapped("io", "BytesIO", value))
        if reader in _TEXT_READERS and not path and self.failed(original, _NOT_A_FILE):
            # read_html(b'<table>...') is bytes: the message shows the path pandas tried as b'...'
            kind = "BytesIO" if re.search(r"directory: b['\"]", self.ctx.error.evalue) else "StringIO"
            return with_arg_value(updated, arg, self.wrapped("io", kind, value))
        if reader in _TEXT_READERS and self._text(reader, value):
            return with_arg_value(updated, arg, self.wrapped("io", "StringIO", value))
        return updated


# --------------------------------------------------------------------------- dates and timestamps

_DATE_COMPARISON = ("TypeError", r"Invalid comparison between dtype=datetime64\[\w+(, .+)?\] and date$|"
                                 r"Cannot compare Timestamp with datetime\.date")
_TEXT_EPOCHS = tuple((ename, r"is out of range|Unknown datetime string format|to datetime overflows")
                     for ename in ("DateParseError", "OutOfBoundsDatetime"))
_AWARE_TO_NAIVE = ("TypeError", r"Cannot use \.astype to convert from timezone-aware dtype to timezone-naive")
_AWARE_WITH_TZ = ("ValueError", r"Cannot pass a datetime or Timestamp with tzinfo with the tz parameter")
_NAIVE_DTYPE = re.compile(r"^(datetime64|[<>=]?M8)(\[(?P<unit>\w+)\])?$")
_DATE_MAKERS = ("today", "fromisoformat", "fromtimestamp", "fromordinal")
_INDEX_MAKERS = ("DatetimeIndex", "date_range", "bdate_range", "Index")


@rule(
    "pandas-datetime-inputs",
    library="pandas",
    changed_in="pandas 1.0 (Timestamp(aware, tz=)), 2.0 (a datetime.date against datetimes, astype from aware to "
    "naive), 3.0 (to_datetime(unit=) of text)",
    rationale="on the failing line: a datetime.date compared with datetimes was taken as its midnight, which "
    "pd.Timestamp(date) is; to_datetime(x, unit=u) cast text to numbers first, as pd.to_numeric(x, errors='coerce') "
    "does (empty and 'NaT' texts were NaT); astype('datetime64[ns]') of aware values gave their UTC wall times, "
    "which .dt.tz_convert(None) (.tz_convert(None) for an index) gives before the cast; Timestamp(aware, tz=z) "
    "converted, as Timestamp(aware).tz_convert(z) does.",
    kind="error",
    signatures=(_DATE_COMPARISON, _AWARE_TO_NAIVE, _AWARE_WITH_TZ, *_TEXT_EPOCHS),
    examples=(
        ("import datetime\nimport pandas as pd\nrecent = df[df['day'] > datetime.date(2020, 1, 2)]\n"
         "t = pd.to_datetime(df['ts'], unit='s')\nn = df['t'].astype('datetime64[ns]')",
         "import datetime\nimport pandas as pd\nrecent = df[df['day'] > datetime.date(2020, 1, 2)]\n"
         "t = pd.to_datetime(df['ts'], unit='s')\nn = df['t'].astype('datetime64[ns]')"),
    ),
)
class DatetimeInputs(OnError):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # datetime.date, unless the notebook's `datetime` is the class (from datetime import datetime)
        modules = ctx.module_names("datetime") | ({"datetime"} - set(ctx.aliases.get("datetime.datetime", ())))
        self.date_classes = {f"{d}.date" for d in modules} | set(ctx.aliases.get("datetime.date", ()))
        self.indexes = names_bound(ctx.text, rf"[\w.\[\]'\"]+\.index\s*$|[\w.]*\b(?:{'|'.join(_INDEX_MAKERS)})\(")

    @cached_property
    def dates(self) -> set[str]:
        """The names the notebook binds to a date on a line of their own (``cutoff = date(2020, 1, 2)``)."""
        found = set()
        for name, code in re.findall(r"(?m)^[ \t]*(\w+)[ \t]*=[ \t]*(.*date.*?)\s*$", self.ctx.text):
            try:
                found |= {name} if self._date(cst.parse_expression(code)) else set()
            except cst.ParserSyntaxError:
                pass
        return found

    def _date(self, node: cst.BaseExpression) -> bool:
        """Evidently a ``datetime.date``: built (``date(2020, 1, 2)``, ``date.today()``), taken from a datetime
        (``ts.date()``), or a name the notebook binds to one of those."""
        if isinstance(node, cst.Name):
            return node.value in self.dates
        if not isinstance(node, cst.Call):
            return False
        func = dotted(node.func)
        if func in self.date_classes:
            return True
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _DATE_MAKERS:
            return dotted(node.func.value) in self.date_classes
        return callee_name(node) == "date" and isinstance(node.func, cst.Attribute) and not node.args

    def _timestamp(self, node: cst.BaseExpression) -> cst.BaseExpression:
        return self.wrapped("pandas", "Timestamp", node) if self._date(node) else node

    lone: cst.Comparison | None = None  # the failing line's only comparison, when it has one

    def visit_Module(self, node):
        if self.on_own_error and signed((_DATE_COMPARISON,), self.ctx.error):
            found = [c for c in m.findall(node, m.Comparison()) if self.on_own_error_line(c)]
            self.lone = found[0] if len(found) == 1 and len(found[0].comparisons) == 1 else None

    def leave_Comparison(self, original, updated):
        if not self.failed(original, _DATE_COMPARISON):
            return updated
        new = updated.with_changes(left=self._timestamp(updated.left), comparisons=[
            c.with_changes(comparator=self._timestamp(c.comparator)) for c in updated.comparisons])
        if new.deep_equals(updated) and original is self.lone:
            # no operand is evidently a date: the error says one is, the name beside a column or an index
            left, right = updated.left, updated.comparisons[0].comparator
            if isinstance(right, cst.Name) and not isinstance(left, cst.Name) and right.value not in self.ctx.frames:
                return updated.with_changes(comparisons=[updated.comparisons[0].with_changes(
                    comparator=self.wrapped("pandas", "Timestamp", right))])
            if isinstance(left, cst.Name) and not isinstance(right, cst.Name) and left.value not in self.ctx.frames:
                return updated.with_changes(left=self.wrapped("pandas", "Timestamp", left))
        return new

    def _index(self, node: cst.BaseExpression) -> bool:
        """Evidently an index (``tz_convert`` on itself) rather than a Series (through ``.dt``)."""
        if isinstance(node, cst.Name):
            return node.value in self.indexes
        if m.matches(node, m.Attribute(attr=m.Name("index"))):
            return True
        if isinstance(node, cst.Call) and callee_name(node) == "to_datetime":
            return bool(positional(node)) and isinstance(positional(node)[0].value, (cst.List, cst.Tuple))
        return isinstance(node, cst.Call) and callee_name(node) in _INDEX_MAKERS

    def _naive_dtype(self, node: cst.BaseExpression) -> str | None:
        """The dtype to cast to, written as today's pandas takes it (unit-less was nanoseconds); None when
        ``node`` is no naive datetime dtype."""
        text = string_value(node)
        if text is None and dotted(node) in {f"{n}.datetime64" for n in self.ctx.module_names("numpy") | {"np"}}:
            text = "datetime64"
        found = _NAIVE_DTYPE.match(text or "")
        if found is None:
            return None
        return code_of(node) if found.group("unit") else "'datetime64[ns]'"

    def leave_Call(self, original, updated):
        func, name = updated.func, callee_name(updated)
        if name == "between" and self.failed(original, _DATE_COMPARISON):
            return updated.with_changes(args=[a.with_changes(value=self._timestamp(a.value)) for a in updated.args])
        if name == "to_datetime" and kwarg(updated, "unit") and self.failed(original, *_TEXT_EPOCHS):
            arg = argument(updated, "arg")
            if arg is not None and not (isinstance(arg.value, cst.Call) and callee_name(arg.value) == "to_numeric"):
                return with_arg_value(updated, arg, self.wrapped("pandas", "to_numeric", arg.value, errors="'coerce'"))
        if name == "astype" and isinstance(func, cst.Attribute) and self.failed(original, _AWARE_TO_NAIVE):
            arg = argument(updated, "dtype")
            dtype = self._naive_dtype(arg.value) if arg is not None else None
            if dtype is not None:
                owner = parenthesized(func.value)
                naive = f"{code_of(owner)}{'' if self._index(func.value) else '.dt'}.tz_convert(None)"
                call = with_arg_value(updated, arg, cst.parse_expression(dtype))
                return call.with_changes(func=func.with_changes(value=cst.parse_expression(naive)))
        if name == "Timestamp" and self.failed(original, _AWARE_WITH_TZ):
            zone, given = kwarg(updated, "tz") or kwarg(updated, "tzinfo"), positional(updated)
            # a text or a number with tz= is localized, today as before: the aware value is another expression
            if zone is not None and given and not not_a_tuple(given[0].value):
                bare = remove_kwarg(updated, zone.keyword.value)
                return cst.Call(cst.Attribute(bare, cst.Name("tz_convert")), [cst.Arg(zone.value)])
        return updated
