"""numpy: functions, constants and argument spellings removed in numpy 1.13-2.4 without a same-named successor.

Where another name does the same (np.loads is pickle.loads, np.lib.pad is np.pad, numpy.dual's functions are
numpy.linalg's and numpy.fft's) the name moves; where nothing does, the old function is written into the
notebook from old_numpy.py (recfromcsv is genfromtxt with its CSV defaults, as a recarray). The argument
spellings numpy stopped reading (side='l', mode='s', minlength=None, 'Int16' dtypes) are written in full.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_numpy as old
from .framework import (
    RuleTransformer,
    arg_list,
    dotted,
    kwarg,
    make_arg,
    positional,
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
    spelled_gate,
)

_LINALG = ("norm", "inv", "svd", "solve", "det", "eigh", "eigvalsh", "eig", "eigvals", "lstsq", "pinv", "cholesky")
_FFT = ("fft", "ifft", "fftn", "ifftn", "fft2", "ifft2")
# NEP 32: the financial functions left numpy in 1.20 for the numpy-financial package, unchanged
_FINANCIAL = ("fv", "ipmt", "irr", "mirr", "nper", "npv", "pmt", "ppmt", "pv", "rate")
TABLE = {
    ("numpy", "loads"): Moved("pickle", "loads"),
    ("numpy", "safe_eval"): Moved("ast", "literal_eval"),
    ("numpy", "issubclass_"): Moved("builtins", "issubclass"),
    ("numpy.lib", "pad"): Moved("numpy", "pad"),
    **{("numpy", n): getattr(old, n) for n in ("source", "who", "lookfor", "disp", "obj2sctype", "sctype2char", "maximum_sctype",
                                                "find_common_type", "set_string_function", "recfromcsv", "recfromtxt",
                                                "cast")},
    ("numpy.core.umath_tests", "inner1d"): old.inner1d,
    ("numpy.core.umath_tests", "innerwt"): old.innerwt,
    ("numpy.core.umath_tests", "matrix_multiply"): Moved("numpy", "matmul"),
    **{("numpy.dual", n): Moved("numpy.linalg", n) for n in _LINALG},
    **{("numpy.dual", n): Moved("numpy.fft", n) for n in _FFT},
    ("numpy.dual", "i0"): Moved("numpy", "i0"),
    **{("numpy", n): Moved("numpy_financial", n) for n in _FINANCIAL},
    **{("numpy.compat", n): Moved("builtins", b) for n, b in (("long", "int"), ("unicode", "str"), ("basestring", "str"),
                                                              ("bytes", "bytes"))},
    ("numpy.compat", "integer_types"): "integer_types = (int,)",
    **{("numpy.compat", n): getattr(old, n) for n in ("asbytes", "asstr", "asunicode", "is_pathlib_path")},
    ("numpy.compat", "os_fspath"): Moved("os", "fspath"),
    ("numpy.compat", "os_PathLike"): Moved("os", "PathLike"),
    ("numpy.compat", "Path"): Moved("pathlib", "Path"),
    ("numpy.compat", "contextlib_nullcontext"): Moved("contextlib", "nullcontext"),
}
_CONSTANTS = {"PZERO": "0.0", "NZERO": "(-0.0)"}
# finfo has MachAr's numbers under these names (machar.xmax is finfo.max ...); the rest are named alike
_MACHAR = {"xmax": "max", "huge": "max", "xmin": "smallest_normal", "epsilon": "eps", "it": "nmant",
           **{n: n for n in ("eps", "epsneg", "iexp", "machep", "maxexp", "minexp", "negep", "precision", "resolution",
                             "tiny", "smallest_normal", "smallest_subnormal")}}
_RECFROM = {"recfromcsv": (("delimiter", "','"), ("names", "True"), ("dtype", "None"), ("case_sensitive", "'lower'")),
            "recfromtxt": (("dtype", "None"),)}


def _disp(call: cst.Call, rule: RemovedNames) -> cst.BaseExpression | None:
    found = call_args(call)
    if found is None or not 1 <= len(found[0]) + len(found[1]) <= 3 or set(found[1]) - {"mesg", "device", "linefeed"}:
        return None
    pos, kw = found
    named = dict(zip(("mesg", "device", "linefeed"), pos)) | kw
    if "mesg" not in named:
        return None
    args = [cst.Arg(named["mesg"].value)]
    if "device" in named and not m.matches(named["device"].value, m.Name("None")):
        args.append(make_arg("file", named["device"].value))
    if "linefeed" in named:
        if not m.matches(named["linefeed"].value, m.Name("False") | m.Name("True")):
            return None
        if named["linefeed"].value.value == "False":
            args.append(make_arg("end", "''"))
    args.append(make_arg("flush", "True"))
    return cst.Call(cst.Name("print"), arg_list(*args))


def _recfrom(call: cst.Call, rule: RemovedNames) -> cst.BaseExpression | None:
    found = call_args(call)
    if found is None or len(found[0]) != 1 or "usemask" in found[1]:
        return None
    numpy = call.func.value
    name = call.func.attr.value
    args = [*found[0], *found[1].values()]
    args += [make_arg(k, v) for k, v in _RECFROM[name] if k not in found[1]]
    read = cst.Call(cst.Attribute(numpy, cst.Name("genfromtxt")), arg_list(*args))
    return cst.Call(cst.Attribute(read, cst.Name("view")), [cst.Arg(cst.Attribute(numpy, cst.Name("recarray")))])


def _set_string_function(call: cst.Call, rule: RemovedNames) -> cst.BaseExpression | None:
    found = call_args(call)
    if found is None or len(found[0]) != 1 or set(found[1]) - {"repr"}:
        return None
    if "repr" in found[1] and not m.matches(found[1]["repr"].value, m.Name("True")):
        return None
    set_options = cst.Attribute(call.func.value, cst.Name("set_printoptions"))
    return cst.Call(set_options, [make_arg("override_repr", found[0][0].value)])


def _sctypes(np: cst.BaseExpression) -> dict[str, str]:
    n = dotted(np)
    return {
        "int": f"[{n}.int8, {n}.int16, {n}.int32, {n}.int64]",
        "uint": f"[{n}.uint8, {n}.uint16, {n}.uint32, {n}.uint64]",
        "float": f"[{n}.float16, {n}.float32, {n}.float64, {n}.longdouble]",
        "complex": f"[{n}.complex64, {n}.complex128, {n}.clongdouble]",
        "others": f"[bool, object, bytes, str, {n}.void]",
    }


_OTHER_FORMS = re.compile(r"\b(PZERO|NZERO|sctypes|machar|MachAr)\b")
_SPELLED = spelled_gate(TABLE)


@rule(
    "numpy-removed-functions",
    library="numpy",
    changed_in="numpy 1.20-2.4",
    rationale="numpy functions removed without a same-named successor: np.loads -> pickle.loads, np.safe_eval -> "
    "ast.literal_eval, np.issubclass_ -> issubclass, np.lib.pad -> np.pad, numpy.dual -> numpy.linalg/numpy.fft, "
    "numpy.compat's names -> Python 3's, np.PZERO/NZERO -> 0.0/-0.0, np.sctypes written out (x86-64), "
    "finfo(...).machar.X and np.MachAr().X -> finfo's X, np.cast[t](x) -> np.asarray(x).astype(t), np.disp -> "
    "print, np.recfromcsv/recfromtxt -> genfromtxt with their defaults .view(np.recarray), set_string_function "
    "-> set_printoptions(override_repr=), and inner1d, who, source, lookfor, obj2sctype, maximum_sctype, "
    "find_common_type written into the notebook as they were; np.npv, irr, pmt and the other financial functions "
    "-> numpy_financial's (NEP 32: the same functions, moved out in 1.20).",
    pattern=names_pattern(TABLE) + r"|\b(PZERO|NZERO|sctypes|machar|MachAr)\b",
    # np.linalg.norm is not numpy.dual's: a name of a submodule counts where the notebook spells it
    gate=lambda ctx, code: _OTHER_FORMS.search(code) is not None or _SPELLED(ctx, code),
    signatures=(*import_signatures(TABLE),
                ("AttributeError", r"`np\.(PZERO|NZERO|sctypes|cast)` was removed|has no attribute '(machar|MachAr)'"),
                ("ModuleNotFoundError", r"No module named 'numpy\.(dual|core\.umath_tests)'")),
    examples=(
        ("import numpy as np\nd = np.loads(raw)", "import numpy as np\nimport pickle\nd = pickle.loads(raw)"),
        ("import numpy as np\nv = np.safe_eval(s)\nok = np.issubclass_(t, np.integer)\np = np.lib.pad(a, 1)",
         "import numpy as np\nimport ast\nv = ast.literal_eval(s)\nok = issubclass(t, np.integer)\np = np.pad(a, 1)"),
        ("x = np.PZERO + np.NZERO ** 2", "x = 0.0 + (-0.0) ** 2"),
        ("b = np.cast['f8']([1, 2])\nf = np.sctypes['float']\ne = np.finfo(float).machar.xmax",
         "b = np.asarray([1, 2]).astype('f8')\nf = [np.float16, np.float32, np.float64, np.longdouble]\n"
         "e = np.finfo(float).max"),
        ("eps = np.MachAr().eps\ne32 = np.MachAr(float_conv=np.float32).epsilon",
         "eps = np.finfo(float).eps\ne32 = np.finfo(np.float32).eps"),
        ("np.disp(s)\nnp.disp(s, linefeed=False)", "print(s, flush=True)\nprint(s, end='', flush=True)"),
        ("data = np.recfromcsv('a.csv', skip_header=1)",
         "data = np.genfromtxt('a.csv', skip_header=1, delimiter=',', names=True, dtype=None, "
         "case_sensitive='lower').view(np.recarray)"),
        ("np.set_string_function(lambda a: 'arr')", "np.set_printoptions(override_repr=lambda a: 'arr')"),
        ("from numpy.core.umath_tests import inner1d, matrix_multiply\nd = inner1d(a, b)",
         shim_source(old.inner1d, "inner1d") + "from numpy import matmul as matrix_multiply\nd = inner1d(a, b)"),
        ("from numpy.dual import inv, fft\nfrom numpy.compat import long, unicode",
         "from numpy.linalg import inv\nfrom numpy.fft import fft\nlong = int\nunicode = str"),
        ("import numpy as np\nt = np.maximum_sctype(np.float32)",
         "import numpy as np\n" + shim_source(old.maximum_sctype, "maximum_sctype") + "t = maximum_sctype(np.float32)"),
        ("import numpy as np\nv = np.npv(0.08, flows)\nm = np.pmt(0.05 / 12, 360, -2e5)",
         "import numpy as np\nimport numpy_financial\nv = numpy_financial.npv(0.08, flows)\n"
         "m = numpy_financial.pmt(0.05 / 12, 360, -2e5)"),
        ("from numpy import irr, mean", "from numpy import mean\nfrom numpy_financial import irr"),
        ("from numpy import sum, pi\nimport numpy\nn = numpy.lib.npyio.loadtxt(f)",
         "from numpy import sum, pi\nimport numpy\nn = numpy.lib.npyio.loadtxt(f)"),
    ),
)
class NumpyRemovedFunctions(RemovedNames):
    TABLE = TABLE
    CALLS = {("numpy", "disp"): _disp, ("numpy", "recfromcsv"): _recfrom, ("numpy", "recfromtxt"): _recfrom,
             ("numpy", "set_string_function"): _set_string_function}

    def _numpy(self, node: cst.BaseExpression) -> bool:
        return self.module_of(node) == "numpy"

    def visit_Call(self, node):
        super().visit_Call(node)
        func = node.func
        if m.matches(func, m.Subscript(value=m.Attribute(attr=m.Name("cast")))) and self._numpy(func.value.value):
            self.calls.add(id(func.value))  # np.cast[t](x): the call is rewritten whole

    def leave_Call(self, original, updated):
        func = updated.func
        if id(getattr(original.func, "value", None)) in self.calls and isinstance(func, cst.Subscript):
            if len(func.slice) == 1 and isinstance(func.slice[0].slice, cst.Index) and len(updated.args) == 1 \
                    and not updated.args[0].keyword and not updated.args[0].star:
                asarray = cst.Call(cst.Attribute(func.value.value, cst.Name("asarray")),
                                   [updated.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
                return cst.Call(cst.Attribute(asarray, cst.Name("astype")), [cst.Arg(func.slice[0].slice.value)])
            return updated
        return super().leave_Call(original, updated)

    def leave_Attribute(self, original, updated):
        value = updated.value
        if original.attr.value in _CONSTANTS and self._numpy(original.value):
            return cst.parse_expression(_CONSTANTS[original.attr.value])
        if original.attr.value == "sctypes" and self._numpy(original.value):
            types = _sctypes(value)
            return cst.parse_expression("{" + ", ".join(f"'{k}': {v}" for k, v in types.items()) + "}")
        if original.attr.value in _MACHAR and isinstance(value, cst.Attribute) and value.attr.value == "machar":
            return updated.with_changes(value=value.value, attr=cst.Name(_MACHAR[original.attr.value]))
        if original.attr.value in _MACHAR and m.matches(value, m.Call(func=m.Attribute(attr=m.Name("MachAr")))) \
                and self._numpy(value.func.value):
            found = call_args(value)
            if found is None or len(found[0]) + len(found[1]) > 1 or set(found[1]) - {"float_conv"}:
                return updated
            kind = (found[0] or list(found[1].values()) or [cst.Arg(cst.Name("float"))])[0].value
            finfo = cst.Call(cst.Attribute(value.func.value, cst.Name("finfo")), [cst.Arg(kind)])
            return updated.with_changes(value=finfo, attr=cst.Name(_MACHAR[original.attr.value]))
        return super().leave_Attribute(original, updated)

    def leave_Subscript(self, original, updated):
        # np.sctypes['float']: the one list
        if m.matches(original.value, m.Attribute(attr=m.Name("sctypes"))) and self._numpy(original.value.value) \
                and len(updated.slice) == 1 and isinstance(updated.slice[0].slice, cst.Index):
            key = string_value(updated.slice[0].slice.value)
            types = _sctypes(original.value.value)
            if key in types:
                return cst.parse_expression(types[key])
        return updated


# Numeric-style names numpy read until 1.20 (Complex<n> counted the bits of one part).
_NUMERIC_STYLE = {**{f"Int{b}": f"int{b}" for b in (8, 16, 32, 64)}, **{f"Uint{b}": f"uint{b}" for b in (8, 16, 32, 64)},
                  **{f"Float{b}": f"float{b}" for b in (16, 32, 64)}, "Float128": "longdouble",
                  "Complex32": "complex64", "Complex64": "complex128", "Complex128": "clongdouble", "Bool": "bool",
                  "Object0": "object", "Bytes0": "S", "Str0": "U", "Void0": "V", "Datetime64": "datetime64",
                  "Timedelta64": "timedelta64"}
# numpy read these arguments by their first letter until 2.3
_PREFIXES = {"side": ("searchsorted",), "mode": ("convolve", "correlate", "take", "put", "choose")}
_FULL = {"side": {"l": "left", "r": "right"}, "mode": {"v": "valid", "s": "same", "f": "full"},
         "clip": {"c": "clip", "r": "raise", "w": "wrap"}}
_DTYPE_ARG = {"dtype": 0, "zeros": 1, "ones": 1, "empty": 1, "full": 2, "array": 1, "asarray": 1, "arange": None,
              "fromstring": 1, "frombuffer": 1, "fromfile": 1, "zeros_like": 1, "ones_like": 1, "empty_like": 1}


@rule(
    "numpy-removed-spellings",
    library="numpy",
    changed_in="numpy 1.20 (numeric-style dtypes), 2.3 (prefixes, minlength=None)",
    rationale="argument spellings numpy stopped reading: the first letters of side= ('l'), convolve's mode= ('s') "
    "and take's clip mode ('c') are written in full, bincount(minlength=None) is 0, a literal bool kth of "
    "partition is the int it stood for, and 'Int16'/'Float64'/'Complex64' dtype names are int16/float64/"
    "complex128 (Complex counted one part's bits). np.sum of a generator was the builtin sum (numpy called it).",
    pattern=r"side\s*=|mode\s*=|minlength\s*=\s*None|partition\(|['\"](Int|Uint|Float|Complex|Bool|Object0|Bytes0|"
    r"Str0|Void0|Datetime64|Timedelta64)|\bsum\((?:[^()]|\([^()]*\))*\bfor\b",
    signatures=(("ValueError", r"search side must be one of|for convolve/correlate mode|for clip mode|"
                               r"Booleans unacceptable as partition index"),
                ("TypeError", r"use 0 instead of None for minlength|data type '\w+' not understood|"
                              r"Calling np\.sum\(generator\) is deprecated")),
    examples=(
        ("i = np.searchsorted(edges, v, side='r')\nc = np.convolve(x, k, mode='s')\nt = np.take(a, idx, mode='c')",
         "i = np.searchsorted(edges, v, side='right')\nc = np.convolve(x, k, mode='same')\nt = np.take(a, idx, mode='clip')"),
        ("n = np.bincount(y, minlength=None)\np = np.partition(a, True)", "n = np.bincount(y, minlength=0)\np = np.partition(a, 1)"),
        ("s = np.fromstring(raw, 'Int16')\nz = np.zeros(3, dtype='Complex64')\nd = np.dtype('Uint8')",
         "s = np.fromstring(raw, 'int16')\nz = np.zeros(3, dtype='complex128')\nd = np.dtype('uint8')"),
        ("df = df.astype('Int64')\nplt.plot(x, y, mode='s')", "df = df.astype('Int64')\nplt.plot(x, y, mode='s')"),
        ("total = np.sum(len(w) for w in words)", "total = sum(len(w) for w in words)"),
        ("from numpy import sum\ntotal = sum(len(w) for w in words)",
         "from numpy import sum\ntotal = __import__('builtins').sum(len(w) for w in words)"),
    ),
)
class NumpyRemovedSpellings(RuleTransformer):
    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        numpy = bool(head) and module_of(self.ctx, updated.func.value) == "numpy"
        method = isinstance(updated.func, cst.Attribute) and not numpy
        generator = len(updated.args) == 1 and isinstance(updated.args[0].value, cst.GeneratorExp)
        by_name = isinstance(updated.func, cst.Name) and self.ctx.imported.get(updated.func.value) == "numpy.sum"
        if generator and (attr == "sum" and numpy or by_name):
            # the builtin, unless numpy's sum holds its name (from numpy import sum, or *)
            star = re.search(r"^\s*from\s+numpy\s+import\s+\*", self.ctx.text, re.MULTILINE)
            shadowed = star or by_name
            return updated.with_changes(func=cst.parse_expression("__import__('builtins').sum" if shadowed else "sum"))
        for key, callers in _PREFIXES.items():
            arg = kwarg(updated, key)
            value = string_value(arg.value) if arg is not None else None
            if not value or attr not in callers or not (numpy or method):
                continue
            table = _FULL["clip" if attr in ("take", "put", "choose") else key]
            full = table.get(value[:1].lower())
            if full and value != full:
                updated = set_kwarg_value(updated, key, repr(full))
        if not numpy:
            return updated
        if attr == "bincount" and m.matches(getattr(kwarg(updated, "minlength"), "value", None), m.Name("None")):
            updated = set_kwarg_value(updated, "minlength", "0")
        if attr in ("partition", "argpartition"):
            kth = kwarg(updated, "kth") or (positional(updated)[1] if len(positional(updated)) > 1 else None)
            if kth is not None and m.matches(kth.value, m.Name("True") | m.Name("False")):
                new = cst.Integer("1" if kth.value.value == "True" else "0")
                updated = updated.with_changes(args=[a.with_changes(value=new) if a is kth else a for a in updated.args])
        if attr in _DTYPE_ARG:
            where = _DTYPE_ARG[attr]
            pos = positional(updated)
            targets = [kwarg(updated, "dtype")] + ([pos[where]] if where is not None and len(pos) > where else [])
            for arg in filter(None, targets):
                value = string_value(arg.value)
                if value in _NUMERIC_STYLE:
                    new = cst.SimpleString(repr(_NUMERIC_STYLE[value]))
                    updated = updated.with_changes(args=[a.with_changes(value=new) if a is arg else a for a in updated.args])
        return updated


@rule(
    "numpy-array-removed-methods",
    library="numpy",
    changed_in="numpy 2.0 (newbyteorder), 2.1 (nonzero of 0-d)",
    rationale="ndarray.newbyteorder(o) was a.view(a.dtype.newbyteorder(o)); nonzero of a scalar or 0-d array "
    "treated it as a 1-element array, which np.atleast_1d(x) makes. Only the failing line is touched.",
    kind="error",
    signatures=(("AttributeError", r"object has no attribute 'newbyteorder'"),
                ("ValueError", r"Calling nonzero on 0d arrays is not allowed")),
    examples=(
        ("b = a.newbyteorder()\nc = x[0].newbyteorder('>')",
         "b = a.view(a.dtype.newbyteorder())\nc = x[0].view(x[0].dtype.newbyteorder('>'))"),
        ("idx = np.nonzero(flag)\nj = np.flatnonzero(v)\nw = np.where(c)",
         "idx = np.nonzero(np.atleast_1d(flag))\nj = np.flatnonzero(v)\nw = np.where(np.atleast_1d(c))"),
        ("d = a.dtype.newbyteorder('<')", "d = a.dtype.newbyteorder('<')"),
    ),
)
class ArrayRemovedMethods(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        evalue = ctx.error.evalue if ctx.error else ""
        self.byteorder = "newbyteorder" in evalue or not evalue
        self.nonzero = "nonzero" in evalue or not evalue

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or self.off_error_line(original):
            return updated
        if self.byteorder and func.attr.value == "newbyteorder" and not m.matches(func.value, m.Attribute(attr=m.Name("dtype"))):
            receiver = func.value
            order = updated.with_changes(func=cst.Attribute(cst.Attribute(receiver, cst.Name("dtype")), cst.Name("newbyteorder")))
            return cst.Call(cst.Attribute(receiver, cst.Name("view")), [cst.Arg(order)])
        numpy = module_of(self.ctx, func.value) == "numpy"
        if self.nonzero and numpy and func.attr.value in ("nonzero", "where") and len(updated.args) == 1 \
                and not updated.args[0].keyword and not updated.args[0].star:
            arg = updated.args[0].value
            if m.matches(arg, m.Call(func=m.Attribute(attr=m.Name("atleast_1d")))):
                return updated
            wrapped = cst.Call(cst.Attribute(func.value, cst.Name("atleast_1d")), [cst.Arg(arg)])
            return updated.with_changes(args=[updated.args[0].with_changes(value=wrapped)])
        return updated
