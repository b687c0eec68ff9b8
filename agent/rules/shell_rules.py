"""Shell and magic lines that install packages or reach the network: neutralised with a note.

The environment is fixed (``pip install`` would change it, or fail without
network) and has no network (downloads, Kaggle submissions and uploads fail),
so these lines are commented out, keeping the original text visible.
"""

from __future__ import annotations

import re

from .framework import rule
from .masking import cell_magic

NOTE = "# mlemod: disabled, the environment is fixed and has no network: "
_NETWORK = re.compile(
    r"^(sudo\s+)?(pip3?|python3?\s+-m\s+pip|conda|mamba|apt(-get)?|easy_install|wget|curl|kaggle|kg|git\s+clone|"
    r"gsutil|aws\s+s3|huggingface-cli|gdown)\b"
)
_SHELL_CELLS = {"bash", "sh", "script", "system"}


def _is_network(command: str) -> bool:
    return bool(_NETWORK.match(command.strip()))


def neutralise(source: str, ctx=None) -> str:
    lines = source.split("\n")
    magic = cell_magic(source)
    if magic in _SHELL_CELLS:  # %%bash body lines are shell commands
        first = next(i for i, line in enumerate(lines) if line.strip())
        for i in range(first + 1, len(lines)):
            if _is_network(lines[i]) and not lines[i].lstrip().startswith("#"):
                lines[i] = NOTE + lines[i]
        return "\n".join(lines)
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        command = None
        if stripped.startswith("!"):
            command = stripped[1:]
        elif re.match(r"^%(pip|conda)\b", stripped):
            command = stripped[1:]
        if command is not None and _is_network(command):
            # ``pass`` keeps an indented block valid when the line was its only statement.
            lines[i] = f"{indent}pass  {NOTE}{stripped}" if indent else f"{NOTE}{stripped}"
    return "\n".join(lines)


neutralise.text_rule = True  # type: ignore[attr-defined]  # the engine runs it on raw, unmasked text

rule(
    "shell-network",
    library="environment",
    changed_in="the fixed environment",
    rationale="package installs, downloads and Kaggle submissions (!pip install, !wget, !kaggle ...) cannot run "
    "in the fixed, offline environment; the line is commented out with a note.",
    needles=("pip", "conda", "wget", "curl", "kaggle", "kg ", "git clone", "apt", "gsutil", "gdown", "huggingface"),
    examples=(
        (
            "!pip install xgboost\nimport xgboost",
            "# mlemod: disabled, the environment is fixed and has no network: !pip install xgboost\nimport xgboost",
        ),
        (
            "%%bash\nkaggle competitions submit -c titanic -f s.csv",
            "%%bash\n# mlemod: disabled, the environment is fixed and has no network: kaggle competitions submit -c titanic -f s.csv",
        ),
        ("!ls ../input", "!ls ../input"),
    ),
)(neutralise)
