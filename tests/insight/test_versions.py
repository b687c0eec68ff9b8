"""Versions then (a release table and the written month) and now (the lock files)."""

from __future__ import annotations

import re

from mlemodernizer.insight.versions import LOCK_DIR, distribution, python_now, version_now, version_then


def test_version_then_is_the_newest_minor_release_by_the_written_month():
    assert version_then("pandas", "2016-12") == "0.19"
    assert version_then("scikit-learn", "2017-08") == "0.19"
    assert version_then("scikit-learn", "2017-07") == "0.18"
    assert version_then("numpy", "2024-06") == "2.0"
    assert version_then("pandas", None) is None
    assert version_then("nosuchlib", "2017-01") is None
    assert version_then("pandas", "2001-01") is None


def test_version_now_reads_the_locks_and_knows_the_cpu_builds():
    pinned = re.search(r"^pandas==(\S+)", (LOCK_DIR / "tabular.lock").read_text(), re.MULTILINE).group(1)
    assert version_now("pandas") == (pinned, "tabular")
    assert version_now(distribution("xgboost"))[0] is not None  # xgboost-cpu provides it
    assert version_now(distribution("sklearn"))[1] == "tabular"
    assert version_now("no-such-distribution") == (None, None)
    assert python_now() == "3.11"
