"""gensim 3.8.3's scikit-learn wrappers (``gensim.sklearn_api``, removed in gensim 4.0), written out with gensim 4's
models: the shim the gensim-sklearn-api rule copies into a notebook before its first import of the package (see
old_scipy.py for how shims are used).

Each wrapper was thin: ``fit`` built the gensim model from the estimator's own parameters, ``transform`` mapped
documents through it, and an unfitted one raised NotFittedError. The classes keep 3.8.3's parameters and defaults
(the word-vector ones keep ``size=`` and ``iter=``, handed to gensim 4 as ``vector_size=`` and ``epochs=``;
Doc2Vec's ``docvecs=`` is ``dv=``, Phrases' ``common_terms=`` ``connector_words=`` and its bytes delimiter text),
and their outputs: bag-of-words lists from Text2Bow and TfIdf, dense ``[n_docs, num_topics]`` arrays from the
topic models, word vectors from W2V/FT, inferred document vectors from D2V.

One function defines them all and registers ``gensim.sklearn_api`` and its twelve submodules in ``sys.modules``
and on ``gensim``, so that every import form of the notebook (``from gensim import sklearn_api``, ``from
gensim.sklearn_api.ldamodel import LdaTransformer``, ``import gensim.sklearn_api``) runs unchanged. It runs in
the notebook's kernel, never here: the imports are inside.
"""


def gensim_sklearn_api():  # gensim.sklearn_api of gensim 3.8.3 (removed in 4.0), registered as that package
    import sys
    import types

    import gensim
    import numpy as np
    from gensim import matutils, models, utils
    from gensim.corpora import Dictionary
    from gensim.models import doc2vec
    from gensim.models.phrases import Phraser
    from scipy import sparse
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.exceptions import NotFittedError

    def keep(est, params):  # __init__ stores each parameter under its own name, as sklearn's clone expects
        est.gensim_model = None
        for name, value in params.items():
            if name not in ("self", "keep"):  # (__init__'s locals() holds this function too: a free name of it)
                setattr(est, name, value)

    def fitted(est):
        if est.gensim_model is None:
            raise NotFittedError("This model has not been fitted yet. Call 'fit' with appropriate arguments "
                                 "before using this method.")

    def corpus(X):  # a sparse matrix is a corpus of its rows
        return matutils.Sparse2Corpus(sparse=X, documents_columns=False) if sparse.issparse(X) else X

    def mapped(est, docs):  # one document (a list of pairs) or many, each through the fitted model
        fitted(est)
        if isinstance(docs[0], tuple):
            docs = [docs]
        return [est.gensim_model[doc] for doc in docs]

    def dense(est, docs, width):  # a row of topic weights per document
        rows = [matutils.sparse2full(doc, width) for doc in mapped(est, docs)]
        return np.reshape(np.array(rows), (len(docs), width))

    def word_vectors(est, words):
        fitted(est)
        if isinstance(words, str):
            words = [words]
        return np.reshape(np.array([est.gensim_model.wv[w] for w in words]), (len(words), est.size))

    def gensim3_words(params):  # the word-vector models' gensim 3 names, as gensim 4 spells them
        params["vector_size"], params["epochs"] = params.pop("size"), params.pop("iter")
        return params

    class Text2BowTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, prune_at=2000000, tokenizer=utils.tokenize):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = Dictionary(documents=[list(self.tokenizer(x)) for x in X], prune_at=self.prune_at)
            return self

        def transform(self, docs):
            fitted(self)
            if isinstance(docs, str):
                docs = [docs]
            return [self.gensim_model.doc2bow(list(self.tokenizer(doc))) for doc in docs]

        def partial_fit(self, X):
            if self.gensim_model is None:
                self.gensim_model = Dictionary(prune_at=self.prune_at)
            self.gensim_model.add_documents([list(self.tokenizer(x)) for x in X])
            return self

    class TfIdfTransformer(TransformerMixin, BaseEstimator):
        # smartirs and slope: the wrapper's own defaults, which it always passed (TfidfModel's are None and 0.25)
        def __init__(self, id2word=None, dictionary=None, wlocal=utils.identity, wglobal=models.tfidfmodel.df2idf,
                     normalize=True, smartirs="nfc", pivot=None, slope=0.65):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.TfidfModel(corpus=X, **self.get_params(deep=False))
            return self

        def transform(self, docs):
            return mapped(self, docs)

    class LdaTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, num_topics=100, id2word=None, chunksize=2000, passes=1, update_every=1, alpha="symmetric",
                     eta=None, decay=0.5, offset=1.0, eval_every=10, iterations=50, gamma_threshold=0.001,
                     minimum_probability=0.01, random_state=None, scorer="perplexity", dtype=np.float32):
            keep(self, locals())

        def _model(self, **data):
            params = self.get_params(deep=False)
            del params["scorer"]
            return models.LdaModel(**data, **params)

        def fit(self, X, y=None):
            self.gensim_model = self._model(corpus=corpus(X))
            return self

        def transform(self, docs):
            return dense(self, docs, self.num_topics)

        def partial_fit(self, X):
            X = corpus(X)
            if self.gensim_model is None:
                self.gensim_model = self._model()
            self.gensim_model.update(corpus=X)
            return self

        def score(self, X, y=None):  # higher is better: minus the perplexity, or the u_mass coherence
            if self.scorer == "perplexity":
                words = sum(count for doc in X for _, count in doc)
                return -1 * np.exp2(-self.gensim_model.bound(X, subsample_ratio=1.0) / words)
            if self.scorer == "u_mass":
                return models.CoherenceModel(model=self.gensim_model, corpus=X, coherence=self.scorer,
                                             topn=3).get_coherence()
            raise ValueError(f"Invalid value {self.scorer} supplied for `scorer` param")

    class LsiTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, num_topics=200, id2word=None, chunksize=20000, decay=1.0, onepass=True, power_iters=2,
                     extra_samples=100):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.LsiModel(corpus=corpus(X), **self.get_params(deep=False))
            return self

        def transform(self, docs):
            return dense(self, docs, self.num_topics)

        def partial_fit(self, X):
            X = corpus(X)
            if self.gensim_model is None:
                self.gensim_model = models.LsiModel(**self.get_params(deep=False))
            self.gensim_model.add_documents(corpus=X)
            return self

    class RpTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, id2word=None, num_topics=300):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.RpModel(corpus=X, **self.get_params(deep=False))
            return self

        def transform(self, docs):
            return dense(self, docs, self.num_topics)

    class HdpTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, id2word, max_chunks=None, max_time=None, chunksize=256, kappa=1.0, tau=64.0, K=15, T=150,
                     alpha=1, gamma=1, eta=0.01, scale=1.0, var_converge=0.0001, outputdir=None, random_state=None):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.HdpModel(corpus=corpus(X), **self.get_params(deep=False))
            return self

        def transform(self, docs):  # as wide as the highest topic any of the documents has
            topics = mapped(self, docs)
            width = max(max(t for t, _ in doc) + 1 for doc in topics)
            return np.reshape(np.array([matutils.sparse2full(t, width) for t in topics]), (len(docs), width))

        def partial_fit(self, X):
            X = corpus(X)
            if self.gensim_model is None:
                # 3.8.3 called it without a corpus, which HdpModel requires: a TypeError, as then
                self.gensim_model = models.HdpModel(**self.get_params(deep=False))
            self.gensim_model.update(corpus=X)
            return self

    class W2VTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, size=100, alpha=0.025, window=5, min_count=5, max_vocab_size=None, sample=1e-3, seed=1,
                     workers=3, min_alpha=0.0001, sg=0, hs=0, negative=5, cbow_mean=1, hashfxn=hash, iter=5,
                     null_word=0, trim_rule=None, sorted_vocab=1, batch_words=10000):
            keep(self, locals())
            self.cbow_mean = int(cbow_mean)

        def fit(self, X, y=None):
            self.gensim_model = models.Word2Vec(sentences=X, **gensim3_words(self.get_params(deep=False)))
            return self

        def transform(self, words):
            return word_vectors(self, words)

        def partial_fit(self, X):
            raise NotImplementedError("'partial_fit' has not been implemented for W2VTransformer. However, the model "
                                      "can be updated with a fixed vocabulary using Gensim API call.")

    class D2VTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, dm_mean=None, dm=1, dbow_words=0, dm_concat=0, dm_tag_count=1, docvecs=None,
                     docvecs_mapfile=None, comment=None, trim_rule=None, size=100, alpha=0.025, window=5, min_count=5,
                     max_vocab_size=None, sample=1e-3, seed=1, workers=3, min_alpha=0.0001, hs=0, negative=5,
                     cbow_mean=1, hashfxn=hash, iter=5, sorted_vocab=1, batch_words=10000):
            keep(self, locals())
            self.cbow_mean = int(cbow_mean)

        def fit(self, X, y=None):  # word lists are tagged with their position
            if isinstance(next(iter(X[:1])), doc2vec.TaggedDocument):
                documents = X
            else:
                documents = [doc2vec.TaggedDocument(words, [i]) for i, words in enumerate(X)]
            params = gensim3_words(self.get_params(deep=False))
            params["dv"], params["dv_mapfile"] = params.pop("docvecs"), params.pop("docvecs_mapfile")
            self.gensim_model = models.Doc2Vec(documents=documents, **params)
            return self

        def transform(self, docs):  # one document (a list of words) or many
            fitted(self)
            if isinstance(docs[0], str):
                docs = [docs]
            vectors = [self.gensim_model.infer_vector(doc) for doc in docs]
            return np.reshape(np.array(vectors), (len(docs), self.gensim_model.vector_size))

    class FTTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, sg=0, hs=0, size=100, alpha=0.025, window=5, min_count=5, max_vocab_size=None,
                     word_ngrams=1, sample=1e-3, seed=1, workers=3, min_alpha=0.0001, negative=5, ns_exponent=0.75,
                     cbow_mean=1, hashfxn=hash, iter=5, null_word=0, min_n=3, max_n=6, sorted_vocab=1, bucket=2000000,
                     trim_rule=None, batch_words=10000):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.FastText(sentences=X, **gensim3_words(self.get_params(deep=False)))
            return self

        def transform(self, words):
            return word_vectors(self, words)

    class PhrasesTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, min_count=5, threshold=10.0, max_vocab_size=40000000, delimiter=b"_", progress_per=10000,
                     scoring="default", common_terms=frozenset()):
            keep(self, locals())
            self.phraser = None

        def __setstate__(self, state):  # 3.8.3 reset these two on unpickling
            self.__dict__ = state
            self.common_terms = frozenset()
            self.phraser = None

        def _model(self, X):
            return models.Phrases(sentences=X, min_count=self.min_count, threshold=self.threshold,
                                  max_vocab_size=self.max_vocab_size, delimiter=utils.to_unicode(self.delimiter),
                                  progress_per=self.progress_per, scoring=self.scoring,
                                  connector_words=self.common_terms)

        def fit(self, X, y=None):
            self.gensim_model = self._model(X)
            self.phraser = Phraser(self.gensim_model)
            return self

        def transform(self, docs):  # one document (a list of words) or many
            fitted(self)
            if self.phraser is None:
                self.phraser = Phraser(self.gensim_model)
            if isinstance(docs[0], str):
                docs = [docs]
            return [self.phraser[doc] for doc in docs]

        def partial_fit(self, X):  # on an unfitted one 3.8.3 counted X twice (built from X, then added X): kept
            if self.gensim_model is None:
                self.gensim_model = self._model(X)
            self.gensim_model.add_vocab(X)
            self.phraser = Phraser(self.gensim_model)
            return self

    class AuthorTopicTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, num_topics=100, id2word=None, author2doc=None, doc2author=None, chunksize=2000, passes=1,
                     iterations=50, decay=0.5, offset=1.0, alpha="symmetric", eta="symmetric", update_every=1,
                     eval_every=10, gamma_threshold=0.001, serialized=False, serialization_path=None,
                     minimum_probability=0.01, random_state=None):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.AuthorTopicModel(corpus=X, **self.get_params(deep=False))
            return self

        def transform(self, author_names):  # one author or a list of them
            fitted(self)
            if not isinstance(author_names, list):
                author_names = [author_names]
            topics = [matutils.sparse2full(self.gensim_model[a], self.num_topics) for a in author_names]
            return np.reshape(np.array(topics), (len(author_names), self.num_topics))

        def partial_fit(self, X, author2doc=None, doc2author=None):
            if self.gensim_model is None:
                self.gensim_model = models.AuthorTopicModel(corpus=X, **self.get_params(deep=False))
            self.gensim_model.update(corpus=X, author2doc=author2doc, doc2author=doc2author)
            return self

    class LdaSeqTransformer(TransformerMixin, BaseEstimator):
        def __init__(self, time_slice=None, id2word=None, alphas=0.01, num_topics=10, initialize="gensim", sstats=None,
                     lda_model=None, obs_variance=0.5, chain_variance=0.005, passes=10, random_state=None,
                     lda_inference_max_iter=25, em_min_iter=6, em_max_iter=20, chunksize=100):
            keep(self, locals())

        def fit(self, X, y=None):
            self.gensim_model = models.LdaSeqModel(corpus=X, **self.get_params(deep=False))
            return self

        def transform(self, docs):
            proportions = mapped(self, docs)
            return np.reshape(np.array(proportions), (len(docs), self.num_topics))

    def is_fitted(est):  # today's Pipeline.score checks its last step is fitted: a wrapper is once it has a model
        return est.gensim_model is not None

    # Each class in its 3.8.3 submodule, all of them in the package (its __init__ imported them); named for their
    # module so that pickle finds them there, and sent by value to joblib's workers, which lack the package.
    package = types.ModuleType("gensim.sklearn_api", "Scikit-learn wrappers of gensim 3.8.3's models (a shim).")
    package.__path__ = []
    for sub, cls in (("ldamodel", LdaTransformer), ("lsimodel", LsiTransformer), ("rpmodel", RpTransformer),
                     ("ldaseqmodel", LdaSeqTransformer), ("w2vmodel", W2VTransformer),
                     ("atmodel", AuthorTopicTransformer), ("d2vmodel", D2VTransformer),
                     ("text2bow", Text2BowTransformer), ("tfidf", TfIdfTransformer), ("hdp", HdpTransformer),
                     ("ftmodel", FTTransformer), ("phrases", PhrasesTransformer)):
        module = types.ModuleType(f"gensim.sklearn_api.{sub}")
        cls.__module__, cls.__qualname__ = module.__name__, cls.__name__
        cls.__sklearn_is_fitted__ = is_fitted
        setattr(module, cls.__name__, cls)
        setattr(package, cls.__name__, cls)
        setattr(package, sub, module)
        sys.modules[module.__name__] = module
    sys.modules[package.__name__] = gensim.sklearn_api = package
    for pickler in ("cloudpickle", "joblib.externals.cloudpickle"):  # joblib's own up to 1.5, the package's since
        try:
            __import__(pickler, fromlist=["_"]).register_pickle_by_value(package)
        except (ImportError, AttributeError, ValueError):
            pass
