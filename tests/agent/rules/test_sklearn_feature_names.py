"""sklearn-feature-names-refused in a real kernel: a search whose every fit refuses the frame's column names."""

from __future__ import annotations


def test_a_search_whose_fits_refuse_repeated_names_is_given_the_values(notebook, run_repaired):
    # get_dummies of two columns that share a level gives two columns named C; GridSearchCV's fits all raise
    # narwhals' DuplicateError and the search reports them inside "All the 4 fits failed".
    nb = notebook(
        "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
        "from sklearn.model_selection import GridSearchCV\n"
        "df = pd.DataFrame({'emb': list('CSQCSQCSQCSQ'), 'deck': list('ABCABCABCABC'), 'y': [0, 1] * 6})\n"
        "X = pd.concat([pd.get_dummies(df.emb), pd.get_dummies(df.deck)], axis=1)\n"
        "search = GridSearchCV(LogisticRegression(), {'C': [0.1, 1.0]}, cv=2)\n"
        "search.fit(X, df.y)\nprint(sorted(search.best_params_))")
    record = []
    printed = run_repaired(nb, 2, record)
    assert [e.origin for _, e in record] == ["rule:sklearn-feature-names-refused"]
    assert "search.fit(numpy.asarray(X), df.y)" in record[0][1].new
    assert printed[-1] == "['C']\n"
