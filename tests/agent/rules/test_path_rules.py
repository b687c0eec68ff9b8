"""The static path rules: reads of data files from paths the workspace lacks, writes into missing folders."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from mlemodernizer.agent.rules import fix_error, fix_static, lint
from mlemodernizer.agent.rules.datapath_rules import path_args
from mlemodernizer.core import CellError

DATA = ["train.csv", "test.csv", "images/1.jpg"]


def changed(nb, apply, data=DATA, working=()):
    """{cell: new source} of the path rules' edits (other static rules stay out of these notebooks)."""
    edits = fix_static(nb, None, data, working)
    apply(nb, edits)  # each edit is against the cell as it was
    assert all(r in ("data-path", "output-dir") for e in edits for r in e.rule_ids)
    return {e.cell: e.new for e in edits}


def test_path_args_know_readers_writers_and_open_modes():
    source = (
        "a = pd.read_csv('data/train.csv', index_col=0)\n"
        "b = open('notes.txt')\nc = open('out/log.txt', 'w')\nd = open(p, mode)\n"
        "df.to_csv(path_or_buf='sub/x.csv')\njoblib.dump(model, 'models/m.pkl')\n"
        "e = np.load(os.path.join('data', 'x.npy'))\nprint('data/train.csv')\n%matplotlib inline"
    )
    found = [(a.role, a.value) for a in path_args(source)]
    assert found == [
        ("read", "data/train.csv"), ("read", "notes.txt"), ("write", "out/log.txt"),
        ("write", "sub/x.csv"), ("write", "models/m.pkl"), ("read", "data/x.npy"),
    ]


def test_every_read_of_a_missing_data_path_is_rewritten_before_the_run(notebook, apply):
    nb = notebook(
        "import os\nimport pandas as pd\ntrain = pd.read_csv('data/train.csv')\ntest = pd.read_csv(\"C:\\\\k\\\\test.csv\")",
        "t = pd.read_csv(os.path.join('data', 'train.csv'))\nimg = imread('../raw/images/1.jpg')",
    )
    assert changed(nb, apply) == {
        0: "import os\nimport pandas as pd\ntrain = pd.read_csv('../input/train.csv')\n"
           "test = pd.read_csv(\"../input/test.csv\")",
        1: "t = pd.read_csv('../input/train.csv')\nimg = imread('../input/images/1.jpg')",
    }


@pytest.mark.parametrize("cell", [
    "train = pd.read_csv('../input/train.csv')",  # already where Kaggle serves it
    "train = pd.read_csv('/kaggle/input/titanic/train.csv')",  # served under the slug: the error rule's case
    "train = pd.read_csv('helpers/train.csv')",  # shipped with the notebook
    "train = pd.read_csv('data/other.csv')",  # not a competition file
    "name = 'data/train.csv'",  # a literal no reader is given
    "df.to_csv('train.csv')\ntrain = pd.read_csv('train.csv')",  # the notebook writes it first
    "train = pd.read_csv(f'data/{name}.csv')",  # built at run time
])
def test_reads_the_workspace_can_serve_are_left_alone(notebook, apply, cell):
    assert changed(notebook(cell), apply, working=["helpers/train.csv"]) == {}


def test_without_data_files_nothing_is_rewritten(notebook, apply):
    assert changed(notebook("train = pd.read_csv('data/train.csv')"), apply, data=[]) == {}


def test_writes_into_a_missing_folder_create_it_once_before_the_first_write(notebook, apply):
    nb = notebook(
        "def save(df):\n    df.to_csv(\n        'output/sub.csv')\n    plt.savefig('figs/a.png')",
        "with open('output/log.txt', 'w') as f:\n    f.write('x')\nsub.to_csv('../submissions/a.csv')",
    )
    assert changed(nb, apply) == {
        0: "def save(df):\n"
           "    __import__('os').makedirs('output', exist_ok=True)  # mlemod: output folder\n"
           "    df.to_csv(\n        'output/sub.csv')\n"
           "    __import__('os').makedirs('figs', exist_ok=True)  # mlemod: output folder\n"
           "    plt.savefig('figs/a.png')",
        1: "with open('output/log.txt', 'w') as f:\n    f.write('x')\n"
           "__import__('os').makedirs('../submissions', exist_ok=True)  # mlemod: output folder\n"
           "sub.to_csv('../submissions/a.csv')",  # beside the working folder: the run's scratch space
    }


@pytest.mark.parametrize("cell", [
    "df.to_csv('sub.csv')",  # the working directory itself
    "df.to_csv('/home/me/sub.csv')",  # absolute: not the notebook's to create
    "df.to_csv('../../out/sub.csv')",  # outside the run's folder
    "df.to_csv('../input/sub.csv')",  # the data folder: a read-only one that exists
    "os.makedirs('output', exist_ok=True)\ndf.to_csv('output/sub.csv')",  # the notebook creates it
    "df.to_csv('helpers/sub.csv')",  # shipped with the notebook, so it exists
    "df.to_csv(folder + 'sub.csv')",  # built at run time
])
def test_writes_that_need_no_folder_are_left_alone(notebook, apply, cell):
    assert changed(notebook(cell), apply, working=["helpers/h.py"]) == {}


def test_path_rules_are_idempotent(notebook, apply):
    nb = notebook("train = pd.read_csv('data/train.csv')\ntrain.to_csv('out/x.csv')")
    once = apply(nb, fix_static(nb, None, DATA))
    assert fix_static(once, None, DATA) == []


def test_lint_names_the_path_findings(notebook):
    nb = notebook("train = pd.read_csv('data/train.csv')", "train.to_csv('out/x.csv')")
    assert [(f.rule_id, f.cell, f.line) for f in lint(nb, None, DATA)] == [("data-path", 0, 1), ("output-dir", 1, 1)]
    assert [f.rule_id for f in lint(nb)] == ["output-dir"]  # no data folder given: reads cannot be judged


def test_lint_cli_reads_the_data_folder(tmp_path, notebook):
    path = tmp_path / "nb.ipynb"
    path.write_text(notebook("train = pd.read_csv('data/train.csv')").dumps())
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "train.csv").write_text("a\n1\n")
    cli = [sys.executable, "-m", "mlemodernizer.cli", "lint", str(path), "--json"]
    with_data = subprocess.run(cli + ["--data", str(tmp_path / "data")], capture_output=True, text=True)
    assert with_data.returncode == 1, with_data.stderr
    assert [f["rule_id"] for f in json.loads(with_data.stdout)["findings"]] == ["data-path"]
    without = subprocess.run(cli, capture_output=True, text=True)
    assert without.returncode == 0 and json.loads(without.stdout)["findings"] == []
    missing = subprocess.run(cli + ["--data", str(tmp_path / "nope")], capture_output=True, text=True)
    assert missing.returncode == 2 and "is not a directory" in missing.stderr


def test_a_write_that_fails_for_its_missing_folder_creates_it(notebook):
    # A folder built at run time: only the error names it. A read failing the same way is no write.
    nb = notebook("out = 'figs/'\nplt.savefig(\n    out + 'a.png')", "df = pd.read_csv(out + 'a.csv')")
    missing = CellError(ename="FileNotFoundError", evalue="[Errno 2] No such file or directory: 'figs/a.png'",
                        traceback="", line=3)
    edits = fix_error(nb, 0, missing, DATA)
    assert [e.origin for e in edits] == ["rule:output-dir"]
    assert edits[0].new == ("out = 'figs/'\n__import__('os').makedirs('figs', exist_ok=True)  # mlemod: output folder\n"
                            "plt.savefig(\n    out + 'a.png')")
    read = CellError(ename="FileNotFoundError", evalue="[Errno 2] No such file or directory: 'figs/a.csv'",
                     traceback="", line=1)
    assert "rule:output-dir" not in [e.origin for e in fix_error(nb, 1, read, DATA)]


def test_a_write_under_the_authors_machine_goes_to_the_working_directory(notebook):
    # pandas names the folder it cannot save into; the file literal becomes the file's name, and so does the
    # later read of what the notebook wrote
    nb = notebook("sub.to_csv('/Users/me/Desktop/sub.csv', index=False)",
                  "check = pd.read_csv('/Users/me/Desktop/sub.csv')")
    folder = CellError(ename="OSError", traceback="", line=1,
                       evalue="Cannot save file into a non-existent directory: '/Users/me/Desktop'")
    edits = fix_error(nb, 0, folder, DATA)
    assert [(e.origin, e.cell) for e in edits] == [("rule:output-dir", 0), ("rule:output-dir", 1)]
    assert [e.new for e in edits] == ["sub.to_csv('sub.csv', index=False)", "check = pd.read_csv('sub.csv')"]
    assert "a run can write only in its working directory" in edits[0].rationale


@pytest.mark.parametrize(("cells", "missing", "expected"), [
    # a library writing files named from a prefix (gensim's Similarity writes tmp.0, tmp.1, ...)
    (["index = similarities.Similarity('/home/bob/tmp', corpus, num_features=9)"], "/home/bob/tmp.0",
     {0: "index = similarities.Similarity('tmp', corpus, num_features=9)"}),
    # a folder that exists, read-only in the run's sandbox
    (["model.save('/home/bob/models/m.h5')"], "[Errno 30] Read-only file system: '/home/bob/models/m.h5'",
     {0: "model.save('m.h5')"}),
    # a folder variable of an earlier cell (with its trailing separator), a Windows folder without one
    (["out = '/home/bob/kaggle/out/'", "open(out + 'log.txt', 'w').write('x')"], "/home/bob/kaggle/out/log.txt",
     {0: "out = './'"}),
    (["plt.savefig(os.path.join('C:\\\\kaggle\\\\figs', 'a.png'))"], "C:\\kaggle\\figs/a.png",
     {0: "plt.savefig(os.path.join('.', 'a.png'))"}),
    # a folder under the author's home, which pandas names expanded to the run's own home
    (["out = '~/Desktop/spooky.csv'", "sub.to_csv(out)"],
     "Cannot save file into a non-existent directory: '/tmp/mlemod-x/home/Desktop'", {0: "out = 'spooky.csv'"}),
])
def test_the_literal_a_write_on_the_authors_machine_was_built_from_is_pointed_at_the_working_directory(
        notebook, cells, missing, expected):
    error = CellError(ename="OSError", evalue=missing, traceback="", line=1) if "Errno 30" in missing \
        or "Cannot save" in missing else \
        CellError(ename="FileNotFoundError", evalue=f"[Errno 2] No such file or directory: {missing!r}", traceback="",
                  line=1)
    assert {e.cell: e.new for e in fix_error(notebook(*cells), len(cells) - 1, error, DATA)} == expected


@pytest.mark.parametrize("read", ["np.loadtxt('/home/bob/glove.840B.300d.txt')",
                                  "KeyedVectors.load_word2vec_format('/home/bob/glove.840B.300d.txt')"])
def test_a_read_of_the_authors_own_file_is_not_pointed_anywhere(notebook, read):
    # the file is missing wherever the path points: no edit makes it appear
    nb = notebook(f"emb = {read}")
    error = CellError(ename="FileNotFoundError", traceback="", line=1,
                      evalue="[Errno 2] No such file or directory: '/home/bob/glove.840B.300d.txt'")
    assert "rule:output-dir" not in [e.origin for e in fix_error(nb, 0, error, DATA)]


def test_a_zip_named_after_the_file_it_held_is_read_as_that_file():
    from mlemodernizer.agent.rules.datapath_rules import match_data_file

    files = ["train.csv", "test.csv", "sample_submission.csv"]
    assert match_data_file("data/train.zip", files) == "train.csv"  # Kaggle once served train.zip for train.csv
    assert match_data_file("data/sample_submission.zip", files) == "sample_submission.csv"
    assert match_data_file("data/other.zip", files) is None
    assert match_data_file("x/foo.zip", ["foo.csv", "foo.txt"]) is None  # which one: not said


def test_the_competition_file_saved_under_the_authors_name_is_read_as_that_file():
    from mlemodernizer.agent.rules.datapath_rules import match_data_file

    files = ["train.csv", "test.csv", "gender_submission.csv"]
    assert match_data_file("data/titanic_train.csv", files) == "train.csv"
    assert match_data_file("Titanic-Test.CSV", files) == "test.csv"
    assert match_data_file("kaggle_gender_submission.csv", files) == "gender_submission.csv"
    assert match_data_file("train_clean.csv", files) is None  # the author's own output, not a renamed copy
    assert match_data_file("train2.csv", files) is None
    assert match_data_file("titanic_train.json", files) is None  # another format
    assert match_data_file("train_test.csv", files) is None  # which one: not said
