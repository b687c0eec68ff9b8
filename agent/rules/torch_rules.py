"""PyTorch: what 0.4 through 2.6 removed or changed under notebooks written for 0.3-1.x, and the CPU-only
environment's missing CUDA.

- 0.4 merged Variable into Tensor and made reductions 0-dimensional: ``loss.data[0]`` (a Python number in 0.3)
  now raises "invalid index of a 0-dim tensor"; ``loss.item()`` is that number.
- 1.2 made comparisons return bool tensors and deprecated uint8 masks; 2.x's masked_fill, masked_scatter and
  masked_select refuse them. ``mask.bool()`` selects the same elements.
- 1.9 deprecated and 2.0 removed torch.matrix_rank and torch.symeig (torch.linalg.matrix_rank and
  torch.linalg.eigh compute the same), and torch._six (Python 2 shims: collections.abc, str, int, math.inf).
- 2.0 made torch.stft ask for return_complex; False gives 1.x's real view (the last dimension of 2).
- 2.6 made torch.load's weights_only default True, refusing the pickled models torch.save(model) writes;
  weights_only=False loads them as before (the file is the notebook's own).
- The environment has no GPU: ``.cuda()``, ``torch.device('cuda')`` and the torch.cuda tensor types raise
  "Torch not compiled with CUDA enabled". They are written to use CUDA when there is one and the CPU otherwise.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    bool_value,
    dotted,
    kwarg,
    make_arg,
    module_call,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .python3_rules import Importing


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
        finder = _ZeroIndexes()
        node.visit(finder)
        self.of_data = finder.of_data

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


class _ZeroIndexes(cst.CSTVisitor):
    def __init__(self) -> None:
        self.of_data = False

    def visit_Subscript(self, node):
        self.of_data |= _zero_index(node) and m.matches(node.value, m.Attribute(attr=m.Name("data")))


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
        if module_call(updated, self.ctx, "torch") != "load" and dotted(updated.func) != "torch.load":
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
        at = 1 if module_call(updated, self.ctx, "torch") == "masked_select" or dotted(updated.func) == \
            "torch.masked_select" else 0
        args = positional(updated)
        if len(args) <= at or m.matches(args[at].value, m.Call(func=m.Attribute(attr=m.Name("bool")))):
            return updated
        value = args[at].value
        if not isinstance(value, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        mask = cst.Call(cst.Attribute(value, cst.Name("bool")))
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
    flags = [a.value for a in args[1:]] + [vectors.value] if vectors is not None else [a.value for a in args[1:]]
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


_CUDA_STRING = re.compile(r"^cuda(:\d+)?$")
_CUDA_TYPES = re.compile(r"^(Float|Double|Half|Long|Int|Short|Byte|Char|Bool|BFloat16)Tensor$")


def _uses_cuda(ctx: Context, code: str) -> bool:
    return "torch" in ctx.text and ("cuda" in code)


@rule(
    "torch-cuda-on-cpu",
    library="torch",
    changed_in="the fixed environment (no GPU)",
    rationale="the notebook ran on a GPU and the environment has none: .cuda(), torch.device('cuda') and the "
    "torch.cuda tensor types raise 'Torch not compiled with CUDA enabled'. They now use CUDA when there is one "
    "and the CPU otherwise, the same computation.",
    pattern=r"\bcuda\b",
    gate=_uses_cuda,
    signatures=(("AssertionError", r"Torch not compiled with CUDA enabled|Found no NVIDIA driver"),
                ("TypeError", r"type torch\.cuda\.\w+ not available"),
                ("RuntimeError", r"Cannot initialize CUDA without|Attempting to deserialize object on a CUDA device")),
    examples=(
        ("import torch\nmodel = Net().cuda()\nx, y = x.cuda(), y.cuda(non_blocking=True)",
         "import torch\nmodel = Net().to(torch.device('cuda' if torch.cuda.is_available() else 'cpu'))\n"
         "x, y = x.to(torch.device('cuda' if torch.cuda.is_available() else 'cpu')), "
         "y.to(torch.device('cuda' if torch.cuda.is_available() else 'cpu'), non_blocking=True)"),
        ("import torch as th\ndevice = th.device('cuda:0')\nz = t.to('cuda')\nw = th.zeros(3, device='cuda')",
         "import torch as th\ndevice = th.device('cuda:0' if th.cuda.is_available() else 'cpu')\n"
         "z = t.to('cuda' if th.cuda.is_available() else 'cpu')\n"
         "w = th.zeros(3, device='cuda' if th.cuda.is_available() else 'cpu')"),
        ("import torch\ndtype = torch.cuda.FloatTensor\nok = torch.cuda.is_available()",
         "import torch\ndtype = torch.cuda.FloatTensor if torch.cuda.is_available() else torch.FloatTensor\n"
         "ok = torch.cuda.is_available()"),
        ("import torch\ntorch.set_default_tensor_type('torch.cuda.FloatTensor')\ntorch.cuda.set_device(0)",
         "import torch\ntorch.set_default_tensor_type('torch.cuda.FloatTensor' if torch.cuda.is_available() else "
         "'torch.FloatTensor')\ntorch.cuda.set_device(0) if torch.cuda.is_available() else None"),
        ("import torch\nDEVICE = 'cuda:0'\nmode = 'cuda'\nm = net.to(DEVICE)",
         "import torch\nDEVICE = 'cuda:0' if torch.cuda.is_available() else 'cpu'\nmode = 'cuda'\nm = net.to(DEVICE)"),
        ("import torch\nd = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nm = net.to(d)",
         "import torch\nd = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nm = net.to(d)"),
    ),
)
class CudaOnCpu(Importing):
    def _either(self, cuda: cst.BaseExpression, cpu: cst.BaseExpression) -> cst.IfExp:
        return cst.IfExp(test=cst.parse_expression(f"{self.need('torch')}.cuda.is_available()"), body=cuda, orelse=cpu)

    def visit_IfExp(self, node):
        return False  # already a choice between devices (or anything else the author chose)

    def leave_Call(self, original, updated):
        func = updated.func
        if isinstance(func, cst.IfExp):  # (torch.cuda.FloatTensor if ... else torch.FloatTensor)(n)
            return updated.with_changes(func=_parenthesized(func))
        if m.matches(func, m.Attribute(attr=m.Name("cuda"))):  # .cuda(), .cuda(0), .cuda(non_blocking=True)
            torch = self.need("torch")
            device = cst.parse_expression(f"{torch}.device('cuda' if {torch}.cuda.is_available() else 'cpu')")
            moved = updated.with_changes(func=func.with_changes(attr=cst.Name("to")), args=[cst.Arg(device)])
            kept = kwarg(updated, "non_blocking")
            return add_kwarg(moved, "non_blocking", kept.value) if kept else moved
        torch = self.ctx.module_names("torch") | {"torch"}
        if dotted(func) in {f"{t}.cuda.set_device" for t in torch}:  # only where there is a device to set
            return self._either(updated, cst.Name("None"))
        to_device = dotted(func) in {f"{t}.device" for t in torch} or m.matches(func, m.Attribute(attr=m.Name("to")))
        typed = dotted(func) in {f"{t}.set_default_tensor_type" for t in torch} or \
            m.matches(func, m.Attribute(attr=m.Name("type")))
        args = []
        for arg in updated.args:
            where = arg.keyword is None if to_device or typed else (arg.keyword is not None and
                                                                    arg.keyword.value == "device")
            text = (string_value(arg.value) or "") if where and not arg.star else ""
            if _CUDA_STRING.match(text) and not typed:
                arg = arg.with_changes(value=self._either(arg.value, cst.SimpleString("'cpu'")))
            elif typed and text.startswith("torch.cuda.") and _CUDA_TYPES.match(text.removeprefix("torch.cuda.")):
                cpu = cst.SimpleString(repr("torch." + text.removeprefix("torch.cuda.")))
                arg = arg.with_changes(value=self._either(arg.value, cpu))
            args.append(arg)
        return updated.with_changes(args=args)

    def leave_Assign(self, original, updated):
        # device = 'cuda': a name for the device, which .to(device) and device=device read later
        if len(updated.targets) == 1 and isinstance(updated.targets[0].target, cst.Name) and \
                "device" in updated.targets[0].target.value.lower() and \
                _CUDA_STRING.match(string_value(updated.value) or ""):
            return updated.with_changes(value=self._either(updated.value, cst.SimpleString("'cpu'")))
        return updated

    def leave_Attribute(self, original, updated):
        if isinstance(updated.value, cst.IfExp):
            return updated.with_changes(value=_parenthesized(updated.value))
        torch = dotted(updated.value) or ""
        if torch.endswith(".cuda") and torch[:-5] in self.ctx.module_names("torch") | {"torch"} and \
                _CUDA_TYPES.match(updated.attr.value):
            return self._either(updated, cst.Attribute(cst.Name(torch[:-5]), updated.attr))
        return updated


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node if node.lpar else node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
