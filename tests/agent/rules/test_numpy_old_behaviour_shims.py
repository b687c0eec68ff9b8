"""The numpy shims of numpy_float_truncation and numpy_booleans give what numpy before 1.12 / 1.13 / 2.2 gave
(numpy 1.11's int() of a float size or index, bool subtract as xor, bool negative as not, an empty array false),
and leave everything else to today's operator."""

import numpy as np
import pytest
from mlemodernizer.agent.rules import old_numpy


def test_int_shape_truncates_each_size_as_numpy_1_11():
    assert old_numpy.int_shape(2.7) == 2
    assert old_numpy.int_shape(np.float64(3.0)) == 3
    assert old_numpy.int_shape((2.0, 3)) == (2, 3)
    assert old_numpy.int_shape([np.float32(4.9), 1.0]) == (4, 1)
    assert old_numpy.int_shape(5) == 5
    assert np.zeros(old_numpy.int_shape((2.5, 3.0))).shape == (2, 3)


def test_old_index_truncates_float_scalars_of_arrays_only():
    a = np.arange(10) * 10
    assert a[old_numpy.old_index(a, 2.9)] == 20
    assert list(a[old_numpy.old_index(a, [1.0, 3.5])]) == [10, 30]
    assert old_numpy.old_index({1.5: "x"}, 1.5) == 1.5  # another container keeps its key
    assert old_numpy.old_index(a, slice(1, 3)) == slice(1, 3)
    assert list(a[old_numpy.old_index(a, slice(1.9, 8 * 0.5, 2.0))]) == [10, 30]  # numpy 1.11's slice_GetIndices
    assert old_numpy.old_index([1, 2], slice(0.5, None)) == slice(0.5, None)
    grid = np.arange(12).reshape(3, 4)
    assert old_numpy.old_item(grid, (1.0, 2.2)) == 6
    assert old_numpy.old_item(grid, 2.0).tolist() == [8, 9, 10, 11]


def test_boolean_subtract_and_negative_are_xor_and_not():
    a, b = np.array([True, True, False, False]), np.array([True, False, True, False])
    assert old_numpy.old_subtract(a, b).tolist() == [False, True, True, False]
    assert old_numpy.old_subtract(np.bool_(True), True) == np.False_
    assert old_numpy.old_negative(a).tolist() == [False, False, True, True]
    assert old_numpy.old_subtract(np.array([3, 1]), np.array([1, 1])).tolist() == [2, 0]  # not booleans: arithmetic
    assert old_numpy.old_subtract(True, True) == 0  # Python's own bools never went through numpy
    assert old_numpy.old_negative(np.array([2])).tolist() == [-2]


def test_empty_array_is_false():
    assert old_numpy.old_truth(np.array([])) is False
    assert old_numpy.old_truth(np.array([3])) is True
    assert old_numpy.old_truth([]) is False
    with pytest.raises(ValueError, match="ambiguous"):
        old_numpy.old_truth(np.array([1, 2]))
