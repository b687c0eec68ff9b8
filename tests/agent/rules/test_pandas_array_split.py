"""pandas-array-split and pandas-array-split-pieces: numpy split a frame or Series into frames or Series
through their swapaxes until pandas 3.0 removed it; now the pieces are arrays. In the real tabular kernel the
static pass gives a named frame's pieces back, and the error of a piece read as a Series (inside a process
pool's worker) gives back those of a function's parameter."""

from mlemodernizer.agent.rules import fix_error, fix_static
from support import code_notebook, run_local, stdout

CHUNKS = code_notebook(
    "import numpy as np\nimport pandas as pd\nfrom multiprocessing import Pool\n"
    "train = pd.DataFrame({'text': ['a', 'bb', 'ccc', 'dddd', 'eeeee'], 'n': [1, 2, 3, 4, 5]},\n"
    "                     index=[10, 11, 12, 13, 14])\n"
    "for chunk in np.array_split(train, 2):\n"
    "    print(type(chunk).__name__, chunk.index.tolist(), [str(t) for t in chunk.dtypes])",
    "def _apply(args):\n    part, func = args\n    return part.apply(func)\n\n"
    "def apply_by_multiprocessing(series, func, workers=2):\n"
    "    with Pool(workers) as pool:\n"
    "        return pd.concat(pool.map(_apply, [(d, func) for d in np.array_split(series, workers)]))",
    "lengths = apply_by_multiprocessing(train['text'], len)\nprint(lengths.tolist(), lengths.index.tolist())",
)


def test_pieces_of_a_frame_and_of_a_parameter_are_frames_and_series_again(tmp_path, apply):
    static = fix_static(CHUNKS)
    assert [(e.cell, e.rule_ids) for e in static] == [(0, ["pandas-array-split"])]
    fixed = apply(CHUNKS, static)
    before = run_local(fixed, tmp_path / "before")
    bad = before.first_failure
    assert bad is not None and bad.index == 2, before.summary()  # the parameter is not evidently a frame
    assert "'numpy.ndarray' object has no attribute 'apply'" in bad.error.evalue
    edits = fix_error(fixed, bad.index, bad.error, [])
    assert [(e.cell, e.origin) for e in edits] == [(1, "rule:pandas-array-split-pieces")]
    after = run_local(apply(fixed, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    # pandas 2's pieces: 3 and 2 rows by position, with their labels and dtypes
    assert stdout(after.cells[0]) == ("DataFrame [10, 11, 12] ['str', 'int64']\n"
                                      "DataFrame [13, 14] ['str', 'int64']\n")
    assert stdout(after.cells[2]) == "[1, 2, 3, 4, 5] [10, 11, 12, 13, 14]\n"
