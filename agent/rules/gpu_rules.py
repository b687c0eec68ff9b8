"""The environment has no GPU; the notebooks ran on Kaggle's.

- PyTorch: ``.cuda()``, ``torch.device('cuda')``, ``.to('cuda')``, a device named ``'cuda'`` and the
  torch.cuda tensor types raise "Torch not compiled with CUDA enabled". Each is written to use CUDA when there
  is one and the CPU otherwise: the same computation, on a GPU machine still on the GPU. A checkpoint saved from
  GPU tensors is loaded with that choice as its map_location, when the error says the file is one.
- TensorFlow: ``tf.config.experimental.set_memory_growth(gpus[0], True)`` indexes the list of GPUs, empty here
  (IndexError). The configuration is made only when that GPU exists, as TensorFlow's own guide writes it.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import Context, RuleTransformer, add_kwarg, code_of, dotted, kwarg, parenthesized, rule, string_value
from .python3_rules import Importing

_CUDA_STRING = re.compile(r"^cuda(:\d+)?$")
_GPU_SAVED = "Attempting to deserialize object on a CUDA device"
_CUDA_TYPES = re.compile(r"^(Float|Double|Half|Long|Int|Short|Byte|Char|Bool|BFloat16)Tensor$")


def _uses_cuda(ctx: Context, code: str) -> bool:
    return "torch" in ctx.text and "cuda" in code


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
        ("import torch\nprint(torch.cuda.get_device_name(0))",
         "import torch\nprint(torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'cpu')"),
        ("import torch\nDEVICE = 'cuda:0'\nmode = 'cuda'\nm = net.to(DEVICE)",
         "import torch\nDEVICE = 'cuda:0' if torch.cuda.is_available() else 'cpu'\nmode = 'cuda'\nm = net.to(DEVICE)"),
        ("import torch\nif torch.cuda.is_available():\n    net = net.cuda()\nif use_gpu:\n    x = x.cuda()",
         "import torch\nif torch.cuda.is_available():\n    net = net.cuda()\nif use_gpu:\n"
         "    x = x.to(torch.device('cuda' if torch.cuda.is_available() else 'cpu'))"),
        ("import torch\nd = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nm = net.to(d)",
         "import torch\nd = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nm = net.to(d)"),
    ),
)
class CudaOnCpu(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)  # on the error: the torch.load of the failing line

    def _cuda_or_cpu(self) -> cst.IfExp:
        return self._either(cst.SimpleString("'cuda'"), cst.SimpleString("'cpu'"))

    def _either(self, cuda: cst.BaseExpression, cpu: cst.BaseExpression) -> cst.IfExp:
        return cst.IfExp(test=cst.parse_expression(f"{self.need('torch')}.cuda.is_available()"), body=cuda, orelse=cpu)

    def visit_IfExp(self, node):
        return False  # already a choice between devices (or anything else the author chose)

    def visit_If(self, node):
        # ``if torch.cuda.is_available():`` chose already (``if use_gpu:`` may hold a True written by hand)
        return "is_available" not in code_of(node.test)

    def _path(self, node: cst.BaseExpression) -> str:
        """``th.cuda.set_device`` as ``torch.cuda.set_device`` whatever the notebook's name for torch."""
        head, _, rest = (dotted(node) or "").partition(".")
        return f"torch.{rest}" if rest and head in self.ctx.module_names("torch") | {"torch"} else ""

    def leave_Call(self, original, updated):
        func, path = updated.func, self._path(updated.func)
        if isinstance(func, cst.IfExp):  # (torch.cuda.FloatTensor if ... else torch.FloatTensor)(n)
            return updated.with_changes(func=parenthesized(func))
        if m.matches(func, m.Attribute(attr=m.Name("cuda"))):  # .cuda(), .cuda(0), .cuda(non_blocking=True)
            device = cst.Call(cst.parse_expression(f"{self.need('torch')}.device"), [cst.Arg(self._cuda_or_cpu())])
            moved = updated.with_changes(func=func.with_changes(attr=cst.Name("to")), args=[cst.Arg(device)])
            kept = kwarg(updated, "non_blocking")
            return add_kwarg(moved, "non_blocking", kept.value) if kept else moved
        if path == "torch.load" and kwarg(updated, "map_location") is None and \
                _GPU_SAVED in (self.ctx.error.evalue if self.ctx.error is not None else "") and \
                not self.off_error_line(original):
            # a checkpoint saved from a GPU: its tensors go where this machine can hold them
            return add_kwarg(updated, "map_location", self._cuda_or_cpu())
        if path == "torch.cuda.set_device":  # only where there is a device to set
            return self._either(updated, cst.Name("None"))
        if path == "torch.cuda.get_device_name":  # what a notebook prints of its device
            return self._either(updated, cst.SimpleString("'cpu'"))
        to_device = path == "torch.device" or m.matches(func, m.Attribute(attr=m.Name("to")))
        typed = path == "torch.set_default_tensor_type" or m.matches(func, m.Attribute(attr=m.Name("type")))
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
            return updated.with_changes(value=parenthesized(updated.value))
        if self._path(updated.value) == "torch.cuda" and _CUDA_TYPES.match(updated.attr.value):
            return self._either(updated, cst.Attribute(updated.value.value, updated.attr))  # torch.FloatTensor
        return updated


_GPU_CONFIG = ("set_memory_growth", "set_virtual_device_configuration", "set_logical_device_configuration",
               "set_visible_devices")


@rule(
    "tensorflow-gpu-config",
    library="tensorflow",
    changed_in="the fixed environment (no GPU)",
    rationale="the notebook configured the GPU it ran on (memory growth, a memory limit, the visible devices) "
    "through the list of GPUs, which is empty here: the configuration is now made only when that GPU exists.",
    pattern=r"\b(" + "|".join(_GPU_CONFIG) + r")\(",
    gate=lambda ctx, code: "tensorflow" in ctx.text,
    examples=(
        ("import tensorflow as tf\ngpus = tf.config.experimental.list_physical_devices('GPU')\n"
         "tf.config.experimental.set_memory_growth(gpus[0], True)",
         "import tensorflow as tf\ngpus = tf.config.experimental.list_physical_devices('GPU')\n"
         "if gpus:\n    tf.config.experimental.set_memory_growth(gpus[0], True)"),
        ("import tensorflow as tf\ntf.config.set_visible_devices(devices[1], 'GPU')",
         "import tensorflow as tf\nif len(devices) > 1:\n    tf.config.set_visible_devices(devices[1], 'GPU')"),
        ("import tensorflow as tf\ntf.config.experimental.set_memory_growth(tf.config.list_physical_devices('GPU')[0], True)",
         "import tensorflow as tf\nif tf.config.list_physical_devices('GPU'):\n"
         "    tf.config.experimental.set_memory_growth(tf.config.list_physical_devices('GPU')[0], True)"),
        ("import tensorflow as tf\nfor gpu in gpus:\n    tf.config.experimental.set_memory_growth(gpu, True)",
         "import tensorflow as tf\nfor gpu in gpus:\n    tf.config.experimental.set_memory_growth(gpu, True)"),
    ),
)
class GpuConfig(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.tests: list[str] = []  # the conditions of the ifs around: ``if gpus:`` guards already

    def visit_If(self, node):
        self.tests.append(code_of(node.test))

    def leave_If(self, original, updated):
        self.tests.pop()
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not m.matches(updated.body[0], m.Expr(value=m.Call())):
            return updated
        call = updated.body[0].value
        if (dotted(call.func) or "").rsplit(".", 1)[-1] not in _GPU_CONFIG or "config" not in (dotted(call.func) or ""):
            return updated
        picked = next((a.value for a in call.args if m.matches(a.value, m.Subscript(
            value=m.Name() | m.Attribute() | m.Call(), slice=[m.SubscriptElement(slice=m.Index(value=m.Integer()))]))),
            None)
        if picked is None:
            return updated
        devices, index = code_of(picked.value), int(picked.slice[0].slice.value.value)
        if any(devices in test for test in self.tests):
            return updated
        test = cst.parse_expression(devices if index == 0 else f"len({devices}) > {index}")
        return cst.If(test=test, body=cst.IndentedBlock([updated.with_changes(leading_lines=())]),
                      leading_lines=updated.leading_lines)
