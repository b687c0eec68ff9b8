"""The live session: started and shut down in the background, with a real kernel (local backend)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlemodernizer.agent.sessions import LiveSession
from mlemodernizer.core import RunRequest
from mlemodernizer.errors import InputError
from support import make_notebook

NB = make_notebook("open('out.txt', 'w').write('x')\nprint('ran')")


def test_a_session_runs_writes_into_its_scratch_and_is_gone_after_close():
    live = LiveSession("local", {})
    live.open(RunRequest(notebook=NB))
    run = live.session.run_cells(NB.sources())
    assert run.status == "ok" and run.cells[0].outputs[0]["text"] == "ran\n"
    scratch, process = Path(run.workdir), live.session.channel.proc
    assert (scratch / "out.txt").read_text() == "x"
    live.close()
    assert process.poll() is not None and not scratch.exists()


def test_a_discarded_session_closes_but_its_files_stay_until_the_end():
    # The verdict may be a run of a session discarded since (the next one booted early): its files are kept.
    live = LiveSession("local", {})
    live.open(RunRequest(notebook=NB))
    run = live.session.run_cells(NB.sources())
    first = live.session.channel.proc
    live.open(RunRequest(notebook=NB))
    assert live.session.run_cells(NB.sources()).status == "ok"
    first.wait(timeout=30)  # closed in the background
    assert (Path(run.workdir) / "out.txt").read_text() == "x"
    live.close()
    assert not Path(run.workdir).exists()


def test_opening_another_session_discards_the_first_even_while_it_boots():
    live = LiveSession("local", {})
    live.open(RunRequest(notebook=NB))
    first = live._current  # not waited for: it may still be booting
    live.open(RunRequest(notebook=NB))
    assert live.session.run_cells(NB.sources()).status == "ok"
    second = live.session.channel.proc
    live.close()
    assert first.result().channel.proc.poll() is not None and second.poll() is not None


def test_a_failed_start_is_raised_where_the_session_is_used_and_close_still_works(tmp_path):
    live = LiveSession("local", {})
    live.open(RunRequest(notebook=NB, data_dir=tmp_path / "missing"))
    with pytest.raises(InputError, match="does not exist"):
        live.session
    live.close()


def test_an_unknown_backend_fails_at_open():
    with pytest.raises(InputError, match="unknown executor backend"):
        LiveSession("nope", {}).open(RunRequest(notebook=NB))
