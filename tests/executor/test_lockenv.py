"""ask_environment: a finished environment's answers are read once and kept in its folder."""

import sys
from pathlib import Path

from mlemodernizer.executor.lockenv import ask_environment

# Counts its own runs in the file it is given, then prints its argument back as JSON.
_COUNTING = "import json, sys\nopen(sys.argv[1], 'a').write('x')\nprint(json.dumps({'said': sys.argv[2]}))"


def _environment(root: Path, finished: bool) -> Path:
    (root / "bin").mkdir(parents=True)
    python = root / "bin" / "python"
    python.symlink_to(sys.executable)
    if finished:
        (root / ".complete").write_text("")
    return python


def test_a_finished_environments_answer_is_kept_and_served_without_running_again(tmp_path):
    python, runs = _environment(tmp_path / "env", finished=True), tmp_path / "runs"
    assert ask_environment(python, _COUNTING, str(runs), "a") == {"said": "a"}
    assert ask_environment(python, _COUNTING, str(runs), "a") == {"said": "a"}
    assert runs.read_text() == "x"
    # another question is asked afresh
    assert ask_environment(python, _COUNTING, str(runs), "b") == {"said": "b"}
    assert runs.read_text() == "xx"


def test_an_unfinished_environment_and_a_failed_answer_are_asked_every_time(tmp_path):
    python, runs = _environment(tmp_path / "env", finished=False), tmp_path / "runs"
    ask_environment(python, _COUNTING, str(runs), "a")
    ask_environment(python, _COUNTING, str(runs), "a")
    assert runs.read_text() == "xx"
    finished = _environment(tmp_path / "done", finished=True)
    failing = "import sys\nopen(sys.argv[1], 'a').write('x')\nraise SystemExit(1)"
    assert ask_environment(finished, failing, str(tmp_path / "fails")) is None
    assert ask_environment(finished, failing, str(tmp_path / "fails")) is None
    assert (tmp_path / "fails").read_text() == "xx"


def test_a_read_only_environment_still_answers(tmp_path):
    python, runs = _environment(tmp_path / "env", finished=True), tmp_path / "runs"
    (tmp_path / "env" / ".answers").write_text("not a folder")  # nothing can be kept there
    assert ask_environment(python, _COUNTING, str(runs), "a") == {"said": "a"}
    assert ask_environment(python, _COUNTING, str(runs), "a") == {"said": "a"}
    assert runs.read_text() == "xx"
