"""gensim 3 -> 4: the renamed parameters and attributes, the model's lookups that moved to ``model.wv``, the
Doc2Vec ``docvecs`` members, the methods 4.0 dropped, and train() without the counts it used to default.

Written from gensim's "Migrating from Gensim 3.x to 4" guide and its 3.8.3 source read against 4.4
(scripts/signature_diff.py --dirs).
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_gensim
from .framework import (
    GENSIM_MODELS,
    Context,
    RuleTransformer,
    add_kwarg,
    arg_list,
    callee_name,
    code_of,
    dotted,
    kwarg,
    pass_if_empty,
    plain_reference,
    positional,
    rename_kwarg,
    rule,
)
from .python3_rules import Importing
from .removed_api import Shims, shim_source

# gensim's own names, renamed on KeyedVectors (a model's wv, loaded vectors, a Doc2Vec's docvecs / dv)
_KV_RENAMED = {"index2word": "index_to_key", "index2entity": "index_to_key", "syn0": "vectors",
               "offset2doctag": "index_to_key", "doctags": "key_to_index", "vectors_docs": "vectors",
               "doctag_syn0": "vectors"}
# computed on demand since 4.0
_NORMED = ("vectors_norm", "syn0norm", "vectors_docs_norm", "doctag_syn0norm")
# What a gensim 3 model handed on to its KeyedVectors (its word lookups, FastText's n-gram settings), and
# gensim 4 left on model.wv only
_ON_WV = {"most_similar", "most_similar_cosmul", "similarity", "n_similarity", "doesnt_match", "similar_by_word",
          "similar_by_vector", "wmdistance", "evaluate_word_pairs", "save_word2vec_format",
          "word_vec", "min_n", "max_n", "bucket"}


def _gensim_notebook(ctx: Context) -> bool:
    """Whether the notebook names gensim or binds a gensim model (a helper module's cell may only use one)."""
    return "gensim" in ctx.text or any(v in GENSIM_MODELS for v in ctx.models.values())


_NO_MODEL_ATTRIBUTE = re.compile(r"'(?:Word2Vec|FastText|Doc2Vec)' object has no attribute '(?P<attr>\w+)'")


@rule(
    "gensim4-renamed-params",
    library="gensim",
    changed_in="gensim 4.0",
    rationale="Word2Vec/Doc2Vec/FastText renamed size= to vector_size= and iter= to epochs= (the model's iter "
    "attribute too); wv.vocab became wv.key_to_index, index2word index_to_key, syn0 vectors, and a Doc2Vec's "
    "docvecs.doctags key_to_index, offset2doctag index_to_key, vectors_docs vectors, count its length; a model's "
    "word lookups (model[w], model.most_similar, similar_by_word, word_vec, save_word2vec_format, ...) and "
    "FastText's min_n/max_n/bucket moved to model.wv, word_vec(use_norm=) is get_vector(norm=), and "
    "Word2Vec.load_word2vec_format moved to KeyedVectors.",
    # (.iter, not .iterrows; the n-gram settings, read in a later cell than the model's, as in an error's line)
    pattern=r"Word2Vec|Doc2Vec|FastText|\.vocab|LabeledSentence|index2word|index2entity|syn0|vectors_norm"
    r"|load_word2vec_format|docvecs|doctag|vectors_docs|word_vec|use_norm|\.iter\b|\.(min|max)_n\b|\.bucket\b",
    signatures=(
        ("TypeError", r"unexpected keyword argument '(size|iter|use_norm)'"
                      r"|'(Word2Vec|FastText|Doc2Vec)' object is not subscriptable"),
        ("AttributeError", r"'(Word2Vec|FastText|Doc2Vec)' object has no attribute 'iter'"
                           r"|has no attribute '(" + "|".join(sorted({*_KV_RENAMED, *_NORMED, *_ON_WV})) + ")'"
                           r"|The (vocab|index2word|index2entity) attribute|The `.vectors_norm` attribute"
                           r"|type object '(Word2Vec|FastText|Doc2Vec)' has no attribute 'load_word2vec_format'"),
    ),
    examples=(
        ("w = Word2Vec(sents, size=100, iter=5)", "w = Word2Vec(sents, vector_size=100, epochs=5)"),
        ("import gensim\nv = model.wv.vocab", "import gensim\nv = model.wv.key_to_index"),
        (
            "from gensim.models.doc2vec import LabeledSentence",
            "from gensim.models.doc2vec import TaggedDocument as LabeledSentence",
        ),
        (
            "m = Word2Vec(sents, min_count=1)\nv = m['king'] - m['man']\nclose = m.most_similar('king')\n"
            "words, vecs = m.wv.index2word, m.wv.syn0",
            "m = Word2Vec(sents, min_count=1)\nv = m.wv['king'] - m.wv['man']\nclose = m.wv.most_similar('king')\n"
            "words, vecs = m.wv.index_to_key, m.wv.vectors",
        ),
        ("w2v = Word2Vec.load(path)\nv = w2v['a']", "w2v = Word2Vec.load(path)\nv = w2v.wv['a']"),
        ("v = Word2Vec.load(path)['a']\nu = gensim.models.Word2Vec(s).most_similar('a')",
         "v = Word2Vec.load(path).wv['a']\nu = gensim.models.Word2Vec(s).wv.most_similar('a')"),
        ("from gensim.models import Word2Vec\nm = Word2Vec(sents, min_count=1)\nnear = m.similar_by_word('king')\n"
         "m.save_word2vec_format('w.txt')\nkv = Word2Vec.load_word2vec_format('w.txt')\n"
         "g = gensim.models.Word2Vec.load_word2vec_format('g.bin', binary=True)",
         "from gensim.models import KeyedVectors\nfrom gensim.models import Word2Vec\nm = Word2Vec(sents, min_count=1)\n"
         "near = m.wv.similar_by_word('king')\nm.wv.save_word2vec_format('w.txt')\n"
         "kv = KeyedVectors.load_word2vec_format('w.txt')\n"
         "g = gensim.models.KeyedVectors.load_word2vec_format('g.bin', binary=True)"),
        (
            "import gensim\nn = model.wv.vocab[w].count\nunit = model.wv.vectors_norm",
            "import gensim\nn = model.wv.get_vecattr(w, 'count')\nunit = model.wv.get_normed_vectors()",
        ),
        ("m = Word2Vec(s, size=50)\nm.train(s, total_examples=m.corpus_count, epochs=m.iter)\ni = m.wv.vocab[w].index\n"
         "v = m.word_vec(w, use_norm=True)",
         "m = Word2Vec(s, vector_size=50)\nm.train(s, total_examples=m.corpus_count, epochs=m.epochs)\n"
         "i = m.wv.key_to_index[w]\nv = m.wv.word_vec(w, norm=True)"),
        ("d2v = Doc2Vec(docs, vector_size=20)\ntags = list(d2v.docvecs.doctags)\nX = d2v.docvecs.vectors_docs\n"
         "n = d2v.docvecs.count\nfirst = d2v.docvecs.offset2doctag[0]",
         "d2v = Doc2Vec(docs, vector_size=20)\ntags = list(d2v.docvecs.key_to_index)\nX = d2v.docvecs.vectors\n"
         "n = len(d2v.docvecs)\nfirst = d2v.docvecs.index_to_key[0]"),
        ("ft = FastText(s, min_count=1)\nprint(ft.min_n, ft.max_n, ft.bucket)",
         "ft = FastText(s, min_count=1)\nprint(ft.wv.min_n, ft.wv.max_n, ft.wv.bucket)"),
        # a name the notebook does not bind to a gensim model keeps its iter, count and min_n
        ("import gensim\nfor x in it.iter:\n    n = q.count + cfg.min_n", "import gensim\nfor x in it.iter:\n"
         "    n = q.count + cfg.min_n"),
    ),
    error_examples=(
        ("AttributeError: 'Word2Vec' object has no attribute 'iter'", 1,
         "model.train(s, total_examples=len(s), epochs=models['w2v'].iter)",
         "model.train(s, total_examples=len(s), epochs=models['w2v'].epochs)"),
    ),
)
class Gensim4(Importing):
    def leave_ImportAlias(self, original, updated):
        if isinstance(updated.name, cst.Name) and updated.name.value == "LabeledSentence":  # renamed TaggedDocument
            local = updated.asname or cst.AsName(cst.Name("LabeledSentence"))
            return updated.with_changes(name=cst.Name("TaggedDocument"), asname=local)
        return updated

    def leave_Call(self, original, updated):
        if callee_name(updated) in ("Word2Vec", "Doc2Vec", "FastText"):
            return rename_kwarg(rename_kwarg(updated, "size", "vector_size"), "iter", "epochs")
        if self.gensim and callee_name(updated) in ("word_vec", "get_vector"):
            return rename_kwarg(updated, "use_norm", "norm")
        return updated

    # On the failing line, a receiver the notebook's assignments do not tell (models['w2v'], self.model) is the
    # model the error names: "'Word2Vec' object has no attribute 'most_similar'".
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        found = _NO_MODEL_ATTRIBUTE.search(ctx.error.evalue) if ctx.error is not None else None
        self.missing = found["attr"] if found else None
        self.gensim = _gensim_notebook(ctx) or bool(found)

    def _model(self, node: cst.BaseExpression) -> bool:
        """A name the notebook binds to a gensim model (``Word2Vec(...)``, ``Word2Vec.load(...)``), or such a call
        itself (``Word2Vec(sents)['king']``)."""
        if isinstance(node, cst.Call):
            name = dotted(node.func) or ""
            return name.removesuffix(".load").rpartition(".")[2] in GENSIM_MODELS
        return isinstance(node, cst.Name) and self.ctx.models.get(node.value) in GENSIM_MODELS

    def _named_by_error(self, original: cst.Attribute) -> bool:
        return self.missing == original.attr.value and self.spans_error_line(original)

    def leave_Attribute(self, original, updated):
        attr = updated.attr.value
        if not self.gensim:
            return updated
        if attr == "load_word2vec_format" and (dotted(updated.value) or "").rpartition(".")[2] in GENSIM_MODELS:
            if isinstance(updated.value, cst.Attribute):  # gensim.models.Word2Vec: its module has KeyedVectors
                return updated.with_changes(value=updated.value.with_changes(attr=cst.Name("KeyedVectors")))
            return updated.with_changes(value=cst.Name(self.need_name("gensim.models", "KeyedVectors")))
        if attr in ("count", "index") and len(getattr(original.value, "slice", ())) == 1 \
                and m.matches(original.value, m.Subscript(value=m.Attribute(attr=m.Name("vocab")))):
            # wv.vocab[w].count / .index: the Vocab objects are gone; the count is a per-key attribute now, and
            # the index is what key_to_index maps the word to
            owner = updated.value.value.value  # the KeyedVectors the vocab hung from
            if attr == "index":
                return updated.value.with_changes(value=cst.Attribute(owner, cst.Name("key_to_index")))
            return cst.Call(cst.Attribute(owner, cst.Name("get_vecattr")),
                            arg_list(cst.Arg(updated.value.slice[0].slice.value), cst.Arg(cst.SimpleString("'count'"))))
        if attr == "count" and m.matches(updated.value, m.Attribute(attr=m.Name("docvecs") | m.Name("dv"))):
            return cst.Call(cst.Name("len"), [cst.Arg(updated.value)])  # the number of document vectors
        if attr == "iter" and (self._model(updated.value) or self._named_by_error(original)):
            return updated.with_changes(attr=cst.Name("epochs"))
        if attr in _NORMED:
            owner = cst.Attribute(updated.value, cst.Name("wv")) if self._model(updated.value) else updated.value
            return cst.Call(cst.Attribute(owner, cst.Name("get_normed_vectors")))
        if attr == "vocab" and m.matches(updated.value, m.Attribute(attr=m.Name("wv"))):
            return updated.with_changes(attr=cst.Name("key_to_index"))
        if attr in _KV_RENAMED:  # names of gensim's own, on the model's wv or on loaded KeyedVectors
            return updated.with_changes(attr=cst.Name(_KV_RENAMED[attr]))
        if attr in _ON_WV and (self._model(updated.value) or self._named_by_error(original)):
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("wv")))
        return updated

    def leave_Subscript(self, original, updated):
        if self._model(updated.value):  # model['king']: the vectors live in model.wv
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("wv")))
        return updated


_GENSIM_MODEL = r"\b{name}\s*=\s*(?:[\w.]+\.)?(?:Word2Vec|Doc2Vec|FastText)\("


@rule(
    "gensim4-train-counts",
    library="gensim",
    changed_in="gensim 4.0",
    rationale="Word2Vec/Doc2Vec/FastText.train() no longer falls back to the corpus size and epochs the model "
    "was built with; passing total_examples=model.corpus_count, epochs=model.epochs trains the same.",
    needles=(".train(",),
    signatures=(
        ("ValueError", r"You must specify either total_examples or total_words"),
        ("ValueError", r"You must specify an explicit epochs count"),
    ),
    examples=(
        (
            "model = Doc2Vec(vector_size=50, epochs=10)\nmodel.build_vocab(docs)\nmodel.train(docs)",
            "model = Doc2Vec(vector_size=50, epochs=10)\nmodel.build_vocab(docs)\n"
            "model.train(docs, total_examples=model.corpus_count, epochs=model.epochs)",
        ),
        (
            "w2v = gensim.models.Word2Vec(min_count=2)\nw2v.train(s, total_examples=len(s))",
            "w2v = gensim.models.Word2Vec(min_count=2)\nw2v.train(s, total_examples=len(s), epochs=w2v.epochs)",
        ),
        ("clf = Net()\nclf.train(docs)", "clf = Net()\nclf.train(docs)"),
        ("models['w2v'].train(docs)", "models['w2v'].train(docs)"),  # no error names the line: not known as gensim
    ),
)
class GensimTrainCounts(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        func = updated.func
        if not (m.matches(func, m.Attribute(attr=m.Name("train"))) and positional(updated)):
            return updated
        built = isinstance(func.value, cst.Name) and re.search(
            _GENSIM_MODEL.format(name=re.escape(func.value.value)), self.ctx.text)
        # on the line gensim's own message names (on_error_line), any model reached plainly (held['w2v'])
        if not built and not (plain_reference(func.value) and self.on_error_line(original)):
            return updated
        model = code_of(func.value)
        if kwarg(updated, "total_examples") is None and kwarg(updated, "total_words") is None:
            updated = add_kwarg(updated, "total_examples", f"{model}.corpus_count")
        if kwarg(updated, "epochs") is None:
            updated = add_kwarg(updated, "epochs", f"{model}.epochs")
        return updated


# Methods that only managed memory gensim 4 no longer keeps: a call of one as a statement does nothing today
_NO_OPS = ("delete_temporary_training_data", "clear_sims")
_SHIMS = {"get_keras_embedding": old_gensim.get_keras_embedding,
          "intersect_word2vec_format": old_gensim.intersect_word2vec_format,
          "export_phrases": old_gensim.export_phrases}  # given sentences: gensim 4's own takes none


@rule(
    "gensim4-removed-members",
    library="gensim",
    changed_in="gensim 4.0",
    rationale="Doc2Vec/Word2Vec.delete_temporary_training_data() and clear_sims() freed the training tables and "
    "the cached unit vectors, which gensim 4 no longer keeps: the calls are dropped. KeyedVectors."
    "get_keras_embedding() (a frozen Keras Embedding layer over the vectors) is written into the notebook with "
    "today's Keras, which takes the vectors as a constant initializer; intersect_word2vec_format (the model's, "
    "now its wv's) with a lock factor per word first, which gensim 4's needs and does not make; Phrases."
    "export_phrases(sentences) (each phrase found in the sentences, as bytes, with its score) through today's "
    "analyze_sentence, where gensim 4's export_phrases() lists the model's phrases as a dict.",
    needles=(*_NO_OPS, *_SHIMS),
    signatures=(("AttributeError", r"has no attribute '(" + "|".join((*_NO_OPS, *_SHIMS)) + ")'"),
                ("TypeError", r"export_phrases\(\) takes 1 positional argument but \d+ were given")),
    examples=(
        ("import gensim\nmodel.delete_temporary_training_data(keep_doctags_vectors=True, keep_inference=True)\n"
         "if big:\n    model.clear_sims()\nv = model.infer_vector(words)",
         "import gensim\nif big:\n    pass\nv = model.infer_vector(words)"),
        ("import gensim\nlayer = model.wv.get_keras_embedding(train_embeddings=False)\nnet.add(layer)",
         "import gensim\n" + shim_source(old_gensim.get_keras_embedding, "get_keras_embedding")
         + "layer = get_keras_embedding(model.wv, train_embeddings=False)\nnet.add(layer)"),
        ("from gensim.models import Word2Vec\nm = Word2Vec(s)\nm.intersect_word2vec_format(path, lockf=1.0, binary=True)",
         "from gensim.models import Word2Vec\nm = Word2Vec(s)\n"
         + shim_source(old_gensim.intersect_word2vec_format, "intersect_word2vec_format")
         + "intersect_word2vec_format(m, path, lockf=1.0, binary=True)"),
        ("from gensim.models import Phrases\nbigram = Phrases(words, min_count=5)\n"
         "found = list(bigram.export_phrases(words[:100]))\nall_of_them = bigram.export_phrases()",
         "from gensim.models import Phrases\nbigram = Phrases(words, min_count=5)\n"
         + shim_source(old_gensim.export_phrases, "export_phrases")
         + "found = list(export_phrases(bigram, words[:100]))\nall_of_them = bigram.export_phrases()"),
        # another library's clear_sims or a value taken from it is not gensim's no-op
        ("cache.clear_sims()\nn = index.clear_sims()", "cache.clear_sims()\nn = index.clear_sims()"),
    ),
)
class GensimRemovedMembers(Shims):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.gensim = _gensim_notebook(ctx) or self.on_own_error
        self.in_shim = 0  # inside a shim already written out: its own call of today's method stays

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.in_shim += node.name.value in _SHIMS

    def leave_FunctionDef(self, original, updated):
        self.in_shim -= original.name.value in _SHIMS
        return updated

    def leave_Expr(self, original, updated):
        call = updated.value
        if self.gensim and m.matches(call, m.Call(func=m.Attribute(attr=m.Name()))) \
                and call.func.attr.value in _NO_OPS:
            return cst.RemovalSentinel.REMOVE
        return updated

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)

    def leave_Call(self, original, updated):
        func = updated.func
        if self.gensim and not self.in_shim and m.matches(func, m.Attribute(attr=m.Name())) \
                and func.attr.value in _SHIMS and (func.attr.value != "export_phrases" or positional(updated)):
            return self.method_as_shim(updated, func.attr.value, _SHIMS[func.attr.value])
        return updated
