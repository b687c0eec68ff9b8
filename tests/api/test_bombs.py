"""Zip bombs and a full server: refused fast, through the real app, with nothing left on disk.

The bomb is made here: 1 GiB of zeros streamed into one deflated member (about
1 MB, a ratio near 1000:1). The server keeps its default limits (4 GiB unpacked
per job), so only the ratio checks and the streaming count can stop it.
"""

from __future__ import annotations

import os
import time
import zipfile

import pytest
from api_support import notebook_bytes, post_job, zip_bytes
from mlemodernizer.api import jobs
from mlemodernizer.api.archive import ServerFull, extract_zip
from mlemodernizer.errors import InputError

GOOD = notebook_bytes("print('hello')")
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    zeros = bytes(MiB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("train.csv")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(zeros)
    assert path.stat().st_size < 1.5 * MiB
    return path


@pytest.fixture
def queued_only(monkeypatch):
    """No worker takes a job: jobs stay queued and keep holding their uploads."""
    monkeypatch.setattr(jobs.JobRunner, "submit", lambda self, job_id: None)


def leftovers(server) -> list:
    return sorted(p.name for p in server.settings.jobs_path.rglob("*"))


def test_a_one_gib_bomb_is_refused_in_under_a_second_leaving_nothing(serve, bomb, queued_only):
    server = serve()  # default limits: 500 MB uploads, 4 GiB unpacked
    assert server.settings.max_extracted_bytes > 1024 * MiB
    payload = bomb.read_bytes()
    with server.client() as c:
        began = time.perf_counter()
        response = post_job(c, GOOD, payload)
        elapsed = time.perf_counter() - began
        assert response.status_code == 400, response.text
        assert "zip bomb" in response.json()["detail"]
        print(f"\n1 GiB bomb ({len(payload)} bytes) refused in {elapsed * 1000:.0f} ms: {response.json()['detail']}")
        assert elapsed < 1.0
        assert c.get("/jobs").json() == []
    assert leftovers(server) == []


def test_the_streaming_count_stops_a_bomb_whose_header_is_trusted_by_nothing(tmp_path, bomb):
    """The ratio checks off (a generous operator): the running byte count still stops at the limit, fast,
    and removes what it wrote."""
    began = time.perf_counter()
    with pytest.raises(InputError, match=f"more than {64 * MiB} bytes"):
        extract_zip(bomb, tmp_path / "out", 10, 64 * MiB, max_ratio=10_000)  # the declared-size check...
    assert not (tmp_path / "out").exists()
    # ... and with the declared sizes out of the way: the limit is met by counting what comes out.
    import mlemodernizer.api.archive as archive

    original = archive.check_members
    archive.check_members = lambda zf, *a, **k: zf.infolist()
    try:
        with pytest.raises(InputError, match=f"more than {64 * MiB} bytes"):
            extract_zip(bomb, tmp_path / "out", 10, 64 * MiB, max_ratio=10_000)
        with pytest.raises(InputError, match="expands more than 100 times"):
            extract_zip(bomb, tmp_path / "out", 10, 4096 * MiB)
    finally:
        archive.check_members = original
    assert not (tmp_path / "out").exists()
    assert time.perf_counter() - began < 2


def test_a_member_that_lies_about_its_size_is_unreadable_not_unbounded(tmp_path):
    path = tmp_path / "liar.zip"
    path.write_bytes(zip_bytes({"train.csv": "0" * 200_000}))
    raw = bytearray(path.read_bytes())
    central = raw.rfind(b"PK\x01\x02")  # the central directory entry: its uncompressed size says 10 bytes
    raw[central + 24:central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="cannot be read"):
        extract_zip(path, tmp_path / "out", 10, 1000)
    assert not (tmp_path / "out").exists()


def test_compressible_data_under_the_ratio_is_accepted(tmp_path):
    path = tmp_path / "ok.zip"
    path.write_bytes(zip_bytes({"small_zeros.csv": "0" * 500_000,  # under RATIO_FLOOR: not judged
                                "text.csv": "".join(f"{i},{i * 7 % 13},label{i % 5}\n" for i in range(200_000))}))
    folder = extract_zip(path, tmp_path / "out", 10, 100 * MiB)
    assert (folder / "text.csv").stat().st_size > 2 * MiB


def test_a_full_server_answers_503_with_retry_after_and_keeps_nothing(serve, queued_only):
    server = serve(max_held_bytes=100_000, retry_after=30)
    first = zip_bytes({"train.csv": os.urandom(40_000)})  # random: the zip is as big as its member
    with server.client() as c:
        held = post_job(c, GOOD, first)
        assert held.status_code == 202, held.text
        refused = post_job(c, GOOD, zip_bytes({"other.csv": os.urandom(40_000)}))
        assert refused.status_code == 503, refused.text
        assert refused.headers["retry-after"] == "30"
        assert "try again" in refused.json()["detail"]
        assert [j["id"] for j in c.get("/jobs").json()] == [held.json()["id"]]
        assert [p.name for p in server.settings.jobs_path.iterdir()] == [held.json()["id"]]  # none of the refused
        # a job without data still gets in; cancelling the first gives its bytes back
        assert post_job(c, GOOD).status_code == 202
        assert c.delete(f"/jobs/{held.json()['id']}").status_code == 200
        assert post_job(c, GOOD, zip_bytes({"other.csv": os.urandom(40_000)})).status_code == 202


def test_the_quota_is_rebuilt_from_queued_jobs_at_start_up(tmp_path, serve, queued_only):
    server = serve(max_held_bytes=150_000)  # at its peak an upload holds its zip and its members
    with server.client() as c:
        job = post_job(c, GOOD, zip_bytes({"train.csv": os.urandom(60_000)})).json()
    server.stop()
    stale = server.settings.jobs_path / ("f" * 32)
    stale.mkdir()
    (stale / "left.bin").write_bytes(b"x" * 10)
    again = serve(max_held_bytes=150_000)
    assert again.server.config.app.state.quota.held >= 60_000
    assert not stale.exists()
    with again.client() as c:
        assert post_job(c, GOOD, zip_bytes({"b.csv": os.urandom(60_000)})).status_code == 503
        assert c.get(f"/jobs/{job['id']}").json()["status"] == "queued"


def test_server_full_is_its_own_error():
    assert not issubclass(ServerFull, InputError)
