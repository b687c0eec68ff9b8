"""numpy: aliases and functions removed in numpy 1.20-2.0."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from libcst.metadata import PositionProvider

from .framework import RuleTransformer, add_kwarg, dotted, kwarg, positional, remove_kwarg, rule, set_kwarg_value
from .python3_rules import Importing

# numpy 1.20 deprecated and 1.24 removed the aliases of builtins; numpy 2.0 removed
# the capitalised constants and several duplicate function names.
_BUILTIN_ALIASES = {
    "float": "float",
    "int": "int",
    "object": "object",
    "str": "str",
    "unicode": "str",
    "complex": "complex",
}
_RENAMED = {
    "NaN": "nan",
    "NAN": "nan",
    "Inf": "inf",
    "Infinity": "inf",
    "infty": "inf",
    "PINF": "inf",
    "float_": "float64",
    "complex_": "complex128",
    "string_": "bytes_",
    "unicode_": "str_",
    "product": "prod",
    "cumproduct": "cumprod",
    "sometrue": "any",
    "alltrue": "all",
    "in1d": "isin",
    "row_stack": "vstack",
    "trapz": "trapezoid",
    "round_": "round",
    "mat": "asmatrix",
    "bool8": "bool_",
    "object0": "object_",
    "str0": "str_",
    "bytes0": "bytes_",
    "void0": "void",
    "int0": "intp",
    "uint0": "uintp",
    "longfloat": "longdouble",
    "singlecomplex": "complex64",
    "cfloat": "complex128",
    "clongfloat": "clongdouble",
    "longcomplex": "clongdouble",
}


def _numpy_names(ctx) -> set[str]:
    return ctx.names_for("numpy", ("np", "numpy"))


_ALIAS_USE = re.compile(r"\b(\w+)[\s)]*\.\s*(?:float|int|object|str|unicode|complex)\b")


@rule(
    "numpy-builtin-aliases",
    library="numpy",
    changed_in="numpy 1.24",
    rationale="the aliases np.float/np.int/np.object/np.str of Python builtins were removed; use the builtin.",
    needles=("np.", "numpy."),
    pattern=r"\.(float|int|object|str|unicode|complex)\b",
    gate=lambda ctx, code: any(h in _numpy_names(ctx) for h in _ALIAS_USE.findall(code)),  # not df.col.str
    signatures=(("AttributeError", r"module 'numpy' has no attribute '(float|int|object|str|unicode|complex)'"),),
    examples=(
        ("x = y.astype(np.float)", "x = y.astype(float)"),
        ("a = np.zeros(3, dtype=np.int)", "a = np.zeros(3, dtype=int)"),
    ),
)
class BuiltinAliases(RuleTransformer):
    def leave_Attribute(self, original, updated):
        if isinstance(updated.value, cst.Name) and updated.value.value in _numpy_names(self.ctx):
            target = _BUILTIN_ALIASES.get(updated.attr.value)
            if target:
                return cst.Name(target)
        return updated


@rule(
    "numpy-removed-names",
    library="numpy",
    changed_in="numpy 2.0",
    rationale="np.NaN, np.Inf, np.float_, np.product, np.cumproduct, np.in1d, np.trapz and similar duplicates "
    "were removed; use the canonical name (np.nan, np.inf, np.float64, np.prod, np.isin, ...).",
    needles=("np.", "numpy."),
    pattern=r"\.(NaN|NAN|Inf|Infinity|infty|PINF|NINF|float_|complex_|string_|unicode_|product|cumproduct|sometrue|alltrue|in1d|row_stack|trapz|round_|mat|"
    r"bool8|int0|uint0|object0|str0|bytes0|void0|longfloat|singlecomplex|cfloat|clongfloat|longcomplex)\b",
    # numpy 2.0 names its removed members in its own words ("`np.NaN` was removed in the NumPy 2.0 release")
    signatures=(("AttributeError", r"module 'numpy' has no attribute|was removed in the NumPy 2\.0 release"),),
    examples=(
        ("df.fillna(np.NaN)", "df.fillna(np.nan)"),
        ("x = np.product(a) * np.Inf", "x = np.prod(a) * np.inf"),
        ("y = -np.NINF", "y = -(-np.inf)"),
        ("m = x.astype(np.bool8) & (y == np.int0(1))", "m = x.astype(np.bool_) & (y == np.intp(1))"),
    ),
)
class RemovedNames(RuleTransformer):
    def leave_Attribute(self, original, updated):
        if isinstance(updated.value, cst.Name) and updated.value.value in _numpy_names(self.ctx):
            name = updated.attr.value
            if name in _RENAMED:
                return updated.with_changes(attr=cst.Name(_RENAMED[name]))
            if name == "NINF":
                return cst.parse_expression(f"(-{updated.value.value}.inf)")
        return updated


@rule(
    "numpy-asscalar",
    library="numpy",
    changed_in="numpy 1.23",
    rationale="np.asscalar, np.msort, np.asfarray and np.alen were removed, and np.fromstring no longer reads "
    "binary data; np.asarray(x).item(), np.sort(a, axis=0), np.asarray(x, dtype=float), len(x) and "
    "np.frombuffer(x).copy() compute the same.",
    needles=("asscalar", "msort", "asfarray", "alen", "fromstring"),
    signatures=(
        ("AttributeError", r"has no attribute '(asscalar|msort|alen)'|`np\.asfarray` was removed"),
        ("ValueError", r"The binary mode of fromstring is removed"),
    ),
    examples=(
        ("v = np.asscalar(a)", "v = np.asarray(a).item()"),
        ("s = np.msort(a)", "s = np.sort(a, axis=0)"),
        ("f = np.asfarray(x)\nn = np.alen(x)", "f = np.asarray(x, dtype=float)\nn = len(x)"),
        ("a = np.fromstring(raw, dtype=np.uint8)", "a = np.frombuffer(raw, dtype=np.uint8).copy()"),
        ("a = np.fromstring('1 2', sep=' ')", "a = np.fromstring('1 2', sep=' ')"),
    ),
)
class AsScalar(RuleTransformer):
    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        if head not in _numpy_names(self.ctx) or len(positional(updated)) < 1:
            return updated
        if attr == "fromstring" and kwarg(updated, "sep") is None and len(positional(updated)) <= 2:
            # binary mode (no sep): frombuffer reads the same bytes; fromstring returned its own writable copy
            buffer = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("frombuffer")))
            return cst.Call(cst.Attribute(buffer, cst.Name("copy")))
        if len(positional(updated)) != 1:
            return updated
        arg = positional(updated)[0].value
        if attr == "asscalar":
            inner = updated.with_changes(func=cst.Attribute(cst.Name(head), cst.Name("asarray")), args=[cst.Arg(arg)])
            return cst.Call(func=cst.Attribute(inner, cst.Name("item")))
        if attr == "asfarray":
            return cst.parse_expression(f"{head}.asarray(__x__, dtype=float)").with_changes(
                args=[cst.Arg(arg, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                      cst.parse_expression("f(dtype=float)").args[0]])
        if attr == "alen":
            return cst.Call(cst.Name("len"), [cst.Arg(arg)])
        if attr == "msort":
            return cst.parse_expression(f"{head}.sort(__x__, axis=0)").with_changes(
                args=[
                    cst.Arg(arg, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.parse_expression("f(axis=0)").args[0],
                ]
            )
        return updated


@rule(
    "numpy-warnings-module",
    library="numpy",
    changed_in="numpy 1.24",
    rationale="np.warnings and np.math were the standard library's warnings and math modules, re-exported by "
    "accident and removed; the modules themselves are used.",
    needles=("warnings", "math"),
    pattern=r"\.\s*(warnings|math)\s*\.",  # np.warnings. / np.math.: the modules' own warnings.x and math.x are fine
    signatures=(("AttributeError", r"module 'numpy' has no attribute '(warnings|math)'"),),
    examples=(
        ("np.warnings.filterwarnings('ignore')", "__import__('warnings').filterwarnings('ignore')"),
        (
            "import warnings\nwith np.warnings.catch_warnings():\n    pass",
            "import warnings\nwith warnings.catch_warnings():\n    pass",
        ),
        ("warnings.filterwarnings('ignore')", "warnings.filterwarnings('ignore')"),
        ("r = np.math.sqrt(2) * np.math.pi", "r = __import__('math').sqrt(2) * __import__('math').pi"),
        ("import math\nr = np.math.factorial(3)", "import math\nr = math.factorial(3)"),
    ),
)
class WarningsModule(RuleTransformer):
    def leave_Attribute(self, original, updated):
        if not (m.matches(updated.value, m.Attribute(value=m.Name(), attr=m.Name("warnings") | m.Name("math")))
                and updated.value.value.value in _numpy_names(self.ctx)):
            return updated
        name = updated.value.attr.value
        imported = self.ctx.imported.get(name) == name
        module = cst.Name(name) if imported else cst.parse_expression(f"__import__('{name}')")
        return updated.with_changes(value=module)


def _numpy_call(call: cst.Call, ctx, names: tuple[str, ...]) -> str | None:
    """The numpy function ``call`` calls (``np.array(...)`` -> "array"), when it is one of ``names``."""
    head, _, attr = (dotted(call.func) or "").rpartition(".")
    return attr if head in _numpy_names(ctx) and attr in names else None


@rule(
    "numpy-copy-false",
    library="numpy",
    changed_in="numpy 2.0",
    rationale="np.array(x, copy=False) now means 'never copy' and raises where a copy is needed; before 2.0 it "
    "copied only when needed, which is what np.asarray(x) does.",
    needles=("copy=False", "copy = False"),
    signatures=(("ValueError", r"Unable to avoid copy while creating an array"),),
    examples=(
        ("a = np.array(df.values, copy=False)", "a = np.asarray(df.values)"),
        ("a = np.array(x, dtype=np.float32, copy=False)", "a = np.asarray(x, dtype=np.float32)"),
        ("b = np.asarray(x, copy=False)", "b = np.asarray(x)"),
        ("c = np.array(x, copy=True)", "c = np.array(x, copy=True)"),
    ),
)
class CopyFalse(RuleTransformer):
    def leave_Call(self, original, updated):
        name = _numpy_call(updated, self.ctx, ("array", "asarray"))
        flag = kwarg(updated, "copy")
        if name is None or flag is None or not m.matches(flag.value, m.Name("False")):
            return updated
        if any(a.keyword and a.keyword.value not in ("dtype", "copy", "order") for a in updated.args):
            return updated  # ndmin=, subok= are np.array's alone
        call = remove_kwarg(updated, "copy")
        return call.with_changes(func=call.func.with_changes(attr=cst.Name("asarray")))


@rule(
    "numpy-ragged-array",
    library="numpy",
    changed_in="numpy 1.24",
    rationale="np.array of sequences of different lengths used to build an object array (with a warning since "
    "1.20); now it raises. dtype=object builds the same array.",
    kind="error",
    signatures=(("ValueError", r"setting an array element with a sequence\. The requested array has an inhomogeneous shape"),),
    examples=(
        ("seqs = np.array(tokenized)", "seqs = np.array(tokenized, dtype=object)"),
        ("x = np.array([a, b], dtype=float)", "x = np.array([a, b], dtype=float)"),
    ),
)
class RaggedArray(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if _numpy_call(updated, self.ctx, ("array", "asarray")) is None or kwarg(updated, "dtype") is not None:
            return updated
        if len(positional(updated)) != 1 or self.off_error_line(original):
            return updated
        return add_kwarg(updated, "dtype", "object")


@rule(
    "numpy-array-to-scalar",
    library="numpy",
    changed_in="numpy 1.25 (deprecated), 2.4 (removed)",
    rationale="float() / int() of an array with one element but one or more dimensions (a model's prediction "
    "for one row) now raise; .item() takes that element, which is what the conversion did.",
    kind="error",
    signatures=(("TypeError", r"only 0-dimensional arrays can be converted to Python scalars"),),
    examples=(
        ("p = float(model.predict(x))", "p = float(model.predict(x).item())"),
        ("n = int(counts[idx])", "n = int(counts[idx].item())"),
        ("v = float('1.5') + int(3)", "v = float('1.5') + int(3)"),
    ),
)
class ArrayToScalar(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Name("float") | m.Name("int") | m.Name("complex")) or len(updated.args) != 1:
            return updated
        arg = updated.args[0]
        if arg.keyword or arg.star or isinstance(arg.value, (cst.BaseNumber, cst.BaseString, cst.UnaryOperation)):
            return updated
        if m.matches(arg.value, m.Call(func=m.Attribute(attr=m.Name("item")))) or self.off_error_line(original):
            return updated
        item = cst.Call(cst.Attribute(arg.value, cst.Name("item")))
        return updated.with_changes(args=[arg.with_changes(value=item)])


@rule(
    "numpy-load-allow-pickle",
    library="numpy",
    changed_in="numpy 1.16.3",
    rationale="np.load stopped loading object arrays by default (allow_pickle became False); allow_pickle=True "
    "loads them as before, for a file the notebook's own data provides.",
    kind="error",
    signatures=(("ValueError", r"Object arrays cannot be loaded when allow_pickle=False"),),
    examples=(
        ("d = np.load('train.npy')", "d = np.load('train.npy', allow_pickle=True)"),
        ("d = np.load(f, allow_pickle=False)", "d = np.load(f, allow_pickle=False)"),
    ),
)
class LoadAllowPickle(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if _numpy_call(updated, self.ctx, ("load",)) is None or kwarg(updated, "allow_pickle") is not None:
            return updated
        return updated if self.off_error_line(original) else add_kwarg(updated, "allow_pickle", "True")


@rule(
    "numpy-printoptions-threshold",
    library="numpy",
    changed_in="numpy 1.14",
    rationale="set_printoptions(threshold=np.nan) (print everything) now raises; sys.maxsize says the same.",
    needles=("threshold",),
    pattern=r"threshold\s*=\s*\w+\.(nan|NaN|NAN)\b",
    signatures=(("ValueError", r"threshold must be non-NAN"),),
    examples=(
        ("np.set_printoptions(threshold=np.nan)", "np.set_printoptions(threshold=__import__('sys').maxsize)"),
        ("import sys\nnumpy.set_printoptions(threshold=numpy.NaN)", "import sys\nnumpy.set_printoptions(threshold=sys.maxsize)"),
    ),
)
class PrintoptionsThreshold(RuleTransformer):
    def leave_Call(self, original, updated):
        flag = kwarg(updated, "threshold")
        if _numpy_call(updated, self.ctx, ("set_printoptions",)) is None or flag is None:
            return updated
        head, _, attr = (dotted(flag.value) or "").rpartition(".")
        if head not in _numpy_names(self.ctx) or attr not in ("nan", "NaN", "NAN"):
            return updated
        imported = self.ctx.imported.get("sys") == "sys"
        value = cst.parse_expression("sys.maxsize" if imported else "__import__('sys').maxsize")
        return set_kwarg_value(updated, "threshold", value)


@rule(
    "numpy-array-methods",
    library="numpy",
    changed_in="numpy 2.0",
    rationale="ndarray.ptp() and ndarray.itemset() were removed; np.ptp(a) and a[i] = v do the same.",
    kind="error",
    signatures=(("AttributeError", r"object has no attribute '(ptp|itemset)'"),),
    examples=(
        ("import numpy as np\nr = (x - x.min()) / x.ptp()", "import numpy as np\nr = (x - x.min()) / np.ptp(x)"),
        ("r = x.ptp(axis=0)", "import numpy\nr = numpy.ptp(x, axis=0)"),
        ("a.itemset((0, 1), 5)", "a[0, 1] = 5"),
        ("a.itemset(3, v)", "a[3] = v"),
    ),
)
class ArrayMethods(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("ptp"))) or self.off_error_line(original):
            return updated
        if dotted(updated.func.value) in _numpy_names(self.ctx):
            return updated  # np.ptp(a) itself
        np_name = self.need("numpy")  # the notebook's numpy name, or numpy imported for the call
        return cst.Call(cst.Attribute(cst.Name(np_name), cst.Name("ptp")),
                        [cst.Arg(updated.func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                                 if updated.args else cst.MaybeSentinel.DEFAULT), *updated.args])

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Expr) or self.off_error_line(original):
            return updated
        call = updated.body[0].value
        if not m.matches(call, m.Call(func=m.Attribute(attr=m.Name("itemset")))) or len(call.args) != 2 or \
                any(a.keyword or a.star for a in call.args):
            return updated
        where, value = call.args[0].value, call.args[1].value
        keys = where.elements if isinstance(where, cst.Tuple) else None
        index = [cst.SubscriptElement(cst.Index(e.value), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                 for e in keys] if keys else [cst.SubscriptElement(cst.Index(where))]
        index[-1] = index[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        target = cst.Subscript(call.func.value, index)
        return updated.with_changes(body=[cst.Assign([cst.AssignTarget(target)], value)])
