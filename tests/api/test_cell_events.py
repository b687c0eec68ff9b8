"""Per-cell progress on the event stream, through the real app and a real kernel: each code cell's event
(index, status, seconds, peak memory) arrives while the run goes on, not with the run's summary."""

from __future__ import annotations

import json
import time

from api_support import notebook_bytes, post_job


def follow(c, job_id: str) -> list[tuple[float, str, dict]]:
    """(arrival time, kind, data) of each event, to the end of the stream."""
    events, current = [], {}
    with c.stream("GET", f"/jobs/{job_id}/events", timeout=300) as response:
        assert response.status_code == 200
        for line in response.iter_lines():
            if not line:
                if "data" in current:
                    events.append((time.monotonic(), current["event"], json.loads(current["data"])))
                current = {}
            elif not line.startswith(":"):
                field, _, value = line.partition(":")
                current[field] = value.removeprefix(" ")
    return events


def test_each_cell_is_reported_as_it_finishes(serve):
    server = serve(allow_local_backend=True)
    notebook = notebook_bytes("import time\ntime.sleep(1.5)",
                              "big = b'x' * (80 * 2**20)\nprint(len(big))",
                              "time.sleep(2)\nprint(undefined_name)")
    with server.client() as c:
        job = post_job(c, notebook, backend="local", max_fixes=0).json()
        events = follow(c, job["id"])
    kinds = [kind for _, kind, _ in events]
    baseline = kinds.index("baseline")
    cells = [(at, data) for at, kind, data in events[:baseline] if kind == "cell"]
    assert [d["cell"] for _, d in cells] == [1, 2, 3], kinds  # notebook cell indices: 0 is markdown
    assert [d["status"] for _, d in cells] == ["ok", "ok", "error"]
    assert 1.4 < cells[0][1]["seconds"] < 10 and cells[2][1]["seconds"] >= 1.9
    assert cells[2][1]["error"].startswith("NameError: name 'undefined_name'")
    assert cells[0][1]["error"] is None
    peaks = [d["peak_memory_mb"] for _, d in cells]
    assert all(isinstance(p, float) for p in peaks) and peaks[1] > peaks[0] + 60, peaks
    # cell 0's event came while cells 1 and 2 still ran (2 s of sleep), not with the baseline summary
    assert events[baseline][0] - cells[0][0] > 1.5
    print(f"\ncell events before the baseline: {[d for _, d in cells]}")
