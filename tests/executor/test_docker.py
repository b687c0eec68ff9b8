"""The docker backend and the image: configuration, `mlemod env`, and docker vs local on real data."""

from __future__ import annotations

import json
import os

import pytest
from mlemodernizer.cli import main as mlemod
from mlemodernizer.core import RunRequest
from mlemodernizer.errors import InputError
from mlemodernizer.executor import image as env_image
from mlemodernizer.executor.base import get_executor
from mlemodernizer.executor.lockenv import lock_hash, lock_path
from mlemodernizer.executor.protocol import THREAD_VARIABLES
from support import SHARED_DATA, code_notebook, threads_seen

# --------------------------------------------------------------------------- no engine needed


def test_image_tag_is_the_profile_and_lock_hash():
    assert env_image.image_tag("tabular") == f"mlemodernizer/env:tabular-{lock_hash('tabular')[:12]}"
    assert env_image.image_tag("full") != env_image.image_tag("tabular")


@pytest.mark.parametrize("options, where", [
    ({"memory": "lots"}, "memory"),
    ({"memroy": "1g"}, "memroy"),
    ({"pids": 3}, "pids"),
    ({"network": "host"}, "network"),
    ({"cpus": 0}, "cpus"),
])
def test_bad_options_are_one_line_input_errors(options, where):
    with pytest.raises(InputError) as info:
        get_executor("docker", **options)
    assert str(info.value).startswith(f"docker backend option {where}:") and "\n" not in str(info.value)


def test_sizes_are_docker_style():
    cfg = get_executor("docker", memory="600m", tmp="2g").config
    assert (cfg.memory_mb, cfg.tmp_mb) == (600, 2048)
    assert cfg.network == "none"  # the sandbox is on unless asked otherwise


def test_no_engine_is_a_one_line_executor_error(monkeypatch):
    from mlemodernizer.errors import ExecutorError

    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    with pytest.raises(ExecutorError, match="cannot reach the Docker engine") as info:
        get_executor("docker").start(RunRequest(notebook=code_notebook("1")))
    assert "\n" not in str(info.value)
    assert mlemod(["env", "info"]) == ExecutorError.exit_code


def test_unknown_profile_is_rejected_by_the_cli(capsys):
    with pytest.raises(SystemExit):
        mlemod(["env", "build", "--profile", "gpu"])
    assert "invalid choice" in capsys.readouterr().err


# --------------------------------------------------------------------------- with the engine


@pytest.mark.docker
def test_env_info_reports_image_python_and_packages(engine, capsys):
    assert mlemod(["env", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    image = env_image.find_image(engine)
    assert info["id"] == image.id and info["tag"] == env_image.image_tag()
    assert info["python"].startswith("3.11.")
    assert info["labels"]["org.mlemodernizer.lock-hash"] == lock_hash()
    lock = lock_path().read_text()
    for name in ("pandas", "numpy", "scikit-learn", "ipykernel"):
        assert f"{name}=={info['packages'][name]}" in lock  # the image carries exactly the lock


@pytest.mark.docker
def test_env_build_skips_an_image_that_exists(engine, capsys):
    assert mlemod(["env", "build", "--base", "does-not-matter:latest"]) == 0
    assert "already built" in capsys.readouterr().out


@pytest.mark.docker
def test_a_missing_image_is_a_one_line_error(engine):
    with pytest.raises(InputError, match="is not built"):
        get_executor("docker", image="mlemodernizer/env:no-such-tag").start(RunRequest(notebook=code_notebook("1")))


@pytest.mark.docker
def test_fingerprint_names_the_image(engine):
    nb = code_notebook("print('hi')")
    session = get_executor("docker").start(RunRequest(notebook=nb))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    fp = result.fingerprint
    assert fp.backend == "docker" and fp.image == env_image.find_image(engine).id
    assert fp.lock_hash == lock_hash()
    assert fp.network == "none" and fp.kaggle_paths == "mount"
    assert fp.python.startswith("3.11.") and "pandas" in fp.packages


@pytest.mark.docker
def test_the_cpu_quota_sizes_the_kernels_thread_pools(engine):
    # Inside the container OpenMP still counts the host's cores; pools that size themselves to those
    # would be throttled by the quota.
    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs a machine of at least two cores")
    seen = threads_seen(get_executor("docker", cpus=1))
    assert seen["env"] == {name: "1" for name in THREAD_VARIABLES}
    assert seen["joblib"] == 1 and seen["pools"] == [1]


TITANIC = [
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression",
    "train = pd.read_csv('../input/train.csv')\ntest = pd.read_csv('/kaggle/input/titanic/test.csv')",
    """
    def prep(df):
        return pd.DataFrame({'Pclass': df.Pclass, 'Sex': (df.Sex == 'male').astype(int),
                             'Age': df.Age.fillna(30), 'Fare': df.Fare.fillna(14)})
    model = LogisticRegression(max_iter=1000).fit(prep(train), train.Survived)
    print(round(model.score(prep(train), train.Survived), 6))
    """,
    "pd.DataFrame({'PassengerId': test.PassengerId, 'Survived': model.predict(prep(test))}).to_csv('submission.csv', index=False)",
]


@pytest.mark.docker
def test_docker_and_local_agree_on_a_real_notebook(engine, tmp_path):
    data = SHARED_DATA / "titanic" / "input"
    if not data.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    nb = code_notebook(*TITANIC)
    results = {}
    for backend in ("local", "docker"):
        session = get_executor(backend).start(RunRequest(notebook=nb, data_dir=data, competition="titanic",
                                                         workdir=tmp_path / backend, cell_timeout=300))
        try:
            results[backend] = session.run_cells(nb.sources())
        finally:
            session.close()
    local, docker = results["local"], results["docker"]
    assert local.status == docker.status == "ok", (local.summary(), docker.summary())
    assert [c.outputs for c in local.cells] == [c.outputs for c in docker.cells]
    assert float(docker.cells[2].outputs[0]["text"]) > 0.75
    assert docker.submission == local.submission == "submission.csv"
    assert (tmp_path / "docker" / "submission.csv").read_bytes() == (tmp_path / "local" / "submission.csv").read_bytes()
    assert local.fingerprint.lock_hash == docker.fingerprint.lock_hash
    assert local.fingerprint.packages == docker.fingerprint.packages


@pytest.mark.docker
def test_every_requested_package_imports_in_the_image(engine):
    # Catches system libraries a wheel expects but the base lacks (lightgbm needs libgomp).
    from mlemodernizer.executor.lockenv import requested_packages

    nb = code_notebook(f"""
        import importlib, json
        from importlib import metadata
        modules = {{}}
        for module, dists in metadata.packages_distributions().items():
            for dist in dists:
                if not module.startswith("_"):
                    modules.setdefault(dist.lower(), []).append(module)
        failed = {{}}
        for dist in {requested_packages()!r}:
            for module in sorted(modules.get(dist.lower(), []))[:1]:
                try:
                    importlib.import_module(module)
                except Exception as e:
                    failed[dist] = f"{{type(e).__name__}}: {{e}}"
        print(json.dumps({{"checked": sum(bool(modules.get(d.lower())) for d in {requested_packages()!r}), "failed": failed}}))
    """)
    session = get_executor("docker").start(RunRequest(notebook=nb, cell_timeout=300))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert result.status == "ok", result.summary()
    printed = [o["text"] for o in result.cells[0].outputs if o.get("name") == "stdout"]  # not import warnings
    report = json.loads(printed[-1])
    assert report["failed"] == {}
    assert report["checked"] >= len(requested_packages()) - 2
