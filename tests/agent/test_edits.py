"""The answer format: parsing, exact and whitespace-tolerant application, precise errors."""

import pytest
from mlemodernizer.agent.edits import (
    Answer,
    Block,
    EditFormatError,
    NoMatchError,
    apply_answer,
    apply_block,
    format_block,
    minimal_hunk,
    parse_answer,
)

CELL = "import pandas as pd\ndf = pd.read_csv('../input/train.csv')\nfor i in range(3):\n    x = df.ix[i]\n    print(x)"


def test_parse_reads_blocks_rationale_and_ignores_fences():
    text = (
        "Here is the fix.\n"
        "**Rationale:** `.ix` was removed in pandas 1.0.\n"
        "```python\n"
        "<<<<<<< SEARCH cell 4\n"
        "    x = df.ix[i]\n"
        "=======\n"
        "    x = df.iloc[i]\n"
        ">>>>>>> REPLACE\n"
        "```\n"
        "<<<<<<< SEARCH (Cell #7):\n"
        "a = 1\n"
        "\n"
        "b = 2\n"
        "=======\n"
        ">>>>>>> REPLACE\n"
    )
    answer = parse_answer(text)
    assert answer.rationale == "`.ix` was removed in pandas 1.0."
    assert answer.blocks == [Block(4, "    x = df.ix[i]", "    x = df.iloc[i]"), Block(7, "a = 1\n\nb = 2", "")]


def test_format_block_round_trips():
    block = Block(2, "a = 1\n  b", "c = 3")
    assert parse_answer("Rationale: r\n" + format_block(block)).blocks == [block]


@pytest.mark.parametrize("text, message", [
    ("Rationale: x\nno blocks here", "no '<<<<<<< SEARCH cell N'"),
    ("Rationale: x\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE", "must name its cell"),
    ("Rationale: x\n<<<<<<< SEARCH cell 1\na\n>>>>>>> REPLACE", "line 4: the block opened on line 2 has no '======='"),
    ("Rationale: x\n<<<<<<< SEARCH cell 1\na\n=======\nb\n", "is not closed with '>>>>>>> REPLACE'"),
    ("Rationale: x\n=======\nb\n>>>>>>> REPLACE", "line 2: '=======' appears outside a block"),
    ("<<<<<<< SEARCH cell 1\na\n=======\nb\n>>>>>>> REPLACE", "no 'Rationale:' line"),
])
def test_malformed_answers_say_what_is_wrong(text, message):
    with pytest.raises(EditFormatError) as info:
        parse_answer(text)
    assert message in str(info.value)


def test_exact_match_replaces_once():
    assert apply_block(CELL, "df.ix[i]", "df.iloc[i]") == CELL.replace("df.ix[i]", "df.iloc[i]")


def test_whitespace_tolerant_match_keeps_the_cells_indentation():
    # The model dropped the loop's indentation and added trailing spaces.
    new = apply_block(CELL, "x = df.ix[i]   \nprint(x)", "x = df.iloc[i]\nif x is not None:\n    print(x)")
    assert new.split("\n")[3:] == ["    x = df.iloc[i]", "    if x is not None:", "        print(x)"]
    assert new.split("\n")[:3] == CELL.split("\n")[:3]


def test_whitespace_tolerant_match_with_extra_indentation_in_search():
    source = "def f(a):\n  return a.as_matrix()\n"
    new = apply_block(source, "        return a.as_matrix()", "        return a.to_numpy()")
    assert new == "def f(a):\n  return a.to_numpy()\n"


def test_empty_search_replaces_the_whole_cell():
    assert apply_block(CELL, "\n", "print(1)") == "print(1)"


def test_non_matching_search_names_the_cell_and_shows_the_closest_lines():
    with pytest.raises(NoMatchError) as info:
        apply_block(CELL, "x = df.ix[j]\nprint(y)", "x", cell=5)
    message = str(info.value)
    assert message.startswith("cell 5: the SEARCH text does not match:")
    assert "    x = df.ix[j]" in message  # the search text, quoted
    assert "   4 |     x = df.ix[i]" in message and "   5 |     print(x)" in message  # the closest lines, numbered
    assert "import pandas" not in message  # not the whole cell


def test_ambiguous_search_asks_for_more_context():
    with pytest.raises(NoMatchError, match="occurs 2 times"):
        apply_block("a = 1\nb = 1\n", "= 1", "= 2")


def test_apply_answer_groups_blocks_per_cell_into_whole_cell_edits():
    sources = ["# Title", "import numpy as np\nx = np.float(3)", CELL]
    answer = Answer([Block(2, "df.ix[i]", "df.iloc[i]"), Block(1, "np.float(3)", "float(3)"),
                     Block(2, "print(x)", "print(x, flush=True)")], "why")
    edits = apply_answer(sources, answer, "error-repair", "llm:m", code_cells={1, 2})
    assert [e.cell for e in edits] == [1, 2]
    assert edits[0].old == sources[1] and edits[0].new == "import numpy as np\nx = float(3)"
    assert edits[1].new.endswith("    x = df.iloc[i]\n    print(x, flush=True)")
    assert all(e.origin == "llm:m" and e.rationale == "why" and e.fix_type == "error-repair" for e in edits)


def test_apply_answer_collects_every_problem():
    sources = ["# Title", "x = 1"]
    answer = Answer([Block(0, "Title", "T"), Block(9, "a", "b"), Block(1, "y = 2", "y = 3")], "why")
    with pytest.raises(NoMatchError) as info:
        apply_answer(sources, answer, "error-repair", "llm:m", code_cells={1})
    message = str(info.value)
    assert "cell 0 is not a code cell" in message
    assert "cell 9 does not exist (the notebook has cells 0..1)" in message
    assert "cell 1: the SEARCH text does not match" in message


def test_apply_answer_rejects_a_change_that_changes_nothing():
    with pytest.raises(NoMatchError, match="change nothing"):
        apply_answer(["x = 1"], Answer([Block(0, "x = 1", "x = 1")], "why"), "error-repair", "llm:m")


@pytest.mark.parametrize("old, new, hunk", [
    ("a\nb\nc\nd", "a\nB\nc\nd", ("b", "B")),
    ("a\nb\nc", "a\nb\nx\ny\nc", ("b", "b\nx\ny")),  # insertion: anchored on the line before
    ("a\nb", "z\na\nb", ("a", "z\na")),  # insertion at the top: anchored on the line after
    ("a\nb\nc", "a\nc", ("a\nb", "a")),  # deletion: anchored too, so no blank line is left
])
def test_minimal_hunk(old, new, hunk):
    assert minimal_hunk(old, new) == hunk
    search, replace = hunk
    assert apply_block(old, search, replace) == new


# --------------------------------------------------------------------------- helper files (issue 16, item 3)

MODULE = "import math\n\n\ndef scale(values):\n    return [math.sqroot(v) for v in values]\n"


@pytest.mark.parametrize("marker", ["SEARCH file src/feat.py", "SEARCH file `src/feat.py`:", "SEARCH in file ./src/feat.py",
                                    "SEARCH src/feat.py", "SEARCH module src/feat.py"])
def test_a_block_may_name_a_helper_file(marker):
    answer = parse_answer(f"Rationale: r\n<<<<<<< {marker}\na\n=======\nb\n>>>>>>> REPLACE\n")
    assert answer.blocks == [Block(0, "a", "b", "src/feat.py")]
    assert format_block(answer.blocks[0]).startswith("<<<<<<< SEARCH file src/feat.py\n")


def test_a_marker_naming_neither_cell_nor_file_says_both_forms():
    with pytest.raises(EditFormatError, match="SEARCH cell 3' or '<<<<<<< SEARCH file src/utils.py'"):
        parse_answer("Rationale: r\n<<<<<<< SEARCH the cell\na\n=======\nb\n>>>>>>> REPLACE\n")


def test_file_blocks_become_whole_file_edits_beside_cell_edits():
    files = {"src/feat.py": MODULE, "src/model.py": "import math\nr = math.sqroot(4)\n"}
    answer = parse_answer(
        "Rationale: sqrt.\n"
        "<<<<<<< SEARCH file src/feat.py\n    return [math.sqroot(v) for v in values]\n=======\n"
        "    return [math.sqrt(v) for v in values]\n>>>>>>> REPLACE\n"
        "<<<<<<< SEARCH file model.py\nr = math.sqroot(4)\n=======\nr = math.sqrt(4)\n>>>>>>> REPLACE\n"  # a unique suffix
        "<<<<<<< SEARCH cell 1\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n")
    edits = apply_answer(["# md", "x = 1"], answer, "error-repair", "llm:m", {1}, files)
    assert [(e.where, e.old) for e in edits] == [("cell 1", "x = 1"), ("module src/feat.py", MODULE),
                                                 ("module src/model.py", files["src/model.py"])]
    assert edits[1].new == MODULE.replace("sqroot", "sqrt") and edits[1].file == "src/feat.py"
    assert edits[2].new == "import math\nr = math.sqrt(4)\n"


def test_file_mismatches_and_unknown_files_are_precise():
    files = {"src/feat.py": MODULE}
    answer = parse_answer(
        "Rationale: r\n<<<<<<< SEARCH file src/feat.py\nreturn [math.sqroot(x) for x in values]\n=======\n"
        "return []\n>>>>>>> REPLACE\n<<<<<<< SEARCH file src/other.py\na\n=======\nb\n>>>>>>> REPLACE\n")
    with pytest.raises(NoMatchError) as caught:
        apply_answer(["x"], answer, "error-repair", "llm:m", {0}, files)
    message = str(caught.value)
    assert "file src/feat.py: the SEARCH text does not match" in message
    assert "The closest lines of file src/feat.py are:\n   4 | def scale(values):\n" \
           "   5 |     return [math.sqroot(v) for v in values]" in message
    assert "file src/other.py is not one of the helper files that may be edited (src/feat.py)" in message
    with pytest.raises(NoMatchError, match="none: this notebook has no helper files"):
        apply_answer(["x"], parse_answer("Rationale: r\n<<<<<<< SEARCH file a.py\na\n=======\nb\n>>>>>>> REPLACE"),
                     "error-repair", "llm:m", {0})
