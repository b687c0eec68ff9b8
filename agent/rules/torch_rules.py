"""PyTorch: what 0.4 through 2.6 removed or changed under notebooks written for 0.3-1.x.

- 0.4 merged Variable into Tensor and made reductions 0-dimensional: ``loss.data[0]`` (a Python number in 0.3)
  now raises "invalid index of a 0-dim tensor"; ``loss.item()`` is that number.
- 1.2 made comparisons return bool tensors and deprecated uint8 masks; 2.x's masked_fill, masked_scatter and
  masked_select refuse them. ``mask.bool()`` selects the same elements. ``-`` on a bool tensor is refused too
  (``1 - mask``, ``-mask``): on the uint8 masks of 1.1 it computed in uint8, which torch_uint8 gives back.
- 1.5 removed legacy autograd Functions (forward/backward methods on an instance, called as Fn()(x)):
  legacy_function_call runs the same methods through a new-style Function, the class left as written.
- 1.9 deprecated and 2.0 removed torch.matrix_rank and torch.symeig (torch.linalg.matrix_rank and
  torch.linalg.eigh compute the same), and torch._six (Python 2 shims: collections.abc, str, int, math.inf).
- 2.0 made torch.stft ask for return_complex; False gives 1.x's real view (the last dimension of 2).
- 2.6 made torch.load's weights_only default True, refusing the pickled models torch.save(model) writes;
  weights_only=False loads them as before (the file is the notebook's own).
- numpy 1.20 rewrote array coercion to ignore fewer errors: a list of tensors that require grad, which
  np.array/np.sum kept as an object array of the tensors before, now fails in the tensors' __array__.

The environment's missing GPU (``.cuda()``) is gpu_rules.py's.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_torch
from .framework import (
    RuleTransformer,
    add_kwarg,
    bool_value,
    code_of,
    kwarg,
    make_arg,
    module_call,
    parenthesized,
    positional,
    rename_kwarg,
    rule,
)
from .python3_rules import Importing
from .removed_api import Shims, shim_source


@rule(
    "torch-zero-dim-index",
    library="torch",
    changed_in="torch 0.4",
    rationale="0.4 made a reduction (a loss, a sum) a 0-dimensional tensor; 0.3's loss.data[0] read its one value "
    "as a Python number, which loss.item() now gives.",
    kind="error",
    signatures=(("IndexError", r"invalid index of a 0-dim tensor"),),
    examples=(
        ("running_loss += loss.data[0]", "running_loss += loss.item()"),
        ("print(epoch, loss.data[0], acc[0])", "print(epoch, loss.item(), acc[0])"),
        ("total += criterion(out, y)[0]", "total += criterion(out, y)[0]"),  # not without the failing line
    ),
)
class ZeroDimIndex(RuleTransformer):
    """``x.data[0]`` on the failing statement, or, when there is none, its ``x[0]``."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def visit_Module(self, node):
        # a .data[0] on the failing statement is the 0-dim one (another line's is not this error's)
        self.of_data = any(not self.off_error_line(n) for n in m.findall(node, _DATA_ZERO))

    def leave_Subscript(self, original, updated):
        if not _zero_index(updated) or self.off_error_line(original):
            return updated
        value = updated.value
        if m.matches(value, m.Attribute(attr=m.Name("data"))):
            value = value.value
        elif self.of_data or self.ctx.error_line is None:
            return updated  # x.data[0] on the line is the 0-dim one; with no line, only x.data[0] is certain
        return cst.Call(cst.Attribute(value, cst.Name("item")))


def _zero_index(node: cst.Subscript) -> bool:
    return len(node.slice) == 1 and m.matches(node.slice[0].slice, m.Index(value=m.Integer("0")))


_DATA_ZERO = m.Subscript(value=m.Attribute(attr=m.Name("data")), slice=[m.SubscriptElement(slice=m.Index(
    value=m.Integer("0")))])


@rule(
    "torch-load-weights-only",
    library="torch",
    changed_in="torch 2.6",
    rationale="torch.load's weights_only default became True in 2.6, which refuses a whole pickled model (what "
    "torch.save(model, path) writes); weights_only=False loads it as every earlier release did.",
    kind="error",
    signatures=(("UnpicklingError", r"Weights only load failed"),),
    examples=(
        ("model = torch.load('model.pth')", "model = torch.load('model.pth', weights_only=False)"),
        ("net = torch.load(path, map_location='cpu')", "net = torch.load(path, map_location='cpu', weights_only=False)"),
        ("m = torch.load(f, weights_only=True)", "m = torch.load(f, weights_only=True)"),
    ),
)
class LoadWeightsOnly(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "torch") != "load":
            return updated
        if kwarg(updated, "weights_only") is not None or self.off_error_line(original):
            return updated
        return add_kwarg(updated, "weights_only", "False")


_MASKED = {"masked_fill", "masked_fill_", "masked_scatter", "masked_scatter_", "masked_select"}


@rule(
    "torch-byte-mask",
    library="torch",
    changed_in="torch 1.2 (deprecated), 2.x (refused)",
    rationale="Comparisons returned uint8 tensors until 1.2, and masks were uint8; masked_fill, masked_scatter and "
    "masked_select now take bool masks only. mask.bool() selects the same elements.",
    kind="error",
    signatures=(("RuntimeError", r"(only supports boolean masks|expected BoolTensor for mask|mask with dtype unsigned)"),),
    examples=(
        ("scores = scores.masked_fill(mask, -1e9)", "scores = scores.masked_fill(mask.bool(), -1e9)"),
        ("x.masked_fill_(pad == 0, 0.0)", "x.masked_fill_((pad == 0).bool(), 0.0)"),
        ("kept = torch.masked_select(x, m)", "kept = torch.masked_select(x, m.bool())"),
        ("y = x.masked_fill(mask.bool(), 0)", "y = x.masked_fill(mask.bool(), 0)"),
    ),
)
class ByteMask(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        name = updated.func.attr.value if isinstance(updated.func, cst.Attribute) else None
        if name not in _MASKED or self.off_error_line(original):
            return updated
        at = 1 if module_call(updated, self.ctx, "torch") == "masked_select" else 0  # torch.masked_select(x, mask)
        args = positional(updated)
        if len(args) <= at or m.matches(args[at].value, m.Call(func=m.Attribute(attr=m.Name("bool")))):
            return updated
        mask = cst.Call(cst.Attribute(parenthesized(args[at].value), cst.Name("bool")))
        return updated.with_changes(args=[a.with_changes(value=mask) if a is args[at] else a for a in updated.args])


@rule(
    "torch-removed-functions",
    library="torch",
    changed_in="torch 1.9 (deprecated), 2.0 (removed)",
    rationale="torch.matrix_rank and torch.symeig were removed for torch.linalg: matrix_rank is "
    "torch.linalg.matrix_rank (tol= is atol=, symmetric= is hermitian=), symeig(A, eigenvectors=True) is "
    "torch.linalg.eigh (symeig read the upper triangle unless upper=False: UPLO='U'); torch.stft must be told "
    "return_complex, and False gives 1.x's real output.",
    pattern=r"\b(matrix_rank|symeig|stft)\b",
    signatures=(("RuntimeError", r"This function was deprecated since version 1\.9 and is now removed"),
                ("RuntimeError", r"stft requires the return_complex parameter")),
    examples=(
        ("import torch\nr = torch.matrix_rank(A, tol=1e-5)", "import torch\nr = torch.linalg.matrix_rank(A, atol=1e-5)"),
        ("import torch\ne, v = torch.symeig(C, eigenvectors=True)", "import torch\ne, v = torch.linalg.eigh(C, UPLO='U')"),
        ("import torch\ne, v = torch.symeig(C, True, upper=False)", "import torch\ne, v = torch.linalg.eigh(C, UPLO='L')"),
        ("import torch\ne, _ = torch.symeig(C)", "import torch\ne, _ = torch.symeig(C)"),
        ("import torch\nS = torch.stft(x, 256, hop_length=64)",
         "import torch\nS = torch.stft(x, 256, hop_length=64, return_complex=False)"),
    ),
)
class RemovedFunctions(RuleTransformer):
    def leave_Call(self, original, updated):
        name = module_call(updated, self.ctx, "torch")
        if name == "matrix_rank":
            call = rename_kwarg(rename_kwarg(updated, "tol", "atol"), "symmetric", "hermitian")
            return call.with_changes(func=_linalg(updated.func, "matrix_rank"))
        if name == "symeig":
            return _eigh(updated) or updated
        if name == "stft" and kwarg(updated, "return_complex") is None:
            return add_kwarg(updated, "return_complex", "False")
        return updated


def _eigh(call: cst.Call) -> cst.Call | None:
    """``symeig(A, eigenvectors=True[, upper=...])`` as ``linalg.eigh(A, UPLO=...)``; None for eigenvalues only
    (symeig then gave an empty second tensor) or flags known only at run time."""
    args, vectors, upper = positional(call), kwarg(call, "eigenvectors"), kwarg(call, "upper")
    flags = [a.value for a in args[1:]] + ([vectors.value] if vectors is not None else [])
    if not args or len(args) > 2 or len(call.args) != len(args) + (vectors is not None) + (upper is not None) or \
            [bool_value(f) for f in flags] != [True] or (upper is not None and bool_value(upper.value) is None):
        return None
    uplo = "'L'" if upper is not None and bool_value(upper.value) is False else "'U'"
    matrix = args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return call.with_changes(func=_linalg(call.func, "eigh"), args=[matrix, make_arg("UPLO", uplo)])


def _linalg(func: cst.BaseExpression, name: str) -> cst.BaseExpression:
    """``torch.symeig`` -> ``torch.linalg.<name>`` (a bare imported name: ``torch.linalg.<name>`` needs torch)."""
    owner = func.value if isinstance(func, cst.Attribute) else cst.Name("torch")
    return cst.Attribute(cst.Attribute(owner, cst.Name("linalg")), cst.Name(name))


# torch._six held Python 2/3 shims; each is the Python 3 name now
_SIX = {"container_abcs": "import collections.abc as {local}\n", "string_classes": "{local} = (str, bytes)\n",
        "int_classes": "{local} = int\n", "inf": "from math import inf{alias}\n", "nan": "from math import nan{alias}\n"}


@rule(
    "torch-six",
    library="torch",
    changed_in="torch 2.0",
    rationale="torch._six, the Python 2 compatibility shims, was removed: container_abcs is collections.abc, "
    "string_classes (str, bytes), int_classes int, inf and nan math's.",
    pattern=r"torch\._six",
    signatures=(("ModuleNotFoundError", r"No module named 'torch\._six'"),),
    examples=(
        ("from torch._six import container_abcs, string_classes, int_classes",
         "import collections.abc as container_abcs\nstring_classes = (str, bytes)\nint_classes = int"),
        ("from torch._six import inf\nx = 1", "from math import inf\nx = 1"),
    ),
)
class TorchSix(RuleTransformer):
    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not m.matches(updated.body[0], m.ImportFrom(module=m.Attribute(
                value=m.Name("torch"), attr=m.Name("_six")))) or isinstance(updated.body[0].names, cst.ImportStar):
            return updated
        lines = []
        for alias in updated.body[0].names:
            name, local = alias.evaluated_name, alias.evaluated_alias or alias.evaluated_name
            if name not in _SIX:
                return updated  # something else of the shims: left for the error to name
            lines.append(cst.parse_statement(_SIX[name].format(local=local, alias="" if local == name else f" as {local}")))
        lines[0] = lines[0].with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel(lines)


@rule(
    "torch-grad-tensors-to-numpy",
    library="torch",
    changed_in="numpy 1.20 (array coercion raises the errors it ignored)",
    rationale="a list the notebook fills with tensors that require grad (predictions, losses) handed to numpy "
    "(np.array(preds), np.mean(losses)) became, before numpy 1.20, a one-dimensional object array of the tensors: "
    "numpy ignored the error each tensor's __array__ raised and kept the tensor as an element. Since 1.20 that "
    "error stops the cell. np.fromiter(preds, dtype=object) builds the same array without asking the tensors for "
    "their values (astype(int) and the reductions then work element by element, as they did).",
    kind="error",
    signatures=(("RuntimeError", r"Can't call numpy\(\) on (Tensor|Variable) that requires grad"),),
    examples=(
        ("import numpy as np\npreds = []\nfor x in xs:\n    preds.append(net(x))\nY = np.array(preds)",
         "import numpy as np\npreds = []\nfor x in xs:\n    preds.append(net(x))\n"
         "Y = np.array(np.fromiter(preds, dtype=object))"),
        ("import numpy as np\nlosses = []\nprint(np.mean(losses), np.std(losses))",
         "import numpy as np\nlosses = []\n"
         "print(np.mean(np.fromiter(losses, dtype=object)), np.std(np.fromiter(losses, dtype=object)))"),
        # a tensor itself (not a list of them) raised under every numpy: the author's to detach
        ("import numpy as np\nout = net(x)\ny = np.array(out)", "import numpy as np\nout = net(x)\ny = np.array(out)"),
    ),
)
class GradTensorsToNumpy(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # the names the notebook binds to a list: only a list's elements were read one by one
        self.lists = set(re.findall(r"^[ \t]*(\w+)\s*=\s*\[", ctx.text, re.M))

    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "numpy") in (None, "fromiter") or self.off_error_line(original):
            return updated
        args = positional(updated)
        if not args or not (isinstance(args[0].value, cst.Name) and args[0].value.value in self.lists):
            return updated
        numpy = code_of(updated.func.value) if isinstance(updated.func, cst.Attribute) else self.need("numpy")
        kept = cst.parse_expression(f"{numpy}.fromiter({args[0].value.value}, dtype=object)")
        return updated.with_changes(args=[a.with_changes(value=kept) if a is args[0] else a for a in updated.args])


def _maybe_tensor(node: cst.BaseExpression) -> bool:
    """An operand that may be a bool tensor: not a number literal, not len(...), not already converted, not
    arithmetic (whose operands are converted where they are subtracted)."""
    return not (isinstance(node, (cst.Integer, cst.Float, cst.BinaryOperation, cst.UnaryOperation)) or m.matches(node, m.Call(func=m.Name("len") | m.Name(
        "torch_uint8"))))


@rule(
    "torch-bool-arithmetic",
    library="torch",
    changed_in="torch 1.2",
    rationale="until 1.2 comparisons returned uint8 tensors, and 1 - mask, -mask and mask1 - mask2 computed in "
    "uint8 (1 - mask the inverted 0/1 mask); bool tensors refuse `-`. On the failing line each operand of `-` "
    "goes through torch_uint8, which turns a bool tensor into the uint8 one of old and leaves anything else as "
    "it is, so the result is the old uint8 one.",
    kind="error",
    signatures=(("RuntimeError", r"(Subtraction|Negation), the `-` operator, (with|on) (a|two) bool tensors?"),),
    examples=(
        ("import torch\nm = (x > 0)\ninv = 1 - m",
         "import torch\nm = (x > 0)\n" + shim_source(old_torch.torch_uint8, "torch_uint8") + "inv = 1 - torch_uint8(m)"),
    ),
    error_examples=(
        ("RuntimeError: Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
         "invert a mask, use the `~` or `logical_not()` operator instead.", 1,
         "scores = scores.masked_fill(1 - (mask == 1), -1e9)",
         shim_source(old_torch.torch_uint8, "torch_uint8")
         + "scores = scores.masked_fill(1 - torch_uint8((mask == 1)), -1e9)"),
        ("RuntimeError: Negation, the `-` operator, on a bool tensor is not supported.", 1,
         "d = -(a > b) + len(a) - 1", shim_source(old_torch.torch_uint8, "torch_uint8")
         + "d = -torch_uint8((a > b)) + len(a) - 1"),
    ),
)
class BoolArithmetic(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _uint8(self, node: cst.BaseExpression) -> cst.BaseExpression:
        if not _maybe_tensor(node):
            return node
        return cst.Call(self.need_shim("torch_uint8", old_torch.torch_uint8), [cst.Arg(node)])

    def leave_BinaryOperation(self, original, updated):
        if not isinstance(updated.operator, cst.Subtract) or self.off_error_line(original):
            return updated
        return updated.with_changes(left=self._uint8(updated.left), right=self._uint8(updated.right))

    def leave_UnaryOperation(self, original, updated):
        if not isinstance(updated.operator, cst.Minus) or self.off_error_line(original):
            return updated
        return updated.with_changes(expression=self._uint8(updated.expression))


def _legacy_classes(text: str) -> set[str]:
    """The notebook's autograd Functions whose forward is an instance method (``def forward(self, x)``, no
    @staticmethod): the legacy form, called on an instance (``Fn()(x)``). A class may sit in a function."""
    found, lines = set(), text.splitlines()
    for n, line in enumerate(lines):
        header = re.match(r"([ \t]*)class\s+(\w+)\s*\(\s*(?:[\w.]+\.)?Function\s*\)\s*:", line)
        if header is None:
            continue
        indent, previous = len(header[1]), ""
        for inner in lines[n + 1:]:
            if inner.strip() and len(inner) - len(inner.lstrip()) <= indent:
                break  # the class body ends at the first line indented no deeper than its header
            if re.match(r"\s+def\s+forward\s*\(\s*self\b", inner) and previous.strip() != "@staticmethod":
                found.add(header[2])
            previous = inner if inner.strip() else previous
    return found


@rule(
    "torch-legacy-function",
    library="torch",
    changed_in="torch 1.5 (legacy autograd functions removed)",
    rationale="an autograd Function written with forward(self, ...) and backward(self, ...) was called on an "
    "instance (Fn()(x)); legacy_function_call(fn, x) runs those same methods as a new-style Function's static "
    "forward and backward, the instance's save_for_backward, saved_tensors, needs_input_grad and mark_* "
    "answered by the call's ctx and its other attributes kept on the instance, so the class stays as written.",
    signatures=(("RuntimeError", r"Legacy autograd function with non-static forward method is deprecated"),),
    pattern=r"\bFunction\s*\)",
    examples=(
        ("import torch\nclass Clip(torch.autograd.Function):\n    def forward(self, x):\n        return x.clamp(0, 1)\n"
         "    def backward(self, g):\n        return g\ny = Clip()(x)",
         "import torch\nclass Clip(torch.autograd.Function):\n    def forward(self, x):\n        return x.clamp(0, 1)\n"
         "    def backward(self, g):\n        return g\n" + shim_source(old_torch.legacy_function_call,
                                                                     "legacy_function_call")
         + "y = legacy_function_call(Clip(), x)"),
        ("from torch.autograd import Function\nclass F(Function):\n    def forward(self, x):\n        return x\n"
         "relu = F()\nself.act = F()\nout = relu(a) + self.act(b)",
         "from torch.autograd import Function\nclass F(Function):\n    def forward(self, x):\n        return x\n"
         "relu = F()\nself.act = F()\n" + shim_source(old_torch.legacy_function_call, "legacy_function_call")
         + "out = legacy_function_call(relu, a) + legacy_function_call(self.act, b)"),
        # new-style Functions are applied as they are
        ("import torch\nclass G(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x\n"
         "y = G.apply(x)",
         "import torch\nclass G(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x\n"
         "y = G.apply(x)"),
    ),
)
class LegacyFunction(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.classes = _legacy_classes(ctx.text)
        made = "|".join(map(re.escape, self.classes)) or r"(?!)"
        # names and attributes bound to an instance: relu = MyReLU(), self.fn = MyReLU()
        self.instances = set(re.findall(rf"^[ \t]*([\w.]+)\s*=\s*(?:{made})\s*\(", ctx.text, re.M))

    def _legacy(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Call):
            return isinstance(func.func, cst.Name) and func.func.value in self.classes
        return code_of(func) in self.instances

    def leave_Call(self, original, updated):
        if not self.classes or not self._legacy(updated.func) or self.off_error_line(original) or \
                any(a.star == "**" for a in updated.args):
            return updated
        shim = self.need_shim("legacy_function_call", old_torch.legacy_function_call)
        args = [cst.Arg(updated.func, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                        if updated.args else cst.MaybeSentinel.DEFAULT), *updated.args]
        return cst.Call(shim, args)


@rule(
    "torch-integer-division",
    library="torch",
    changed_in="torch 1.5 (integer division refused), 1.6 (true division)",
    rationale="until 1.5, t /= d and t.div_(d) on an integer tensor with an integer divisor truncated toward zero "
    "in place; / is now true division, whose float result an integer tensor cannot hold. On the failing line "
    "torch_old_idiv(t, d) divides in place, truncating when both are integers (rounding_mode='trunc') and "
    "dividing as today otherwise.",
    kind="error",
    signatures=(("RuntimeError", r"result type Float can't be cast to the desired output type "
                                 r"(Long|Int|Short|Char|Byte)"),),
    examples=(
        ("import torch\ncounts /= 2", "import torch\n" + shim_source(old_torch.torch_old_idiv, "torch_old_idiv")
         + "counts = torch_old_idiv(counts, 2)"),
    ),
    error_examples=(
        ("RuntimeError: result type Float can't be cast to the desired output type Long", 2,
         "import torch\nidx = idx.div_(stride) + offset",
         "import torch\n" + shim_source(old_torch.torch_old_idiv, "torch_old_idiv")
         + "idx = torch_old_idiv(idx, stride) + offset"),
        ("RuntimeError: result type Float can't be cast to the desired output type Long", 1,
         "x[0] /= n\ny /= n", shim_source(old_torch.torch_old_idiv, "torch_old_idiv") + "x[0] = torch_old_idiv(x[0], n)\ny /= n"),
    ),
)
class IntegerDivision(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.in_shim = 0  # inside the shim copied in earlier, whose own div_ is today's

    def visit_FunctionDef(self, node):
        self.in_shim += node.name.value == "torch_old_idiv"

    def leave_FunctionDef(self, original, updated):
        self.in_shim -= original.name.value == "torch_old_idiv"
        return updated

    def leave_Call(self, original, updated):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "div_") or len(updated.args) != 1 or \
                updated.args[0].keyword or updated.args[0].star or self.in_shim or self.off_error_line(original):
            return updated
        shim = self.need_shim("torch_old_idiv", old_torch.torch_old_idiv)
        return cst.Call(shim, [cst.Arg(func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                               cst.Arg(updated.args[0].value)])

    def leave_AugAssign(self, original, updated):
        if not isinstance(updated.operator, cst.DivideAssign) or self.off_error_line(original) or \
                not isinstance(updated.target, (cst.Name, cst.Attribute, cst.Subscript)):
            return updated
        shim = self.need_shim("torch_old_idiv", old_torch.torch_old_idiv)
        value = cst.Call(shim, [cst.Arg(updated.target, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                                cst.Arg(updated.value)])
        return cst.Assign([cst.AssignTarget(updated.target)], value)
