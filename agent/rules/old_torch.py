"""PyTorch's removed linear-algebra and FFT functions, uint8 comparison results and legacy autograd Functions
written out with today's API: the shims the torch-old-linalg, torch-old-fft, torch-bool-arithmetic and
torch-legacy-function rules copy into a notebook (see old_scipy.py). Each returns what torch 1.x returned, read from
1.4's documentation and the LAPACK routine it called: the same routines compute today's torch.linalg results, so
the numbers are those of the old call. Imports are inside each function, so a copied shim stands alone."""

# ruff: noqa: N803, N806  (LAPACK's and torch's own names: A, B, LU, QR)


def symeig(input, eigenvectors=False, upper=True):  # torch.symeig (removed in 2.0): ascending eigenvalues, and vectors or an empty tensor
    import collections

    import torch
    result = collections.namedtuple("symeig", "eigenvalues eigenvectors")
    uplo = "U" if upper else "L"  # the triangle symeig read
    if eigenvectors:
        return result(*torch.linalg.eigh(input, UPLO=uplo))
    return result(torch.linalg.eigvalsh(input, UPLO=uplo), torch.empty(0, dtype=input.dtype, device=input.device))


def eig(input, eigenvectors=False):  # torch.eig (removed in 2.0): LAPACK geev's real output
    import collections

    import torch
    result = collections.namedtuple("eig", "eigenvalues eigenvectors")
    w, V = torch.linalg.eig(input)  # geev, its real pairs of columns made complex
    values = torch.stack([w.real, w.imag], dim=-1)  # (n, 2): real and imaginary parts
    if not eigenvectors:
        return result(values, torch.empty(0, dtype=input.dtype, device=input.device))
    vectors = V.real.clone()
    j = 0
    while j < w.shape[0]:  # a conjugate pair j, j+1 was packed as (real part, imaginary part) of vector j
        if w[j].imag != 0 and j + 1 < w.shape[0]:
            vectors[:, j + 1] = V[:, j].imag
            j += 2
        else:
            j += 1
    return result(values, vectors)


def solve(input, A):  # torch.solve(B, A) / torch.gesv (removed in 2.0 / 1.2): X with AX = B, and getrf's packed LU of A
    import collections

    import torch
    result = collections.namedtuple("solve", "solution LU")
    return result(torch.linalg.solve(A, input), torch.linalg.lu_factor(A).LU)


def lstsq(input, A):  # torch.lstsq(B, A) / torch.gels (removed in 2.0 / 1.2): LAPACK gels' (max(m, n), k) solution and QR
    import collections

    import numpy
    import scipy.linalg.lapack
    import torch
    result = collections.namedtuple("lstsq", "solution QR")
    a = numpy.asfortranarray(A.detach().cpu().numpy())
    b = input.detach().cpu().numpy()
    vector = b.ndim == 1
    b = b.reshape(-1, 1) if vector else b
    m, n = a.shape
    rhs = numpy.zeros((max(m, n), b.shape[1]), dtype=b.dtype, order="F")
    rhs[:m] = b  # gels writes the solution (and the residuals below it) over B, padded to max(m, n) rows
    gels, = scipy.linalg.lapack.get_lapack_funcs(("gels",), (a, rhs))
    qr, x, info = gels(a, rhs)
    if info > 0:
        raise RuntimeError("torch.lstsq: the input matrix A is not full rank")
    as_torch = lambda v: torch.as_tensor(numpy.ascontiguousarray(v), dtype=A.dtype, device=A.device)  # noqa: E731
    return result(as_torch(x[:, 0] if vector else x), as_torch(qr))


def potrf(a, upper=True):  # torch.potrf (removed in 1.2): the Cholesky factor, upper (U^T U = A) by default
    import torch
    L = torch.linalg.cholesky(a)
    return L.mH if upper else L


def fft(input, signal_ndim, normalized=False):  # torch.fft (removed in 1.8): complex-to-complex over the last signal_ndim dims
    import torch
    x = torch.view_as_complex(input.contiguous())
    dims = tuple(range(-signal_ndim, 0))
    return torch.view_as_real(torch.fft.fftn(x, dim=dims, norm="ortho" if normalized else "backward"))


def ifft(input, signal_ndim, normalized=False):  # torch.ifft (removed in 1.8): the inverse, divided by the size unless normalized
    import torch
    x = torch.view_as_complex(input.contiguous())
    dims = tuple(range(-signal_ndim, 0))
    return torch.view_as_real(torch.fft.ifftn(x, dim=dims, norm="ortho" if normalized else "backward"))


def rfft(input, signal_ndim, normalized=False, onesided=True):  # torch.rfft (removed in 1.8): real-to-complex, half the last dim when onesided
    import torch
    dims = tuple(range(-signal_ndim, 0))
    transform = torch.fft.rfftn if onesided else torch.fft.fftn
    return torch.view_as_real(transform(input, dim=dims, norm="ortho" if normalized else "backward"))


def irfft(input, signal_ndim, normalized=False, onesided=True, signal_sizes=None):  # torch.irfft (removed in 1.8): complex-to-real
    import torch
    x = torch.view_as_complex(input.contiguous())
    dims = tuple(range(-signal_ndim, 0))
    if not onesided:  # the full spectrum: its first half (and the size it gives) is what the transform read
        if signal_sizes is None:
            signal_sizes = x.shape[-signal_ndim:]
        x = x[..., : x.shape[-1] // 2 + 1]
    sizes = None if signal_sizes is None else list(signal_sizes)[-signal_ndim:]
    return torch.fft.irfftn(x, s=sizes, dim=dims, norm="ortho" if normalized else "backward")


def torch_uint8(t):  # torch <= 1.1: comparisons made uint8 tensors, and `-` on them stayed uint8 (1 - mask, -mask)
    import torch
    return t.byte() if isinstance(t, torch.Tensor) and t.dtype == torch.bool else t


def legacy_function_call(fn, *inputs):  # torch < 1.5's Fn()(x): a Function with forward/backward methods on the instance
    import torch

    class Self:  # the instance as its methods see it: its own attributes, and the call's autograd context
        ctx_names = {"save_for_backward", "saved_tensors", "saved_variables", "mark_dirty",
                     "mark_non_differentiable", "needs_input_grad", "set_materialize_grads"}

        def __init__(self, ctx):
            vars(self)["ctx"] = ctx

        def __getattr__(self, name):
            if name in Self.ctx_names:
                return getattr(vars(self)["ctx"], name)
            found = getattr(type(fn), name, None)
            if callable(found) and not isinstance(vars(type(fn)).get(name), (staticmethod, classmethod)):
                return found.__get__(self)  # a helper method, run with the same self
            return getattr(fn, name)

        def __setattr__(self, name, value):
            setattr(fn, name, value)  # state kept on the instance between forward and backward

    class Legacy(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *args):
            return type(fn).forward(Self(ctx), *args)

        @staticmethod
        def backward(ctx, *grads):
            return type(fn).backward(Self(ctx), *grads)

    return Legacy.apply(*inputs)


def torch_old_idiv(t, d):  # torch <= 1.4: t /= d (t.div_(d)) of an integer tensor by an integer truncated, in place
    import torch

    def integral(v):
        return isinstance(v, int) and not isinstance(v, bool) or isinstance(v, torch.Tensor) and not (
            v.is_floating_point() or v.is_complex() or v.dtype == torch.bool)

    if not isinstance(t, torch.Tensor):
        return t / d
    if integral(t) and integral(d):
        return t.div_(d, rounding_mode="trunc")  # C's integer division, as 1.4 computed it
    return t.div_(d)  # anything else divided as it does today (a float divisor refused an integer tensor then too)
