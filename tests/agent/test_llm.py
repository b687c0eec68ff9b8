"""The LLM fixer against a real OpenAI-compatible HTTP server on 127.0.0.1 (scripted answers)."""

import socket

import litellm
import nbformat
import pytest
from fake_llm import Reply
from mlemodernizer.agent.base import Diagnosis, StopRepair
from mlemodernizer.agent.llm import LLMConfig, LLMFixer
from mlemodernizer.core import (
    Attempt,
    CellError,
    CellResult,
    Edit,
    Fingerprint,
    RunResult,
    parse_notebook,
)
from mlemodernizer.errors import ModelError

TRACEBACK = ("---------------------------------------------------------------------------\n"
             "AttributeError                            Traceback (most recent call last)\n"
             "Cell In[3], line 2\n      1 y = train.Survived\n----> 2 X = train.ix[:, 2:].as_matrix()\n"
             "AttributeError: 'DataFrame' object has no attribute 'ix'")
FAILING = "y = train.Survived\nX = train.ix[:, 2:].as_matrix()"
GOOD = ("Rationale: `DataFrame.ix` and `as_matrix` were removed in pandas 1.0; `.iloc` and `to_numpy()` "
        "do the same.\n<<<<<<< SEARCH cell 3\nX = train.ix[:, 2:].as_matrix()\n=======\n"
        "X = train.iloc[:, 2:].to_numpy()\n>>>>>>> REPLACE\n")
NO_MATCH = ("Rationale: use iloc.\n<<<<<<< SEARCH cell 3\nX = train.ix[:, 1:].as_matrix()\n=======\n"
            "X = train.iloc[:, 1:].to_numpy()\n>>>>>>> REPLACE\n")


def make_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Titanic, 2016"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport pandas as pd\nfrom sklearn.ensemble import "
                                  "RandomForestClassifier"),
        nbformat.v4.new_code_cell("train = pd.read_csv('../input/train.csv')"),
        nbformat.v4.new_code_cell(FAILING),
        nbformat.v4.new_code_cell("model = RandomForestClassifier().fit(X, y)"),
    ]
    return parse_notebook(nbformat.writes(nb))


def make_diagnosis(fix_type="error-repair", **extra):
    fingerprint = Fingerprint(backend="local", lock="tabular", lock_hash="abc", python="3.11.9",
                              packages={"pandas": "3.0.1", "numpy": "2.3.4", "scikit-learn": "1.9.0",
                                        "xgboost": "3.1.0"})
    error = CellError(ename="AttributeError", evalue="'DataFrame' object has no attribute 'ix'",
                      traceback=TRACEBACK, line=2, line_source="X = train.ix[:, 2:].as_matrix()")
    cells = [CellResult(index=1, status="ok", seconds=1.5), CellResult(index=2, status="ok", seconds=0.2),
             CellResult(index=3, status="error", seconds=0.1, error=error), CellResult(index=4, status="skipped")]
    run = RunResult(cells=cells, status="error", wall_seconds=2.0, fingerprint=fingerprint)
    values = dict(fix_type=fix_type, cell=3, error=error, run=run, reason="cell 3 raised AttributeError",
                  data_files=["train.csv: 891 rows x 12 columns (PassengerId, Survived, ...)",
                              "ground-truth.csv: 1309 rows x 14 columns (pclass, survived, ...)"], written="2016-11",
                  target_score=0.77, direction="max")
    values.update(extra)
    return Diagnosis(**values)


def make_fixer(fake_llm, **extra):
    config = dict(model="openai/fake-model", api_base=fake_llm.api_base, api_key="test", backoff_seconds=0.01,
                  max_retries=3, timeout=10)
    config.update(extra)
    return LLMFixer(LLMConfig(**config))


def test_correct_fix_and_the_prompt_it_was_built_from(fake_llm):
    fake_llm.push(GOOD)
    fixer = make_fixer(fake_llm)
    edits = fixer.propose(make_notebook(), make_diagnosis(), [])
    assert len(edits) == 1
    edit = edits[0]
    assert edit.cell == 3 and edit.old == FAILING
    assert edit.new == "y = train.Survived\nX = train.iloc[:, 2:].to_numpy()"
    assert edit.origin == "llm:openai/fake-model" and edit.fix_type == "error-repair"
    assert edit.rationale.startswith("`DataFrame.ix` and `as_matrix` were removed")

    request = fake_llm.requests[0]
    assert request["model"] == "fake-model"
    system, user = request["messages"][0]["content"], request["messages"][1]["content"]
    assert "SEARCH cell N" in system and "never downgraded" in system
    assert "AttributeError: 'DataFrame' object has no attribute 'ix'" in user  # the traceback
    assert "Python 3.11.9" in user
    assert "- pandas 3.0.1" in user and "- sklearn (scikit-learn) 1.9.0" in user
    assert "xgboost" not in user and "numpy" not in user  # installed but not imported by this notebook
    assert "train.csv: 891 rows x 12 columns" in user and "ground-truth" not in user  # answers are never offered
    assert "### cell 3\n```python\n" + FAILING in user and "### cell 1" in user
    assert "### cell 4" not in user  # only cells up to the failing one
    assert "2016-11" in user and "Target score: 0.77 (higher is better)" in user
    assert fixer.cost.llm_calls == 1 and fixer.cost.prompt_tokens == 100 and fixer.cost.completion_tokens == 20
    assert fixer.cost.dollars == 0.0  # an unpriced local model costs nothing


def test_non_matching_search_goes_back_to_the_model_then_succeeds(fake_llm):
    fake_llm.push(NO_MATCH, GOOD)
    fixer = make_fixer(fake_llm)
    edits = fixer.propose(make_notebook(), make_diagnosis(), [])
    assert [e.new.split("\n")[1] for e in edits] == ["X = train.iloc[:, 2:].to_numpy()"]
    assert len(fake_llm.requests) == 2
    reask = fake_llm.requests[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": NO_MATCH}
    assert "cell 3: the SEARCH text does not match" in reask[-1]["content"]
    assert "   2 | X = train.ix[:, 2:].as_matrix()" in reask[-1]["content"]  # the closest line of the cell
    assert fixer.cost.llm_calls == 2


def test_malformed_answers_are_re_asked_a_bounded_number_of_times(fake_llm):
    fake_llm.push("I think you should use iloc.", "Rationale: x\n<<<<<<< SEARCH cell 3\nX\n=======\nY\n",
                  "still prose", GOOD)
    fixer = make_fixer(fake_llm, max_format_retries=2)
    assert fixer.propose(make_notebook(), make_diagnosis(), []) == []
    assert len(fake_llm.requests) == 3  # one ask + two re-asks; the good answer is never requested
    assert "no '<<<<<<< SEARCH cell N'" in fake_llm.user_prompts()[1]
    assert "is not closed with '>>>>>>> REPLACE'" in fake_llm.user_prompts()[2]
    assert len(fixer.problems) == 3


def test_rate_limit_then_success_is_retried(fake_llm):
    fake_llm.push(Reply(status=429), GOOD)
    fixer = make_fixer(fake_llm)
    assert len(fixer.propose(make_notebook(), make_diagnosis(), [])) == 1
    assert len(fake_llm.requests) == 2
    assert fixer.cost.llm_calls == 1  # only completed calls are counted


def test_server_error_then_success_is_retried(fake_llm):
    fake_llm.push(Reply(status=500), Reply(status=503), GOOD)
    fixer = make_fixer(fake_llm)
    assert len(fixer.propose(make_notebook(), make_diagnosis(), [])) == 1
    assert len(fake_llm.requests) == 3


def test_timeout_then_success_is_retried(fake_llm):
    fake_llm.push(Reply(GOOD, delay=3), GOOD)
    fixer = make_fixer(fake_llm, timeout=0.5)
    assert len(fixer.propose(make_notebook(), make_diagnosis(), [])) == 1
    assert len(fake_llm.requests) == 2


def test_persistent_rate_limit_becomes_a_one_line_model_error(fake_llm):
    fake_llm.push(*[Reply(status=429)] * 5)
    fixer = make_fixer(fake_llm, max_retries=2)
    with pytest.raises(ModelError) as info:
        fixer.propose(make_notebook(), make_diagnosis(), [])
    assert len(fake_llm.requests) == 3
    assert "did not answer after 3 attempts" in str(info.value) and "\n" not in str(info.value)


def test_cost_is_summed_from_litellm_prices(fake_llm):
    fake_llm.push(Reply(NO_MATCH, prompt_tokens=1000, completion_tokens=50),
                  Reply(GOOD, prompt_tokens=1200, completion_tokens=60))
    fixer = make_fixer(fake_llm, model="openai/gpt-4o-mini")
    fixer.propose(make_notebook(), make_diagnosis(), [])
    price = litellm.model_cost["gpt-4o-mini"]
    expected = 2200 * price["input_cost_per_token"] + 110 * price["output_cost_per_token"]
    assert fixer.cost.llm_calls == 2 and fixer.cost.prompt_tokens == 2200 and fixer.cost.completion_tokens == 110
    assert fixer.cost.dollars == pytest.approx(expected)
    assert fixer.cost.dollars > 0


def test_dollar_limit_stops_the_repair(fake_llm):
    fake_llm.push(Reply(NO_MATCH, prompt_tokens=100_000, completion_tokens=10), GOOD)
    fixer = make_fixer(fake_llm, model="openai/gpt-4o-mini", max_dollars=0.001)
    with pytest.raises(StopRepair, match="LLM budget spent"):
        fixer.propose(make_notebook(), make_diagnosis(), [])
    assert len(fake_llm.requests) == 1


def test_earlier_attempts_are_in_the_prompt_and_a_reverted_change_is_not_proposed_again(fake_llm):
    tried = Edit(cell=3, old=FAILING, new="y = train.Survived\nX = train.iloc[:, 2:].to_numpy()",
                 fix_type="error-repair", origin="llm:openai/fake-model", rationale="use iloc")
    history = [Attempt(edits=[tried], status="error", first_failure=3, error="ValueError: could not convert",
                       accepted=False, why="the first failure did not move (cell 3: ValueError: could not convert)")]
    other = GOOD.replace("X = train.iloc[:, 2:].to_numpy()", "X = train.iloc[:, 2:].select_dtypes('number').to_numpy()")
    fake_llm.push(GOOD, other)
    edits = make_fixer(fake_llm).propose(make_notebook(), make_diagnosis(), history)
    assert edits[0].new.endswith("select_dtypes('number').to_numpy()")
    first, second = fake_llm.user_prompts()
    assert "reverted: the first failure did not move (cell 3: ValueError: could not convert)" in first
    assert "+X = train.iloc[:, 2:].to_numpy()" in first  # the reverted change, as a diff
    assert "already tried and reverted" in second


def test_runtime_and_score_prompts(fake_llm):
    fake_llm.push(GOOD.replace("SEARCH cell 3", "SEARCH cell 4").replace("X = train.ix[:, 2:].as_matrix()",
                  "model = RandomForestClassifier().fit(X, y)").replace(
                  "X = train.iloc[:, 2:].to_numpy()", "model = RandomForestClassifier(n_jobs=-1).fit(X, y)"))
    fixer = make_fixer(fake_llm)
    slow = make_diagnosis("runtime-reduction", cell=4, error=None, reason="the run took 4000s of 3600s")
    edits = fixer.propose(make_notebook(), slow, [])
    assert edits[0].fix_type == "runtime-reduction" and "n_jobs=-1" in edits[0].new
    user = fake_llm.user_prompts()[0]
    assert "Task: runtime-reduction" in user and "the run took 4000s of 3600s" in user
    assert "- cell 1: 1.5s (ok)" in user and "### cell 4" in user

    fake_llm.push(GOOD)
    fixer.propose(make_notebook(), make_diagnosis("score-calibration", cell=None, error=None, score=0.61,
                                                  reason="scored 0.61, target 0.77"), [])
    user = fake_llm.user_prompts()[1]
    assert "Task: score-calibration" in user and "the last run scored 0.61" in user and "### cell 4" in user


def test_unknown_model_is_a_one_line_error():
    with pytest.raises(ModelError, match="unknown model 'no-such-model'"):
        LLMFixer(LLMConfig(model="no-such-model"))


def test_unreachable_base_is_a_model_error():
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fixer = LLMFixer(LLMConfig(model="openai/x", api_base=f"http://127.0.0.1:{port}/v1", max_retries=1,
                               backoff_seconds=0.01, timeout=5))
    with pytest.raises(ModelError, match=f"at http://127.0.0.1:{port}/v1 did not answer after 2 attempts"):
        fixer.propose(make_notebook(), make_diagnosis(), [])


def test_config_from_options_and_environment(monkeypatch):
    monkeypatch.delenv("MLEMOD_MODEL", raising=False)
    assert LLMConfig.from_options() is None  # no model: the loop runs rules-only
    monkeypatch.setenv("MLEMOD_MODEL", "openai/from-env")
    monkeypatch.setenv("MLEMOD_API_BASE", "http://127.0.0.1:1/v1")
    config = LLMConfig.from_options(max_format_retries=1)
    assert (config.model, config.api_base, config.max_format_retries) == ("openai/from-env", "http://127.0.0.1:1/v1", 1)
    assert LLMConfig.from_options("openai/flag").model == "openai/flag"


@pytest.mark.parametrize("status, words", [(404, "rejected the request"), (401, "refused the credentials"),
                                           (418, "failed")])
def test_other_http_errors_are_one_line_model_errors_without_retries(fake_llm, status, words):
    fake_llm.push(Reply(status=status), GOOD)
    with pytest.raises(ModelError, match=words) as info:
        make_fixer(fake_llm).propose(make_notebook(), make_diagnosis(), [])
    assert "\n" not in str(info.value)
    assert len(fake_llm.requests) == 1


def test_the_prompt_on_the_wire_is_trimmed(fake_llm):
    # A traceback mostly of pandas internals with a 400-column message, and a long notebook: the request
    # carries the user's frames, the last library frames, a collapsed column list, and only the cells
    # that bear on the failure in full.
    site = "/envs/tabular/lib/python3.11/site-packages"
    columns = ", ".join(f"'c{i}'" for i in range(400))
    frames = "\n\n".join(f"File {site}/pandas/core/frame.py:{i}, in f()\n-> {i} pass" for i in range(10))
    traceback = (f"KeyError  Traceback (most recent call last)\nCell In[40], line 2\n      1 y = train.Survived\n"
                 f"----> 2 X = train.ix[:, 2:].as_matrix()\n\n{frames}\n\nKeyError: \"[{columns}] not in index\"")
    nb = make_notebook()
    for i in range(40):  # unrelated plotting cells after the imports
        nb.cells.insert(2, nbformat.v4.new_code_cell("\n".join(f"plot{i}(range({j}))" for j in range(8))))
    nb = parse_notebook(nbformat.writes(nb.node))
    failing = nb.sources().index(FAILING)
    good = GOOD.replace("SEARCH cell 3", f"SEARCH cell {failing}")
    fake_llm.push(good)
    error = CellError(ename="KeyError", evalue=f"[{columns}] not in index", traceback=traceback, line=2,
                      line_source="X = train.ix[:, 2:].as_matrix()")
    run = make_diagnosis().run.model_copy(update={"cells": [CellResult(index=failing, status="error", error=error)]})
    make_fixer(fake_llm).propose(nb, make_diagnosis(cell=failing, error=error, run=run), [])
    user = fake_llm.user_prompts()[0]
    assert f"Cell {failing}, line 2" in user and "frame.py:9," in user and "frame.py:6," not in user
    assert "[... 7 library frames left out ...]" in user and "(394 more)" in user and "'c399'" not in user
    assert "train = pd.read_csv('../input/train.csv')" in user  # defines the name the failing line reads
    assert "plot0(range(7))" not in user and "`plot0(range(0))` (+7 lines)" in user
    assert len(user) < 9000


def test_facts_from_the_environment_reach_the_prompt(fake_llm):
    from mlemodernizer.agent.prompting import locked_python

    if locked_python("tabular") is None:
        pytest.skip("the tabular environment is not built")
    nb = parse_notebook(nbformat.writes(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import pandas as pd\nimport nosuchpkg_zz"),
        nbformat.v4.new_code_cell("df = pd.DataFrame({'a': [1.0, 2.0, None]})"),
        nbformat.v4.new_code_cell("bins = pd.cut(df.a, bins=2.5)")])))
    error = CellError(ename="TypeError", evalue="bins must be an int or a sequence", line=1,
                      traceback="TypeError  Traceback (most recent call last)\nCell In[3], line 1\n"
                                "----> 1 bins = pd.cut(df.a, bins=2.5)\n\nTypeError: bins must be an int",
                      line_source="bins = pd.cut(df.a, bins=2.5)")
    diagnosis = make_diagnosis(cell=2, error=error)
    fake_llm.push(GOOD.replace("SEARCH cell 3\nX = train.ix[:, 2:].as_matrix()", "SEARCH cell 2\nbins = pd.cut(df.a, bins=2.5)")
                  .replace("X = train.iloc[:, 2:].to_numpy()", "bins = pd.cut(df.a, bins=2)"))
    fixer = make_fixer(fake_llm)
    seen = []
    fixer.describe_names = lambda names: seen.append(names) or {"df": "DataFrame (3, 1); a: float64, 1 NaN"}
    assert fixer.propose(nb, diagnosis, [])[0].new == "bins = pd.cut(df.a, bins=2)"
    user = fake_llm.user_prompts()[0]
    assert "Facts from the installed environment and the notebook:" in user
    assert "- `pandas.cut` accepts today: (x, bins, right, labels," in user
    assert "imported but not installed (no such module in this environment, and none can be installed): " \
           "nosuchpkg_zz" in user
    assert seen == [["bins", "df"]]  # the names on the failing line, not attributes or the module alias
    assert "- `df` in the kernel at the failure: DataFrame (3, 1); a: float64, 1 NaN" in user


def test_what_the_catalogue_records_of_the_error_reaches_the_prompt(fake_llm):
    """The model is told what changed upstream for this error, and, where no rule covers it, why not."""
    fake_llm.push(GOOD)
    make_fixer(fake_llm).propose(make_notebook(), make_diagnosis(), [])
    user = fake_llm.user_prompts()[0]
    assert "- changed upstream (the catalogue, from the changelogs): pandas 1.0 removed `DataFrame.ix`" in user

    nb = parse_notebook(nbformat.writes(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_code_cell("from sklearn.neighbors import LSHForest")])))
    error = CellError(ename="ImportError", line=1, line_source="from sklearn.neighbors import LSHForest",
                      evalue="cannot import name 'LSHForest' from 'sklearn.neighbors' (/x/sklearn/neighbors/__init__.py)",
                      traceback="ImportError  Traceback (most recent call last)\nCell In[2], line 1\n"
                                "----> 1 from sklearn.neighbors import LSHForest\n\nImportError: cannot import name "
                                "'LSHForest' from 'sklearn.neighbors' (/x/sklearn/neighbors/__init__.py)")
    fake_llm.push(GOOD.replace("SEARCH cell 3\nX = train.ix[:, 2:].as_matrix()",
                               "SEARCH cell 1\nfrom sklearn.neighbors import LSHForest")
                  .replace("X = train.iloc[:, 2:].to_numpy()", "from sklearn.neighbors import NearestNeighbors"))
    make_fixer(fake_llm).propose(nb, make_diagnosis(cell=1, error=error), [])
    user = fake_llm.user_prompts()[1]
    assert "removed `sklearn.neighbors.LSHForest`; now: none" in user
    assert "(no rewrite is automatic: removed without a replacement in scikit-learn" in user


# --------------------------------------------------------------------------- budgets (issue 16, item 7)


def test_token_budget_stops_an_unpriced_model_before_the_request_that_would_pass_it(fake_llm):
    fake_llm.push(Reply(NO_MATCH, prompt_tokens=3000, completion_tokens=50), GOOD)
    fixer = make_fixer(fake_llm, max_total_tokens=4000)  # openai/fake-model has no price: $0 forever
    with pytest.raises(StopRepair, match=r"LLM token budget spent: 3050 of 4000 tokens used"):
        fixer.propose(make_notebook(), make_diagnosis(), [])
    assert len(fake_llm.requests) == 1 and fixer.cost.dollars == 0.0
    # The one request that was sent could only ask for what was left of the budget.
    assert fake_llm.requests[0]["max_tokens"] < 4000 - 500


def test_tokens_are_counted_when_the_server_reports_no_usage(fake_llm):
    fake_llm.push(Reply(GOOD, usage=False))
    fixer = make_fixer(fake_llm)
    fixer.propose(make_notebook(), make_diagnosis(), [])
    assert fixer.cost.llm_calls == 1
    assert fixer.cost.prompt_tokens > 300 and fixer.cost.completion_tokens > 20  # counted by the client


def test_retries_end_at_the_deadline(fake_llm):
    import time

    fake_llm.push(*[Reply(status=429)] * 20)
    fixer = make_fixer(fake_llm, max_retries=10, backoff_seconds=1.0, deadline=time.monotonic() + 3)
    began = time.monotonic()
    with pytest.raises(StopRepair, match="time limit was reached while retrying"):
        fixer.propose(make_notebook(), make_diagnosis(), [])
    assert time.monotonic() - began < 5 and len(fake_llm.requests) < 5


# --------------------------------------------------------------------------- helper files (issue 16, item 3)

HELPER = "import math\nimport nosuchpkg_helper\n\n\ndef scale(values):\n    return [math.sqroot(v) for v in values]\n"


def helper_case():
    nb = parse_notebook(nbformat.writes(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import pandas as pd\nfrom src import feat"),
        nbformat.v4.new_code_cell("df = pd.DataFrame({'a': [1.0, 4.0]})\ndf['r'] = feat.scale(df.a)")])))
    tb = ("AttributeError  Traceback (most recent call last)\nCell In[2], line 2\n----> 2 df['r'] = feat.scale(df.a)\n\n"
          "File /kaggle/working/src/feat.py:6, in scale(values)\n----> 6     return [math.sqroot(v) for v in values]\n\n"
          "AttributeError: module 'math' has no attribute 'sqroot'")
    error = CellError(ename="AttributeError", evalue="module 'math' has no attribute 'sqroot'", traceback=tb, line=2,
                      line_source="df['r'] = feat.scale(df.a)")
    return nb, make_diagnosis(cell=1, error=error, working_files=["src/__init__.py", "src/feat.py"])


def test_a_file_answer_becomes_a_file_edit_and_a_mismatch_goes_back_naming_the_file(fake_llm):
    nb, diagnosis = helper_case()
    wrong = ("Rationale: sqrt.\n<<<<<<< SEARCH file src/feat.py\nreturn [math.sqroot(x) for x in values]\n=======\n"
             "return [math.sqrt(x) for x in values]\n>>>>>>> REPLACE\n")
    right = ("Rationale: `math.sqrt` is the square root.\n<<<<<<< SEARCH file src/feat.py\n"
             "    return [math.sqroot(v) for v in values]\n=======\n    return [math.sqrt(v) for v in values]\n"
             ">>>>>>> REPLACE\n")
    fake_llm.push(wrong, right)
    fixer = make_fixer(fake_llm)
    fixer.attach(modules={"src/__init__.py": "", "src/feat.py": HELPER}, latest_run=lambda: None)
    edits = fixer.propose(nb, diagnosis, [])
    assert [(e.file, e.old, e.new) for e in edits] == [("src/feat.py", HELPER, HELPER.replace("sqroot", "sqrt"))]
    first, again = fake_llm.user_prompts()
    assert "### file src/feat.py: lines 5-6, `def scale` (line 6: raised here)" in first
    assert "### file src/feat.py: its imports\n```python\nimport math\nimport nosuchpkg_helper\n```" in first
    assert "file src/feat.py: the SEARCH text does not match" in again and "   6 |     return [math.sqroot(v)" in again


def test_the_helper_files_own_imports_are_checked_and_their_package_is_not_called_missing(fake_llm):
    from mlemodernizer.agent.prompting import locked_python

    if locked_python("tabular") is None:
        pytest.skip("the tabular environment is not built")
    nb, diagnosis = helper_case()
    fake_llm.push("Rationale: r\n<<<<<<< SEARCH cell 1\ndf = pd.DataFrame({'a': [1.0, 4.0]})\n=======\n"
                  "df = pd.DataFrame({'a': [1.0, 9.0]})\n>>>>>>> REPLACE\n")
    fixer = make_fixer(fake_llm)
    fixer.attach(modules={"src/__init__.py": "", "src/feat.py": HELPER})
    fixer.propose(nb, diagnosis, [])
    user = fake_llm.user_prompts()[0]
    assert "imported but not installed (no such module in this environment, and none can be installed): " \
           "nosuchpkg_helper" in user
    assert "src" not in user.split("imported but not installed")[1].split("\n")[0]
