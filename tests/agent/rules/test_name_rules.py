"""A name read with the wrong capitals is renamed to the one bound name it can mean."""

from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError


def not_defined(name: str, line: int = 1) -> CellError:
    return CellError(ename="NameError", evalue=f"name '{name}' is not defined", traceback="", line=line)


def test_the_read_is_renamed_to_the_name_that_differs_only_in_capitals(notebook):
    nb = notebook("%pylab inline\nX_train, X_val = [1, 2], [3]",
                  "print('dims', len(x_train), len(x_val))\n!echo x_train\nf = lambda: x_train")
    edits = fix_error(nb, 1, not_defined("x_train"), [])
    assert [e.origin for e in edits] == ["rule:name-case-slip"]
    # both slips of the cell in one edit; the shell line is not Python and stays as it was
    assert edits[0].new == "print('dims', len(X_train), len(X_val))\n!echo x_train\nf = lambda: X_train"
    exec("X_train, X_val = [1, 2], [3]\n" + edits[0].new.replace("!echo x_train\n", ""), {})  # noqa: S102


def test_no_rename_when_the_reading_is_not_the_only_one(notebook):
    cases = [
        (notebook("X_train = 1\nX_TRAIN = 2", "print(x_train)"), 1),  # two names could be meant
        (notebook("X_train = 1", "print(x_train)", "x_train = 3"), 1),  # bound later: cell order, not a typo
        (notebook("print(x_train)", "X_train = 1"), 0),  # the near name is only bound after the cell
    ]
    for nb, failing in cases:
        assert "rule:name-case-slip" not in [e.origin for e in fix_error(nb, failing, not_defined("x_train"), [])]


def test_a_long_name_one_letter_off_is_the_bound_one(notebook):
    nb = notebook("def input_age(cols):\n    return cols[0]",
                  "a = [input_age(r) for r in rows]\nb = [imput_age(r) for r in rows]")
    edits = fix_error(nb, 1, not_defined("imput_age", line=2), [])
    assert [e.origin for e in edits] == ["rule:name-case-slip"]
    assert edits[0].new == "a = [input_age(r) for r in rows]\nb = [input_age(r) for r in rows]"


def test_pairs_of_names_are_not_slips(notebook):
    cases = [
        ("X_train_scaled = 1", "print(y_train_scaled)", "y_train_scaled"),  # the x/y pair
        ("model_001 = 1", "print(model_002)", "model_002"),  # numbered names
        ("model_best = 1", "print(model2_best)", "model2_best"),  # a digit added inside
        ("train_df = 1", "print(trian_dfs)", "trian_dfs"),  # two letters off
        ("scores = 1", "print(score)", "score"),  # short names: another name, not a slip
    ]
    for bound, reading, name in cases:
        edits = fix_error(notebook(bound, reading), 1, not_defined(name), [])
        assert "rule:name-case-slip" not in [e.origin for e in edits], reading


def test_a_thrown_away_result_is_kept_under_the_name_the_notebook_gives_it(notebook):
    nb = notebook("def cv(m):\n    return [m, m + 1]",
                  "cv(3)\nprint('score', score[0])",
                  "score = cv(5)\n%time _ = 1")
    edits = fix_error(nb, 1, not_defined("score", line=2), [])
    assert [e.origin for e in edits] == ["rule:notebook-discarded-result"]
    assert edits[0].new == "score = cv(3)\nprint('score', score[0])"
    scope: dict = {}
    exec(nb.sources()[0] + "\n" + edits[0].new, scope)  # noqa: S102
    assert scope["score"] == [3, 4]


def test_no_assignment_without_a_single_call_the_notebook_assigns_to_that_name(notebook):
    cases = [
        (notebook("cv(3)\nprint(score)", "result = cv(5)"), 0),  # the notebook assigns the call to another name
        (notebook("cv(3)\ncv(4)\nprint(score)", "score = cv(5)"), 0),  # two candidates: no telling which one
        (notebook("print(score)\ncv(3)", "score = cv(5)"), 0),  # the call comes after the read
        (notebook("score = 1", "cv(3)\nprint(score)", "score = cv(5)"), 1),  # bound before: not this slip
    ]
    for nb, failing in cases:
        origins = [e.origin for e in fix_error(nb, failing, not_defined("score", line=2), [])]
        assert "rule:notebook-discarded-result" not in origins
