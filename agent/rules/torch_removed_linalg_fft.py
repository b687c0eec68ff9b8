"""PyTorch's old linear algebra and FFT functions, given back as what they returned (shims in old_torch.py).

- 1.2 removed the LAPACK-named functions renamed in 1.0-1.1: gesv (solve), gels (lstsq), potrf (cholesky, but
  upper=True by default where cholesky takes the lower factor), potrs/potri (cholesky_solve/cholesky_inverse,
  again upper=True by default), trtrs (triangular_solve), btrifact (lu), btriunpack (lu_unpack).
- 2.0 removed torch.symeig, eig, solve and lstsq (torch.linalg computes the same with other result shapes: eig's
  complex tensors, solve without the LU, lstsq without gels' padding and QR). The shims rebuild the old results:
  symeig's empty second tensor, eig's (n, 2) values and packed real vectors, solve's LU from getrf (the same
  routine solve called), lstsq through LAPACK's gels itself (scipy's binding), so the padded rows and QR are
  those torch returned.
- 1.8 made torch.fft a module and removed fft/ifft/rfft/irfft, which took and returned real tensors with a last
  dimension of 2 and a signal_ndim; the shims wrap torch.fft's complex functions in that format.

The shims are named torch_<name>: ``solve``, ``eig`` and ``fft`` are scipy's and numpy's names too.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_torch
from .framework import add_kwarg, argument, rule
from .removed_api import Shims, module_of, shim_source

_SHIMS = {"symeig": old_torch.symeig, "eig": old_torch.eig, "solve": old_torch.solve, "gesv": old_torch.solve,
          "lstsq": old_torch.lstsq, "gels": old_torch.lstsq, "potrf": old_torch.potrf}
_FFT = {"fft": old_torch.fft, "ifft": old_torch.ifft, "rfft": old_torch.rfft, "irfft": old_torch.irfft}
# renamed with the same arguments; upper: the old default (True) the new function does not share (False)
_RENAMED = {"trtrs": ("triangular_solve", None), "btrifact": ("lu", None), "btriunpack": ("lu_unpack", None),
            "potrs": ("cholesky_solve", 2), "potri": ("cholesky_inverse", 1)}


def _shim_name(name: str) -> str:
    return f"torch_{'solve' if name == 'gesv' else 'lstsq' if name == 'gels' else name}"


class _OldTorch(Shims):
    """torch.<name>(...) (the module the notebook imports as torch) or, on the line that failed, x.<name>(...)."""

    METADATA_DEPENDENCIES = (PositionProvider,)
    NAMES: dict = {}

    def _target(self, original: cst.Call, call: cst.Call) -> tuple[str, cst.BaseExpression | None] | None:
        """(name, the tensor a method is called on: None for torch.<name>) of a call to rewrite."""
        func = call.func
        if any(a.star for a in call.args):
            return None
        if not isinstance(func, cst.Attribute) or func.attr.value not in self.NAMES:
            return None
        if module_of(self.ctx, func.value) == "torch":
            return func.attr.value, None
        if module_of(self.ctx, func.value) is None and self.on_own_error_line(original):
            return func.attr.value, func.value  # a tensor's method, read as one only where it failed
        return None

    def shim_call(self, call: cst.Call, name: str, shim, receiver) -> cst.Call:
        args = list(call.args)
        if receiver is not None:
            args.insert(0, cst.Arg(receiver, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                                   if args else cst.MaybeSentinel.DEFAULT))
        return cst.Call(self.need_shim(_shim_name(name), shim), args)


@rule(
    "torch-old-linalg",
    library="torch",
    changed_in="torch 1.2 (gesv, gels, potrf, potrs, potri, trtrs, btrifact, btriunpack), 2.0 (symeig, eig, "
    "solve, lstsq)",
    rationale="removed linear-algebra functions given back: symeig(A) returned the eigenvalues and an empty "
    "tensor, eig(A) (n, 2) real and imaginary parts and LAPACK's packed real eigenvectors, solve/gesv(B, A) the "
    "solution and getrf's LU of A, lstsq/gels(B, A) gels' solution padded to max(m, n) rows and its QR, potrf(A) "
    "the upper Cholesky factor: each is written into the notebook as a torch_<name> shim computing that with "
    "torch.linalg (lstsq with LAPACK's gels through scipy). trtrs, btrifact and btriunpack are triangular_solve, "
    "lu and lu_unpack; potrs and potri are cholesky_solve and cholesky_inverse with upper=True, their old default.",
    pattern=r"\b(symeig|eig|solve|lstsq|gesv|gels|potrf|potrs|potri|trtrs|btrifact|btriunpack)\s*\(",
    gate=lambda ctx, code: "torch" in ctx.text,
    signatures=(("RuntimeError", r"This function was deprecated since version 1\.9 and is now removed"),
                ("AttributeError", r"(module 'torch'|'Tensor' object) has no attribute '(gesv|gels|potrf|potrs|potri|"
                                   r"trtrs|btrifact|btriunpack)'")),
    examples=(
        ("import torch\ne, _ = torch.symeig(C)\nx, lu = torch.solve(b, A)",
         "import torch\n" + shim_source(old_torch.symeig, "torch_symeig") + "e, _ = torch_symeig(C)\n"
         + shim_source(old_torch.solve, "torch_solve") + "x, lu = torch_solve(b, A)"),
        ("import torch\nw, v = torch.eig(M, eigenvectors=True)",
         "import torch\n" + shim_source(old_torch.eig, "torch_eig") + "w, v = torch_eig(M, eigenvectors=True)"),
        ("import torch as T\nX, _ = T.gels(B, A)",
         "import torch as T\n" + shim_source(old_torch.lstsq, "torch_lstsq") + "X, _ = torch_lstsq(B, A)"),
        ("import torch\nU = torch.potrf(K)\nx = torch.potrs(b, U)\ny = torch.trtrs(b, U, upper=False)[0]",
         "import torch\n" + shim_source(old_torch.potrf, "torch_potrf") + "U = torch_potrf(K)\n"
         "x = torch.cholesky_solve(b, U, upper=True)\ny = torch.triangular_solve(b, U, upper=False)[0]"),
        ("import torch\nLU, piv = torch.btrifact(A)\nKi = torch.potri(U, False)",
         "import torch\nLU, piv = torch.lu(A)\nKi = torch.cholesky_inverse(U, False)"),
        # scipy's solve and a tensor method with no failing line are left alone
        ("import torch\nfrom scipy import linalg\nx = linalg.solve(a, b)\ny = t.solve(A)",
         "import torch\nfrom scipy import linalg\nx = linalg.solve(a, b)\ny = t.solve(A)"),
    ),
    error_examples=(
        ("RuntimeError: This function was deprecated since version 1.9 and is now removed.", 2,
         "import torch\nvals, vecs = cov.symeig(eigenvectors=True)",
         "import torch\n" + shim_source(old_torch.symeig, "torch_symeig")
         + "vals, vecs = torch_symeig(cov, eigenvectors=True)"),
        ("AttributeError: 'Tensor' object has no attribute 'potrf'", 2, "import torch\nL = K.potrf(upper=False)",
         "import torch\n" + shim_source(old_torch.potrf, "torch_potrf") + "L = torch_potrf(K, upper=False)"),
    ),
)
class OldLinalg(_OldTorch):
    NAMES = {**_SHIMS, **_RENAMED}

    def leave_Call(self, original, updated):
        found = self._target(original, updated)
        if found is None:
            return updated
        name, receiver = found
        if name in _SHIMS:
            return self.shim_call(updated, name, _SHIMS[name], receiver)
        new, upper_at = _RENAMED[name]
        call = updated.with_changes(func=updated.func.with_changes(attr=cst.Name(new)))
        if upper_at is not None and argument(updated, "upper", upper_at - (receiver is not None)) is None:
            call = add_kwarg(call, "upper", "True")  # the old default, which the new function does not share
        return call


@rule(
    "torch-old-fft",
    library="torch",
    changed_in="torch 1.8 (torch.fft became a module)",
    rationale="torch.fft(x, signal_ndim), ifft, rfft and irfft took and returned real tensors whose last "
    "dimension of 2 held the real and imaginary parts, over the last signal_ndim dimensions, with normalized= "
    "(ortho) and onesided=; shims named torch_<name> compute the same with torch.fft's complex functions and "
    "return that format.",
    pattern=r"\b(fft|ifft|rfft|irfft)\s*\(",
    gate=lambda ctx, code: "torch" in ctx.text,
    signatures=(("AttributeError", r"(module 'torch'|'Tensor' object) has no attribute '(ifft|rfft|irfft|fft)'"),
                ("TypeError", r"'module' object is not callable")),
    examples=(
        ("import torch\nS = torch.rfft(x, 1, onesided=True)\ny = torch.irfft(S * H, 1, signal_sizes=x.shape[-1:])",
         "import torch\n" + shim_source(old_torch.rfft, "torch_rfft") + "S = torch_rfft(x, 1, onesided=True)\n"
         + shim_source(old_torch.irfft, "torch_irfft") + "y = torch_irfft(S * H, 1, signal_sizes=x.shape[-1:])"),
        ("import torch\nF = torch.fft(z, 2, normalized=True)\nf = torch.fft.fft(z)",
         "import torch\n" + shim_source(old_torch.fft, "torch_fft") + "F = torch_fft(z, 2, normalized=True)\n"
         "f = torch.fft.fft(z)"),
        ("import numpy as np\nimport torch\nf = np.fft.fft(a)", "import numpy as np\nimport torch\nf = np.fft.fft(a)"),
    ),
    error_examples=(
        ("AttributeError: 'Tensor' object has no attribute 'rfft'", 2, "import torch\nspec = frames.rfft(2)",
         "import torch\n" + shim_source(old_torch.rfft, "torch_rfft") + "spec = torch_rfft(frames, 2)"),
    ),
)
class OldFFT(_OldTorch):
    NAMES = _FFT

    def leave_Call(self, original, updated):
        found = self._target(original, updated)
        if found is None:
            return updated
        name, receiver = found
        return self.shim_call(updated, name, _FFT[name], receiver)
