"""The shims of old_skimage.py and old_statsmodels.py give what the removed code gave (the outputs below were worked
out from scikit-image 0.22's and statsmodels 0.12's source); the ones that need xgboost or optuna are run against
the locked environment by the catalogue's repair harness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from mlemodernizer.agent.rules import old_skimage, old_statsmodels
from scipy import ndimage as ndi
from skimage import morphology

IMAGE = np.random.RandomState(0).randint(0, 255, (9, 11)).astype(np.uint8)


@pytest.mark.parametrize("shift_x, shift_y, padded", [
    # a 2x2 footprint grew a zero row and column before it, or after it on a shifted axis
    (False, False, [[0, 0, 0], [0, 1, 1], [0, 1, 1]]),
    (True, False, [[0, 1, 1], [0, 1, 1], [0, 0, 0]]),
    (False, True, [[0, 0, 0], [1, 1, 0], [1, 1, 0]]),
    (True, True, [[1, 1, 0], [1, 1, 0], [0, 0, 0]]),
])
def test_shifted_morphology_pads_the_footprint_as_before(shift_x, shift_y, padded):
    padded = np.array(padded, np.uint8)
    square = np.ones((2, 2), np.uint8)
    erosion = old_skimage.shifted(morphology.erosion, IMAGE, square, shift_x=shift_x, shift_y=shift_y)
    assert np.array_equal(erosion, ndi.grey_erosion(IMAGE, footprint=padded))
    # dilation handed ndimage the footprint mirrored
    dilation = old_skimage.shifted(morphology.dilation, IMAGE, None, None, shift_x, shift_y, selem=square)
    assert np.array_equal(dilation, ndi.grey_dilation(IMAGE, footprint=padded[::-1, ::-1]))


def test_categorical_of_an_array_stacks_float_dummies_after_it():
    a = np.array([3.0, 1.0, 3.0])
    assert old_statsmodels.categorical(a, drop=True).tolist() == [[0, 1], [1, 0], [0, 1]]
    assert old_statsmodels.categorical(a).tolist() == [[3, 0, 1], [1, 1, 0], [3, 0, 1]]
    data, names = old_statsmodels.categorical(np.column_stack([a, -a]), col=0, drop=True, dictnames=True)
    assert data.tolist() == [[-3, 0, 1], [-1, 1, 0], [-3, 0, 1]] and names == {1: 1.0, 2: 3.0}


def test_categorical_of_pandas_data_gives_uint8_dummies_beside_the_column():
    s = pd.Series(["b", "a", "b"], name="g")
    out = old_statsmodels.categorical(s)
    assert list(out.columns) == ["a", "b", "g"] and out["a"].dtype == np.uint8 and out["g"].tolist() == ["b", "a", "b"]
    dummies, names = old_statsmodels.categorical(pd.DataFrame({"g": s, "v": [1, 2, 3]}), col="g", drop=True,
                                                 dictnames=True)
    assert dummies.to_numpy().tolist() == [[0, 1], [1, 0], [0, 1]] and names == {0: "a", 1: "b"}


class _Results:
    def __init__(self, ci):
        self.ci = ci

    def conf_int(self, alpha=0.05):
        return self.ci


def test_conf_int_cols_picks_rows_and_keeps_the_wrappers_labels():
    ci = np.arange(6.0).reshape(3, 2)
    assert old_statsmodels.conf_int_cols(_Results(ci), 0.1, [2, 0]).tolist() == [[4, 5], [0, 1]]
    frame = pd.DataFrame(ci, index=["a", "b", "c"])
    relabelled = old_statsmodels.conf_int_cols(_Results(frame), cols=[2, 0, 1])
    assert relabelled.index.tolist() == ["a", "b", "c"] and relabelled.to_numpy()[0].tolist() == [4, 5]
    with pytest.raises(ValueError):  # fewer rows than parameters: the old wrapper failed too
        old_statsmodels.conf_int_cols(_Results(frame), cols=[1])
