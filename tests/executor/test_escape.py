"""The escape notebooks (executor/escape.py) on every backend this machine has.

Isolated local (root with unshare: the runner confines itself) and docker must contain
every check. ``local-open`` (no namespaces: root in a plain container, or any user
without root) is held to its documented weaker behaviour: the environment is an
allowlist and memory and time are bounded, but the kernel runs as the host user with
the host's network, so what that user can read or write, the notebook can; its fork
bomb is not run, as no process limit would contain it.
"""

from __future__ import annotations

import os

import pytest
from mlemodernizer.executor import escape, local

OPEN = {
    "secret in os.environ": True,
    "secret in another process's environ": False,  # the server's own user (or root) reads its environ
    "another job's files": False,
    "the jobs database": False,
    "/etc/shadow": os.geteuid() != 0,
    "write outside the working folder": False,  # $HOME and the data folder at least
    "write to the working folder": True,
    "network: this host's loopback": False,
    "network: this host's address": False,
    "network: an external address": False,
    "fork bomb": None,
    "memory bomb": True,
    "infinite loop": True,
}
CONTAINED = dict.fromkeys(escape.CHECKS, True)

_RESULTS: dict[str, dict] = {}


def outcomes(name: str) -> dict:
    if name not in _RESULTS:  # one probe per backend for all its checks
        _RESULTS[name] = escape.probe(name)
    return _RESULTS[name]


@pytest.fixture(params=["local", "local-open", pytest.param("docker", marks=pytest.mark.docker)])
def backend(request) -> str:
    if request.param == "docker":
        request.getfixturevalue("engine")  # skips without an engine and the image
    if request.param == "local" and local.isolation_problem():
        pytest.skip(f"the local backend cannot isolate here ({local.isolation_problem()}); local-open is this path")
    return request.param


@pytest.mark.parametrize("check", escape.CHECKS)
def test_escape(backend, check):
    outcome = outcomes(backend)[check]
    expected = (OPEN if backend == "local-open" else CONTAINED)[check]
    assert outcome.contained is expected, f"{backend}: {check}: {outcome.detail}"


def test_fork_bomb_is_not_run_where_nothing_would_contain_it():
    assert escape.fork_bomb_bounded("local-open")
    assert escape.fork_bomb_bounded("docker") is None
    assert (escape.fork_bomb_bounded("local") is None) == (local.isolation_problem() is None)


def test_table_has_a_row_per_check_and_a_column_per_backend():
    fake = {name: {c: escape.Outcome(c, c != "fork bomb", "seen") for c in escape.CHECKS} for name in ("a", "b")}
    lines = escape.table(fake).splitlines()
    assert [h.strip() for h in lines[0].split(" | ")] == ["check", "a", "b"]
    assert len(lines) == 2 + len(escape.CHECKS)
    assert "ESCAPES: seen" in next(line for line in lines if line.startswith("fork bomb"))
