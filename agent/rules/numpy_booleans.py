"""numpy booleans: subtract and negative, which numpy computed until 1.13, and the truth of an empty array (False
until 2.2), which it refuses today.

numpy 1.9-1.12 warned and went on: its ufunc loops defined bool subtract as logical xor and bool negative as
logical not (numpy 1.11's loops.h: ``#define BOOL_subtract BOOL_logical_xor``, ``#define BOOL_negative
BOOL_logical_not``). So ``mask_a - mask_b`` on a failing line gave their xor and ``-mask`` its negation: the
shims old_subtract / old_negative (old_numpy.py) give that for numpy booleans and the plain operator for anything
else, so each - on the line can go through them whatever its operands turn out to be.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_numpy
from .framework import rule
from .removed_api import Shims, module_of, shim_source

_NUMBERS = (cst.Integer, cst.Float, cst.Imaginary)  # a number's - is arithmetic, old and new
_UNWRAPPED = (cst.Comparison, cst.BinaryOperation, cst.UnaryOperation, cst.BooleanOperation, cst.Name, cst.Attribute,
              cst.Subscript, cst.Call)


def _arg(node: cst.BaseExpression) -> cst.Arg:
    """An argument without the parentheses the operator needed ((a > 0) - b: old_subtract(a > 0, b))."""
    return cst.Arg(node.with_changes(lpar=[], rpar=[]) if isinstance(node, _UNWRAPPED) else node)


@rule(
    "numpy-boolean-subtract-negative",
    library="numpy",
    changed_in="numpy 1.13 (deprecated in 1.9)",
    rationale="numpy computed a boolean a - b as their logical xor and -a as logical not until 1.13, which raises "
    "for both today: on the failing line each - (and np.subtract / np.negative of two / one argument) goes through "
    "old_subtract / old_negative, written into the notebook, which give the old xor / not for numpy booleans and "
    "the plain operator otherwise. An in-place a -= b, which wrote into a, is left alone.",
    kind="error",
    signatures=(("TypeError", r"numpy boolean subtract, the `-` operator, is not supported"),
                ("TypeError", r"The numpy boolean negative, the `-` operator, is not supported")),
    error_examples=(
        ("TypeError: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
         "operator, or the logical_xor function instead.", 2,
         "import numpy as np\nchanged = (a > 0) - (b > 0)\nn = len(x) - 1",
         "import numpy as np\n" + shim_source(old_numpy.old_subtract, "old_subtract")
         + "changed = old_subtract(a > 0, b > 0)\nn = len(x) - 1"),
        ("TypeError: The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the "
         "logical_not function instead.", 2,
         "import numpy as np\nkeep = x[-mask] * -1 + np.negative(flags)",
         "import numpy as np\n" + shim_source(old_numpy.old_negative, "old_negative")
         + "keep = x[old_negative(mask)] * -1 + old_negative(flags)"),
    ),
)
class BooleanSubtractNegative(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_BinaryOperation(self, original, updated):
        if not isinstance(updated.operator, cst.Subtract) or not self.on_own_error_line(original) \
                or isinstance(updated.left, _NUMBERS) or isinstance(updated.right, _NUMBERS):
            return updated
        shim = self.need_shim("old_subtract", old_numpy.old_subtract)
        return cst.Call(shim, [_arg(updated.left), _arg(updated.right)])

    def leave_UnaryOperation(self, original, updated):
        if not isinstance(updated.operator, cst.Minus) or isinstance(updated.expression, _NUMBERS) \
                or not self.on_own_error_line(original):
            return updated
        return cst.Call(self.need_shim("old_negative", old_numpy.old_negative), [_arg(updated.expression)])

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or module_of(self.ctx, func.value) != "numpy" \
                or any(a.keyword is not None or a.star for a in updated.args) or not self.on_own_error_line(original):
            return updated
        if func.attr.value == "subtract" and len(updated.args) == 2:
            shim = self.need_shim("old_subtract", old_numpy.old_subtract)
        elif func.attr.value == "negative" and len(updated.args) == 1:
            shim = self.need_shim("old_negative", old_numpy.old_negative)
        else:
            return updated
        return cst.Call(shim, [cst.Arg(a.value) for a in updated.args])


# --------------------------------------------------------------------------- the truth value of an empty array

def _tested(node: cst.BaseExpression, shim: cst.Name) -> cst.BaseExpression:
    """``node`` as a test reads it: each operand of and/or/not through the shim (their values only decide)."""
    if isinstance(node, cst.BooleanOperation):
        return node.with_changes(left=_tested(node.left, shim), right=_tested(node.right, shim))
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
        return node.with_changes(expression=_tested(node.expression, shim))
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString)) or (
            m.matches(node, m.Call(func=m.Name("old_truth") | m.Name("bool")))):
        return node
    return cst.Call(shim, [_arg(node)])


@rule(
    "numpy-empty-truth-value",
    library="numpy",
    changed_in="numpy 2.2 (deprecated in 1.14)",
    rationale="an empty array was false (numpy before 2.2; with a warning from 1.14), where today it raises: on "
    "the failing line, the test of an if, elif, while, assert or conditional expression, the operand of not and "
    "the argument of bool() are read through old_truth, written into the notebook, which gives False for an empty "
    "array and the value's own truth otherwise (each operand of and/or in a test, whose value only decides there).",
    kind="error",
    signatures=(("ValueError", r"The truth value of an empty array is ambiguous"),),
    error_examples=(
        ("ValueError: The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array "
         "is not empty.", 2,
         "import numpy as np\nif hits and not np.where(m)[0]:\n    pass",
         "import numpy as np\n" + shim_source(old_numpy.old_truth, "old_truth")
         + "if old_truth(hits) and not old_truth(np.where(m)[0]):\n    pass"),
        ("ValueError: The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array "
         "is not empty.", 1,
         "label = 'none' if not found else found[0]; ok = bool(idx), not hits\nother = a or b",
         shim_source(old_numpy.old_truth, "old_truth")
         + "label = 'none' if not old_truth(found) else found[0]; ok = old_truth(idx), not old_truth(hits)\n"
         "other = a or b"),
    ),
)
class EmptyTruthValue(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _test(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        if not self.on_own_error_line(original):
            return updated
        return _tested(updated, self.need_shim("old_truth", old_numpy.old_truth))

    def leave_If(self, original, updated):
        return updated.with_changes(test=self._test(original.test, updated.test))

    def leave_While(self, original, updated):
        return updated.with_changes(test=self._test(original.test, updated.test))

    def leave_Assert(self, original, updated):
        return updated.with_changes(test=self._test(original.test, updated.test))

    def leave_IfExp(self, original, updated):
        return updated.with_changes(test=self._test(original.test, updated.test))

    def leave_UnaryOperation(self, original, updated):
        if isinstance(updated.operator, cst.Not) and self.on_own_error_line(original):
            shim = self.need_shim("old_truth", old_numpy.old_truth)
            return updated.with_changes(expression=_tested(updated.expression, shim))
        return updated

    def leave_Call(self, original, updated):
        if m.matches(updated, m.Call(func=m.Name("bool"), args=[m.Arg(keyword=None, star="")])) \
                and self.on_own_error_line(original):
            return updated.with_changes(func=self.need_shim("old_truth", old_numpy.old_truth))
        return updated
