"""Colab's platform calls outside Colab (agent/rules/colab_platform.py), repaired by the static pass and run in
the tabular profile's real kernel: nothing uploaded, nothing mounted, the written file kept."""

from __future__ import annotations

from support import code_notebook, stdout

COLAB = code_notebook(
    "from google.colab import files, drive\ndrive.mount('/content/drive')\nuploaded = files.upload()",
    "import pandas as pd\npd.DataFrame({'id': [1]}).to_csv('submission.csv', index=False)\n"
    "files.download('submission.csv')\nimport os\nprint(uploaded, os.path.exists('submission.csv'))",
)


def test_colab_calls_run_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(COLAB, 0, "No module named 'google", {"colab-platform-calls"})
    assert stdout(after.cells[1]) == "{} True\n"
