"""Several clients, through the real app: each job is owned by its token's name, a client sees only its
own jobs (another's is a 404 everywhere), an admin sees all; tokens from a file or the environment."""

from __future__ import annotations

import argparse

import pytest
from api_support import ABSENT_IMAGE, TOKEN, client, notebook_bytes, post_job, read_events, wait_for
from mlemodernizer.api import cli as api_cli
from mlemodernizer.api.auth import parse_tokens
from mlemodernizer.errors import InputError

ALICE, BOB, ROOT = "alice-token-0123456789", "bob-token-0123456789ab", "root-token-0123456789ab"
CLIENTS = [{"name": "alice", "token": ALICE}, {"name": "bob", "token": BOB},
           {"name": "root", "token": ROOT, "admin": True}]
NOTEBOOK = notebook_bytes("print('hello')")


@pytest.fixture
def server(serve):
    # docker with an image that is never built: each job fails fast, so its event stream ends
    return serve(token=None, clients=CLIENTS, backend_options={"docker": {"image": ABSENT_IMAGE}})


def test_each_client_sees_only_its_own_jobs_and_an_admin_sees_all(server):
    with client(server.url, ALICE) as alice, client(server.url, BOB) as bob, client(server.url, ROOT) as root:
        mine = post_job(alice, NOTEBOOK).json()
        theirs = post_job(bob, NOTEBOOK).json()
        assert mine["owner"] == "alice" and theirs["owner"] == "bob"
        for c, job in ((alice, mine), (bob, theirs)):
            wait_for(c, job["id"], ("failed", "done"), timeout=120)

        assert [j["id"] for j in alice.get("/jobs").json()] == [mine["id"]]
        assert [j["id"] for j in bob.get("/jobs").json()] == [theirs["id"]]
        assert {j["id"] for j in root.get("/jobs").json()} == {mine["id"], theirs["id"]}

        assert alice.get(f"/jobs/{mine['id']}").status_code == 200
        assert [e["data"]["status"] for e in read_events(alice, mine["id"]) if e["event"] == "status"][-1] == "failed"
        for path in ("", "/events", "/notebook", "/report", "/report.md"):
            response = bob.get(f"/jobs/{mine['id']}{path}")
            assert response.status_code == 404, (path, response.text)
            assert response.json()["detail"] == f"no job {mine['id']!r}"  # the same as for no such job
            assert root.get(f"/jobs/{mine['id']}{path}").status_code in (200, 409), path  # 409: not done
        assert bob.delete(f"/jobs/{mine['id']}").status_code == 404
        assert alice.get(f"/jobs/{theirs['id']}/events").status_code == 404


def test_an_unknown_token_is_refused_and_the_single_token_is_an_admin(serve):
    server = serve(clients=CLIENTS)  # TOKEN as well, as MLEMOD_API_TOKEN gives it
    with client(server.url, ALICE) as alice, client(server.url, TOKEN) as admin, \
            client(server.url, "not-a-known-token-0123") as stranger:
        job = post_job(alice, NOTEBOOK).json()
        assert stranger.get("/jobs").status_code == 401
        assert admin.get(f"/jobs/{job['id']}").json()["owner"] == "alice"
        created = post_job(admin, NOTEBOOK).json()
        assert created["owner"] == "admin"
        assert alice.get(f"/jobs/{created['id']}").status_code == 404


def settings(monkeypatch, tmp_path, *argv: str, **env: str):
    for name in ("MLEMOD_API_TOKEN", "MLEMOD_API_TOKENS", "MLEMOD_API_ADMIN_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    parser = argparse.ArgumentParser()
    api_cli.register(parser.add_subparsers())
    return api_cli.settings_from_args(parser.parse_args(["serve", "--db", str(tmp_path / "j.sqlite"), *argv]))


def test_tokens_from_a_file_and_from_the_environment(monkeypatch, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text(f"# the lab\nalice:{ALICE}\n\nroot:{ROOT}:admin\n")
    s = settings(monkeypatch, tmp_path, "--tokens-file", str(tokens),
                 MLEMOD_API_TOKENS=f"bob:{BOB}", MLEMOD_API_ADMIN_TOKEN="ops-token-0123456789abc")
    assert [(c.name, c.admin) for c in s.all_clients] == [("alice", False), ("root", True), ("bob", False),
                                                           ("admin", True)]
    single = settings(monkeypatch, tmp_path, MLEMOD_API_TOKEN=TOKEN)
    assert [(c.name, c.admin) for c in single.all_clients] == [("admin", True)]


@pytest.mark.parametrize("env, message", [
    ({"MLEMOD_API_TOKENS": f"alice:{ALICE},bob"}, "MLEMOD_API_TOKENS: entry 2: expected name:token"),
    ({"MLEMOD_API_TOKENS": "alice:short"}, "at least 16 characters"),
    ({"MLEMOD_API_TOKENS": f"alice:{ALICE},alice:{BOB}"}, "alice given twice"),
    ({"MLEMOD_API_TOKENS": f"alice:{ALICE},bob:{ALICE}"}, "the same token"),
    ({"MLEMOD_API_TOKENS": f"al ice:{ALICE}"}, "clients.0.name"),
    ({}, "no API token"),
])
def test_bad_token_lists_are_one_line_errors_that_never_echo_a_token(monkeypatch, tmp_path, env, message):
    with pytest.raises(InputError) as refused:
        settings(monkeypatch, tmp_path, **env)
    assert message in str(refused.value) and ALICE not in str(refused.value) and "\n" not in str(refused.value)


def test_a_token_file_line_is_named_by_its_number():
    with pytest.raises(InputError, match=r"tokens:3: expected name:token"):
        parse_tokens(f"a:{ALICE}\n\nb:{BOB}:root\n", "tokens")
