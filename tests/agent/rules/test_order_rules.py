"""order_rules' shortcut: where _may_move says no cell can move, the full analysis moves none either."""

from hypothesis import given, settings
from hypothesis import strategies as st
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.framework import Context
from mlemodernizer.agent.rules.order_rules import _fix, _may_move, static_order

_CELLS = sorted({text for r in RULES.values() for pair in r.examples for text in pair}) + [
    "df = load()\nmodel = make(df)",
    "from helpers import load, make",
    "def make(x):\n    return x",
    "import numpy as np",
    "x = np.zeros(3)",
    "class Model:\n    pass",
    "m = Model()",
    "import numpy as np\nx = np.ones(2)",
    "y = np.ones(1); import numpy as np",
    "%matplotlib inline\nimport matplotlib.pyplot as plt",
    "plt.plot(x)",
    "@deco\ndef load(d=np.e):\n    return load(d)",
    "from helpers import deco",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CELLS), min_size=1, max_size=6))
def test_no_move_where_may_move_says_none(cells):
    if not _may_move(cells):
        assert _fix(cells, None, Context()) == []


def test_a_later_import_of_an_earlier_name_may_move():
    cells = ["df = load()", "from helpers import load"]
    assert _may_move(cells)
    assert [cell for cell, *_ in static_order(cells, None, Context())] == [0, 1]
    assert not _may_move(["from helpers import load", "df = load()"])
    assert static_order(["import os", "x = 1"], None, Context()) == []
    # a name imported again later, read only after the first import: nothing to move
    assert not _may_move(["import numpy as np", "x = np.ones(1)", "import numpy as np"])
    assert _may_move(["y = np.ones(1); import numpy as np", "import numpy as np"])


def test_a_star_import_stands_the_static_move_down_but_not_the_one_a_name_error_asks_for():
    from mlemodernizer.agent.rules.order_rules import error_order
    from mlemodernizer.core import CellError

    cells = ["from sklearn.metrics import *\ntrain = load()", "sns.barplot(x=train.a)", "import seaborn as sns"]
    assert static_order(cells, None, Context()) == []  # the star import may bind sns
    ctx = Context()
    ctx.error = CellError(ename="NameError", evalue="name 'sns' is not defined", traceback="")
    moved = {cell: new for cell, new, *_ in error_order(cells, 1, ctx)}
    assert moved == {1: "import seaborn as sns\nsns.barplot(x=train.a)", 2: ""}
