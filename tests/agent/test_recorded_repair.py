"""A recorded multi-round repair (issue 16, item 8): real kernels, the real local backend, the model a
scripted OpenAI-compatible server at its HTTP boundary.

The notebook ships a helper package (``src/``) whose module fails; a cell maps a column in place before
the line that fails, so re-running that cell in the live kernel is only right when the runner restores the
state from before it; its last cell runs past the per-cell timeout. Seven scripted answers drive four
diagnoses, and the test asserts what each prompt said and what the loop did with each answer:

1. a helper-file edit that wraps the failing code in try/except: rejected by the guard, never run;
2. a helper-file edit fixing the failing name in both modules that use it: kept (a new kernel, restaged);
3. a cell fix (a typo), re-run from the top;
4. a wrong fix of the state-mutating cell, re-run from that cell in the live kernel: reverted;
5. the right fix, re-run from that cell in the same kernel: its output equals the fresh final run's;
6. a runtime cut that is not enough: reverted, and the next prompt shows that attempt's own run;
7. a runtime cut that fits: the notebook runs to the end.
"""

from __future__ import annotations

import textwrap

from mlemodernizer.agent.loop import AgentConfig, RepairLoop
from mlemodernizer.agent.modules import repaired_modules
from mlemodernizer.core import RunRequest
from mlemodernizer.executor.base import run_notebook
from support import make_notebook

FEATURES = textwrap.dedent("""\
    import math

    import numpy as np


    def scale(values):
        \"\"\"Square roots, as floats.\"\"\"
        out = [math.sqroot(v) for v in values]
        return np.asarray(out, dtype=float)
""")
MODEL = textwrap.dedent("""\
    import math


    def spread(value):
        return 2 * math.sqroot(value)
""")

CELLS = [
    "import math\nimport time\nimport pandas as pd\nfrom src import features\ntime.sleep(1)",
    "df = pd.DataFrame({'size': ['S', 'M', 'L', 'M'], 'a': [1.0, 4.0, 9.0, 16.0]})\n"
    "df['root'] = features.scale(df['a'])\nprint(df['root'].tolist())",
    "bits = len(df).bit_lenght()\nprint(bits)",
    "df['size'] = df['size'].map({'S': 1, 'M': 2, 'L': 3})\n"
    "total = (df['size'] * df['root']).summ()\nprint(df['size'].tolist(), total)",
    "for i in range(80):\n    time.sleep(0.1)\n    print(i, end=' ', flush=True)\nprint('done')",
]


def block(where: str, search: str, replace: str) -> str:
    return f"<<<<<<< SEARCH {where}\n{search}\n=======\n{replace}\n>>>>>>> REPLACE\n"


def answer(why: str, *blocks: str) -> str:
    return f"Rationale: {why}\n\n" + "\n".join(blocks)


SCRIPT = [
    answer("Skip the square roots when math cannot take them.",
           block("file src/features.py", "    out = [math.sqroot(v) for v in values]",
                 "    try:\n        out = [math.sqroot(v) for v in values]\n    except AttributeError:\n"
                 "        out = list(values)")),
    answer("`math` has no `sqroot`; the square root is `math.sqrt`, in both helper modules.",
           block("file src/features.py", "    out = [math.sqroot(v) for v in values]",
                 "    out = [math.sqrt(v) for v in values]"),
           block("file src/model.py", "    return 2 * math.sqroot(value)", "    return 2 * math.sqrt(value)")),
    answer("A typo: the method is `bit_length`.", block("cell 3", "bits = len(df).bit_lenght()",
                                                          "bits = len(df).bit_length()")),
    answer("Series has no `summ`.", block("cell 4", "total = (df['size'] * df['root']).summ()",
                                          "total = (df['size'] * df['root']).total()")),
    answer("A typo: `Series.sum`.", block("cell 4", "total = (df['size'] * df['root']).summ()",
                                          "total = (df['size'] * df['root']).sum()")),
    answer("Fewer iterations.", block("cell 5", "for i in range(80):", "for i in range(60):")),
    answer("Twenty iterations fit the per-cell limit.", block("cell 5", "for i in range(80):", "for i in range(20):")),
]


def test_a_recorded_repair_of_a_helper_package_a_mutating_cell_and_a_slow_cell(fake_llm, tmp_path):
    files = tmp_path / "files"
    (files / "src").mkdir(parents=True)
    (files / "src" / "__init__.py").write_text("")
    (files / "src" / "features.py").write_text(FEATURES)
    (files / "src" / "model.py").write_text(MODEL)
    nb = make_notebook(*CELLS)  # cell 0 is markdown: code cells are 1..5
    fake_llm.push(*SCRIPT)
    config = AgentConfig(model="openai/fake-model", api_base=fake_llm.api_base, memory=False, max_seconds=600)
    req = RunRequest(notebook=nb, files_dir=files, cell_timeout=4, workdir=tmp_path / "work")
    events: list[tuple[str, dict]] = []
    report = RepairLoop(req, config, on_event=lambda kind, data: events.append((kind, data))).run()

    assert report.verdict == "reproduced", report.reason
    assert len(fake_llm.requests) == 7 and report.cost.llm_calls == 7
    prompts = fake_llm.user_prompts()
    attempts = report.attempts
    runs = [data["run"] for kind, data in events if kind == "attempt"]
    assert [a.accepted for a in attempts] == [False, True, True, False, True, False, True]

    # 1. The traceback runs through src/features.py: the prompt shows its imports, the failing function and
    #    the other use of the failing name in the package; the try/except answer is rejected unrun.
    first = prompts[0]
    assert "AttributeError: module 'math' has no attribute 'sqroot'" in first
    assert "### file src/features.py: its imports\n```python\nimport math\nimport numpy as np\n```" in first
    assert "### file src/features.py: lines 6-9, `def scale` (line 8: raised here)" in first
    assert "    out = [math.sqroot(v) for v in values]\n    return np.asarray(out, dtype=float)" in first
    assert "- src/model.py line 5 (in `def spread`): `return 2 * math.sqroot(value)`" in first
    assert "SEARCH file PATH" in fake_llm.requests[0]["messages"][0]["content"]  # the format is explained
    assert "`src` imported but not installed" not in first and "not installed" not in first
    assert attempts[0].why.startswith("rejected by the guard: module src/features.py: wraps existing code")
    assert attempts[0].edits[0].file == "src/features.py" and runs[0] is report.baseline  # never ran
    assert "rejected (never run): edit of module src/features.py" in prompts[1]

    # 2. One answer edits both helper files; the loop restages them and re-runs from the top.
    assert {e.file for e in attempts[1].edits} == {"src/features.py", "src/model.py"}
    assert runs[1].first_failure.index == 3
    assert "kept: edit of module src/features.py, module src/model.py" in prompts[2]
    assert "### file src/" not in prompts[2]  # this failure is in a cell: no helper excerpts
    modules = repaired_modules(report.accepted_edits)
    assert "math.sqrt(v)" in modules["src/features.py"] and "math.sqrt(value)" in modules["src/model.py"]
    assert (files / "src" / "features.py").read_text() == FEATURES  # the user's folder is never written

    # 3. The typo in cell 3: from the top (re-running the prefix still costs less than a verdict run).
    assert runs[2].first_failure.index == 4
    assert runs[2].kernel_start_seconds != runs[1].kernel_start_seconds

    # 4-5. Cell 4 maps a column in place before its failing line. Both of its fixes re-run from cell 4 in
    #      the live kernel (the prefix was already paid once); the restored state makes the map run on the
    #      original strings each time, so the kept run prints what a fresh run prints.
    assert "'Series' object has no attribute 'summ'" in prompts[3]
    assert runs[3].kernel_start_seconds == runs[4].kernel_start_seconds == runs[2].kernel_start_seconds
    assert [c.index for c in runs[4].cells if c.status != "skipped"][:1] == [1]  # earlier results carry over
    assert "'Series' object has no attribute 'total'" in prompts[4] and "reverted" in prompts[4]
    kept = next(c for c in runs[4].cells if c.index == 4)
    assert kept.status == "ok" and kept.outputs[0]["text"] == "[1, 2, 3, 2] 22.0\n"
    assert report.final.kernel_start_seconds not in {r.kernel_start_seconds for r in runs}  # a fresh verdict run
    final = {c.index: c for c in report.final.cells}
    assert final[4].outputs == kept.outputs

    # 6-7. The slow cell: the prompt gives the latest run's timings and how far the cell got; after the
    #      first cut is reverted, the next prompt shows that attempt's own run, not the diagnosis run's.
    runtime = prompts[5]
    assert "Task: runtime-reduction" in runtime and "Any code cell may be edited" in runtime
    assert "In the latest run cell 5 was stopped after 4." in runtime and "its limit is 4s per cell" in runtime
    assert "What it printed before it was stopped" in runtime
    assert "Seconds each cell took in the latest run (of the cells as shown below):" in runtime
    again = prompts[6]
    assert "Seconds each cell took in the latest run, that of attempt 6 (not kept" in again
    assert "for i in range(60):" in again  # the reverted attempt's diff
    assert final[5].status == "ok" and final[5].outputs[-1]["text"].endswith("done\n")

    # The final notebook is what a fresh run of the repaired notebook and modules gives, cell by cell.
    repaired = tmp_path / "repaired"
    (repaired / "src").mkdir(parents=True)
    (repaired / "src" / "__init__.py").write_text("")
    for rel, text in modules.items():
        (repaired / rel).write_text(text)
    from mlemodernizer.agent.loop import apply_report

    fresh = run_notebook(RunRequest(notebook=apply_report(nb, report), files_dir=repaired, cell_timeout=4))
    assert fresh.status == "ok"
    assert [_coalesced(c.outputs) for c in fresh.cells] == [_coalesced(c.outputs) for c in report.final.cells]


def _coalesced(outputs: list[dict]) -> list[dict]:
    """``outputs`` with each run of one stream's messages joined: how a cell that prints as it goes is cut into
    messages depends on the machine's timing, not on the code."""
    joined: list[dict] = []
    for out in outputs:
        last = joined[-1] if joined else None
        same_stream = last and out.get("output_type") == last.get("output_type") == "stream"
        if same_stream and out.get("name") == last.get("name"):
            joined[-1] = {**last, "text": last["text"] + out["text"]}
        else:
            joined.append(dict(out))
    return joined
