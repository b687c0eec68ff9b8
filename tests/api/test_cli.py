"""`mlemod serve` refuses a bad configuration in one line, before it listens.

In-process through ``cli.main`` (the subprocess path is exercised by the
repair-job tests, which run `mlemod serve` for real).
"""

from __future__ import annotations

import pytest
from mlemodernizer.cli import main

ENV = "MLEMOD_TEST_SERVE_TOKEN"


@pytest.mark.parametrize("args, token, message", [
    ((), None, f"no API token: set the environment variable {ENV}"),
    ((), "short", "at least 16 characters"),
    (("--backend", "local"), "a-long-enough-test-token", "needs allow_local_backend"),
    (("--db", "mysql://host/db"), "a-long-enough-test-token", "unsupported database URL"),
    (("--workers", "0"), "a-long-enough-test-token", "workers"),
    (("--shutdown-grace", "-1"), "a-long-enough-test-token", "bad server setting shutdown_grace"),
])
def test_bad_configuration_is_a_one_line_error(monkeypatch, capsys, args, token, message):
    monkeypatch.delenv(ENV, raising=False)
    if token is not None:
        monkeypatch.setenv(ENV, token)
    assert main(["serve", "--token-env", ENV, *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1, err


def test_serve_is_listed_in_the_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--allow-local-backend" in out and "--token-env" in out and "--db" in out
