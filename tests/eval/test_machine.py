"""Where an evaluation ran (eval/machine.py): one line per invocation, a workload whose seconds measure the
machine, and a file that survives a torn line."""

import json

from mlemodernizer.eval import machine


def test_the_reference_workload_grows_with_its_size():
    # the figure is a real timing of real work: four times the work takes clearly longer
    small, large = machine.reference_seconds(repeat=100), machine.reference_seconds(repeat=400)
    assert 0 < small < large


def test_each_invocation_appends_a_line_and_a_torn_line_is_skipped(tmp_path):
    first = machine.record(tmp_path, repeat=20)
    machine.record(tmp_path, repeat=20)
    with (tmp_path / machine.MACHINES).open("a") as handle:
        handle.write('{"processor": "cut sh')  # a crash mid-write
    last = machine.record(tmp_path, repeat=20)  # after a torn line: on a line of its own, not lost with it
    lines = machine.read(tmp_path)
    assert len(lines) == 3 and lines[0] == first and lines[-1] == last
    assert set(first) == {"started", "processor", "cores", "python", "reference_seconds"}
    assert json.loads((tmp_path / machine.MACHINES).read_text().splitlines()[0]) == first


def test_the_report_lists_each_machine_and_speed_once():
    fast = {"processor": "A", "cores": 8, "reference_seconds": 0.1}
    slow = {"processor": "B", "cores": 2, "reference_seconds": 0.3}
    lines = machine.markdown([fast, slow, dict(fast)])
    assert [line for line in lines if line.startswith("- ")] == [
        "- A, 8 cores: reference workload 0.1 s", "- B, 2 cores: reference workload 0.3 s"]
    assert machine.markdown([]) == []
