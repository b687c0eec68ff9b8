"""LightGBM code of a Kaggle GPU kernel in the CPU-only environment: device='gpu' and the fit keywords of 3.x
(early_stopping_rounds=None beside the notebook's own callbacks), repaired by the static pass of
boosting_rules.py and run in a real kernel."""

from __future__ import annotations

from support import code_notebook, stdout

GPU_KERNEL = code_notebook(
    "import numpy as np\nimport lightgbm as lgb\nrng = np.random.default_rng(0)\n"
    "X = rng.normal(size=(200, 3))\ny = (X[:, 0] > 0).astype(int)\nseen = []",
    "params = {'objective': 'binary', 'device': 'gpu', 'verbose': -1, 'n_estimators': 5}\n"
    "m = lgb.LGBMClassifier(**params)\n"
    "m.fit(X, y, eval_set=[(X, y)], early_stopping_rounds=None, verbose=2, callbacks=[lambda env: seen.append(env.iteration)])\n"
    "print(seen, m.n_estimators_)",
)


def test_a_gpu_kernel_trains_on_the_cpu_with_its_callbacks(fails_then_runs):
    after = fails_then_runs(GPU_KERNEL, 1, "unexpected keyword argument", {"lightgbm-gpu-device", "lightgbm-fit-callbacks"})
    assert stdout(after.cells[1]).splitlines()[-1] == "[0, 1, 2, 3, 4] 5"  # the notebook's callback ran every round
