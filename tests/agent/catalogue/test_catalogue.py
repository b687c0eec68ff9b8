"""The erosion catalogue: every entry is well formed and true in the locked environment, every fix example
is what the generic rules do, and every changed default is reported by lint."""

from __future__ import annotations

import json

import pytest
from mlemodernizer.agent import catalogue
from mlemodernizer.agent.catalogue import changed_defaults, entries
from mlemodernizer.agent.catalogue.lookup import import_name
from mlemodernizer.agent.catalogue.probe import FULL_PROFILE_LIBRARIES, mismatches, profile_of, run_probes
from mlemodernizer.agent.rules import RULES, lint
from mlemodernizer.agent.rules.engine import transform_cell
from mlemodernizer.agent.rules.framework import build_context
from mlemodernizer.cli import main
from mlemodernizer.core import CellError
from support import code_notebook, full_ready

FIXES = [e for e in entries() if e.fix is not None]
DEFAULTS = changed_defaults()


def error_for(entry) -> CellError:
    """The error the entry's old code raises today, as a failing cell reports it."""
    fix = entry.fix
    if fix.attribute is not None and entry.raises == "NoSuchNodeError":  # a PyTables group's unknown attribute
        evalue = f"group ``/`` does not have a child named ``{entry.name}``"
    elif fix.attribute is not None:
        owner = entry.owner.rsplit(".", 1)[-1]
        head = f"module '{entry.owner}'" if entry.owner[:1].islower() else f"'{owner}' object"
        evalue = f"{head} has no attribute '{entry.name}'"
    elif fix.keyword is not None:
        callable_, param = entry.keyword_form()
        evalue = f"{callable_}() got an unexpected keyword argument '{param}'"
    elif entry.raises == "ImportError":
        module, _, name = entry.old.rpartition(".")
        evalue = f"cannot import name '{name}' from '{module}' (/env/{module.replace('.', '/')}.py)"
    else:
        evalue = f"No module named '{entry.old}'"
    return CellError(ename=entry.raises or "AttributeError", evalue=evalue, traceback="")


def repaired(source: str, rule_id: str, error: CellError, line: int | None = None) -> str:
    ctx = build_context([source])
    ctx.error, ctx.error_line = error, line
    return transform_cell(source, [RULES[rule_id]], ctx, check_wants=False).source


def test_entries_are_well_formed_and_name_real_rules():
    assert len(entries()) >= 100
    libraries = {e.library for e in entries()}
    assert {"pandas", "numpy", "sklearn", "matplotlib", "seaborn"} <= libraries
    for e in entries():
        assert e.covering_rule == "" or e.covering_rule in RULES, (e.id, e.covering_rule)
        if e.raises:
            assert e.probe, f"{e.id} raises today but has no probe to show it"


@pytest.mark.parametrize("entry", FIXES, ids=[e.id for e in FIXES])
def test_fix_example(entry):
    before, after = entry.example
    error = error_for(entry)
    assert RULES[entry.covering_rule].matches(error), "the generic rule is keyed by this error"
    assert repaired(before, entry.covering_rule, error) == after
    assert repaired(after, entry.covering_rule, error) == after  # idempotent


@pytest.mark.parametrize("library", sorted({e.library for e in entries() if e.probe}))
def test_probes_raise_what_the_entries_say(library):
    """Run each probe in the locked environment: the catalogue says what today's stack really does."""
    by_profile: dict[str, list] = {}
    for e in entries():
        if e.library == library:
            by_profile.setdefault(profile_of(e), []).append(e)
    if "full" in by_profile and (why := full_ready("local")):
        if library in FULL_PROFILE_LIBRARIES:
            pytest.skip(why)
        del by_profile["full"]  # another library's entry whose probe builds a Keras layer: the rest still run
    for profile, selected in by_profile.items():
        results = run_probes(selected, profile)
        assert results
        assert mismatches(selected, results) == []


@pytest.mark.parametrize("item", DEFAULTS, ids=[e.id for e, _, _ in DEFAULTS])
def test_changed_default_is_linted(item):
    entry, callable_, param = item
    path = entry.callable_path
    owner = path.rpartition(".")[0]
    if owner == "str":
        head, call = "import pandas as pd", f"s.str.{callable_}"
    elif owner.split(".")[0] == entry.library:  # a module function: called through its module
        head, call = f"import {owner}", path
    else:
        head, call = f"import {import_name(entry.library)}", callable_
    left = lint(code_notebook(head, f"model = {call}()"), written="2017-06")
    assert entry.id in {f.rule_id for f in left if f.severity == "warning"}
    if not param:
        return  # a default no argument sets (old = "Callable()"): every call is reported
    given = lint(code_notebook(head, f"model = {call}({param}=1)"), written="2017-06")
    assert entry.id not in {f.rule_id for f in given}
    if entry.positional_index is not None:  # the parameters before it named: the same argument by position
        by_place = ", ".join(["1"] * (entry.positional_index + 1))
        assert entry.id not in {f.rule_id for f in lint(code_notebook(head, f"model = {call}({by_place})"),
                                                        written="2017-06")}
        fewer = ", ".join(["1"] * entry.positional_index)
        assert entry.id in {f.rule_id for f in lint(code_notebook(head, f"model = {call}({fewer})"),
                                                    written="2017-06")}
    modern = {f.rule_id for f in lint(code_notebook(head, f"model = {call}()"), written="2026-06")}
    # how the library works now; unless the entry's own rule rewrites the call, which makes it old code
    assert entry.id not in modern or entry.rule in modern


def test_a_changed_default_is_reported_only_where_the_call_is_the_entrys():
    """Same last names, other callables: json.load, a Python string's replace, a File of another library."""
    nb = code_notebook(
        "import json\nimport numpy as np\nimport pandas as pd\nfrom pathlib import Path",
        "cfg = json.load(open('c.json'))\nname = 'a_b'.replace('_', ' ')\nf = File('x')\nm = pickle.load(fh)",
        "arr = np.load('a.npy')\ns = df['t'].str.replace('.', '')\nfrom numpy import load\nb = load('b.npy')",
    )
    found = {(f.cell, f.line, f.rule_id) for f in lint(nb, written="2017-06") if f.severity == "warning"}
    ids = {e.id for e, callable_, _ in DEFAULTS if callable_ in ("load", "replace", "File")}
    assert {(cell, line) for cell, line, rule_id in found if rule_id in ids} == {(2, 1), (2, 2), (2, 4)}


def test_a_method_default_is_not_reported_on_another_librarys_function_of_that_name():
    # Pillow 7's resize default: an image's resize, not cv2's, numpy's or skimage's, whatever they are called
    nb = code_notebook(
        "import cv2\nimport numpy as np\nfrom PIL import Image\nfrom skimage.transform import resize\n"
        "import skimage.transform as st",
        "img = Image.open('a.png').resize((64, 64))\nsmall = img.resize((8, 8), Image.NEAREST)\n"
        "a = cv2.resize(arr, (64, 64))\nb = np.resize(arr, (2, 2))\nc = resize(arr, (64, 64))\n"
        "d = st.resize(arr, (64, 64))\ne = img.resize(size=(8, 8))",
    )
    found = {(f.cell, f.line) for f in lint(nb, written="2017-06") if f.rule_id == "pillow-resize-default-resample"}
    assert found == {(1, 1), (1, 7)}


# --------------------------------------------------------------------------- the generic rules, on their own


@pytest.fixture
def fake_catalogue(monkeypatch):
    """Replace the catalogue with the given entries for one test."""

    def use(*raw):
        made = tuple(catalogue.Entry(library=r.pop("library", "lib"), **r) for r in raw)
        monkeypatch.setattr(catalogue, "entries", lambda: made)
        catalogue._index.cache_clear()

    yield use
    catalogue._index.cache_clear()


def test_attribute_renamed_on_the_failing_line_only(fake_catalogue):
    fake_catalogue(dict(id="x-a", version="2.0", kind="renamed", old="DataFrame.iteritems", new="items",
                        raises="AttributeError", probe="x", fix={"attribute": "items"}, example=["a", "a"]))
    source = "for k, v in train.groupby('a').first().iteritems():\n    pass\nb = other.iteritems()"
    error = CellError(ename="AttributeError", evalue="'DataFrame' object has no attribute 'iteritems'", traceback="")
    assert repaired(source, "catalogue-attribute", error, line=1) == (
        "for k, v in train.groupby('a').first().items():\n    pass\nb = other.iteritems()")
    # a Series raises for the same removal: the entry written for DataFrame serves it
    series = CellError(ename="AttributeError", evalue="'Series' object has no attribute 'iteritems'", traceback="")
    assert repaired("s.iteritems()", "catalogue-attribute", series) == "s.items()"
    # another type with an attribute of that name is not touched
    other = CellError(ename="AttributeError", evalue="'Foo' object has no attribute 'iteritems'", traceback="")
    assert repaired("s.iteritems()", "catalogue-attribute", other) == "s.iteritems()"


def test_keyword_renamed_or_dropped_by_the_callable_the_message_names(fake_catalogue):
    fake_catalogue(
        dict(id="x-k", version="1.2", kind="renamed", old="OneHotEncoder(sparse=)", new="sparse_output",
             raises="TypeError", probe="x", fix={"keyword": "sparse_output"}, example=["a", "a"]),
        dict(id="x-d", version="1.0", kind="removed", old="read_csv(squeeze=)", raises="TypeError", probe="x",
             fix={"keyword": ""}, example=["a", "a"]),
    )
    error = CellError(ename="TypeError", evalue="OneHotEncoder.__init__() got an unexpected keyword argument "
                      "'sparse'", traceback="")
    source = "enc = preprocessing.OneHotEncoder(\n    sparse=False,\n    handle_unknown='ignore')"
    assert repaired(source, "catalogue-keyword", error, line=1) == (
        "enc = preprocessing.OneHotEncoder(\n    sparse_output=False,\n    handle_unknown='ignore')")
    dropped = CellError(ename="TypeError", evalue="read_csv() got an unexpected keyword argument 'squeeze'",
                        traceback="")
    assert repaired("s = pd.read_csv('a.csv', squeeze=True)", "catalogue-keyword", dropped) == "s = pd.read_csv('a.csv')"
    # scikit-learn's parameter validation names no function: the call on the failing line decides
    unnamed = CellError(ename="TypeError", evalue="got an unexpected keyword argument 'sparse'", traceback="")
    assert repaired("e = OneHotEncoder(sparse=False)\nf = g(sparse=1)", "catalogue-keyword", unnamed, line=1) == (
        "e = OneHotEncoder(sparse_output=False)\nf = g(sparse=1)")


def test_keyword_read_from_the_installed_signature_when_the_catalogue_is_silent(fake_catalogue):
    from mlemodernizer.executor.lockenv import venv_python

    venv_python("tabular")
    fake_catalogue()
    error = CellError(ename="TypeError", evalue="OneHotEncoder.__init__() got an unexpected keyword argument "
                      "'sparse'", traceback="")
    source = "from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(sparse=False)"
    assert repaired(source, "catalogue-keyword", error, line=2) == (
        "from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(sparse_output=False)")
    # a parameter with no near spelling today is left alone (the LLM's, or the author's slip)
    error = CellError(ename="TypeError", evalue="OneHotEncoder.__init__() got an unexpected keyword argument "
                      "'colour'", traceback="")
    source = "from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(colour=1)"
    assert repaired(source, "catalogue-keyword", error, line=2) == source


def test_moved_module_and_moved_name(fake_catalogue):
    fake_catalogue(
        dict(id="x-m", version="0.20", kind="removed", old="sklearn.cross_validation", new="sklearn.model_selection",
             raises="ModuleNotFoundError", probe="x", fix={"module": "sklearn.model_selection"}, example=["a", "a"]),
        dict(id="x-n", version="0.22", kind="renamed", old="sklearn.preprocessing.Imputer", new="SimpleImputer",
             raises="ImportError", probe="x", fix={"module": "sklearn.impute", "name": "SimpleImputer"},
             example=["a", "a"]),
    )
    missing = CellError(ename="ModuleNotFoundError", evalue="No module named 'sklearn.cross_validation'", traceback="")
    assert repaired("from sklearn.cross_validation import KFold, train_test_split", "catalogue-module", missing) == (
        "from sklearn.model_selection import KFold, train_test_split")
    assert repaired("import sklearn.cross_validation as cv", "catalogue-module", missing) == (
        "import sklearn.model_selection as cv")
    moved = CellError(ename="ImportError", evalue="cannot import name 'Imputer' from 'sklearn.preprocessing' (/x.py)",
                      traceback="")
    assert repaired("from sklearn.preprocessing import Imputer, StandardScaler", "catalogue-module", moved) == (
        "from sklearn.preprocessing import StandardScaler\nfrom sklearn.impute import SimpleImputer as Imputer")


def test_renamed_package_imported_bare_is_bound_to_its_new_name(fake_catalogue):
    fake_catalogue(dict(id="x-p", version="1.0", kind="renamed", old="pyramid", new="pmdarima",
                        raises="ModuleNotFoundError", probe="x", fix={"module": "pmdarima"}, example=["a", "a"]))
    missing = CellError(ename="ModuleNotFoundError", evalue="No module named 'pyramid'", traceback="")
    assert repaired("import pyramid", "catalogue-module", missing) == "import pmdarima as pyramid"
    assert repaired("import numpy, pyramid.arima", "catalogue-module", missing) == (
        "import numpy, pmdarima.arima, pmdarima as pyramid")
    assert repaired("import pyramid.arima as pa", "catalogue-module", missing) == "import pmdarima.arima as pa"
    # a moved submodule imported bare binds its parent, which the later lines read by the old path
    moved = CellError(ename="ModuleNotFoundError", evalue="No module named 'sklearn.cross_validation'", traceback="")
    fake_catalogue(dict(id="x-m", version="0.20", kind="removed", old="sklearn.cross_validation",
                        new="sklearn.model_selection", raises="ModuleNotFoundError", probe="x",
                        fix={"module": "sklearn.model_selection"}, example=["a", "a"]))
    assert repaired("import sklearn.cross_validation", "catalogue-module", moved) == "import sklearn.cross_validation"


def test_fix_error_explains_the_edit_with_the_entry(fake_catalogue):
    from mlemodernizer.agent.rules import fix_error

    fake_catalogue(dict(id="lib-renamed-thing", version="9.0", kind="renamed", old="Thing.old_name",
                        new="Thing.new_name", raises="AttributeError", probe="x", fix={"attribute": "new_name"},
                        example=["a", "a"]))
    nb = code_notebook("import lib", "t = lib.Thing()\nt.old_name(1)")
    error = CellError(ename="AttributeError", evalue="'Thing' object has no attribute 'old_name'", traceback="",
                      line=2)
    [edit] = fix_error(nb, 1, error, [])
    assert edit.new == "t = lib.Thing()\nt.new_name(1)"
    assert edit.origin == "rule:catalogue-attribute"
    assert "lib-renamed-thing" in edit.rationale and "lib 9.0" in edit.rationale


def test_coverage_command(capsys):
    assert main(["catalogue", "--json"]) in (0, 1)
    out = json.loads(capsys.readouterr().out)
    assert set(out["libraries"]) == {e.library for e in entries()}
    total = sum(row["entries"] for row in out["libraries"].values())
    assert total == len(entries())
    assert main(["catalogue"]) in (0, 1)
    lines = capsys.readouterr().out.splitlines()
    if out["uncatalogued"]:  # named on a last line of its own; none is when every lock library has a catalogue
        *lines, last = lines
        assert last == f"in the locks without a catalogue of their own ({len(out['uncatalogued'])}): " + \
            ", ".join(out["uncatalogued"])
    assert len({len(line) for line in lines}) == 1  # columns line up, however long a library's name
    assert len(lines) == len(out["libraries"]) + 2  # the head, a row per library, the total
    assert main(["catalogue", "--library", "no-such-library"]) == 2


def test_check_probes_each_entry_in_its_own_profile_unless_one_is_named(monkeypatch, capsys):
    from mlemodernizer.agent.catalogue import probe

    asked = []

    def fake_run_probes(selected, profile):
        asked.append((profile, {e.library for e in selected}))
        return {}

    monkeypatch.setattr(probe, "run_probes", fake_run_probes)
    monkeypatch.setattr(probe, "mismatches", lambda selected, results: [])
    main(["catalogue", "--library", "keras", "--library", "pandas", "--check"])
    assert asked == [("full", {"keras"}), ("tabular", {"pandas"})]
    asked.clear()
    main(["catalogue", "--library", "keras", "--library", "pandas", "--check", "--profile", "tabular"])
    assert asked == [("tabular", {"keras", "pandas"})]
    capsys.readouterr()


def test_libraries_in_the_locks_without_a_catalogue_are_named():
    from mlemodernizer.agent.catalogue.cli import uncatalogued

    libraries = {e.library for e in entries()}
    named = uncatalogued(libraries)
    assert not {"torch", "scikit-learn", "opencv-contrib-python-headless", "ipykernel"} & set(named)
    # a distribution whose catalogue is named otherwise (scikit-learn's is sklearn) counts as that one
    assert {"torch", "scikit-learn"} <= set(uncatalogued(libraries - {"torch", "sklearn"}))


def test_a_library_may_take_several_files(tmp_path):
    from mlemodernizer.agent.catalogue import load_file

    split = tmp_path / "pandas.removals-1.toml"
    split.write_text('[[entry]]\nid = "x-one"\nversion = "1.0"\nkind = "removed"\nold = "Series.put"\n'
                     'why = "an example"\n')
    assert [(e.library, e.id) for e in load_file(split)] == [("pandas", "x-one")]
