"""gensim 3's Phrases.export_phrases(sentences), given back by gensim4-removed-members and run in the tabular
profile's real kernel: gensim 4 refuses the sentences; the shim lists each phrase found in them, in order and
repeated, as gensim 3 did (the words as UTF-8 bytes joined by a space, or a tuple of them), each with the score
today's model gives that phrase."""

from __future__ import annotations

from support import code_notebook, stdout

EXPORT_PHRASES = code_notebook(
    "from gensim.models.phrases import Phrases\n"
    "texts = [['new', 'york', 'is', 'big'], ['i', 'love', 'new', 'york'],\n"
    "         ['machine', 'learning', 'in', 'new', 'york'], ['machine', 'learning', 'is', 'fun']] * 5\n"
    "bigram = Phrases(texts, min_count=1, threshold=1)",
    "seen = [['i', 'saw', 'new', 'york'], ['machine', 'learning', 'and', 'new', 'york']]\n"
    "found = list(bigram.export_phrases(seen))\n"
    "scores = bigram.export_phrases()\n"
    "print([p for p, s in found])\n"
    "print([s == scores[p.decode().replace(' ', '_')] for p, s in found])\n"
    "print(next(iter(bigram.export_phrases(texts[:1], as_tuples=True)))[0])",
)


def test_the_phrases_found_in_sentences_are_listed_as_gensim_3_did(fails_then_runs):
    after = fails_then_runs(EXPORT_PHRASES, 1, "takes 1 positional argument", {"gensim4-removed-members"})
    assert stdout(after.cells[1]) == (
        "[b'new york', b'machine learning', b'new york']\n[True, True, True]\n(b'new', b'york')\n")
