"""signatures.closest: the guess catalogue-keyword makes for a keyword the catalogue does not know, and what the
old releases' parameters (old_parameters.json) rule out."""

from __future__ import annotations

from mlemodernizer.agent.rules.signatures import closest, old_parameters


def test_the_one_parameter_that_contains_or_nearly_spells_the_old_one():
    assert closest("sparse", ("categories", "drop", "sparse_output", "dtype")) == "sparse_output"
    assert closest("lags", ("x", "nlags", "store")) == "nlags"
    assert closest("tol", ("rtol", "atol", "maxiter")) is None  # two candidates: no guess
    assert closest("colour", ("categories", "dtype")) is None
    assert closest("dtype", ("dtype", "copy")) is None  # not a lost keyword at all


def test_a_parameter_that_always_sat_beside_the_old_one_is_not_where_it_went():
    today = ("array", "accept_sparse", "dtype", "order", "copy", "ensure_all_finite")
    every = frozenset({"array", "accept_sparse", "dtype", "order", "copy", "force_all_finite", "warn_on_dtype"})
    assert closest("warn_on_dtype", today) == "dtype"  # the bare guess: wrong, check_array dropped it
    assert closest("warn_on_dtype", today, (every, every)) is None
    assert closest("force_all_finite", today, (every, every)) == "ensure_all_finite"  # a real rename still found


def test_a_parameter_that_came_while_the_old_one_was_retired_may_be_its_rename():
    today = ("io", "sheet_name", "header", "skipfooter")
    every = frozenset({"io", "sheetname", "sheet_name", "header", "skip_footer", "skipfooter"})
    always = frozenset({"io", "sheet_name", "header", "skipfooter"})  # sheetname gone from a later old release
    assert closest("sheetname", today, (every, always)) == "sheet_name"
    assert closest("skip_footer", today, (every, always)) == "skipfooter"


def test_a_keyword_no_old_release_took_is_a_slip_not_an_old_name():
    today = ("io", "sheet_name")
    assert closest("sheet", today) == "sheet_name"
    assert closest("sheet", today, (frozenset({"io", "sheetname"}), frozenset({"io"}))) is None
    assert closest("sheet", today, (frozenset({"io", "**"}), frozenset({"io"}))) == "sheet_name"  # **kwargs took it


def test_the_shipped_table_holds_what_the_old_releases_said():
    every, always = old_parameters("sklearn.utils.check_array")
    assert {"warn_on_dtype", "dtype"} <= always  # side by side from 0.18 to 0.22
    every, always = old_parameters("pandas.read_excel")
    assert {"skip_footer", "skipfooter"} <= every and "skip_footer" not in always  # retired within the releases read
    assert "**" in every  # 0.23 took sheetname through **kwds: not a slip
    assert closest("sheetname", ("io", "sheet_name", "header"), (every, always)) == "sheet_name"
    assert old_parameters("sklearn.no_such_callable") is None
    assert old_parameters("nosuchlibrary.read") is None
