"""Floats numpy once truncated where it wanted an integer: sizes, counts and indices.

numpy before 1.12 took a float wherever it needed an integer (a shape, an array's index) and used int() of it
with a deprecation warning: its C conversion tried __index__, then the number's own int (numpy 1.11's
PyArray_PyIntAsIntp), and an index read a float scalar the same way and cast a list of floats to intp (float
arrays were already refused). linspace(num=) did ``int(num)`` until 1.11 and __index__-else-int() with a warning
until 1.17. So on the line such a float fails today, int() of it is what the old release computed.

A / on that line (or in the assignment of a name it reads) is left to python2-int-division: the float came from
Python 2's integer division, and // says so.

The shims (int_shape, old_index, old_item) are in old_numpy.py.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_numpy
from .framework import code_of, plain_reference, rule
from .removed_api import Shims, module_of, shim_source

# function -> {parameter: position}: a count (int() of it) or a shape (a number or a sequence of sizes)
_COUNTS = {
    "numpy.linspace": {"num": 2}, "numpy.logspace": {"num": 2}, "numpy.geomspace": {"num": 2},
    "numpy.eye": {"N": 0, "M": 1}, "numpy.identity": {"n": 0},
}
_SHAPES = {
    "numpy.zeros": {"shape": 0}, "numpy.ones": {"shape": 0}, "numpy.empty": {"shape": 0}, "numpy.full": {"shape": 0},
    "numpy.reshape": {"newshape": 1, "shape": 1},
    "numpy.random.random": {"size": 0}, "numpy.random.random_sample": {"size": 0}, "numpy.random.sample": {"size": 0},
    "numpy.random.ranf": {"size": 0}, "numpy.random.randint": {"size": 2}, "numpy.random.choice": {"size": 1},
    "numpy.random.normal": {"size": 2}, "numpy.random.uniform": {"size": 2},
}
_EVERY_ARG = {"numpy.random.rand", "numpy.random.randn"}  # rand(d0, d1, ...): each a count
_INTEGRAL_CALLS = {"int", "len", "round", "range", "int_shape", "old_index"}  # the last two: already read as before


def _divides(node: cst.BaseExpression, divided: set[str]) -> bool:
    """python2-int-division's case: a / in it, or a name the cell assigns with one (// once that rule, which runs
    on the same errors, has been through the cell)."""
    return bool(m.findall(node, m.BinaryOperation(operator=m.Divide() | m.FloorDivide()))) or any(
        n.value in divided for n in m.findall(node, m.Name()))


def _divided(module: cst.Module) -> set[str]:
    return set(re.findall(r"(?m)^[ \t]*(\w+)\s*=[^=\n][^\n]*[^/]//?[^/=]", code_of(module)))


def _integral(node: cst.BaseExpression) -> bool:
    """Evidently an integer (or None) already: nothing to truncate."""
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.SimpleString)) or m.matches(node, m.Name("None") | m.Name("True")
                                                                           | m.Name("False")) \
        or (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in _INTEGRAL_CALLS)


@rule(
    "numpy-float-sizes",
    library="numpy",
    changed_in="numpy 1.12 (sizes), 1.18 (linspace's num)",
    rationale="a float size or count (a shape, linspace's num, eye's N, rand's dimensions, a random size=) was "
    "truncated by int() before numpy 1.12 (linspace's num before 1.18): on the failing line it is passed as "
    "int(...), a shape that may be a number or a sequence as int_shape(...) (int() of each size), a float literal "
    "as its integer part.",
    kind="error",
    signatures=(("TypeError", r"'(numpy\.)?float(16|32|64|128)?' object cannot be interpreted as an integer"),
                ("TypeError", r"expected a sequence of integers or a single integer, got '(np\.float\d+\()?[-\d.e+]+"
                              r"\)?'")),
    error_examples=(
        ("TypeError: 'float' object cannot be interpreted as an integer", 3,
         "import numpy as np\nn = len(x) * 0.5\nt = np.linspace(0, 1, n)",
         "import numpy as np\nn = len(x) * 0.5\nt = np.linspace(0, 1, int(n))"),
        ("TypeError: expected a sequence of integers or a single integer, got '12.0'", 2,
         "import numpy as np\ngrid = np.zeros(size)\nbox = np.ones((h, w, 3))",
         "import numpy as np\n" + shim_source(old_numpy.int_shape, "int_shape") + "grid = np.zeros(int_shape(size))\n"
         "box = np.ones((h, w, 3))"),
        ("TypeError: 'float' object cannot be interpreted as an integer", 2,
         "import numpy as np\nimg = np.random.rand(h, w * 1.5, 3.0).reshape(side, -1)",
         "import numpy as np\nimg = np.random.rand(int(h), int(w * 1.5), 3).reshape(int(side), -1)"),
        ("TypeError: 'float' object cannot be interpreted as an integer", 3,
         "import numpy as np\nhalf = n / 2\nm = np.zeros((half, 3.0))",
         "import numpy as np\nhalf = n / 2\nm = np.zeros((half, 3))"),
    ),
)
class FloatSizes(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def visit_Module(self, node):
        self.divided = _divided(node)

    def _count(self, node: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(node, cst.Float) and re.fullmatch(r"\d+\.\d*", node.value):
            return cst.Integer(str(int(float(node.value))))
        if _integral(node) or _divides(node, self.divided):
            return node
        return cst.Call(cst.Name("int"), [cst.Arg(node)])

    def _shape(self, node: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(node, (cst.Tuple, cst.List)):
            return node.with_changes(elements=[e.with_changes(value=self._count(e.value)) if isinstance(e, cst.Element)
                                               else e for e in node.elements])
        if isinstance(node, cst.Float) or _integral(node) or _divides(node, self.divided):
            return self._count(node)
        return cst.Call(self.need_shim("int_shape", old_numpy.int_shape), [cst.Arg(node)])

    def _name(self, call: cst.Call) -> str | None:
        func = call.func
        if isinstance(func, cst.Attribute):
            if func.attr.value == "reshape" and module_of(self.ctx, func.value) != "numpy":
                return "ndarray.reshape"  # the failing line's method: the array's own
            owner = module_of(self.ctx, func.value)
            return f"{owner}.{func.attr.value}" if owner else None
        return self.ctx.imported.get(func.value) if isinstance(func, cst.Name) else None

    def leave_Call(self, original, updated):
        if not self.on_own_error_line(original) or any(a.star for a in updated.args):
            return updated
        name = self._name(updated)
        if name is None:
            return updated
        positional = [a for a in updated.args if a.keyword is None]
        if name in _EVERY_ARG or (name == "ndarray.reshape" and len(positional) > 1):
            new = {id(a): self._count(a.value) for a in positional}
        elif name == "ndarray.reshape":
            new = {id(a): self._shape(a.value) for a in updated.args if a.keyword is None
                   or a.keyword.value in ("shape", "newshape")}
        else:
            new = {}
            for table, convert in ((_COUNTS, self._count), (_SHAPES, self._shape)):
                params = table.get(name) or ({"size": -1} if name.startswith("numpy.random.") and table is _SHAPES
                                             else {})
                for param, at in params.items():
                    given = next((a for a in updated.args if a.keyword is not None and a.keyword.value == param),
                                 positional[at] if 0 <= at < len(positional) else None)
                    if given is not None:
                        new[id(given)] = convert(given.value)
        if not new:
            return updated
        return updated.with_changes(args=[a.with_changes(value=new[id(a)]) if id(a) in new else a
                                          for a in updated.args])


# --------------------------------------------------------------------------- indices

_PANDAS_INDEXERS = {"loc", "iloc", "at", "iat", "ix"}


@rule(
    "numpy-float-index",
    library="numpy",
    changed_in="numpy 1.12",
    rationale="an array indexed by a float scalar (or a list of floats, or a slice with float bounds) used int() of "
    "it (the list cast to integers) before numpy 1.12; on the failing line each index or slice bound that is not "
    "evidently an integer is read through old_index(array, index), which does that for an array and gives any "
    "other container its key as it is; a subscript of an expression becomes old_item(expression, index).",
    kind="error",
    signatures=(("IndexError", r"^only integers, slices \(`:`\), ellipsis \(`\.\.\.`\), numpy\.newaxis \(`None`\) "
                               r"and integer or boolean arrays are valid indices"),
                ("TypeError", r"^slice indices must be integers or None or have an __index__ method")),
    error_examples=(
        ("IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean "
         "arrays are valid indices", 2,
         "import numpy as np\nmedian = xs[len(xs) * 0.5]\n",
         "import numpy as np\n" + shim_source(old_numpy.old_index, "old_index")
         + "median = xs[old_index(xs, len(xs) * 0.5)]\n"),
        ("IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean "
         "arrays are valid indices", 1,
         "grid[r, 0:3] = np.sort(v)[k]",
         shim_source(old_numpy.old_index, "old_index") + shim_source(old_numpy.old_item, "old_item")
         + "grid[old_index(grid, r), 0:3] = old_item(np.sort(v), k)"),
        ("IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean "
         "arrays are valid indices", 2,
         "half = n / 2\nprint(a[half], df.iloc[i], a[1], a[-1], b[2.0])",
         "half = n / 2\nprint(a[half], df.iloc[i], a[1], a[-1], b[2])"),
        ("TypeError: slice indices must be integers or None or have an __index__ method", 2,
         "import numpy as np\ntrain, test = X[:len(X) * 0.8], X[len(X) * 0.8:]\nhead = np.sort(v)[:k, 0]",
         "import numpy as np\n" + shim_source(old_numpy.old_index, "old_index")
         + "train, test = X[:old_index(X, len(X) * 0.8)], X[old_index(X, len(X) * 0.8):]\nhead = np.sort(v)[:k, 0]"),
        ("TypeError: slice indices must be integers or None or have an __index__ method", 1,
         "top = np.argsort(s)[::-1][:n * 0.1]",
         shim_source(old_numpy.old_index, "old_index") + shim_source(old_numpy.old_item, "old_item")
         + "top = old_item(np.argsort(s)[::-1], slice(None, n * 0.1))"),
    ),
)
class FloatIndex(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def visit_Module(self, node):
        self.divided = _divided(node)
        self.targets: set[int] = set()  # subscripts assigned to or deleted: no call can stand there

    def visit_AssignTarget(self, node):
        self.targets.add(id(node.target))

    def visit_AugAssign(self, node):
        self.targets.add(id(node.target))

    def visit_Del(self, node):
        self.targets.add(id(node.target))

    def _bound(self, node: cst.BaseExpression | None) -> bool:
        """A slice bound that may be a float: not absent, not evidently an integer, not python2's."""
        return node is not None and not (_integral(node) or _divides(node, self.divided))

    def _candidate(self, element: cst.SubscriptElement) -> bool:
        index = element.slice
        if isinstance(index, cst.Slice):
            return any(self._bound(b) for b in (index.lower, index.upper, index.step))
        return isinstance(index, cst.Index) and index.star is None and not (
            _integral(index.value) or isinstance(index.value, (cst.Tuple, cst.Ellipsis))
            or _divides(index.value, self.divided) or m.matches(index.value, m.Name("Ellipsis")))

    def _wrapped(self, owner: cst.BaseExpression, element: cst.SubscriptElement) -> cst.SubscriptElement:
        shim = self.need_shim("old_index", old_numpy.old_index)
        index = element.slice
        if isinstance(index, cst.Slice):  # a[old_index(a, lo):old_index(a, hi)]: each bound that may be a float
            bounds = {k: cst.Call(shim, [cst.Arg(owner), cst.Arg(getattr(index, k))])
                      for k in ("lower", "upper", "step") if self._bound(getattr(index, k))}
            return element.with_changes(slice=index.with_changes(**bounds))
        read = cst.Call(shim, [cst.Arg(owner), cst.Arg(index.value)])
        return element.with_changes(slice=index.with_changes(value=read))

    @staticmethod
    def _as_value(index: cst.BaseSlice) -> cst.BaseExpression:
        """An index as an expression a function can take: a slice written slice(lo, hi, step)."""
        if isinstance(index, cst.Index):
            return index.value
        parts = [index.lower or cst.Name("None"), index.upper or cst.Name("None")]
        parts += [index.step] if index.step is not None else []
        return cst.Call(cst.Name("slice"), [cst.Arg(p) for p in parts])

    def leave_Subscript(self, original, updated):
        if not self.on_own_error_line(original):
            return updated
        owner = updated.value
        if m.matches(owner, m.Attribute(attr=m.Name())) and owner.attr.value in _PANDAS_INDEXERS:
            return updated
        if not any(self._candidate(e) for e in updated.slice):
            return updated
        integral = {id(e): e.with_changes(slice=e.slice.with_changes(value=cst.Integer(e.slice.value.value[:-2])))
                    for e in updated.slice if m.matches(e.slice, m.Index(value=m.Float()))
                    and re.fullmatch(r"\d+\.0", e.slice.value.value)}
        if integral:  # a[2.0] is a[2] (and d[2.0] is d[2], the same key)
            return updated.with_changes(slice=[integral.get(id(e), e) for e in updated.slice])
        if plain_reference(owner):
            return updated.with_changes(slice=[self._wrapped(owner, e) if self._candidate(e) else e
                                               for e in updated.slice])
        if id(original) in self.targets:
            return updated  # assigned to: no call can stand there
        self.need_shim("old_index", old_numpy.old_index)
        key = self._as_value(updated.slice[0].slice) if len(updated.slice) == 1 else \
            cst.Tuple([cst.Element(self._as_value(e.slice)) for e in updated.slice])
        return cst.Call(self.need_shim("old_item", old_numpy.old_item), [cst.Arg(owner), cst.Arg(key)])
