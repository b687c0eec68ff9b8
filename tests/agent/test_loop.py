"""The repair loop end to end: a real kernel, the rules, the fix memory, and the model faked at HTTP."""

from __future__ import annotations

import json

import pytest
from fake_llm import Reply
from mlemodernizer.agent.llm import LLMConfig, LLMFixer
from mlemodernizer.agent.loop import (
    AgentConfig,
    RepairLoop,
    apply_report,
    repair_notebook,
)
from mlemodernizer.agent.memory import FixMemory, MemoryFixer
from mlemodernizer.agent.rules_fixer import RuleFixer
from mlemodernizer.core import RunRequest
from support import make_notebook

# A bug no rule knows: the loop has to ask the model.
UNKNOWN_BUG = ["import math", "value = math.sqroot(16)", "print('value', value)"]


def answer(cell: int, search: str, replace: str, why: str = "The function is called sqrt.") -> str:
    return f"Rationale: {why}\n\n<<<<<<< SEARCH cell {cell}\n{search}\n=======\n{replace}\n>>>>>>> REPLACE\n"


def loop_for(nb, fake, tmp_path, memory=True, cell_timeout=30, **config) -> RepairLoop:
    llm = LLMFixer(LLMConfig(model="openai/fake-model", api_base=fake.api_base, api_key="test", timeout=3,
                             backoff_seconds=0.05, max_backoff_seconds=0.2))
    fixers = [RuleFixer()] + ([MemoryFixer(FixMemory(tmp_path / "memory.sqlite"))] if memory else []) + [llm]
    config.setdefault("max_seconds", 600)
    return RepairLoop(RunRequest(notebook=nb, cell_timeout=cell_timeout), AgentConfig(**config), fixers=fixers)


def test_rules_only_repair_of_an_old_style_notebook(tmp_path):
    nb = make_notebook(
        "import numpy as np\nimport pandas as pd\nfrom sklearn.cross_validation import train_test_split",
        "df = pd.DataFrame({'a': [1.0, 2.0, 3.0, 4.0], 'b': [0, 1, 0, 1]})\n"
        "df = df.append(pd.DataFrame({'a': [5.0], 'b': [1]}), ignore_index=True)\n"
        "x = df.a.values.astype(np.float)",
        "train, test = train_test_split(df, test_size=0.4, random_state=0)\nprint(len(train), len(test))",
    )
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60),
                             AgentConfig(memory_path=tmp_path / "m.sqlite", max_seconds=600))
    assert report.baseline.status == "error" and report.baseline.first_failure.index == 1
    assert report.verdict == "reproduced", report.reason
    assert report.final.status == "ok"
    assert report.cost.llm_calls == 0 and "rules and memory only" in report.reason
    origins = {e.origin for e in report.accepted_edits}
    assert all(o.startswith("rule:") for o in origins)
    repaired = apply_report(nb, report)
    assert "cross_validation" not in repaired.cells[1].source and "model_selection" in repaired.cells[1].source
    assert report.final_hash == repaired.sha256


def test_a_failure_no_rule_can_repair_is_reported_with_what_the_catalogue_records_of_it(tmp_path):
    # pandas 1.0 removed read_msgpack, and nothing in the environment reads the old files
    nb = make_notebook("import pandas as pd", "df = pd.read_msgpack('train.msg')", "print('done')")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60),
                             AgentConfig(memory_path=tmp_path / "m.sqlite", max_seconds=600))
    assert report.verdict == "failed"
    assert report.final.first_failure.error.line_source == "df = pd.read_msgpack('train.msg')"
    assert ("the catalogue records this failure: pandas 1.0 removed `pandas.read_msgpack`; "
            "now: pandas.read_pickle / read_parquet") in report.reason
    assert "no rewrite is automatic: nothing in the locked environment reads msgpack files" in report.reason
    assert report.reason.endswith("[catalogue: pandas-read-msgpack] (rules and memory only: no model configured)")


def test_a_submission_written_to_the_authors_desktop_is_written_and_read_back_in_the_working_directory(tmp_path):
    # the sandbox lets a run write only in its working directory: the author's folder is read-only or missing
    nb = make_notebook("import pandas as pd\nsub = pd.DataFrame({'id': [1, 2], 'y': [0.5, 0.25]})",
                       "sub.to_csv('/Users/me/Desktop/sub.csv', index=False)",
                       "print(pd.read_csv('/Users/me/Desktop/sub.csv').y.sum())")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60),
                             AgentConfig(memory_path=tmp_path / "m.sqlite", max_seconds=300))
    assert report.verdict == "reproduced", report.reason
    assert [c.source for c in apply_report(nb, report).cells[-2:]] == [
        "sub.to_csv('sub.csv', index=False)", "print(pd.read_csv('sub.csv').y.sum())"]


def test_a_line_with_two_breakages_is_repaired_by_two_rules_in_turn(tmp_path):
    # pandas 3: mean() over a text column raises; with numeric_only, [0] is a label lookup that fails next,
    # on the same line. The first rule's edit is kept although the run stops where it did.
    nb = make_notebook("import pandas as pd\ndf = pd.DataFrame({'name': ['a', 'b'], 'x': [1.0, 3.0], 'y': [2.0, 4.0]})",
                       "first = df.mean()[0]\nprint(first)")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60),
                             AgentConfig(memory_path=tmp_path / "m.sqlite", max_seconds=300))
    assert report.verdict == "reproduced", report.reason
    first, second = report.attempts
    assert first.accepted and "changed from TypeError to KeyError: 0" in first.why
    cell = apply_report(nb, report).cells[second.edits[0].cell]
    assert second.accepted and cell.source.startswith("first = df.mean(numeric_only=True).iloc[0]")


def test_llm_fix_after_a_worse_one_is_reverted(fake_llm, tmp_path):
    nb = make_notebook(*UNKNOWN_BUG)
    fake_llm.push(
        answer(2, "value = math.sqroot(16)", "import nosuchmodule\nvalue = 4", "Worse on purpose."),
        answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"),
    )
    loop = loop_for(nb, fake_llm, tmp_path)
    report = loop.run()
    assert [a.accepted for a in report.attempts] == [False, True]
    assert report.verdict == "reproduced"
    assert report.final.cells[-1].outputs[0]["text"] == "value 4.0\n"
    assert report.cost.llm_calls == 2 and report.cost.prompt_tokens == 200
    # the second prompt tells the model why the first answer was reverted
    assert "nosuchmodule" in fake_llm.user_prompts()[1]
    assert loop.notebook.cells[2].source == "value = math.sqrt(16)"


def test_malformed_and_non_matching_answers_are_sent_back(fake_llm, tmp_path):
    nb = make_notebook(*UNKNOWN_BUG)
    fake_llm.push(
        "I think you should use sqrt.",  # no block at all
        answer(2, "value = math.sqroot(25)", "value = math.sqrt(25)"),  # does not match the cell
        answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"),
    )
    report = loop_for(nb, fake_llm, tmp_path).run()
    assert report.verdict == "reproduced"
    prompts = fake_llm.user_prompts()
    assert len(prompts) == 3
    assert "sqroot(25)" in prompts[2]  # the re-ask quotes what did not match


def test_rate_limit_and_timeout_are_retried(fake_llm, tmp_path):
    nb = make_notebook(*UNKNOWN_BUG)
    fake_llm.push(Reply(status=429), Reply("too late", delay=6), answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"))
    report = loop_for(nb, fake_llm, tmp_path).run()
    assert report.verdict == "reproduced"
    assert report.cost.llm_calls == 1  # only the completed call is booked
    assert len(fake_llm.requests) == 3


def test_fix_memory_saves_the_llm_call_next_time(fake_llm, tmp_path):
    fake_llm.push(answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"))
    first = loop_for(make_notebook(*UNKNOWN_BUG), fake_llm, tmp_path).run()
    assert first.verdict == "reproduced" and first.cost.llm_calls == 1
    # Another notebook, same error, in another cell and with other code around it.
    other = make_notebook("import math\nimport os", "side = 3", "area = side ** 2\nroot = math.sqroot(area)\nprint(root)")
    second = loop_for(other, fake_llm, tmp_path).run()  # the script is empty: a model call would fail
    assert second.verdict == "reproduced", second.reason
    assert second.cost.llm_calls == 0 and second.cost.memory_hits == 1
    assert [e.origin for e in second.accepted_edits] == ["memory"]
    assert "math.sqrt(area)" in second.accepted_edits[0].new  # adapted to the other cell's names
    assert second.final.cells[2].outputs[0]["text"] == "3.0\n"


def test_max_fixes_stops_and_says_so(fake_llm, tmp_path):
    nb = make_notebook(*UNKNOWN_BUG)
    fake_llm.push(*[answer(2, "value = math.sqroot(16)", f"value = math.nothere{i}(16)") for i in range(3)])
    report = loop_for(nb, fake_llm, tmp_path, max_fixes=2).run()
    assert len(report.attempts) == 2
    assert report.verdict == "failed" and "limit of 2 fixes" in report.reason


def test_dollar_limit_stops_the_model(fake_llm, tmp_path):
    nb = make_notebook(*UNKNOWN_BUG)
    fake_llm.push(answer(2, "value = math.sqroot(16)", "value = math.nothere(16)"))
    loop = loop_for(nb, fake_llm, tmp_path)
    loop.fixers[-1].config.max_dollars = 0.0  # nothing may be spent
    report = loop.run()
    assert report.verdict == "failed" and "LLM budget" in report.reason
    assert fake_llm.requests == []


def test_runtime_reduction_when_over_budget(fake_llm, tmp_path):
    nb = make_notebook("import time", "for _ in range(100):\n    time.sleep(0.1)", "print('done')")
    fake_llm.push(answer(2, "for _ in range(100):", "for _ in range(5):", "Fewer iterations fit the budget."))
    report = loop_for(nb, fake_llm, tmp_path, cell_timeout=3).run()
    assert report.baseline.cells[1].status == "timeout"
    assert report.attempts[0].edits[0].fix_type == "runtime-reduction"
    assert report.verdict == "reproduced"
    assert len(fake_llm.requests) == 1
    assert "Task: runtime-reduction" in fake_llm.user_prompts()[0] and "cell 2" in fake_llm.user_prompts()[0]


def test_a_forest_out_of_time_gets_the_trees_of_its_authors_day_without_a_model(tmp_path):
    # The cell's time follows the forest's size, as fitting would: 100 trees (today's default) overrun the
    # cell limit, the 10 a 2018 notebook got fit in it.
    nb = make_notebook("import time\nfrom sklearn.ensemble import RandomForestClassifier",
                       "m = RandomForestClassifier(random_state=0)\ntime.sleep(m.n_estimators / 5)\nprint('fitted')",
                       mlemodernizer={"written": "2018-06"})
    loop = RepairLoop(RunRequest(notebook=nb, cell_timeout=15), AgentConfig(max_seconds=300), fixers=[RuleFixer()])
    report = loop.run()
    assert [c.status for c in report.baseline.cells if c.index == 2] == ["timeout"]
    (attempt,) = report.attempts
    assert [(e.fix_type, e.origin) for e in attempt.edits] == [("runtime-reduction", "rule:sklearn-default-n-estimators")]
    assert "n_estimators=10" in attempt.edits[0].new and attempt.accepted
    assert report.verdict == "reproduced"


def test_score_calibration_against_stored_outputs(fake_llm, tmp_path):
    nb = make_notebook("trees = 10", "accuracy = 0.5 if trees == 10 else 0.8\nprint('accuracy:', accuracy)")
    # As published, the notebook printed accuracy 0.8 (an old default gave it more trees).
    nb.cells[2].outputs = [{"output_type": "stream", "name": "stdout", "text": "accuracy: 0.8\n"}]
    fake_llm.push(answer(1, "trees = 10", "trees = 100", "The default number of trees changed from 10 to 100."))
    report = loop_for(nb, fake_llm, tmp_path).run()
    assert report.reference.startswith("stored-outputs")
    assert report.baseline.status == "ok"
    assert report.attempts[0].edits[0].fix_type == "score-calibration"
    assert report.verdict == "reproduced"


def test_report_round_trips_as_json(fake_llm, tmp_path):
    fake_llm.push(answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"))
    report = loop_for(make_notebook(*UNKNOWN_BUG), fake_llm, tmp_path).run()
    again = type(report).model_validate(json.loads(report.model_dump_json()))
    assert again.accepted_edits == report.accepted_edits and again.final.status == "ok"


@pytest.mark.parametrize("model", ["openai/fake-model"])
def test_model_from_config_reaches_the_server(fake_llm, tmp_path, model):
    fake_llm.push(answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"))
    config = AgentConfig(model=model, api_base=fake_llm.api_base, memory=False, max_seconds=600)
    report = repair_notebook(RunRequest(notebook=make_notebook(*UNKNOWN_BUG), cell_timeout=30), config)
    assert report.verdict == "reproduced" and report.cost.llm_calls == 1
    assert fake_llm.requests[0]["model"] == "fake-model"


def test_a_given_baseline_is_reused_not_rerun(tmp_path):
    from mlemodernizer.executor.base import run_notebook

    nb = make_notebook("import pandas as pd\ndf = pd.DataFrame({'a': [1, 2]})",
                       "print(df.ix[0, 'a'])\ndf.to_csv('submission.csv', index=False)")
    req = RunRequest(notebook=nb, cell_timeout=60, workdir=tmp_path / "files")
    baseline = run_notebook(req)
    assert baseline.status == "error"
    events = []
    report = repair_notebook(req, AgentConfig(memory=False, max_seconds=600), baseline=baseline,
                             on_event=lambda kind, data: events.append((kind, data)))
    assert report.baseline == baseline
    assert report.verdict == "reproduced" and report.final.cells[-1].outputs[0]["text"] == "1\n"
    runs = [data["run"] for kind, data in events if kind == "attempt"]
    assert len(runs) == 1  # one live run (the fix), no second baseline
    # That run started a new kernel and ran every cell clean: it is the verdict, not run again.
    assert report.final.wall_seconds == runs[0].wall_seconds
    assert report.final.kernel_start_seconds == runs[0].kernel_start_seconds
    assert report.final.workdir == str(tmp_path / "files")
    assert (tmp_path / "files" / "submission.csv").read_text() == "a\n1\n2\n"


def test_a_fix_rerun_from_a_later_cell_ends_with_one_fresh_run(tmp_path):
    # Three data paths that only their errors show, one fix each. The second fix re-runs from the
    # top (its one-second prefix costs less than a verdict run); the third would bring the prefixes
    # re-run past that price, so it re-runs from its cell in the live kernel, and the verdict needs
    # a new session that runs the whole notebook once.
    data = tmp_path / "data"
    data.mkdir()
    for name, value in (("a.csv", 1.5), ("b.csv", 2.5), ("c.csv", 3.5)):
        (data / name).write_text(f"v\n{value}\n")
    # Each path is built from a folder literal at run time, so the static data-path rule cannot see it.
    nb = make_notebook("import time\nimport pandas as pd\ntime.sleep(1)", "a = pd.read_csv('one/' + 'a.csv')",
                       "b = pd.read_csv('two/' + 'b.csv')",
                       "c = pd.read_csv('three/' + 'c.csv')\nprint(a.v[0], b.v[0], c.v[0])")
    req = RunRequest(notebook=nb, cell_timeout=60, data_dir=data)
    events = []
    report = repair_notebook(req, AgentConfig(memory=False, max_seconds=600),
                             on_event=lambda kind, data: events.append((kind, data)))
    assert report.verdict == "reproduced", report.reason
    assert [a.first_failure for a in report.attempts] == [3, 4, None]  # cell 0 is markdown
    runs = [data["run"] for kind, data in events if kind == "attempt"]
    assert len({run.kernel_start_seconds for run in runs}) == 2  # the third ran in the second's kernel
    finals = [data["run"] for kind, data in events if kind == "final"]
    assert len(finals) == 1 and finals[0] is report.final
    assert all(report.final.kernel_start_seconds != run.kernel_start_seconds for run in runs)
    assert report.final.cells[-1].outputs[0]["text"] == "1.5 2.5 3.5\n"


def test_a_second_fix_reruns_from_the_top_and_is_the_verdict(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a\n2.5\n")
    nb = make_notebook("import pandas as pd\ndf = pd.DataFrame({'a': [1.0]})\nprint(df.ix[0, 'a'])",
                       "train = pd.read_csv('data/' + 'train.csv')", "print(train.a[0])", "print(1)", "print(2)")
    events = []
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, data_dir=data),
                             AgentConfig(memory=False, max_seconds=600),
                             on_event=lambda kind, data: events.append((kind, data)))
    assert report.verdict == "reproduced", report.reason
    assert [a.first_failure for a in report.attempts] == [2, None]  # the static pass, then the data path
    runs = [data["run"] for kind, data in events if kind == "attempt"]
    # Re-running cell 1 again costs less than a verdict run: from the top in a new kernel, and that run is the verdict.
    assert runs[1].kernel_start_seconds != runs[0].kernel_start_seconds
    assert report.final.kernel_start_seconds == runs[1].kernel_start_seconds
    assert len([kind for kind, _ in events if kind == "final"]) == 1
    assert report.final.cells[2].outputs[0]["text"] == "2.5\n"


def test_data_paths_and_output_folders_are_fixed_in_one_run(tmp_path):
    # Each of these used to cost a run of its own (the error showed one path at a time); the workspace
    # is known before the first run, so the static pass fixes them together.
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a\n1.5\n")
    (data / "test.csv").write_text("a\n2.5\n")
    nb = make_notebook("import pandas as pd\ntrain = pd.read_csv('data/train.csv')",
                       "train.to_csv('output/train.csv')", "test = pd.read_csv('C:\\\\kaggle\\\\test.csv')",
                       "test.to_csv('submissions/test.csv')\nprint(train.a[0] + test.a[0])")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, data_dir=data, workdir=tmp_path / "out"),
                             AgentConfig(memory=False, max_seconds=600))
    assert report.verdict == "reproduced", report.reason
    assert len(report.attempts) == 1 and report.attempts[0].status == "ok"
    assert {r for e in report.accepted_edits for r in e.rule_ids} == {"data-path", "output-dir"}
    assert report.final.cells[-1].outputs[0]["text"] == "4.0\n"
    assert (tmp_path / "out" / "submissions" / "test.csv").is_file()


def test_a_failing_fresh_run_after_the_last_fix_is_the_verdict(tmp_path):
    # The fix runs from the top in a new kernel and gets further; nothing fixes the next error. That run
    # already is a fresh full run of the notebook as it now is: running it again would only repeat it.
    nb = make_notebook("import pandas as pd\ndf = pd.DataFrame({'a': [1]})\nprint(df.ix[0, 'a'])",
                       "print(undefined_thing)")
    events = []
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, workdir=tmp_path / "out"),
                             AgentConfig(memory=False, max_seconds=600),
                             on_event=lambda kind, data: events.append((kind, data)))
    assert report.verdict == "failed" and report.final.first_failure.index == 2  # cell 0 is markdown
    runs = [data["run"] for kind, data in events if kind == "attempt"]
    assert len(runs) == 1 and runs[0].status == "error"
    assert report.final.kernel_start_seconds == runs[0].kernel_start_seconds  # not run again
    assert [kind for kind, _ in events].count("final") == 1


def test_a_given_baseline_nothing_fixes_is_the_verdict(tmp_path):
    from mlemodernizer.executor.base import run_notebook

    nb = make_notebook("x = 1", "print(undefined_thing)")
    req = RunRequest(notebook=nb, cell_timeout=60, workdir=tmp_path / "baseline")
    baseline = run_notebook(req)
    events = []
    report = repair_notebook(req.model_copy(update={"workdir": tmp_path / "repair"}),
                             AgentConfig(memory=False, max_seconds=600), baseline=baseline,
                             on_event=lambda kind, data: events.append((kind, data)))
    assert report.attempts == [] and report.final == baseline and report.verdict == "failed"
    assert "no fixer made progress" in report.reason


def test_the_verdict_keeps_its_files_when_a_later_kernel_booted(tmp_path):
    # The loop runs the baseline, boots a kernel for the first fix, and no fixer proposes anything: the
    # baseline is the verdict, and the files it wrote reach the workdir from its own session.
    nb = make_notebook("open('partial.txt', 'w').write('x')", "print(undefined_thing)")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, workdir=tmp_path / "out"),
                             AgentConfig(memory=False, max_seconds=600))
    assert report.attempts == [] and report.final == report.baseline.model_copy(
        update={"workdir": str(tmp_path / "out")})
    assert (tmp_path / "out" / "partial.txt").read_text() == "x"


def test_the_history_the_model_sees_lists_kept_and_reverted_edits(fake_llm, tmp_path):
    nb = make_notebook("import math", "value = math.sqroot(16)", "print(undefined_thing + value)")
    fake_llm.push(
        answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"),
        answer(3, "print(undefined_thing + value)", "import nosuchmodule\nprint(value)", "Worse on purpose."),
        answer(3, "print(undefined_thing + value)", "print(value)", "The name was never defined."),
    )
    report = loop_for(nb, fake_llm, tmp_path, memory=False).run()
    assert report.verdict == "reproduced", report.reason
    assert [a.accepted for a in report.attempts] == [True, False, True]
    first, second, third = fake_llm.user_prompts()
    assert "Earlier attempts on this notebook (the code of kept ones is already in the cells above):\n(none)" in first
    for later in (second, third):
        assert "1. kept: edit of cell 2 (llm:openai/fake-model)" in later
        assert "it fixed: cell 2: AttributeError: module 'math' has no attribute 'sqroot'" in later
    assert "(none)" not in third.split("Earlier attempts")[1]
    assert "2. reverted: edit of cell 3" in third and "it answered: cell 3: NameError" in third
    assert "ModuleNotFoundError: No module named 'nosuchmodule'" in third
    assert "----> 1 import nosuchmodule" in third  # the trimmed traceback it led to, not one line


def test_the_time_limit_stops_a_run_in_progress(fake_llm, tmp_path):
    import time

    nb = make_notebook("import time", "time.sleep(60)", "print('done')")
    began = time.monotonic()
    report = loop_for(nb, fake_llm, tmp_path, cell_timeout=120, max_seconds=6).run()
    assert time.monotonic() - began < 30  # the run was stopped, not awaited
    assert report.verdict == "failed" and "time limit of 6s was reached during a run" in report.reason
    assert report.baseline.cells[1].status == "timeout"
    assert fake_llm.requests == []  # no model asked to speed up a cell the limit cut short


def test_a_try_except_answer_is_rejected_unrun_and_reported(fake_llm, tmp_path):
    from mlemodernizer.agent.report import render_markdown

    nb = make_notebook(*UNKNOWN_BUG)
    fake_llm.push(
        answer(2, "value = math.sqroot(16)", "try:\n    value = math.sqroot(16)\nexcept AttributeError:\n    value = 4",
               "Fall back when the function is missing."),
        answer(2, "value = math.sqroot(16)", "value = math.sqrt(16)"),
    )
    events = []
    loop = loop_for(nb, fake_llm, tmp_path, memory=False)
    loop.on_event = lambda kind, data: events.append(kind)
    report = loop.run()
    assert report.verdict == "reproduced", report.reason
    rejected, kept = report.attempts
    assert not rejected.accepted and rejected.why.startswith("rejected by the guard: cell 2: wraps the failing line")
    assert kept.accepted and kept.edits[0].new == "value = math.sqrt(16)"
    assert events.count("attempt") == 2 and len(report.final.cells) == 3
    # The second prompt tells the model why its first answer never ran.
    assert "rejected (never run): edit of cell 2" in fake_llm.user_prompts()[1]
    assert "wraps the failing line `value = math.sqroot(16)` in try/except" in fake_llm.user_prompts()[1]
    markdown = render_markdown("nb", report)
    assert "## For the reviewer" in markdown
    assert "- Attempt 1 (`llm:openai/fake-model`) was rejected and never ran: cell 2: wraps the failing line" in markdown


def test_a_workaround_that_works_is_kept_and_flagged(fake_llm, tmp_path):
    from mlemodernizer.agent.report import render_markdown

    nb = make_notebook("import nosuchpkg\nprint(nosuchpkg.VERSION)")
    stand_in = "import sys, types\nnosuchpkg = types.ModuleType('nosuchpkg')\nnosuchpkg.VERSION = 1\n" \
               "sys.modules['nosuchpkg'] = nosuchpkg\nprint(nosuchpkg.VERSION)"
    fake_llm.push(answer(1, "", stand_in, "The package is gone; a stand-in keeps the cell running."))
    report = loop_for(nb, fake_llm, tmp_path, memory=False).run()
    assert report.verdict == "reproduced" and report.attempts[0].accepted
    assert "flagged for review: cell 1: puts a stand-in module into sys.modules" in report.attempts[0].why
    assert "is a workaround to judge: cell 1: puts a stand-in module" in render_markdown("nb", report)


def test_the_prompt_describes_the_failing_lines_names_as_the_kernel_holds_them(fake_llm, tmp_path):
    nb = make_notebook("import pandas as pd\ntrain = pd.DataFrame({'age': [22.0, None, 30.0]})",
                       "middle = train.age.mediann()", "print(middle)")
    fake_llm.push(answer(2, "middle = train.age.mediann()", "middle = train.age.median()", "A typo for median."))
    report = loop_for(nb, fake_llm, tmp_path, memory=False).run()
    assert report.final.status == "ok", report.reason
    first = fake_llm.user_prompts()[0]
    assert "`train` in the kernel at the failure: DataFrame (3, 1); age: float64 (1 NaN)" in first


def test_a_python2_cell_that_failed_for_its_author_too_is_kept_after_one_static_pass(tmp_path):
    # The old cross-validation iterator is rewritten to split(range(4)) and, the notebook being Python 2, the
    # range converted to list(range(4)) in the same pass (a second pass once proposed it: an attempt that could
    # not help). The cell still fails as it did for its author, whose published output shows the same
    # IndexingError, and the rule that keeps the author's own failure is the one the run needs.
    # (A keyed edit that does not help leaving the turn to the next: test_it_comes_after_the_rules_that_read_the_line.)
    import nbformat
    from mlemodernizer.core import parse_notebook

    node = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python2", "display_name": "Python 2"}})
    node.cells = [nbformat.v4.new_code_cell(source, execution_count=n) for n, source in enumerate([
        "import pandas as pd\ns = pd.Series([1.0, 2.0, 3.0, 4.0])",
        "from sklearn.cross_validation import KFold\nfolds = KFold(4, n_folds=2)\nfor tr, te in folds:\n"
        "    print(s.iloc[tr, 0])\nprint('never ran')",
        "print('after', len(folds))"], 1)]
    node.cells[1].outputs = [nbformat.v4.new_output("error", ename="IndexingError", evalue="Too many indexers",
                                                    traceback=["<ipython-input-2-ab> in <module>()",
                                                               "----> 4     print(s.iloc[tr, 0])"])]
    nb = parse_notebook(nbformat.writes(node))
    report = RepairLoop(RunRequest(notebook=nb, cell_timeout=60), AgentConfig(max_seconds=600),
                        fixers=[RuleFixer(published=nb)]).run()
    assert report.verdict == "reproduced", report.reason
    assert [a for a in report.attempts if not a.accepted] == []
    origins = [e.origin for e in report.accepted_edits]
    assert "rule:notebook-published-failure" in origins
    static = next(e for e in report.accepted_edits if "sklearn-old-cv-iterators" in e.origin)
    assert "split(list(range(4)))" in static.new and "python2-to-3" in static.origin


def test_files_of_the_notebooks_repository_are_read_from_where_the_working_directory_has_them(tmp_path):
    # A notebook kept in src/ of its repository reads ../images/<id>.txt through a template; the corpus
    # stages the repository's images/ in its working directory. The first run fails on the author's
    # folder and the one error repoints every literal under it.
    files = tmp_path / "files"
    (files / "images").mkdir(parents=True)
    for i in (1, 2):
        (files / "images" / f"{i}.txt").write_text(f"{i * 10}\n")
    nb = make_notebook("vals = [int(open('../images/{}.txt'.format(i)).read()) for i in (1, 2)]",
                       "folder = '../images/'\nprint(sum(vals), open(folder + '2.txt').read().strip())")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, files_dir=files),
                             AgentConfig(memory=False, max_seconds=600))
    assert report.verdict == "reproduced", report.reason
    assert {r for e in report.accepted_edits for r in e.rule_ids} == {"working-file-path"}
    assert report.final.cells[-1].outputs[0]["text"] == "30 20\n"


def test_a_rule_edit_the_run_never_reached_gets_its_turn_when_the_failure_reaches_its_line(tmp_path):
    # The static pass points line 3's read at ../input, but line 1 fails first (the repository's helper module
    # imports a name gensim 4 removed): the run never reached the edit, which is reverted. Once the module is
    # fixed, line 3 fails on the path and the same edit is proposed again: it was never tried, so it runs.
    data, files = tmp_path / "data", tmp_path / "files"
    data.mkdir()
    files.mkdir()
    (data / "train.csv").write_text("a\n1\n2\n")
    (files / "helper.py").write_text("from gensim.utils import simple_preprocess, lemmatize\n")
    nb = make_notebook("import pandas as pd", "from helper import *\nprint('loaded')\ndf = pd.read_csv('train.csv')",
                       "print(df.a.sum())")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, data_dir=data, files_dir=files),
                             AgentConfig(memory=False, max_seconds=600))
    assert report.verdict == "reproduced", report.reason
    assert {r for e in report.accepted_edits for r in e.rule_ids} == {"data-path", "unused-missing-import"}
    first = report.attempts[0]
    assert not first.accepted and first.unreached and first.first_failure == 2 and "lemmatize" in first.error
    assert report.final.cells[-1].outputs[0]["text"] == "3\n"


def test_the_competitions_download_read_back_as_its_zip_is_made_from_the_served_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a\n1\n2\n")
    nb = make_notebook("!kaggle competitions download -c titanic\nimport zipfile\n"
                       "with zipfile.ZipFile('titanic.zip', 'r') as z:\n    z.extractall('kaggle_data')",
                       "import pandas as pd\nprint(len(pd.read_csv('kaggle_data/train.csv')))")
    report = repair_notebook(RunRequest(notebook=nb, cell_timeout=60, data_dir=data, workdir=tmp_path / "out"),
                             AgentConfig(memory=False, max_seconds=600))
    assert report.verdict == "reproduced", report.reason
    assert len(report.attempts) == 1 and "shell-network" in {r for e in report.accepted_edits for r in e.rule_ids}
    assert report.final.cells[-1].outputs[0]["text"] == "2\n"
    assert (tmp_path / "out" / "kaggle_data" / "train.csv").read_text() == "a\n1\n2\n"  # out of the zip
