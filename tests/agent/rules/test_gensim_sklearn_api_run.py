"""gensim 3's scikit-learn wrappers (gensim.sklearn_api, removed in 4.0), given back by the gensim-sklearn-api shim and
run in the tabular profile's real kernel: the notebook's own import lines, in each form, run unchanged, and the
wrappers give what gensim 3.8.3's did (bag-of-words lists, tf-idf pairs, dense topic rows, word vectors)."""

from __future__ import annotations

from support import code_notebook, stdout

SKLEARN_API = code_notebook(
    "import pickle\nimport numpy as np\nfrom sklearn.pipeline import Pipeline\nfrom sklearn.model_selection import "
    "GridSearchCV\nfrom gensim import sklearn_api\nfrom gensim.sklearn_api import W2VTransformer",
    "docs = ['apple banana', 'apple cherry', 'banana cherry cherry'] * 4\n"
    "def pipeline():\n"
    "    return Pipeline([('bows', sklearn_api.text2bow.Text2BowTransformer()), ('tfidf', sklearn_api.tfidf."
    "TfIdfTransformer()),\n                     ('lda', sklearn_api.ldamodel.LdaTransformer(num_topics=2, "
    "random_state=1))])\n"
    "pipe = pipeline()\ntopics = pipe.fit_transform(docs)\n"
    "print(topics.shape, topics.dtype, np.allclose(topics.sum(axis=1), 1), (pipeline().fit_transform(docs) == topics).all())\n"
    "print(pipe.named_steps['bows'].transform('banana cherry cherry'))\n"
    "print([[(i, round(float(w), 4)) for i, w in doc] for doc in pipe[:2].transform(['banana cherry cherry'])])\n"
    "single = pipe.named_steps['tfidf'].transform([(0, 1)])\n"
    "print([[(i, float(w)) for i, w in doc] for doc in single], pipe.named_steps['lda'].transform([(0, 1.0)]).shape)\n"
    "print(pipe.score(docs) < 0, pickle.loads(pickle.dumps(pipe)).transform(docs[:2]).shape)",
    "from gensim.sklearn_api.ldamodel import LdaTransformer\nimport gensim.sklearn_api\n"
    "from gensim.test.utils import common_texts\nfrom sklearn.exceptions import NotFittedError\n"
    "w2v = W2VTransformer(size=10, min_count=1, seed=1, workers=1, iter=5)\n"
    "vectors = w2v.fit(common_texts).transform(['graph', 'trees'])\n"
    "print(vectors.shape, (vectors[0] == w2v.gensim_model.wv['graph']).all(), w2v.gensim_model.epochs)\n"
    "try:\n    LdaTransformer().transform([(0, 1)])\nexcept NotFittedError:\n    print('not fitted')\n"
    "print(gensim.sklearn_api.ldamodel.LdaTransformer is LdaTransformer, LdaTransformer.__module__)\n"
    "search = GridSearchCV(pipeline(), {'lda__num_topics': [2, 3]}, cv=2, n_jobs=2).fit(docs)\n"
    "print(sorted(search.best_params_), len(search.cv_results_['mean_test_score']))",
)


def test_gensim_sklearn_wrappers_run_as_in_gensim_3(fails_then_runs):
    after = fails_then_runs(SKLEARN_API, 0, "sklearn_api", {"gensim-sklearn-api"})
    # 12 documents by 2 topics, float32 rows (sparse2full), each a distribution; the same random_state fits the same model
    # ids in order of first sight (apple 0, banana 1, cherry 2); every word is in 2 of 3 documents, so one idf:
    # the tf-idf row is the counts (1, 2) at unit length; one document of pairs is wrapped as a corpus of one
    assert stdout(after.cells[1]) == (
        "(12, 2) float32 True True\n[[(1, 1), (2, 2)]]\n[[(1, 0.4472), (2, 0.8944)]]\n[[(0, 1.0)]] (1, 2)\n"
        "True (2, 2)\n")
    # the word vectors are the model's own; iter= is gensim 4's epochs; workers of a search get the classes by value
    assert stdout(after.cells[2]) == (
        "(2, 10) True 5\nnot fitted\nTrue gensim.sklearn_api.ldamodel\n['lda__num_topics'] 2\n")
