"""PyTorch 0.3-1.x code (torch_rules.py) repaired by the static pass and the error-keyed rules, and run in the
full profile's real kernel, which has torch 2.13 and no GPU: each cell prints what the old code computed.

The full environment is not built in CI: the test skips there (`mlemod run --profile full` builds it once).
"""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, needs_full, run_local

OLD = code_notebook(
    "import torch\nimport torch.nn as nn\nfrom torch._six import container_abcs, string_classes\n"
    "torch.manual_seed(0)\nnet = nn.Linear(2, 1).cuda()\ndevice = torch.device('cuda:0')\n"
    "print(isinstance([], container_abcs.Sequence), string_classes)",
    "X = torch.ones(4, 2).to(device)\ny = torch.zeros(4, 1).cuda(non_blocking=True)\n"
    "opt = torch.optim.SGD(net.parameters(), lr=0.1)\nrunning = 0.0\nfor _ in range(3):\n"
    "    opt.zero_grad()\n    loss = ((net(X) - y) ** 2).mean()\n    loss.backward()\n    opt.step()\n"
    "    running += loss.data[0]\nprint(type(running).__name__, running > 0)",
    "scores = torch.arange(4.0)\nmask = torch.tensor([1, 0, 1, 0], dtype=torch.uint8)\n"
    "print(scores.masked_fill(mask, -1.0).tolist())",
    "e, v = torch.symeig(torch.tensor([[2.0, 1.0], [1.0, 2.0]]), eigenvectors=True)\n"
    "print([round(x, 4) for x in e.tolist()], int(torch.matrix_rank(torch.eye(3))))",
    "torch.save(net, 'net.pth')\nsame = torch.load('net.pth')\nprint(type(same).__name__, torch.equal(same.weight, net.weight))",
    # a checkpoint as a GPU kernel wrote it (its storages tagged cuda:0), then loaded here
    "import torch.serialization\ntorch.serialization.location_tag = lambda storage: 'cuda:0'\n"
    "torch.save(net.state_dict(), 'gpu.pth')\nweights = torch.load('gpu.pth')\nprint(sorted(weights))",
    # predictions gathered in a list and handed to numpy, inside the notebook's own function
    "import numpy as np\ndef predict(rows):\n    preds = []\n    for r in rows:\n"
    "        preds.append(torch.round(torch.sigmoid(net(r))))\n    return np.array(preds)\n"
    "P = predict(X)\nprint(P.shape, P.dtype, P.astype(int).tolist())",
)


@needs_full
def test_torch_03_code_runs_on_torch_2_without_a_gpu(tmp_path, apply, run_repaired):
    before = run_local(OLD, tmp_path / "before", profile="full")
    assert before.first_failure.index == 0
    fixed = apply(OLD, fix_static(OLD))
    assert "torch.device('cuda:0' if torch.cuda.is_available() else 'cpu')" in fixed.cells[0].source
    record: list = []
    printed = run_repaired(fixed, 6, record, profile="full")  # the errors the static pass cannot see
    assert {rule for _, e in record for rule in e.rule_ids} == {"torch-zero-dim-index", "torch-byte-mask",
                                                               "torch-load-weights-only", "torch-cuda-on-cpu",
                                                               "torch-grad-tensors-to-numpy"}
    assert printed[0] == "True (<class 'str'>, <class 'bytes'>)\n"
    assert printed[1] == "float True\n"  # loss.item(): a Python number, as loss.data[0] was
    assert printed[2] == "[-1.0, 1.0, -1.0, 3.0]\n"
    assert printed[3] == "[1.0, 3.0] 3\n"
    assert printed[4] == "Linear True\n"
    assert printed[5] == "['bias', 'weight']\n"
    # one tensor per element, as numpy before 1.20 kept them; the submission's astype(int) reads each
    assert printed[6] == "(4,) object [0, 0, 0, 0]\n"
