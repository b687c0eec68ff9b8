"""gensim 3's KeyedVectors.get_keras_embedding and Word2Vec.intersect_word2vec_format, written out with today's
gensim and Keras: the shims the gensim4-removed-members rule copies into a notebook (see old_scipy.py for how
shims are used).

gensim 4.0 dropped the method. It built a Keras ``Embedding`` layer whose weights were the word vectors
(one row per word, in the vectors' order), frozen unless ``train_embeddings``; Keras 3's layer takes the
weights as a constant initializer instead of ``weights=[...]``. They run in the notebook's kernel, never
here: the imports are inside the functions.
"""


def get_keras_embedding(wv, train_embeddings=False):  # KeyedVectors.get_keras_embedding (removed in gensim 4.0)
    import keras
    weights = wv.vectors
    return keras.layers.Embedding(input_dim=weights.shape[0], output_dim=weights.shape[1],
                                  embeddings_initializer=keras.initializers.Constant(weights),
                                  trainable=train_embeddings)


def intersect_word2vec_format(vectors, fname, lockf=0.0, binary=False, encoding="utf8", unicode_errors="strict"):
    # Word2Vec.intersect_word2vec_format (moved to KeyedVectors in gensim 4.0), on a model or on its wv. gensim 4
    # keeps one lock factor for every word until given one per word, and its intersect writes the loaded words'
    # factors by index: without a factor per word it fails on the second word.
    import numpy
    wv = getattr(vectors, "wv", vectors)
    if len(wv.vectors_lockf) != len(wv):
        wv.vectors_lockf = numpy.full(len(wv), wv.vectors_lockf[0], dtype=numpy.float32)
    wv.intersect_word2vec_format(fname, lockf=lockf, binary=binary, encoding=encoding, unicode_errors=unicode_errors)


def export_phrases(phrases, sentences, out_delimiter=b" ", as_tuples=False):
    # Phrases.export_phrases(sentences) (gensim 3): every phrase found in each sentence, in order and repeated,
    # with its score, the words as UTF-8 bytes joined by out_delimiter (or a tuple of them). gensim 4's
    # export_phrases() takes no sentences and returns the model's phrases as a dict; its analyze_sentence still
    # finds them, joined by the model's delimiter.
    for sentence in sentences:
        for phrase, score in phrases.analyze_sentence(sentence):
            if score is not None:
                words = tuple(w.encode("utf8") for w in phrase.split(phrases.delimiter))
                yield (words if as_tuples else out_delimiter.join(words)), score
