"""The catalogue entries found for an error: what the model is told when no rule repaired it."""

from __future__ import annotations

from mlemodernizer.agent.catalogue import entries
from mlemodernizer.agent.catalogue.lookup import describe, for_error, import_name


def ids(*args) -> list[str]:
    return [entry.id for entry in for_error(*args)]


def test_a_removed_method_is_found_by_its_message_in_a_library_the_notebook_imports():
    found = ids("AttributeError", "'DataFrame' object has no attribute 'append'", "df = df.append(row)", {"pandas"})
    assert "pandas-append" in found
    assert ids("AttributeError", "'DataFrame' object has no attribute 'append'", "df.append(row)", {"numpy"}) == []


def test_the_callable_the_line_names_narrows_a_message_many_entries_share():
    message = "LinearRegression.__init__() got an unexpected keyword argument 'normalize'"
    found = ids("TypeError", message, "m = LinearRegression(normalize=True)", {"sklearn"})
    assert found == ["sklearn-linearregression-normalize"]


def test_a_removed_module_is_found_whichever_import_error_python_raises():
    for ename in ("ModuleNotFoundError", "ImportError"):
        found = ids(ename, "No module named 'sklearn.cross_validation'", "from sklearn.cross_validation import KFold",
                    {"sklearn"})
        assert found == ["sklearn-module-cross-validation"]


def test_a_refused_value_must_be_the_entrys_own():
    head = "The 'penalty' parameter of LogisticRegression must be a str among {'l2', 'l1', 'elasticnet'} or None."
    line = "lr = LogisticRegression(penalty)"
    assert ids("InvalidParameterError", f"{head} Got 'none' instead.", line, {"sklearn"}) == ["sklearn-logreg-penalty-none"]
    # the author passed the grid's best parameters positionally: not the removed 'none'
    assert ids("InvalidParameterError", f"{head} Got {{'C': 0.01}} instead.", line, {"sklearn"}) == []


def test_python_entries_need_no_import_and_unrelated_errors_find_nothing():
    assert ids("NameError", "name 'raw_input' is not defined", "x = raw_input()", set()) == ["python-raw-input"]
    assert ids("KeyError", "'Survived'", "y = df['Survived']", {"pandas", "sklearn"}) == []
    assert ids("NameError", "name 'model' is not defined", "model.fit(X, y)", {"pandas"}) == []


def test_an_entry_no_rule_covers_is_described_with_its_successor_and_its_caveat():
    (entry,) = for_error("ImportError", "cannot import name 'LSHForest' from 'sklearn.neighbors' (/x/__init__.py)",
                         "from sklearn.neighbors import LSHForest", {"sklearn"})
    text = describe(entry)
    assert not entry.covered
    assert text.startswith(f"sklearn {entry.version} removed `sklearn.neighbors.LSHForest`; now: none")
    assert f"(no rewrite is automatic: {entry.why})" in text and text.endswith("[catalogue: sklearn-lshforest]")
    covered = describe(next(e for e in entries() if e.id == "pandas-append"))
    assert "no rewrite is automatic" not in covered


def test_every_raising_entry_is_found_by_its_own_message():
    """An entry's recorded message is the fragment the lookup matches: each finds itself on its own line, or
    an entry of its library that the line names more closely (make_scorer(mean_squared_error, squared=False)
    fails in mean_squared_error, whose own entry names both the callable and the keyword)."""
    missed = set()
    for entry in entries():
        if not entry.raises or not entry.message:
            continue
        found = for_error(entry.raises, f"prefix {entry.message} suffix", entry.old, {import_name(entry.library)}, 50)
        if entry not in found:
            assert found and all(other.library == entry.library for other in found), entry.id
            missed.add(entry.id)
    assert missed == {"sklearn-make-scorer-squared"}
