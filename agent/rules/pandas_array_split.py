"""numpy's split of a pandas object: pieces of the frame before pandas 3.0, arrays since.

``np.array_split(df, n)`` (and ``np.split``) reaches the object through ``swapaxes``: numpy calls the
object's own method of that name when it has one. DataFrame and Series had ``swapaxes`` until pandas 3.0
removed it, so each piece was a frame (or Series) with its labels and dtypes, sliced by position; today numpy
converts the whole object to one array first and the pieces are arrays. The chunks-for-a-process-pool pattern
(``pool.map(work, np.array_split(df, cores))``, then ``pd.concat``) fails later, far from the split, in
whatever first reads a piece as a frame. The pieces come back by position with ``iloc`` on the row numbers
that numpy splits the same way, so the sizes (and np.split's refusal of an unequal split) are unchanged.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, code_of, frame_expression, kwarg, module_call, positional, read_once, rule
from .pandas_raises_rules import _labelled_series

_SPLITS = ("array_split", "split")
# what a piece is asked for that a frame or Series has and an array does not
_PANDAS_ONLY = ("apply|applymap|map|iloc|loc|iat|at|columns|index|groupby|str|dt|values|fillna|isnull|isna|notnull|"
                "notna|dropna|drop|merge|join|head|tail|to_csv|reset_index|set_index|value_counts|unique|nunique|"
                "rename|assign|replace|to_numpy|agg|aggregate|transform|progress_apply|parallel_apply|iterrows|"
                "itertuples|items|pipe|query|sort_values|to_frame|to_dict|to_list")
_ARRAY_PIECE = (
    ("AttributeError", rf"^'numpy\.ndarray' object has no attribute '({_PANDAS_ONLY})'"),
    ("IndexError", r"^only integers, slices \(`:`\), ellipsis \(`\.\.\.`\), numpy\.newaxis"),
    ("TypeError", r"^cannot concatenate object of type '<class 'numpy\.ndarray'>'"),
)
_EVIDENT_ARRAY = re.compile(r"\.(values|to_numpy\(\))$|^(np|numpy)\.|^\[")


def _split_rows(call: cst.Call, numpy: str, function: str) -> cst.BaseExpression:
    """``[x.iloc[_rows] for _rows in np.array_split(np.arange(len(x)), n)]`` for ``np.array_split(x, n)``."""
    data, *rest = call.args
    others = ", ".join(code_of(a.with_changes(comma=cst.MaybeSentinel.DEFAULT)) for a in rest)
    return read_once(data.value, lambda x: f"[{x}.iloc[_rows] for _rows in {numpy}.{function}("
                                           f"{numpy}.arange(len({x})), {others})]")


class _SplitRows(RuleTransformer):
    keyed = False  # by the error: the split of a piece of the failing cell that is not evidently an array

    def visit_Module(self, node) -> None:
        self.candidates = 0
        if self.keyed:  # exactly one split in the cell can be the one whose pieces became arrays
            calls = [c for c in m.findall(node, m.Call()) if self._splits(c) and not self._array(c)]
            self.candidates = len(calls)

    def _splits(self, call: cst.Call) -> str | None:
        function = module_call(call, self.ctx, "numpy")
        given = positional(call)
        axis = kwarg(call, "axis") or (given[2] if len(given) > 2 else None)
        if function not in _SPLITS or len(given) < 2 or any(a.star for a in call.args):
            return None
        if axis is not None and code_of(axis.value) != "0":
            return None  # along the columns a frame went through its transpose (object dtypes): not written
        return function

    def _array(self, call: cst.Call) -> bool:
        """Whether what ``call`` splits is evidently an array: ``.values``, a numpy call, a list, or a name the
        notebook binds to one of them."""
        data = code_of(positional(call)[0].value)
        if _EVIDENT_ARRAY.search(data):
            return True
        name = re.escape(data)
        return data.isidentifier() and bool(re.search(
            rf"(?m)^\s*{name}\s*=\s*(np|numpy)\.|^\s*{name}\s*=.*\.values\s*$", self.ctx.text))

    def leave_Call(self, original, updated):
        function = self._splits(updated)
        if function is None or not isinstance(updated.func, cst.Attribute):
            return updated
        data = positional(updated)[0].value
        if self.keyed:
            if self.candidates != 1 or self._array(updated):
                return updated
        elif not (frame_expression(data, self.ctx) or (  # a frame, or its column (not a method's result)
                not isinstance(data, cst.Call) and _labelled_series(data, self.ctx.frames))):
            return updated
        return _split_rows(updated, code_of(updated.func.value), function)


_RATIONALE = ("numpy split a DataFrame or Series through the object's own swapaxes, so the pieces were frames "
              "(or Series) with their labels; pandas 3.0 removed swapaxes and the pieces are arrays now. Each piece "
              "is taken back by position with iloc, on row numbers numpy splits the same way.")


@rule(
    "pandas-array-split",
    library="pandas",
    changed_in="pandas 3.0 (DataFrame/Series.swapaxes removed)",
    rationale=_RATIONALE + " Where the object is evidently pandas (a frame the notebook builds, its column).",
    pattern=r"\b(?:np|numpy)\.(?:array_)?split\(|from numpy import[^\n]*\b(?:array_)?split\b",
    examples=(
        ("import numpy as np\ntrain = pd.read_csv(f)\nparts = np.array_split(train, 4)",
         "import numpy as np\ntrain = pd.read_csv(f)\n"
         "parts = [train.iloc[_rows] for _rows in np.array_split(np.arange(len(train)), 4)]"),
        ("import numpy as np\ndf = pd.read_csv(f)\nfor chunk in np.split(df['text'], 2, axis=0):\n    print(chunk)",
         "import numpy as np\ndf = pd.read_csv(f)\n"
         "for chunk in [df['text'].iloc[_rows] for _rows in np.split(np.arange(len(df['text'])), 2, axis=0)]:\n"
         "    print(chunk)"),
        ("import numpy as np\nparts = np.array_split(pd.read_csv(f).dropna(), n)",
         "import numpy as np\nparts = pd.read_csv(f).dropna().pipe(lambda x_: "
         "[x_.iloc[_rows] for _rows in np.array_split(np.arange(len(x_)), n)])"),
        # an array, a name the notebook does not build as a frame, the columns' axis: left
        ("import numpy as np\ndf = pd.read_csv(f)\na = np.array_split(df.values, 3)\nb = np.array_split(x, 3)\n"
         "c = np.array_split(df, 3, axis=1)",
         "import numpy as np\ndf = pd.read_csv(f)\na = np.array_split(df.values, 3)\nb = np.array_split(x, 3)\n"
         "c = np.array_split(df, 3, axis=1)"),
    ),
)
class ArraySplitOfFrame(_SplitRows):
    pass


@rule(
    "pandas-array-split-pieces",
    library="pandas",
    changed_in="pandas 3.0 (DataFrame/Series.swapaxes removed)",
    rationale=_RATIONALE + " Keyed by a piece read as a frame (an array has no .apply, takes no column name, "
    "cannot be concatenated by pd.concat), on the one split of the failing cell whose object is not evidently "
    "an array (a function's parameter: def parallelize(df, func)).",
    kind="error",
    signatures=_ARRAY_PIECE,
    error_examples=(
        ("AttributeError: 'numpy.ndarray' object has no attribute 'apply'", 5,
         "import numpy as np\nfrom multiprocessing import Pool\ndef parallelize(df, func, n=4):\n"
         "    with Pool(n) as pool:\n        return pd.concat(pool.map(func, np.array_split(df, n)))",
         "import numpy as np\nfrom multiprocessing import Pool\ndef parallelize(df, func, n=4):\n"
         "    with Pool(n) as pool:\n"
         "        return pd.concat(pool.map(func, [df.iloc[_rows] for _rows in np.array_split(np.arange(len(df)), n)]"
         "))"),
        # two splits in the cell, or one of an array: no telling, or no frame
        ("IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean "
         "arrays are valid indices", 2, "import numpy as np\na, b = np.array_split(x, 2), np.array_split(y, 2)",
         "import numpy as np\na, b = np.array_split(x, 2), np.array_split(y, 2)"),
        ("TypeError: cannot concatenate object of type '<class 'numpy.ndarray'>'; only Series and DataFrame objs "
         "are valid", 3, "import numpy as np\nX = np.zeros((4, 2))\nparts = pd.concat(np.array_split(X, 2))",
         "import numpy as np\nX = np.zeros((4, 2))\nparts = pd.concat(np.array_split(X, 2))"),
    ),
)
class ArraySplitPieces(_SplitRows):
    keyed = True
