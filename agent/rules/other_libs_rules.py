"""scipy, gensim 4, imbalanced-learn, tqdm and pixiedust: removed functions, modules and keywords, and dead add-ons."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    GENSIM_MODELS,
    Context,
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    one_statement_per_line,
    plain_reference,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .python3_rules import Importing


@rule(
    "scipy-misc-removed",
    library="scipy",
    changed_in="scipy 1.2-1.10",
    rationale="scipy.misc.comb/factorial/logsumexp were removed; scipy.special holds them, and scipy.interp was "
    "numpy.interp (scipy.misc's image functions: scipy-removed-functions).",
    needles=("scipy", "misc."),
    pattern=r"scipy\.misc|misc\.(comb|factorial|logsumexp)|from scipy import interp",
    signatures=(
        ("ImportError", r"cannot import name '(comb|factorial|logsumexp)' from 'scipy.misc'"),
        ("AttributeError", r"module 'scipy.misc' has no attribute '(comb|factorial|logsumexp)'"),
    ),
    examples=(
        ("from scipy.misc import comb", "from scipy.special import comb"),
        ("from scipy import interp", "from numpy import interp"),
        ("c = scipy.misc.comb(5, 2)", "c = scipy.special.comb(5, 2)"),
    ),
)
class ScipyMisc(RuleTransformer):
    _SPECIAL = {"comb", "factorial", "logsumexp"}

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        module = dotted(updated.module)
        names = {a.name.value for a in updated.names}
        if module == "scipy" and names == {"interp"}:  # scipy.interp was numpy.interp re-exported
            return updated.with_changes(module=cst.Name("numpy"))
        if module != "scipy.misc":
            return updated
        if names <= self._SPECIAL:
            return updated.with_changes(module=cst.parse_expression("scipy.special"))
        return updated

    def leave_Attribute(self, original, updated):
        name = dotted(updated) or ""
        if name.endswith(("misc.comb", "misc.factorial", "misc.logsumexp")):
            return cst.parse_expression(name.replace("misc.", "special."))
        return updated


_KV_RENAMED = {"index2word": "index_to_key", "index2entity": "index_to_key", "syn0": "vectors"}
# What a gensim 3 model handed on to its KeyedVectors, and gensim 4 left on model.wv only
_WORD_LOOKUPS = {"most_similar", "most_similar_cosmul", "similarity", "n_similarity", "doesnt_match", "similar_by_word",
                 "similar_by_vector", "wmdistance", "evaluate_word_pairs", "save_word2vec_format"}


_NO_MODEL_ATTRIBUTE = re.compile(r"'(?:Word2Vec|FastText|Doc2Vec)' object has no attribute '(?P<attr>\w+)'")


@rule(
    "gensim4-renamed-params",
    library="gensim",
    changed_in="gensim 4.0",
    rationale="Word2Vec/Doc2Vec/FastText renamed size= to vector_size= and iter= to epochs=; wv.vocab became "
    "wv.key_to_index, index2word index_to_key, syn0 vectors; a model's word lookups (model[w], "
    "model.most_similar, similar_by_word, n_similarity, save_word2vec_format, ...) moved to model.wv, and "
    "Word2Vec.load_word2vec_format to KeyedVectors.",
    needles=("Word2Vec", "Doc2Vec", "FastText", ".vocab", "LabeledSentence", "index2word", "index2entity", "syn0",
             "vectors_norm", "load_word2vec_format"),
    signatures=(
        ("TypeError", r"unexpected keyword argument '(size|iter)'|'(Word2Vec|FastText|Doc2Vec)' object is not subscriptable"),
        ("AttributeError", r"has no attribute '(syn0|syn0norm|" + "|".join(sorted(_WORD_LOOKUPS)) + ")'"
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
        return updated

    # On the failing line, a receiver the notebook's assignments do not tell (models['w2v'], self.model) is the
    # model the error names: "'Word2Vec' object has no attribute 'most_similar'".
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.gensim = "gensim" in ctx.text or any(v in GENSIM_MODELS for v in ctx.models.values())
        found = _NO_MODEL_ATTRIBUTE.search(ctx.error.evalue) if ctx.error is not None else None
        self.missing = found["attr"] if found else None

    def _model(self, node: cst.BaseExpression) -> bool:
        """A name the notebook binds to a gensim model (``Word2Vec(...)``, ``Word2Vec.load(...)``)."""
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
        if attr == "count" and m.matches(original.value, m.Subscript(value=m.Attribute(attr=m.Name("vocab")))) \
                and len(original.value.slice) == 1:
            # wv.vocab[w].count: the Vocab objects are gone; the count is a per-key attribute now
            owner = updated.value.value.value  # the KeyedVectors the vocab hung from
            key = updated.value.slice[0].slice.value
            return cst.Call(cst.Attribute(owner, cst.Name("get_vecattr")),
                            [cst.Arg(key, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                             cst.Arg(cst.SimpleString("'count'"))])
        if attr in ("vectors_norm", "syn0norm"):  # computed on demand since 4.0
            owner = cst.Attribute(updated.value, cst.Name("wv")) if self._model(updated.value) else updated.value
            return cst.Call(cst.Attribute(owner, cst.Name("get_normed_vectors")))
        if attr == "vocab" and m.matches(updated.value, m.Attribute(attr=m.Name("wv"))):
            return updated.with_changes(attr=cst.Name("key_to_index"))
        if attr in _KV_RENAMED:  # names of gensim's own, on the model's wv or on loaded KeyedVectors
            return updated.with_changes(attr=cst.Name(_KV_RENAMED[attr]))
        if attr in _WORD_LOOKUPS and (self._model(updated.value) or self._named_by_error(original)):
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("wv")))
        return updated

    def leave_Subscript(self, original, updated):
        if self._model(updated.value):  # model['king']: the vectors live in model.wv
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("wv")))
        return updated


@rule(
    "ipython-magic-method",
    library="IPython",
    changed_in="IPython 8.0",
    rationale="get_ipython().magic('name args') was removed; run_line_magic('name', 'args') runs the same magic.",
    needles=(".magic(",),
    signatures=(("AttributeError", r"object has no attribute 'magic'"),),
    examples=(("get_ipython().magic('matplotlib inline')", "get_ipython().run_line_magic('matplotlib', 'inline')"),),
)
class MagicMethod(RuleTransformer):
    def leave_Call(self, original, updated):
        if not (
            isinstance(updated.func, cst.Attribute) and updated.func.attr.value == "magic" and len(updated.args) == 1
        ):
            return updated
        if "get_ipython" not in cst.Module([]).code_for_node(updated.func.value):
            return updated
        line = string_value(updated.args[0].value)
        if line is None:
            return updated
        name, _, rest = line.lstrip("%").partition(" ")
        args = [
            cst.Arg(cst.SimpleString(repr(name)), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.Arg(cst.SimpleString(repr(rest))),
        ]
        return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("run_line_magic")), args=args)


_PIXIEDUST = re.compile(r"^([ \t]*)(import pixiedust\b[^\n;]*|from pixiedust\S* import [^\n;]*)$", re.MULTILINE)
_PIXIEDUST_NOTE = "# mlemod: pixiedust (an unmaintained Jupyter display add-on) is not in the environment; display() is IPython's: "


def neutralise_pixiedust(source: str, ctx=None) -> str:
    def comment(found: re.Match) -> str:
        indent, line = found.group(1), found.group(2)
        # ``pass`` keeps an indented block valid when the import was its only statement.
        return f"{indent}pass  {_PIXIEDUST_NOTE}{line}" if indent else f"{_PIXIEDUST_NOTE}{line}"

    return _PIXIEDUST.sub(comment, source)


neutralise_pixiedust.text_rule = True  # type: ignore[attr-defined]  # runs on the raw cell text

rule(
    "pixiedust-import",
    library="pixiedust",
    changed_in="unmaintained since 2020, not in the environment",
    rationale="pixiedust only adds an interactive display() to Jupyter; the import is commented out with a note "
    "and display() falls back to IPython's, which every notebook kernel has.",
    needles=("pixiedust",),
    signatures=(("ModuleNotFoundError", r"No module named 'pixiedust'"),),
    examples=(
        (
            "import pandas as pd\nimport pixiedust\ndisplay(df)",
            f"import pandas as pd\n{_PIXIEDUST_NOTE}import pixiedust\ndisplay(df)",
        ),
        ("try:\n    import pixiedust\nexcept ImportError:\n    pass", f"try:\n    pass  {_PIXIEDUST_NOTE}import pixiedust\nexcept ImportError:\n    pass"),
    ),
)(neutralise_pixiedust)


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


_NOTEBOOK_BARS = {"tqdm_notebook": "tqdm", "tnrange": "trange"}


@rule(
    "tqdm-notebook-widgets",
    library="tqdm",
    changed_in="tqdm 4.40 (tqdm_notebook deprecated for tqdm.notebook; the widget bar needs ipywidgets)",
    rationale="tqdm's notebook bar raises 'IProgress not found' without ipywidgets, which the fixed environment "
    "does not have; tqdm.auto draws the same bar where widgets exist and a text bar otherwise.",
    needles=("tqdm_notebook", "tnrange", "tqdm.notebook", "nested="),
    signatures=(("ImportError", r"IProgress not found"), ("TqdmDeprecationWarning", r"`nested` is deprecated")),
    examples=(
        ("from tqdm import tqdm_notebook as tqdm", "from tqdm.auto import tqdm"),
        ("from tqdm import tqdm_notebook, tnrange", "from tqdm.auto import tqdm as tqdm_notebook, trange as tnrange"),
        ("from tqdm.notebook import tqdm", "from tqdm.auto import tqdm"),
        ("from tqdm import tqdm, tqdm_notebook", "from tqdm import tqdm\nfrom tqdm.auto import tqdm as tqdm_notebook"),
        ("from tqdm import tqdm", "from tqdm import tqdm"),
        ("from tqdm import tqdm\nfor i in tqdm(range(3), nested=True):\n    pass", "from tqdm import tqdm\nfor i in tqdm(range(3)):\n    pass"),
    ),
)
class TqdmNotebook(RuleTransformer):
    def leave_Call(self, original, updated):
        # nested= (tqdm 4.x: positions are automatic) is rejected with TqdmDeprecationWarning
        if callee_name(updated) in ("tqdm", "trange", "tqdm_notebook") and "tqdm" in self.ctx.text:
            return remove_kwarg(updated, "nested")
        return updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if isinstance(updated.names, cst.ImportStar) or module not in ("tqdm", "tqdm.notebook"):
            return updated
        auto = cst.parse_expression("tqdm.auto")
        if module == "tqdm.notebook":
            return updated.with_changes(module=auto)
        bars = [a for a in updated.names if a.name.value in _NOTEBOOK_BARS]
        if not bars:
            return updated
        renamed = []
        for a in bars:
            new, local = _NOTEBOOK_BARS[a.name.value], a.asname.name.value if a.asname else a.name.value
            alias = cst.AsName(cst.Name(local)) if local != new else None
            renamed.append(cst.ImportAlias(cst.Name(new), asname=alias, comma=a.comma))
        renamed[-1] = renamed[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        rest = [a for a in updated.names if a.name.value not in _NOTEBOOK_BARS]
        if not rest:
            return updated.with_changes(module=auto, names=renamed)
        rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return cst.FlattenSentinel([updated.with_changes(names=rest), updated.with_changes(module=auto, names=renamed)])

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


# Samplers that lost n_jobs= (imbalanced-learn 0.10 deprecated it, 0.12 removed it): the k-NN ones.
_KNN_SAMPLERS = {"SMOTE", "SVMSMOTE", "BorderlineSMOTE", "KMeansSMOTE", "SMOTENC", "SMOTEN", "ADASYN"}


_SAMPLER = re.compile(r"imblearn|SMOTE|ADASYN|Sampler|NearMiss|Tomek|NearestNeighbours|ClusterCentroids|"
                      r"InstanceHardness|OneSidedSelection|NeighbourhoodCleaning|CondensedNearest|AllKNN|Ensemble")


@rule(
    "imblearn-renamed-api",
    library="imbalanced-learn",
    changed_in="imbalanced-learn 0.4-0.12",
    rationale="samplers' fit_sample became fit_resample and ratio= became sampling_strategy=; "
    "SMOTE(kind='regular') and the k-NN samplers' n_jobs= were removed (the defaults do the same).",
    needles=("fit_sample", "ratio=", "kind=", "n_jobs"),
    # ratio=, kind= and n_jobs= are common words: only cells that name a sampler
    prefilter=lambda code: "fit_sample" in code or _SAMPLER.search(code) is not None,
    signatures=(
        ("AttributeError", r"object has no attribute 'fit_sample'"),
        ("TypeError", r"unexpected keyword argument '(ratio|kind|n_jobs)'"),
    ),
    examples=(
        ("X2, y2 = SMOTE(ratio='minority', n_jobs=-1).fit_sample(X, y)",
         "X2, y2 = SMOTE(sampling_strategy='minority').fit_resample(X, y)"),
        ("from imblearn.over_sampling import SMOTE\nsm = SMOTE(kind='regular', random_state=1)",
         "from imblearn.over_sampling import SMOTE\nsm = SMOTE(random_state=1)"),
        ("rus = RandomUnderSampler(ratio=0.5, random_state=0)", "rus = RandomUnderSampler(sampling_strategy=0.5, random_state=0)"),
    ),
)
class ImblearnRenamedApi(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name == "fit_sample" and isinstance(updated.func, cst.Attribute):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("fit_resample")))
        sampler = self.ctx.imported.get(name, "").startswith("imblearn.") or name in _KNN_SAMPLERS or \
            name.endswith(("Sampler", "SMOTE", "ENN", "Tomek", "TomekLinks", "NearMiss", "ClusterCentroids"))
        if not sampler:
            return updated
        call = rename_kwarg(updated, "ratio", "sampling_strategy")
        if name == "SMOTE" and string_value(getattr(kwarg(call, "kind"), "value", None)) == "regular":
            call = remove_kwarg(call, "kind")
        if name in _KNN_SAMPLERS:
            call = remove_kwarg(call, "n_jobs")
        return call
