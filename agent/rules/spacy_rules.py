"""spaCy 1.x's ``spacy.en``: the English class, for notebooks that only tokenize.

spaCy 1.x spelled the English pipeline ``spacy.en.English()`` (``from spacy.en import English``); 2.0 moved the
language data to ``spacy.lang.en`` and the trained pipelines to separate packages, and ``spacy.en`` is gone
(``AttributeError: module 'spacy' has no attribute 'en'`` / ``No module named 'spacy.en'``). 1.x's English()
loaded the tagger, parser and entity recognizer when the model data was installed, and was a tokenizer (with the
language's lexical attributes: lower_, is_stop, is_punct, like_num, ...) without it. The environment has no
trained English pipeline and cannot download one, so only a notebook that reads nothing the statistical model
gave (pos_/tag_/lemma_/dep_/ents/noun_chunks/sents/vectors/similarity) is answered: its English() is today's
blank English pipeline, ``spacy.lang.en.English()`` = ``spacy.blank('en')``, whose tokens and lexical
attributes are the same rules. 1.x's switches (``parser=False``, ``entity=False``, ...) only turned the model's
parts off, which the blank pipeline lacks anyway: they are dropped.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import RuleTransformer, dotted, rule

# what the trained model gave: a notebook reading any of these needs the model the environment lacks
_MODEL_READS = re.compile(r"\.(pos_?|tag_?|lemma_?|dep_?|ents|ent_type_?|ent_iob_?|label_|noun_chunks|sents|head(?!\s*[(?])|"
                          r"children|subtree|lefts|rights|vector|has_vector|vector_norm|similarity|is_sent_start|"
                          r"tagger|parser|entity)\b")
_SWITCHES = {"parser", "tagger", "entity", "matcher", "serializer", "vectors", "add_vectors", "load_vectors", "path"}


def _tokenizer_only(ctx, code: str) -> bool:
    return _MODEL_READS.search(ctx.text) is None


@rule(
    "spacy-en-english",
    library="spacy",
    changed_in="spaCy 2.0 (spacy.en became spacy.lang.en; trained pipelines separate packages)",
    rationale="spaCy 1.x's spacy.en.English() is spacy.lang.en.English() (spacy.blank('en')) where the notebook "
    "only tokenizes: without model data 1.x's English() was that tokenizer, with the same lexical attributes "
    "(lower_, is_stop, is_punct); notebooks that read pos_/lemma_/ents/... needed the trained model, which the "
    "environment lacks, and are left alone. 1.x's parser=/entity=/... switches only turned the model's parts off.",
    pattern=r"spacy\.en\b",
    gate=_tokenizer_only,
    signatures=(("AttributeError", r"module 'spacy' has no attribute 'en'"),
                ("ModuleNotFoundError", r"No module named 'spacy\.en'")),
    examples=(
        ("import spacy\nnlp = spacy.en.English()\nwords = [t.lower_ for t in nlp(s) if not t.is_stop and not t.is_punct]",
         "import spacy\nnlp = spacy.blank('en')\nwords = [t.lower_ for t in nlp(s) if not t.is_stop and not t.is_punct]"),
        ("from spacy.en import English\nparser = English(parser=False, entity=False)\ntoks = [t.text for t in parser(s)]",
         "from spacy.lang.en import English\nparser = English()\ntoks = [t.text for t in parser(s)]"),
        # the model's annotations: the trained pipeline is needed, not the tokenizer
        ("from spacy.en import English\nnlp = English()\nents = [e.label_ for e in nlp(s).ents]",
         "from spacy.en import English\nnlp = English()\nents = [e.label_ for e in nlp(s).ents]"),
    ),
)
class SpacyEnglish(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.active = _tokenizer_only(ctx, "")  # checked here too: an error-keyed run passes no gate
        self.english = {name for name, origin in ctx.imported.items() if origin == "spacy.en.English"}

    def leave_ImportFrom(self, original, updated):
        if self.active and updated.module is not None and dotted(updated.module) == "spacy.en" and \
                not isinstance(updated.names, cst.ImportStar) and [a.evaluated_name for a in updated.names] == ["English"]:
            return updated.with_changes(module=cst.parse_expression("spacy.lang.en"))
        return updated

    def leave_Call(self, original, updated):
        name = dotted(updated.func)
        if not self.active or not all(a.keyword is not None and a.keyword.value in _SWITCHES for a in updated.args):
            return updated
        if name is not None and name.endswith(".en.English") and name.count(".") == 2:
            module = name.split(".")[0]
            if self.ctx.imported.get(module, module) == "spacy":
                return cst.parse_expression(f"{module}.blank('en')")
        if isinstance(updated.func, cst.Name) and updated.func.value in self.english and updated.args:
            return updated.with_changes(args=[])
        return updated
