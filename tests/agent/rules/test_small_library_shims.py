"""The shims of text_library_shims and networkx_pillow_mglearn_shims give what the old releases gave: fuzzywuzzy
0.18's utils helpers and StringProcessor, python-Levenshtein 0.12.2's StringMatcher (its edit path, which rapidfuzz
does not pick), rapidfuzz 0.12's extractIndices and levenshtein distances, networkx 2.8's one-node info, Pillow
5.4's blur defaults and mglearn 0.1.9's make_blobs. The rapidfuzz ones run in the tabular environment, which has
rapidfuzz; the expected values below were computed with the old packages themselves."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from mlemodernizer.agent.rules import (
    old_networkx_mglearn,
    old_pillow,
    old_text_libraries,
)

SHIMS = Path(old_text_libraries.__file__).parent


def in_tabular(code: str):
    """``code``'s printed JSON, run by the tabular environment's python with the shim modules importable."""
    from mlemodernizer.executor.lockenv import venv_python

    python = venv_python("tabular")
    done = subprocess.run([str(python), "-c", f"import sys; sys.path.insert(0, {str(SHIMS)!r})\n{code}"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_utils_helpers_as_fuzzywuzzy_0_18():
    t = old_text_libraries
    assert [t.validate_string(s) for s in ("", "a", None, 3, [1])] == [False, True, False, False, True]
    assert t.make_type_consistent("a", "b") == ("a", "b") and t.make_type_consistent(1, "b") == ("1", "b")
    assert [t.intr(x) for x in (2.5, 3.5, 66.6, 0.49)] == [2, 4, 67, 0]  # round half to even, as Python 3's round

    @t.check_for_none
    @t.check_for_equivalence
    @t.check_empty_string
    def score(a, b):
        return 50

    assert (score(None, "a"), score("ab", "ab"), score("", "a"), score("a", "b")) == (0, 100, 0, 50)
    assert score.__name__ == "score"


def test_string_processor_keeps_letters_digits_and_underscore():
    sp = old_text_libraries.StringProcessor
    assert sp.replace_non_letters_non_numbers_with_whitespace("a-b,,c! é_x") == "a b  c  é_x"
    padded = "  a "
    assert (sp.strip(padded), sp.to_lower_case("AbC"), sp.to_upper_case("abc")) == ("a", "abc", "ABC")


# (s1, s2, editops, opcodes, matching blocks, ratio, distance) from python-Levenshtein 0.12.2, for pairs whose
# editops rapidfuzz 3 gives otherwise
LEVENSHTEIN_0_12 = [
    ("bcaaba", "bbacbbbc", [("insert", 1, 1), ("insert", 1, 2), ("replace", 2, 4), ("replace", 3, 5), ("replace", 5, 7)],
     [("equal", 0, 1, 0, 1), ("insert", 1, 1, 1, 3), ("equal", 1, 2, 3, 4), ("replace", 2, 4, 4, 6),
      ("equal", 4, 5, 6, 7), ("replace", 5, 6, 7, 8)], [(0, 0, 1), (1, 3, 1), (4, 6, 1), (6, 8, 0)], 0.42857142857142855, 5),
    ("ggtgtkek", "tnnt", [("delete", 0, 0), ("delete", 1, 0), ("delete", 2, 0), ("delete", 3, 0), ("replace", 5, 1),
                          ("replace", 6, 2), ("replace", 7, 3)],
     [("delete", 0, 4, 0, 0), ("equal", 4, 5, 0, 1), ("replace", 5, 8, 1, 4)], [(4, 0, 1), (8, 4, 0)], 0.3333333333333333, 7),
    ("bbaabbcc", "cbabcccab", [("replace", 0, 0), ("delete", 2, 2), ("replace", 5, 4), ("insert", 8, 7), ("insert", 8, 8)],
     [("replace", 0, 1, 0, 1), ("equal", 1, 2, 1, 2), ("delete", 2, 3, 2, 2), ("equal", 3, 5, 2, 4),
      ("replace", 5, 6, 4, 5), ("equal", 6, 8, 5, 7), ("insert", 8, 8, 7, 9)],
     [(1, 1, 1), (3, 2, 2), (6, 5, 2), (8, 9, 0)], 0.5882352941176471, 5),
    ("kitten", "sitting", [("replace", 0, 0), ("replace", 4, 4), ("insert", 6, 6)],
     [("replace", 0, 1, 0, 1), ("equal", 1, 4, 1, 4), ("replace", 4, 5, 4, 5), ("equal", 5, 6, 5, 6),
      ("insert", 6, 6, 6, 7)], [(1, 1, 3), (5, 5, 1), (6, 7, 0)], 0.6153846153846154, 3),
    ("", "", [], [], [(0, 0, 0)], 1.0, 0),
]


def test_string_matcher_walks_python_levenshtein_s_path():
    got = in_tabular(
        "import json\nfrom old_text_libraries import StringMatcher\n"
        f"pairs = {[(a, b) for a, b, *_ in LEVENSHTEIN_0_12]!r}\nout = []\n"
        "for a, b in pairs:\n    m = StringMatcher(None, a, b)\n"
        "    out.append([m.get_editops(), m.get_opcodes(), m.get_matching_blocks(), m.ratio(), m.distance()])\n"
        "print(json.dumps(out))")
    for (a, b, *expected), result in zip(LEVENSHTEIN_0_12, got):
        assert [[list(x) for x in r] if isinstance(r, list) else r for r in expected] == result, (a, b)


def test_extract_indices_is_extract_s_index_and_score_with_the_old_processor():
    got = in_tabular(
        "import json, random\nfrom rapidfuzz import process, fuzz, utils\nfrom old_text_libraries import extractIndices\n"
        "random.seed(0)\nwords = ['New York', 'new york!', 'York', 'Newark', None, 'NEW-YORK', 'boston', 'yorkshire']\n"
        "same = []\nfor _ in range(200):\n    q = random.choice(['new york', 'YORK', 'bost', 'newa'])\n"
        "    limit = random.choice([None, 1, 3, 5])\n    cut = random.choice([0, 50, 80])\n"
        "    mine = extractIndices(q, words, limit=limit, score_cutoff=cut)\n"
        "    theirs = process.extract(q, words, processor=utils.default_process, limit=limit, score_cutoff=cut)\n"
        "    same.append(mine == [(i, s) for c, s, i in theirs])\n"
        "raw = extractIndices('NEW YORK', ['new york', 'NEW YORK'], fuzz.ratio, None)\n"
        "print(json.dumps([all(same), raw, extractIndices(None, words)]))")
    assert got == [True, [[1, 100.0], [0, 12.5]], []]  # processor=None: case counts


def test_weighted_distance_is_the_old_generic_distance():
    got = in_tabular(
        "import json, random\nfrom rapidfuzz.distance import Levenshtein\n"
        "def generic(s1, s2, ins, dele, rep):  # rapidfuzz 0.12's generic_distance\n"
        "    if len(s1) > len(s2):\n        return generic(s2, s1, dele, ins, rep)\n"
        "    cache = [i * dele for i in range(len(s1) + 1)]\n"
        "    for c2 in s2:\n        temp = cache[0]\n        cache[0] += ins\n"
        "        for k, c1 in enumerate(s1):\n            if c1 != c2:\n"
        "                temp = min(cache[k] + dele, cache[k + 1] + ins, temp + rep)\n"
        "            cache[k + 1], temp = temp, cache[k + 1]\n    return cache[-1]\n"
        "random.seed(3)\nok = True\nfor _ in range(3000):\n"
        "    a = ''.join(random.choice('abc ') for _ in range(random.randint(0, 10)))\n"
        "    b = ''.join(random.choice('abc ') for _ in range(random.randint(0, 10)))\n"
        "    w = tuple(random.randint(0, 4) for _ in range(3))\n"
        "    ok = ok and generic(a, b, *w) == Levenshtein.distance(a, b, weights=w)\nprint(json.dumps(ok))")
    assert got is True


def test_networkx_info_node_text_and_missing_node():
    import networkx as nx

    assert old_networkx_mglearn.info_node(nx.path_graph(3), 1) == \
        "Node 1 has the following properties:\nDegree: 2\nNeighbors: 0 2"
    assert old_networkx_mglearn.info_node(nx.Graph([("a", "b")]), "a").endswith("Degree: 1\nNeighbors: b")
    with pytest.raises(nx.NetworkXError, match="node 9 not in graph"):
        old_networkx_mglearn.info_node(nx.path_graph(3), 9)


def test_pillow_blurs_take_the_old_defaults():
    from PIL import Image, ImageFilter

    im = Image.new("L", (24, 24), 0)
    im.putpixel((12, 12), 255)
    def same(a, b):
        return np.array_equal(np.asarray(a), np.asarray(b))

    assert same(old_pillow.gaussian_blur(im), im.filter(ImageFilter.GaussianBlur(5)))
    assert not same(old_pillow.gaussian_blur(im), im.filter(ImageFilter.GaussianBlur()))  # the class's radius is 2
    assert same(old_pillow.gaussian_blur(im, 1.5), im.filter(ImageFilter.GaussianBlur(1.5)))
    assert same(old_pillow.unsharp_mask(im), im.filter(ImageFilter.UnsharpMask(5, 150, 3)))
    assert same(old_pillow.unsharp_mask(im, 2, threshold=0), im.filter(ImageFilter.UnsharpMask(2, 150, 0)))
    assert same(old_pillow.box_blur(im, 1), im.filter(ImageFilter.BoxBlur(1)))


def test_make_blobs_draws_scikit_learn_s_points_with_two_centres():
    from sklearn.datasets import make_blobs

    X, y = old_networkx_mglearn.make_blobs(random_state=0)
    assert sorted(set(y)) == [0, 1] and X.shape == (100, 2)
    for seed, n, c, std in [(0, 100, 2, 1.0), (4, 30, 2, 0.5), (1, 7, 3, 2.0), (2, 11, [[0, 0], [4, 4]], [1.0, 3.0])]:
        old = old_networkx_mglearn.make_blobs(n_samples=n, centers=c, cluster_std=std, random_state=seed)
        new = make_blobs(n_samples=n, centers=c, cluster_std=std, random_state=seed)
        assert np.array_equal(old[0], new[0]) and np.array_equal(old[1], new[1])
    # per-centre counts with generated centres: scikit-learn refuses, mglearn drew as many centres as asked
    X, y = old_networkx_mglearn.make_blobs(n_samples=[3, 5], random_state=1)
    assert np.bincount(y).tolist() == [3, 5]


def test_nltk_compat_helpers_on_python_3():
    t = old_text_libraries
    assert t.remove_accents("café naïve") == "cafe naive" and t.remove_accents(b"abc") == "abc"

    @t.python_2_unicode_compatible
    class Tag:
        def __str__(self):
            return "tag"

    assert Tag().__unicode__() == "tag" and Tag.unicode_repr is object.__repr__
    assert t.get_im_class(Tag().__str__) is Tag
