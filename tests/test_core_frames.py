"""Which cell a traceback's notebook frame is: IPython names it by execution count, the loop needs the cell."""

from mlemodernizer.core import CellError

HELPERS = [
    "import pandas as pd",
    "def input_age(cols):\n    \n    Pclass = cols[0]\n    Age = cols[1]\n    return Age",
    "def input_fare(cols):\n    \n    Pclass = cols[0]\n    Fare = cols[1]\n    return Fare",
    "train['Age'] = train[['Pclass', 'Age']].apply(input_age, axis=1)",
]

TRACEBACK = """KeyError                                  Traceback (most recent call last)
Cell In[7], line 1
----> 1 train['Age'] = train[['Pclass', 'Age']].apply(input_age, axis=1)

File /env/pandas/core/frame.py:15427, in DataFrame.apply(self, func, axis)
  15427 return op.apply()

Cell In[{count}], line 3, in {name}(cols)
      1 def {name}(cols):
      2 {blank}
----> 3     Pclass = cols[0]
      4     {second} = cols[1]

File /env/pandas/core/series.py:1102, in Series.__getitem__(self, key)
KeyError: 0"""


def error(name: str, second: str) -> CellError:
    text = TRACEBACK.format(count=5, name=name, blank="   ", second=second)
    return CellError(ename="KeyError", evalue="0", traceback=text, line=1)


def test_a_helper_is_told_from_another_with_the_same_failing_line_by_the_lines_shown_around_it():
    assert error("input_age", "Age").deepest_cell_frame(3, HELPERS) == (1, 3)
    assert error("input_fare", "Fare").deepest_cell_frame(3, HELPERS) == (2, 3)


def test_a_frame_no_cell_matches_line_for_line_stays_unknown():
    # both helpers begin the same way, and the line shown after the failing one is in neither
    assert error("input_age", "Tax").deepest_cell_frame(3, HELPERS) is None
