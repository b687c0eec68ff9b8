"""scikit-learn calls whose replacement has another shape, in a real kernel: export_graphviz called for its file
(result thrown away) writes tree.dot again, which the next cell reads as the 2018 notebook did."""

from __future__ import annotations

from support import code_notebook, stdout


def test_export_graphviz_writes_the_file_a_later_cell_reads(fails_then_runs):
    nb = code_notebook(
        "from sklearn.datasets import load_iris\nfrom sklearn.tree import DecisionTreeClassifier, export_graphviz\n"
        "iris = load_iris()\nclf = DecisionTreeClassifier(max_depth=1, random_state=0).fit(iris.data, iris.target)\n"
        "export_graphviz(clf, feature_names=iris.feature_names, filled=True)",
        "with open('tree.dot') as f:\n    dot = f.read()\nprint(dot.split()[0], 'petal' in dot)",
    )
    after = fails_then_runs(nb, 1, "tree.dot", {"sklearn-export-graphviz-file"})
    assert stdout(after.cells[1]) == "digraph True\n"
