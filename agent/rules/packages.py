"""Lint only: imports of packages the locked environment does not have (no rule can fix that).

The lock file lists distributions; notebooks import modules. The few whose names
differ are mapped here; everything else is compared by normalised name.
"""

from __future__ import annotations

import ast
import re
import sys
from functools import lru_cache
from pathlib import Path

from .framework import statements
from .masking import parse_masked

LOCK_DIR = Path(__file__).resolve().parents[2] / "executor" / "image"
# import name -> distribution name, where they differ
DISTRIBUTION = {
    "sklearn": "scikit-learn",
    "cv2": "opencv-contrib-python-headless",
    "ot": "pot",
    "PIL": "pillow",
    "xgboost": "xgboost-cpu",
    "imblearn": "imbalanced-learn",
    "dateutil": "python-dateutil",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "skimage": "scikit-image",
    "mpl_toolkits": "matplotlib",
    "google": "protobuf",
    "attr": "attrs",
    "IPython": "ipython",
    "ipykernel": "ipykernel",
    "pylab": "matplotlib",
    "tf_keras": "tf-keras",
    "pkg_resources": "setuptools",
    "bayes_opt": "bayesian-optimization",
    "skopt": "scikit-optimize",
    "umap": "umap-learn",
    "sqlalchemy": "SQLAlchemy",
}


@lru_cache(maxsize=4)
def locked_distributions(profile: str = "tabular") -> frozenset[str]:
    path = LOCK_DIR / f"{profile}.lock"
    if not path.is_file():
        return frozenset()
    names = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", path.read_text(), re.MULTILINE)
    return frozenset(_normal(n) for n in names)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def missing_imports(sources: list[str], helpers: set[str], profile: str = "tabular") -> list[tuple[int, int, str]]:
    """(cell position in ``sources``, line, module) for each import the environment cannot satisfy."""
    locked = locked_distributions(profile)
    if not locked:
        return []
    found = []
    for i, source in enumerate(sources):
        tree = parse_masked(source) if "import" in source else None
        if tree is None:
            continue
        for node in statements(tree):  # an import is a statement: expressions need not be walked
            if isinstance(node, ast.Import):
                modules = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules = [node.module.split(".")[0]]
            else:
                continue
            for module in modules:
                if module in sys.stdlib_module_names or module in helpers or module == "__future__":
                    continue
                if _normal(DISTRIBUTION.get(module, module)) not in locked:
                    found.append((i, node.lineno, module))
    return found
