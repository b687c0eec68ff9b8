"""The notebook parser meets hostile input: anything malformed is an InputError naming the field.

Uploads come from strangers (api/), so ``parse_notebook`` must never raise anything
but the project's input error (``NotebookError`` is an ``InputError``), whatever the
bytes. The table below names the cases the service was seen to crash on; the
property test mutates valid v4 and v3 notebooks at random paths (wrong types,
deletions, huge values, deep nesting, odd Unicode, corrupted bytes) and checks the
parser over 3,000 of them.
"""

from __future__ import annotations

import copy
import json
import time
from collections import Counter

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mlemodernizer.core import parse_notebook
from mlemodernizer.errors import InputError, NotebookError

V4 = {
    "cells": [
        {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": ["# Titanic\n", "A *2017* kernel"],
         "attachments": {"x.png": {"image/png": "iVBORw0KGgo="}}},
        {"cell_type": "code", "execution_count": 3, "id": "b2", "metadata": {"collapsed": False, "_uuid": "x"},
         "source": ["import pandas as pd\n", "df = pd.read_csv('../input/train.csv')\n", "print df.shape"],
         "outputs": [
             {"output_type": "stream", "name": "stdout", "text": ["(891, 12)\n"]},
             {"output_type": "execute_result", "execution_count": 3, "metadata": {},
              "data": {"text/plain": ["0.81"], "application/json": {"a": [1, {"b": None}]}}},
             {"output_type": "display_data", "metadata": {"image/png": {"width": 10}},
              "data": {"image/png": "iVBORw0KGgo=", "text/html": "<b>x</b>"}},
             {"output_type": "error", "ename": "NameError", "evalue": "name 'x' is not defined",
              "traceback": ["\u001b[0;31mNameError\u001b[0m", "line 1"]},
         ]},
        {"cell_type": "raw", "id": "c3", "metadata": {}, "source": "raw text"},
    ],
    "metadata": {
        "kernelspec": {"name": "python2", "display_name": "Python 2", "language": "python"},
        "language_info": {"name": "python", "version": "2.7.12", "codemirror_mode": {"name": "ipython", "version": 2},
                          "file_extension": ".py", "mimetype": "text/x-python", "pygments_lexer": "ipython2"},
        "mlemodernizer": {"written": "2017-05"},
    },
    "nbformat": 4,
    "nbformat_minor": 2,
}

V3 = {
    "metadata": {"name": "old", "signature": "sha256:0"},
    "nbformat": 3,
    "nbformat_minor": 0,
    "worksheets": [{"metadata": {}, "cells": [
        {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Title"]},
        {"cell_type": "code", "collapsed": False, "input": ["print 'hi'\n", "x = 1"], "language": "python",
         "metadata": {}, "prompt_number": 1, "outputs": [
             {"output_type": "stream", "stream": "stdout", "text": ["hi\n"]},
             {"output_type": "pyout", "prompt_number": 1, "metadata": {}, "text": ["1"], "json": ["{\"a\": 1}"],
              "png": "iVBORw0KGgo="},
             {"output_type": "pyerr", "ename": "E", "evalue": "v", "traceback": ["t"]},
         ]},
        {"cell_type": "markdown", "metadata": {}, "source": "text"},
    ]}],
}


def dumps(nb) -> str:
    return json.dumps(nb)


# ----------------------------------------------------------------------- the named cases


def mutated(base: dict, change) -> str:
    nb = copy.deepcopy(base)
    change(nb)
    return dumps(nb)


CASES = [
    ("source is a number", mutated(V4, lambda nb: nb["cells"][1].__setitem__("source", 123)), "cells[1].source"),
    ("a source line is a number", mutated(V4, lambda nb: nb["cells"][1]["source"].__setitem__(1, 7)),
     "cells[1].source[1]"),
    ("language_info is a string", mutated(V4, lambda nb: nb["metadata"].__setitem__("language_info", "x")),
     "metadata.language_info"),
    ("kernelspec name is a list", mutated(V4, lambda nb: nb["metadata"]["kernelspec"].__setitem__("name", [])),
     "metadata.kernelspec.name"),
    ("written is a number", mutated(V4, lambda nb: nb["metadata"]["mlemodernizer"].__setitem__("written", 2017)),
     "metadata.mlemodernizer.written"),
    ("cells is an object", mutated(V4, lambda nb: nb.__setitem__("cells", {})), "cells"),
    ("a cell is a string", mutated(V4, lambda nb: nb["cells"].__setitem__(0, "cell")), "cells[0]"),
    ("unknown cell type", mutated(V4, lambda nb: nb["cells"][2].__setitem__("cell_type", "heading")),
     "cells[2].cell_type"),
    ("no source", mutated(V4, lambda nb: nb["cells"][0].pop("source")), "cells[0].source"),
    ("outputs is a string", mutated(V4, lambda nb: nb["cells"][1].__setitem__("outputs", "none")), "cells[1].outputs"),
    ("stream text is a number", mutated(V4, lambda nb: nb["cells"][1]["outputs"][0].__setitem__("text", 1)),
     "cells[1].outputs[0].text"),
    ("unknown output type", mutated(V4, lambda nb: nb["cells"][1]["outputs"][1].__setitem__("output_type", "pyout")),
     "cells[1].outputs[1].output_type"),
    ("mime data is a number", mutated(V4, lambda nb: nb["cells"][1]["outputs"][2]["data"].__setitem__("text/html", 5)),
     'cells[1].outputs[2].data["text/html"]'),
    ("traceback is a string", mutated(V4, lambda nb: nb["cells"][1]["outputs"][3].__setitem__("traceback", "t")),
     "cells[1].outputs[3].traceback"),
    ("execution_count is a string", mutated(V4, lambda nb: nb["cells"][1].__setitem__("execution_count", "3")),
     "cells[1].execution_count"),
    ("execution_count is true", mutated(V4, lambda nb: nb["cells"][1].__setitem__("execution_count", True)),
     "cells[1].execution_count"),
    ("metadata is a list", mutated(V4, lambda nb: nb.__setitem__("metadata", [])), "metadata"),
    ("nbformat is a string", mutated(V4, lambda nb: nb.__setitem__("nbformat", "4")), "nbformat"),
    ("nbformat 5", mutated(V4, lambda nb: nb.__setitem__("nbformat", 5)), "nbformat"),
    ("nbformat_minor is a float", mutated(V4, lambda nb: nb.__setitem__("nbformat_minor", 2.5)), "nbformat_minor"),
    ("v4 with worksheets", dumps({"nbformat": 4, "nbformat_minor": 0, "worksheets": [], "metadata": {}}), "cells"),
    ("v3 cell without type", mutated(V3, lambda nb: nb["worksheets"][0]["cells"][1].pop("cell_type")),
     "worksheets[0].cells[1].cell_type"),
    ("v3 worksheet is a number", mutated(V3, lambda nb: nb["worksheets"].__setitem__(0, 1)), "worksheets[0]"),
    ("v3 heading level 10**9", mutated(V3, lambda nb: nb["worksheets"][0]["cells"][0].__setitem__("level", 10**9)),
     "worksheets[0].cells[0].level"),
    ("v3 output json is not JSON", mutated(V3, lambda nb: nb["worksheets"][0]["cells"][1]["outputs"][1].__setitem__(
        "json", "{")), "worksheets[0].cells[1].outputs[1].json"),
    ("v3 input is an object", mutated(V3, lambda nb: nb["worksheets"][0]["cells"][1].__setitem__("input", {})),
     "worksheets[0].cells[1].input"),
    ("5,000-digit integer", dumps(V4).replace('"execution_count": 3,', '"execution_count": ' + "9" * 5000 + ",", 1),
     "cells[1].execution_count"),
    ("nested 500 deep", dumps(V4).replace('"collapsed": false', '"collapsed": ' + "[" * 500 + "]" * 500, 1),
     "cells[1].metadata.collapsed"),
    ("nested 100,000 deep", '{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ("lone surrogate (escaped)", dumps(V4).replace("A *2017* kernel", "A \\ud800 kernel"), "cells[0].source[1]"),
    ("lone surrogate in a key", dumps(V4).replace('"_uuid"', '"\\udfff"'), "cells[1].metadata"),
    # bytes: the parser rules surrogates out with one scan of the text; every way one can arrive must be seen
    ("lone surrogate (escaped, upper case, in UTF-8 bytes)", dumps(V4).replace("A *2017* kernel", "A \\uDBFF kernel")
     .encode(), "cells[0].source[1]"),
    ("lone surrogate (as bytes ED A0 80)", dumps(V4).encode().replace(b"Titanic", b"Tit\xed\xa0\x80nic"),
     "cells[0].source[0]"),
    ("lone surrogate (in UTF-16)", dumps(V4).replace("Titanic", "Tit\ud800nic").encode("utf-16", "surrogatepass"),
     "cells[0].source[0]"),
    ("not UTF-8", dumps(V4).encode().replace(b"Titanic", b"Tit\xe4nic"), "not UTF-8"),
    ("top level is an array", "[1, 2]", "a notebook is a JSON object, not an array"),
    ("top level is a string", '"cells"', "a notebook is a JSON object, not a string"),
    ("empty", "", "not valid JSON"),
]


@pytest.mark.parametrize("text, field", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_notebooks_name_the_field(text, field):
    with pytest.raises(NotebookError) as caught:
        parse_notebook(text)
    message = str(caught.value)
    assert isinstance(caught.value, InputError)
    assert field in message and "\n" not in message, message
    assert "not a readable notebook" not in message  # named by the checks, not caught by the backstop


def test_a_lone_surrogate_in_a_str_is_refused_too():
    text = json.dumps(V4, ensure_ascii=False).replace("Titanic", "Tit\ud800nic")
    with pytest.raises(NotebookError, match=r"cells\[0\]\.source\[0\]: contains a lone UTF-16 surrogate"):
        parse_notebook(text)


def test_valid_notebooks_still_parse():
    nb = parse_notebook(dumps(V4))
    assert nb.sources() == ["# Titanic\nA *2017* kernel", "import pandas as pd\ndf = pd.read_csv('../input/train.csv')\n"
                            "print df.shape", "raw text"]
    assert nb.python2 and nb.written == "2017-05" and nb.upgraded_from is None
    assert nb.cells[1].outputs[0].text == "(891, 12)\n"
    old = parse_notebook(dumps(V3))
    assert old.upgraded_from == 3 and old.sources() == ["# Title", "print 'hi'\nx = 1", "text"]
    assert old.cells[1].outputs[1].data["application/json"] == {"a": 1}
    # what nbformat itself writes reads back the same
    fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    assert parse_notebook(nbformat.writes(fresh)).sources() == ["x = 1"]
    # missing optional parts are filled in, not refused
    bare = {"cells": [{"cell_type": "code", "source": "1"}], "nbformat": 4}
    assert parse_notebook(dumps(bare)).cells[0].outputs == []


# ----------------------------------------------------------------------- the property

HUGE, DEEP = "\u0000HUGE\u0000", "\u0000DEEP\u0000"  # placeholders: json.dumps cannot write these values

json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(["", "code", "markdown", "raw", "heading", "stream", "error", "pyout",
                                           "execute_result", "display_data", "stdout", "2017-05", "python2"]),
    st.just(HUGE), st.just(DEEP), st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                                          min_size=1, max_size=2),
    st.text(alphabet=st.characters(), max_size=5), st.just("x" * 20_000),
)
# One level of containers is enough: the placeholders above stand for deep nesting, and st.recursive costs
# more to draw than the parser takes to run.
json_values = st.one_of(json_leaves, st.lists(json_leaves, max_size=3),
                        st.dictionaries(st.text(max_size=8), json_leaves, max_size=3))


def _containers(node, path=()):
    """Every (container, path) in the notebook, for picking a place to mutate."""
    found = [(node, path)]
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in items:
        if isinstance(child, (dict, list)):
            found += _containers(child, (*path, key))
    return found


@st.composite
def mutated_notebooks(draw):
    nb = copy.deepcopy(draw(st.sampled_from([V4, V4, V3])))
    for _ in range(draw(st.integers(1, 3))):
        container, _path = draw(st.sampled_from(_containers(nb)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "insert"]))
        if op == "insert" or not keys:
            value = draw(json_values)
            if isinstance(container, dict):
                container[draw(st.sampled_from(["cells", "source", "outputs", "metadata", "cell_type", "text",
                                                "data", "nbformat", "worksheets", "language_info", "level",
                                                "execution_count", "name", "traceback"]) | st.text(max_size=6))] = value
            else:
                container.insert(draw(st.integers(0, len(container))), value)
        elif op == "delete":
            del container[draw(st.sampled_from(keys))]
        else:
            container[draw(st.sampled_from(keys))] = draw(json_values)
    text = json.dumps(nb, ensure_ascii=draw(st.booleans()))
    text = text.replace(json.dumps(HUGE), "7" * draw(st.sampled_from([4001, 5000])))
    depth = draw(st.sampled_from([50, 101, 3000]))
    text = text.replace(json.dumps(DEEP), "[" * depth + "]" * depth)
    encoding = draw(st.sampled_from(["str", "utf-8", "utf-8", "utf-16", "latin-1"]))
    if encoding == "str":
        return text
    data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    if draw(st.integers(0, 9)) == 0:  # a corrupted or truncated file
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at + draw(st.integers(0, 3)):]
    return data


def test_parser_raises_nothing_but_input_error(capsys):
    seen: Counter = Counter()
    backstop: list[str] = []
    began, cpu = time.monotonic(), time.process_time()

    @settings(max_examples=3000, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(mutated_notebooks())
    def check(text):
        seen["examples"] += 1
        try:
            nb = parse_notebook(text)
        except InputError as exc:
            message = str(exc)
            assert message and "\n" not in message, message
            seen["refused"] += 1
            if "not a readable notebook" in message:
                backstop.append(message)
            return
        # what the service does next with an accepted upload must work too
        again = parse_notebook(nb.dumps())
        assert again.sources() == nb.sources() and all(isinstance(s, str) for s in nb.sources())
        seen["parsed"] += 1

    check()
    seconds, cpu = time.monotonic() - began, time.process_time() - cpu
    with capsys.disabled():
        print(f"\nparser fuzz: {seen['examples']} notebooks in {seconds:.1f}s ({cpu:.1f}s CPU), {seen['parsed']} parsed, "
              f"{seen['refused']} refused with an InputError ({len(backstop)} by the backstop), nothing else")
        for message in backstop[:5]:
            print("  backstop:", message[:300])
    assert seen["examples"] >= 3000
    assert seen["parsed"] > 300 and seen["refused"] > 300  # the mutations reach both outcomes
