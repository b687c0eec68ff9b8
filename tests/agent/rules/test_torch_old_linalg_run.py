"""torch 1.x linear algebra, FFTs and legacy autograd Functions, repaired by the static pass
(agent/rules/torch_removed_linalg_fft.py, torch_rules.py) and run in the full profile's real kernel: the shims
must give what torch 1.4 gave (its documentation's lstsq example, LAPACK's eigenvalue layout)."""

from __future__ import annotations

from support import code_notebook, stdout

OLD_TORCH = code_notebook(
    "import torch",
    # torch 1.4's lstsq example: the solution padded to max(m, n) rows, the residual parts below it
    "A = torch.tensor([[1., 1, 1], [2, 3, 4], [3, 5, 2], [4, 2, 5], [5, 4, 3]])\n"
    "B = torch.tensor([[-10., -3], [12, 14], [14, 12], [16, 16], [18, 16]])\n"
    "X, _ = torch.lstsq(B, A)\nprint([[round(v, 4) for v in row] for row in X.tolist()])\n"
    "e, v = torch.symeig(torch.tensor([[2., 1], [1, 2]]))\nprint(e.tolist(), v.numel())\n"
    "w, _ = torch.eig(torch.tensor([[0., -1], [1, 0]]))\nprint(w.tolist())\n"
    "x = torch.arange(8.)\nprint(torch.allclose(torch.irfft(torch.rfft(x, 1), 1, signal_sizes=(8,)), x))",
    "class Square(torch.autograd.Function):\n    def forward(self, x):\n        self.save_for_backward(x)\n"
    "        return x * x\n    def backward(self, g):\n        x, = self.saved_tensors\n        return 2 * x * g\n"
    "t = torch.tensor([3.0], requires_grad=True)\nSquare()(t).sum().backward()\nprint(t.grad.tolist())",
)


def test_old_torch_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(OLD_TORCH, 1, "deprecated since version 1.9",
                            {"torch-old-linalg", "torch-old-fft", "torch-legacy-function"}, profile="full")
    assert stdout(after.cells[1]) == (
        "[[2.0, 1.0], [1.0, 1.0], [1.0, 2.0], [10.9635, 4.8501], [8.9332, 5.2418]]\n"
        "[1.0, 3.0] 0\n[[0.0, 1.0], [0.0, -1.0]]\nTrue\n")
    assert stdout(after.cells[2]) == "[6.0]\n"
