"""working-file-path: a file of the notebook's own, read from its author's folder, found in the working directory."""

from __future__ import annotations

import pytest
from mlemodernizer.agent.rules import fix_error, fix_static
from mlemodernizer.agent.rules.working_files import match_working_file
from mlemodernizer.core import CellError

DATA = ["train.csv", "test.csv"]
WORKING = ["images/1.jpg", "images/2.jpg", "v1/rawdata/x.csv", "processed/clean.csv", "helpers.py", "input/main.csv"]


def missing(path: str) -> CellError:
    return CellError(ename="FileNotFoundError", evalue=f"[Errno 2] No such file or directory: {path!r}",
                     traceback="", line=1)


def test_the_longest_tail_names_the_working_file():
    assert match_working_file("../images/1.jpg", WORKING) == ("images/1.jpg", "images/1.jpg")
    assert match_working_file("C:\\proj\\processed\\clean.csv", WORKING) == ("processed/clean.csv",
                                                                             "processed/clean.csv")
    assert match_working_file("../rawdata/x.csv", WORKING) == ("rawdata/x.csv", "v1/rawdata/x.csv")
    assert match_working_file("../other/3.jpg", WORKING) is None
    # a bare name only when one working file has it
    assert match_working_file("/home/me/clean.csv", WORKING) == ("clean.csv", "processed/clean.csv")
    assert match_working_file("/home/me/1.csv", ["a/1.csv", "b/1.csv"]) is None


@pytest.mark.parametrize(("cells", "path", "expected"), [
    # a format template and a folder literal in another cell, both under the author's folder
    (["imgs = [Image.open('../images/{}.jpg'.format(i)) for i in ids]", "folder = '../images/'"],
     "../images/1.jpg", {0: "imgs = [Image.open('images/{}.jpg'.format(i)) for i in ids]",
                         1: "folder = 'images/'"}),
    # a notebook kept deeper than the files: the working folder's spelling is longer
    (["df = pd.read_csv('../rawdata/x.csv')"], "../rawdata/x.csv", {0: "df = pd.read_csv('v1/rawdata/x.csv')"}),
    # a data file beside the author's own under the same folder is served from the data folder: it stays
    (["main = pd.read_csv('../input/main.csv')\ntrain = pd.read_csv('../input/train.csv')"], "../input/main.csv",
     {0: "main = pd.read_csv('input/main.csv')\ntrain = pd.read_csv('../input/train.csv')"}),
    # a Windows path of the author's machine
    (["df = pd.read_csv('C:\\\\proj\\\\processed\\\\clean.csv')"], "C:\\proj\\processed\\clean.csv",
     {0: "df = pd.read_csv('processed/clean.csv')"}),
])
def test_every_literal_under_the_authors_folder_is_read_from_the_working_one(notebook, cells, path, expected):
    edits = [e for e in fix_error(notebook(*cells), 0, missing(path), DATA, WORKING)
             if e.origin == "rule:working-file-path"]
    assert {e.cell: e.new for e in edits} == expected
    assert "its working directory holds" in edits[0].rationale


@pytest.mark.parametrize(("path", "working"), [
    ("../images/9.jpg", WORKING),  # no such file staged
    ("../images/1.jpg", []),  # nothing staged at all
    ("images/1.jpg", WORKING),  # the path names the file already: missing for another reason (a chdir)
])
def test_nothing_is_pointed_where_the_working_directory_has_no_such_file(notebook, path, working):
    nb = notebook(f"img = Image.open({path!r})")
    assert "rule:working-file-path" not in [e.origin for e in fix_error(nb, 0, missing(path), DATA, working)]


def test_a_name_in_another_case_is_read_as_the_working_directory_spells_it(notebook):
    # the author's macOS or Windows file system found leaf.csv for Leaf.csv: the guard and the read both pass
    nb = notebook("import os\nif os.path.exists('Leaf.csv'):\n    df = pd.read_csv('./Leaf.csv')",
                  "img = open('IMAGES/1.jpg')\nother = open('Other.csv')\nmode = 'r'\nsub = 'Processed/'")
    edits = [e for e in fix_static(nb, None, DATA, WORKING + ["leaf.csv"]) if "working-file-path" in e.rule_ids]
    assert [e.new for e in edits] == [
        "import os\nif os.path.exists('leaf.csv'):\n    df = pd.read_csv('./leaf.csv')",
        "img = open('images/1.jpg')\nother = open('Other.csv')\nmode = 'r'\nsub = 'processed/'"]
    assert "in another case" in edits[0].rationale
    # two files that differ only in case: no telling which one the author read
    both = [e for e in fix_static(nb, None, DATA, ["leaf.csv", "LEAF.csv"]) if "working-file-path" in e.rule_ids]
    assert both == []
