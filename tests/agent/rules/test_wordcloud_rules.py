"""wordcloud 1.3 takes frequencies as a dict: a notebook's Counter.most_common() pairs fail inside wordcloud
and the error-keyed rule wraps them where they are passed; the cloud drawn has the author's top words."""

from __future__ import annotations

from support import code_notebook

OLD = code_notebook(
    "from collections import Counter\nfrom wordcloud import WordCloud\n"
    "counts = Counter('raven raven raven door door nevermore'.split())",
    "wc = WordCloud(random_state=0, width=200, height=100).generate_from_frequencies(counts.most_common(2))\n"
    "cloud = WordCloud(random_state=0, width=200, height=100)\ncloud.fit_words(sorted(counts.items()))\n"
    "print(list(wc.words_), sorted(cloud.words_))",
)


def test_frequency_pairs_become_a_dict_where_they_are_passed(run_repaired):
    record: list = []
    printed = run_repaired(OLD, attempts=3, record=record)
    assert [e.origin for _, e in record] == ["rule:wordcloud-frequency-pairs"] * 2  # one failing line each run
    assert printed[1] == "['raven', 'door'] ['door', 'nevermore', 'raven']\n"
