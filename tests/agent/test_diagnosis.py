"""Progress between two runs: where the first failure is."""

from mlemodernizer.agent.diagnosis import error_changed_in_place, error_text, got_further, progress_key
from mlemodernizer.core import CellError, CellResult, RunResult


def run_failing(cell: int, ename: str, evalue: str, line: int, line_source: str | None = None) -> RunResult:
    cells = [CellResult(index=i, status="ok") for i in range(cell)]
    error = CellError(ename=ename, evalue=evalue, traceback=f"{ename}: {evalue}", line=line, line_source=line_source)
    cells.append(CellResult(index=cell, status="error", error=error))
    return RunResult(cells=cells, status="error", wall_seconds=1.0)


def test_a_cell_that_now_compiles_and_fails_on_an_earlier_line_got_further():
    # A Python 2 print on line 97 stopped the whole cell from compiling; converted, its import on line 3 fails.
    old = run_failing(0, "SyntaxError", "Missing parentheses in call to 'print'.", 97)
    new = run_failing(0, "ModuleNotFoundError", "No module named 'tensorflow'", 3)
    assert progress_key(old) == (0, 0, 97)
    assert got_further(new, old, None, None)[0]
    # a run error at a later line of the same cell is still progress, an earlier one is not
    later = run_failing(0, "ValueError", "bad", 40)
    assert got_further(later, new, None, None)[0] and not got_further(new, later, None, None)[0]
    # between two compile errors of the same cell, the line still tells which got further
    assert got_further(run_failing(0, "SyntaxError", "invalid syntax", 120), old, None, None)[0]


def test_a_reverted_edit_says_where_the_run_stopped_and_with_what():
    # The report and the model's next prompt read this reason: "moved back" alone hid what the edit broke.
    old = run_failing(21, "AttributeError", "'DataFrame' object has no attribute 'append'", 43)
    new = run_failing(21, "ValueError", "bad input", 35)
    kept, why = got_further(new, old, None, None)
    assert not kept and why == "the first failure moved back to cell 21 line 35 (ValueError: bad input)"
    kept, why = got_further(old, old, None, None)
    assert not kept and why == "no progress: cell 21 still fails (AttributeError: 'DataFrame' object has no attribute 'append')"


def test_the_same_error_on_a_later_line_the_cell_had_is_progress_and_a_shifted_line_is_not():
    cell = "a = s[:, None]\nb = t[:, None]\nprint(a, b)"
    message = "Multi-dimensional indexing (e.g. `obj[:, None]`) is no longer supported."
    old = run_failing(3, "ValueError", message, 1, "a = s[:, None]")
    sources = ["", "", "", cell]
    # the edit fixed line 1; line 2 repeats the pattern
    next_line = run_failing(3, "ValueError", message, 2, "b = t[:, None]")
    kept, why = got_further(next_line, old, None, None, sources)
    assert kept and why == "the first failure moved from cell 3 to cell 3 line 2"
    # a line inserted above the failing one: the same line fails, one lower
    shifted = run_failing(3, "ValueError", message, 2, "a = s[:, None]")
    assert not got_further(shifted, old, None, None, sources)[0]
    # the failing line rewritten, a line inserted above it, still failing: not a line the cell had
    rewritten = run_failing(3, "ValueError", message, 2, "a = np.asarray(s)[:, None, None]")
    assert not got_further(rewritten, old, None, None, sources)[0]
    assert not got_further(next_line, old, None, None)[0], "without the sources, the old rule holds"
    clean = RunResult(cells=[CellResult(index=0, status="ok")], status="ok", wall_seconds=1.0)
    assert got_further(clean, clean, 0.05, 0.2, sources) == (True, "score deviation 20.0% -> 5.0%")


def test_a_new_error_on_the_same_line_is_the_lines_next_breakage_once():
    # df.mean()[0]: numeric_only fixed, the same line now fails on the label 0
    old = run_failing(2, "TypeError", "Cannot perform reduction 'mean' with string dtype", 1, "first = df.mean()[0]")
    new = run_failing(2, "KeyError", "0", 1, "first = df.mean(numeric_only=True)[0]")
    assert not got_further(new, old, None, None)[0], "got_further alone still calls it no progress"
    why = error_changed_in_place(new, old, {error_text(old)})
    assert why == "the error at cell 2 line 1 changed from TypeError to KeyError: 0: the line's next breakage"
    assert error_changed_in_place(old, new, {error_text(old), error_text(new)}) is None, "back to one met before"
    assert error_changed_in_place(new, new, set()) is None, "the same error"
    unbound = run_failing(2, "NameError", "name 'np' is not defined", 1)
    assert error_changed_in_place(unbound, old, set()) is None, "a rewrite naming something unbound"
    assert error_changed_in_place(run_failing(2, "KeyError", "0", 2), old, set()) is None, "not the same place"


def test_an_error_that_became_a_cell_time_out_is_progress_and_a_budget_cut_is_not():
    # log.append raised in the first pass of a loop over ten classifiers; rewritten, every pass runs
    old = run_failing(21, "AttributeError", "'DataFrame' object has no attribute 'append'", 43)
    slow = run_failing(21, "CellTimeoutError", "the cell ran past its timeout of 150s", 0)
    slow.cells[-1].status = "timeout"
    kept, why = got_further(slow, old, None, None)
    assert kept and "cell 21 is gone" in why
    cut = run_failing(21, "BudgetExceeded", "the run's budget of 12.8s was used up", 0)
    cut.cells[-1].status = "timeout"
    assert not got_further(cut, old, None, None)[0]
    assert not got_further(slow, slow, None, None)[0], "a time out that stays is no progress"


def test_the_data_folder_is_listed_once_and_described_from_that_list(tmp_path):
    from mlemodernizer.agent.diagnosis import describe_data, list_files

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "1.jpg").write_bytes(b"\xff\xd8jpg")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "train-checkpoint.csv").write_text("a\n")
    (tmp_path / "train.csv").write_text("id,label\n1,a\n2,b\n")
    files = list_files(tmp_path)
    assert files == ["images/1.jpg", "train.csv"]  # what a run ignores is not listed
    assert describe_data(tmp_path, files) == (["images/1.jpg: 5 bytes", "train.csv: 2 rows x 2 columns (id, label)"],
                                              [])
    assert list_files(None) == [] and list_files(tmp_path / "missing") == []


def test_data_files_holding_the_text_none_as_a_value_are_found_and_described(tmp_path):
    from mlemodernizer.agent.diagnosis import describe_data, list_files

    (tmp_path / "train.csv").write_text("id,kind\n1,a\n2,None\n")
    (tmp_path / "quoted.tsv").write_text('id\tkind\n1\t"None"\n')
    (tmp_path / "first.csv").write_text("a,b\nNone,1\n")
    (tmp_path / "text.csv").write_text('id,text\n1,"None, said he"\n2,None of these\n3,NoneSuch\n')
    (tmp_path / "header.csv").write_text("None,b\n1,2\n")  # a column's name, not a value
    (tmp_path / "notes.txt").write_text("a,None,b\n")  # not a table read_csv is known to read
    lines, none_text = describe_data(tmp_path, list_files(tmp_path))
    assert none_text == ["first.csv", "quoted.tsv", "train.csv"]
    assert lines[-1].startswith("train.csv: 2 rows x 2 columns (id, kind); holds the text None as a value")
    assert lines[3] == "quoted.tsv: 1 rows x 2 columns (id, kind); holds the text None as a value, which pandas " \
        "2+ reads as missing (pandas 1 kept it) unless keep_default_na=False"
    assert "None" not in lines[-2] and lines[1] == "header.csv: 1 rows x 2 columns (None, b)"
