"""The bounds that keep a prompt inside a small model's context window, the shared tables, and the import scan."""

from __future__ import annotations

import re
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"

# Bounds that keep a prompt inside a small model's context window.
MAX_CELLS_CHARS = 14_000  # the cells shown in full (the failing cell is always shown)
SMALL_NOTEBOOK_CHARS = 5_000  # up to this much code before the failing cell, every cell is shown
MAX_CELL_CHARS = 2_500  # a context cell longer than this shows only its lines that bear on the failure
MAX_LATER_CELLS = 3
MAX_SUMMARIES = 30  # one-line summaries of cells not shown, nearest the failing cell first
MAX_TRACEBACK_CHARS = 5_000
MAX_MESSAGE_CHARS = 1_500  # an exception message (9 KB of column names happen)
MAX_LIBRARY_FRAMES = 3  # library frames kept at the end of the traceback
MAX_FRAME_LINES = 8  # code lines shown per traceback frame
MAX_OUTPUT_CHARS = 3_000
MAX_CELL_OUTPUT_CHARS = 400  # one cell's stored output in the listing
MAX_OUTPUTS_CHARS = 1_500  # all stored outputs in the listing
MAX_SHELL_CHARS = 1_500  # the failing cell's own stderr/stdout
MAX_ATTEMPTS_SHOWN = 8
MAX_DIFF_LINES = 14
MAX_ATTEMPT_TRACEBACK_CHARS = 1_200
LONG_LITERAL_CHARS = 1_500  # a cell this long that is mostly one literal is data, not code

# Import name -> distribution names it may be installed as (the fingerprint is keyed by distribution;
# the locks install some packages under a variant name, e.g. xgboost-cpu, opencv-python-headless).
IMPORT_TO_DIST = {
    "sklearn": ("scikit-learn",), "PIL": ("pillow",), "skimage": ("scikit-image",), "yaml": ("pyyaml",),
    "cv2": ("opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"),
    "xgboost": ("xgboost", "xgboost-cpu"), "tensorflow": ("tensorflow", "tensorflow-cpu"),
    "bs4": ("beautifulsoup4",), "dateutil": ("python-dateutil",), "mpl_toolkits": ("matplotlib",),
    "imblearn": ("imbalanced-learn",), "Bio": ("biopython",), "Levenshtein": ("python-levenshtein",),
}

IMPORT_RE = re.compile(r"^[ \t]*(?:from[ \t]+(?P<from>[A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+(?P<names>[^\n#;]+))",
                        re.MULTILINE)


def imports_in(texts) -> set[str]:
    """The top-level modules that ``texts`` (cells, files) import, found by a regex so that Python 2 code counts."""
    found: set[str] = set()
    for text in texts:
        for match in IMPORT_RE.finditer(text):
            if match.group("from"):
                if not match.group("from").startswith("."):
                    found.add(match.group("from").split(".")[0])
                continue
            for part in match.group("names").split(","):
                name = part.strip().split(" ")[0].strip("()\\")
                if name:
                    found.add(name.split(".")[0])
    return found
