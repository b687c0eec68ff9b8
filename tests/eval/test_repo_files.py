"""The repository files a notebook's code names: chosen from its text, recorded in the manifest, staged by assemble."""

import csv
import json

import pytest
from mlemodernizer.eval import repo_files
from mlemodernizer.eval.assemble import main as assemble_main
from mlemodernizer.eval.corpus import load_corpus
from support import git

CODE = [
    "import pandas as pd\n",
    "imgs = [Image.open('../images/{}.jpg'.format(i)) for i in (1, 2)]\n",
    "clean = pd.read_csv('processed/clean.csv')\n",  # kept at the repository's root, read from src/
    "notes = open('notes.txt').read()\n",  # beside the notebook
    "train = pd.read_csv('../data/train.csv')\n",  # the competition's file: served from the data folder
    "clean.to_csv('sub.csv')\n",  # the notebook's own output, committed too
    "big = np.load('big.npy')\n",
    "emb = open('/home/me/glove.txt')\n",  # not in the repository
    "url = 'https://example.com/x.csv'\n",
]
NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": CODE}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
HEADER = "competition,repo,path,commit,written,python,code_cells,helper_files,split"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    work = tmp_path / "mirrors" / "alice+titanic" / "repo"
    for folder in ("src", "images", "processed", "data"):
        (work / folder).mkdir(parents=True)
    (work / "src" / "nb.ipynb").write_text(json.dumps(NOTEBOOK))
    (work / "src" / "notes.txt").write_text("hello")
    (work / "src" / "sub.csv").write_text("a\n1\n")
    (work / "src" / "big.npy").write_bytes(b"x" * 2048)
    (work / "src" / "helper.py").write_text("X = 1\n")
    (work / "images" / "1.jpg").write_bytes(b"\xff\xd8one")
    (work / "images" / "2.jpg").write_bytes(b"\xff\xd8two")
    (work / "images" / "3.jpg").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n")
    (work / "processed" / "clean.csv").write_text("a\n2\n")
    (work / "processed" / "clean.csv.index").write_text("0 2\n")  # a companion the reader reads with it
    (work / "data" / "train.csv").write_text("PassengerId\n1\n")
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "first")
    data = tmp_path / "data" / "titanic" / "input"
    data.mkdir(parents=True)
    (data / "train.csv").write_text("PassengerId,Survived\n1,0\n")
    monkeypatch.setattr(repo_files, "FILE_CAP", 1024)  # big.npy is over it
    commit = git(work, "rev-parse", "HEAD")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"{HEADER}\ntitanic,alice/titanic,src/nb.ipynb,{commit},2017-06,3.6,1,helper.py,tune\n")
    return {"root": tmp_path, "git": work / ".git", "commit": commit, "manifest": manifest}


def test_the_files_its_code_names_are_chosen_from_its_text(repo):
    row = {"path": "src/nb.ipynb", "commit": repo["commit"], "helper_files": "helper.py"}
    chosen = repo_files.choose(row, repo["git"], repo_files.data_names(repo["root"] / "data", "titanic"))
    # the folder of a format template, a root file read from src/, a file beside the notebook; not the data
    # file, the notebook's own output, a file over the cap, a path or URL the repository does not hold
    assert chosen == ["images/", "processed/clean.csv", "src/notes.txt", "processed/clean.csv.index"]


def test_the_manifest_records_them_and_assemble_stages_them_as_a_clone_has_them(repo, capsys):
    root = repo["root"]
    args = ["--manifest", str(repo["manifest"]), "--mirrors", str(root / "mirrors"), "--data", str(root / "data")]
    assert repo_files.main([*args, "--write"]) == 0
    assert "1 of 1 notebooks name files of their repository" in capsys.readouterr().err
    with repo["manifest"].open() as handle:
        recorded = next(csv.DictReader(handle))["repo_files"]
    assert recorded == "images/;processed/clean.csv;src/notes.txt;processed/clean.csv.index"

    assert assemble_main([*args, "--out", str(root / "corpus")]) == 0
    assert "1 repository files not in the mirror: alice/titanic:images/3.jpg" in capsys.readouterr().out  # lfs
    entry = load_corpus(root / "corpus")[0].notebooks[0]
    staged = sorted(p.relative_to(entry.files_dir).as_posix() for p in entry.files_dir.rglob("*") if p.is_file())
    # under the notebook's folder: from there; elsewhere: from the repository's root
    assert staged == ["helper.py", "images/1.jpg", "images/2.jpg", "notes.txt", "processed/clean.csv",
                      "processed/clean.csv.index"]
    assert (entry.files_dir / "images" / "2.jpg").read_bytes() == b"\xff\xd8two"


def test_bad_input_exits_2(repo, capsys):
    assert repo_files.main(["--manifest", str(repo["root"] / "none.csv"), "--mirrors", str(repo["root"]),
                            "--data", str(repo["root"])]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_staged_paths():
    assert repo_files.staged_path("src/a/b.csv", "src") == "a/b.csv"
    assert repo_files.staged_path("images/1.jpg", "src") == "images/1.jpg"
    assert repo_files.staged_path("x.csv", "") == "x.csv"


def test_a_name_in_another_case_is_found_as_the_authors_file_system_found_it():
    from mlemodernizer.eval.mirrors import Tree

    tree = Tree({"src/leaf.csv": 10, "Data/Notes.TXT": 5, "b/X.csv": 1, "b/x.csv": 1})
    # macOS and Windows do not tell Leaf.csv from leaf.csv; an exact name is still preferred where both exist
    assert repo_files.resolve("Leaf.csv", "src", tree) == "src/leaf.csv"
    assert repo_files.resolve("../data/notes.txt", "src", tree) == "Data/Notes.TXT"
    assert repo_files.resolve("x.csv", "b", tree) == "b/x.csv" and repo_files.resolve("X.csv", "b", tree) == "b/X.csv"
    assert repo_files.resolve("Y.csv", "b", tree) is None
    assert repo_files.resolve("data", "", tree) is None  # a word, not a path: open(f, 'r') names no folder R/
