"""Builders for the insight tests: real PNGs drawn by matplotlib, real notebooks written by nbformat.

Tests import them from ``insight_support`` (this folder is put on sys.path by conftest.py, since
--import-mode=importlib does not).
"""

from __future__ import annotations

import base64
import io
import textwrap
from pathlib import Path

import nbformat
import numpy as np
from mlemodernizer.core import Notebook, parse_notebook


def png(kind: str = "line", seed: int = 0, size: tuple[float, float] = (4, 3), dpi: int = 72) -> bytes:
    """A PNG as a notebook stores it: a matplotlib figure drawn on the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rng = np.random.default_rng(seed)
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    if kind == "hist":
        ax.hist(rng.normal(size=500), bins=20)
    elif kind == "scatter":
        ax.scatter(rng.normal(size=80), rng.normal(size=80))
    elif kind == "bar":
        ax.bar(list("abcde"), rng.integers(1, 10, size=5))
    elif kind == "heatmap":
        ax.imshow(rng.random((6, 6)), cmap="viridis")
    else:
        ax.plot(rng.normal(size=60).cumsum())
    ax.set_title(kind)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def image_output(raw: bytes, mime: str = "image/png") -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={mime: base64.b64encode(raw).decode(),
                                                        "text/plain": "<Figure size 288x216 with 1 Axes>"})


def build(*cells, written: str | None = None, python: str | None = "3.6.4") -> nbformat.NotebookNode:
    """Cells: a str starting with '#md ' is markdown; a str is a code cell; (source, [figure, ...]) a code cell
    with those figures as display_data outputs after a stream output, as a real run leaves them. A figure is
    PNG bytes, or a kind for ``png`` ("hist", "heatmap", ...)."""
    node = nbformat.v4.new_notebook()
    for cell in cells:
        if isinstance(cell, str) and cell.startswith("#md "):
            node.cells.append(nbformat.v4.new_markdown_cell(cell[4:]))
            continue
        source, images = (cell, []) if isinstance(cell, str) else cell
        code = nbformat.v4.new_code_cell(textwrap.dedent(source).strip("\n"))
        if images:
            code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ok\n")] + [
                image_output(png(raw) if isinstance(raw, str) else raw) for raw in images]
        node.cells.append(code)
    if python:
        node.metadata["language_info"] = {"name": "python", "version": python}
    if written:
        node.metadata["mlemodernizer"] = {"written": written}
    return node


def notebook(*cells, **kwargs) -> Notebook:
    return parse_notebook(nbformat.writes(build(*cells, **kwargs)))


def write(path: Path, node: nbformat.NotebookNode) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(node))
    return path


# A 2017-style Titanic notebook: pandas, seaborn, sklearn.cross_validation, .ix, a stored histogram and
# a confusion-matrix heatmap, a score stated in prose.
TITANIC = (
    "#md # Titanic survival\nA first look.\n\n## Loading",
    """
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import seaborn as sns
    from sklearn.cross_validation import train_test_split
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import accuracy_score, confusion_matrix
    %matplotlib inline
    """,
    "train = pd.read_csv('../input/train.csv')\ntest = pd.read_csv('../input/test.csv')\ntrain.head()",
    ("train['Age'].hist(bins=20)\nplt.show()", ["hist"]),
    "#md ## Features",
    "train['Age'] = train['Age'].fillna(train['Age'].median())\ntrain = pd.get_dummies(train, columns=['Sex'])",
    "#md ## Model\nThe random forest reaches **0.8134 accuracy** on the validation split.",
    """
    X_train, X_val, y_train, y_val = train_test_split(train.ix[:, 2:], train.Survived, test_size=0.2)
    model = RandomForestClassifier(n_estimators=100)
    model.fit(X_train, y_train)
    print(accuracy_score(y_val, model.predict(X_val)))
    """,
    ("sns.heatmap(confusion_matrix(y_val, model.predict(X_val)), annot=True)", ["heatmap"]),
    "pd.DataFrame({'PassengerId': test.PassengerId, 'Survived': model.predict(test)}).to_csv('submission.csv', index=False)",
)
