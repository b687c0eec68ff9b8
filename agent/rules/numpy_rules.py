"""numpy: aliases and functions removed in numpy 1.20-2.0."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, dotted, positional, rule

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


@rule(
    "numpy-builtin-aliases",
    library="numpy",
    changed_in="numpy 1.24",
    rationale="the aliases np.float/np.int/np.object/np.str of Python builtins were removed; use the builtin.",
    needles=("np.", "numpy."),
    pattern=r"\.(float|int|object|str|unicode|complex)\b",
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
    r"bool8|int0|uint0|longfloat|singlecomplex|cfloat|clongfloat|longcomplex)\b",
    signatures=(("AttributeError", r"module 'numpy' has no attribute"),),
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
    rationale="np.asscalar was removed; np.asarray(x).item() returns the same Python scalar.",
    needles=("asscalar", "msort"),
    examples=(("v = np.asscalar(a)", "v = np.asarray(a).item()"), ("s = np.msort(a)", "s = np.sort(a, axis=0)")),
)
class AsScalar(RuleTransformer):
    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        if head not in _numpy_names(self.ctx) or len(positional(updated)) != 1:
            return updated
        arg = positional(updated)[0].value
        if attr == "asscalar":
            inner = updated.with_changes(func=cst.Attribute(cst.Name(head), cst.Name("asarray")), args=[cst.Arg(arg)])
            return cst.Call(func=cst.Attribute(inner, cst.Name("item")))
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
    rationale="np.warnings was the standard library's warnings module, re-exported by accident and removed; "
    "the warnings module itself is used.",
    needles=("warnings",),
    pattern=r"\bwarnings\.",
    signatures=(("AttributeError", r"module 'numpy' has no attribute 'warnings'"),),
    examples=(
        ("np.warnings.filterwarnings('ignore')", "__import__('warnings').filterwarnings('ignore')"),
        (
            "import warnings\nwith np.warnings.catch_warnings():\n    pass",
            "import warnings\nwith warnings.catch_warnings():\n    pass",
        ),
        ("warnings.filterwarnings('ignore')", "warnings.filterwarnings('ignore')"),
    ),
)
class WarningsModule(RuleTransformer):
    def leave_Attribute(self, original, updated):
        if not (m.matches(updated.value, m.Attribute(value=m.Name(), attr=m.Name("warnings")))
                and updated.value.value.value in _numpy_names(self.ctx)):
            return updated
        imported = "warnings" in self.ctx.names_for("warnings")
        module = cst.Name("warnings") if imported else cst.parse_expression("__import__('warnings')")
        return updated.with_changes(value=module)
