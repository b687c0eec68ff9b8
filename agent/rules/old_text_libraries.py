"""fuzzywuzzy/thefuzz's, rapidfuzz 0.x's and nltk.compat's removed helpers, written out with today's API: the shims
the thefuzz-utils-helpers, thefuzz-string-processing, thefuzz-stringmatcher, rapidfuzz-extractindices and
nltk-compat rules copy into a notebook (see old_scipy.py for how shims are used). They run in the notebook's kernel,
never here: the imports are inside each function, so a copied shim stands alone. Each was read from the last
release that had it (fuzzywuzzy 0.18.0 / thefuzz 0.19.0 on python-Levenshtein 0.12.2, rapidfuzz 0.12.5, nltk 3.4.5)
and is checked against it in tests/agent/rules/test_small_library_shims.py.
"""


def validate_string(s):  # thefuzz.utils.validate_string (removed in thefuzz 0.20): a value with a length above 0; False for one without a length
    try:
        return len(s) > 0
    except TypeError:
        return False


def make_type_consistent(s1, s2):  # thefuzz.utils.make_type_consistent (removed in thefuzz 0.20): on Python 3, both as str unless both are
    if isinstance(s1, str) and isinstance(s2, str):
        return s1, s2
    return str(s1), str(s2)


def intr(n):  # thefuzz.utils.intr (removed in thefuzz 0.20): round (half to even), then int
    return int(round(n))  # noqa: RUF046 (fuzzywuzzy's definition as it was)


def check_for_none(func):  # thefuzz.utils.check_for_none (removed in thefuzz 0.20): a scorer decorator, 0 when either string is None
    import functools

    @functools.wraps(func)
    def decorator(*args, **kwargs):
        if args[0] is None or args[1] is None:
            return 0
        return func(*args, **kwargs)
    return decorator


def check_for_equivalence(func):  # thefuzz.utils.check_for_equivalence (removed in thefuzz 0.20): a scorer decorator, 100 for equal strings
    import functools

    @functools.wraps(func)
    def decorator(*args, **kwargs):
        if args[0] == args[1]:
            return 100
        return func(*args, **kwargs)
    return decorator


def check_empty_string(func):  # thefuzz.utils.check_empty_string (removed in thefuzz 0.20): a scorer decorator, 0 when either string is empty
    import functools

    @functools.wraps(func)
    def decorator(*args, **kwargs):
        if len(args[0]) == 0 or len(args[1]) == 0:
            return 0
        return func(*args, **kwargs)
    return decorator


class StringProcessor:  # thefuzz.string_processing.StringProcessor (removed in thefuzz 0.20): its regex and str methods
    import re
    regex = re.compile(r"(?ui)\W")
    del re

    @classmethod
    def replace_non_letters_non_numbers_with_whitespace(cls, a_string):
        return cls.regex.sub(" ", a_string)  # each character that is not a letter, digit or _ becomes one space

    strip = staticmethod(str.strip)
    to_lower_case = staticmethod(str.lower)
    to_upper_case = staticmethod(str.upper)


def extractIndices(query, choices, scorer=None, processor=..., limit=5, score_cutoff=0):  # rapidfuzz.process.extractIndices (0.9-0.12, removed in 0.13): (index, score) pairs, best first, ties in list order
    import heapq

    from rapidfuzz import fuzz, utils
    scorer = fuzz.WRatio if scorer is None else scorer
    processor = utils.default_process if processor is ... else processor  # 0.x processed unless told not to
    if query is None:
        return []
    a = processor(query) if processor else query
    found = []
    for i, choice in enumerate(choices):
        if choice is None:
            continue
        b = processor(choice) if processor else choice
        score = scorer(a, b, processor=None, score_cutoff=score_cutoff)
        if score >= score_cutoff:
            found.append((i, score))
    if limit is None:
        return sorted(found, key=lambda x: x[1], reverse=True)
    return heapq.nlargest(limit, found, key=lambda x: x[1])


class StringMatcher:  # thefuzz.StringMatcher.StringMatcher (removed in thefuzz 0.20): python-Levenshtein 0.12's ratio, distance and edit path behind difflib's SequenceMatcher methods
    def __init__(self, isjunk=None, seq1="", seq2=""):
        if isjunk:
            import warnings
            warnings.warn("isjunk not NOT implemented, it will be ignored")
        self.set_seqs(seq1, seq2)

    def set_seqs(self, seq1, seq2):
        self._str1, self._str2 = seq1, seq2
        self._editops = None

    def set_seq1(self, seq1):
        self.set_seqs(seq1, self._str2)

    def set_seq2(self, seq2):
        self.set_seqs(self._str1, seq2)

    def get_editops(self):
        # python-Levenshtein's own path through the cost matrix (common prefix and suffix left out, the direction
        # kept while it stays optimal, a match before a replacement): rapidfuzz picks other paths of equal cost
        if self._editops is None:
            s1, s2 = self._str1, self._str2
            off = 0
            while off < len(s1) and off < len(s2) and s1[off] == s2[off]:
                off += 1
            a, b = s1[off:], s2[off:]
            end = 0
            while end < len(a) and end < len(b) and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
                end += 1
            a, b = a[:len(a) - end], b[:len(b) - end]
            m = [[j for j in range(len(b) + 1)]] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
            for i in range(1, len(a) + 1):
                for j in range(1, len(b) + 1):
                    m[i][j] = min(m[i][j - 1] + 1, m[i - 1][j - 1] + (a[i - 1] != b[j - 1]), m[i - 1][j] + 1)
            ops, i, j, way = [], len(a), len(b), 0
            while i or j:
                if way < 0 and j and m[i][j] == m[i][j - 1] + 1:
                    j -= 1
                    ops.append(("insert", i + off, j + off))
                elif way > 0 and i and m[i][j] == m[i - 1][j] + 1:
                    i -= 1
                    ops.append(("delete", i + off, j + off))
                elif i and j and m[i][j] == m[i - 1][j - 1] and a[i - 1] == b[j - 1]:
                    i, j, way = i - 1, j - 1, 0
                elif i and j and m[i][j] == m[i - 1][j - 1] + 1:
                    i, j, way = i - 1, j - 1, 0
                    ops.append(("replace", i + off, j + off))
                elif way == 0 and j and m[i][j] == m[i][j - 1] + 1:
                    j, way = j - 1, -1
                    ops.append(("insert", i + off, j + off))
                else:
                    i, way = i - 1, 1
                    ops.append(("delete", i + off, j + off))
            self._editops = ops[::-1]
        return list(self._editops)

    def get_opcodes(self):
        from rapidfuzz.distance import Editops
        ops = Editops(self.get_editops(), len(self._str1), len(self._str2))
        return [tuple(op) for op in ops.as_opcodes()]

    def get_matching_blocks(self):
        from rapidfuzz.distance import Editops
        ops = Editops(self.get_editops(), len(self._str1), len(self._str2))
        return [tuple(block) for block in ops.as_matching_blocks()]

    def ratio(self):  # (total length - Indel distance) / total length, 1.0 for two empty strings
        from rapidfuzz.distance import Indel
        total = len(self._str1) + len(self._str2)
        return (total - Indel.distance(self._str1, self._str2)) / total if total else 1.0

    quick_ratio = ratio

    def real_quick_ratio(self):
        len1, len2 = len(self._str1), len(self._str2)
        return 2.0 * min(len1, len2) / (len1 + len2)

    def distance(self):
        from rapidfuzz.distance import Levenshtein
        return Levenshtein.distance(self._str1, self._str2)


def python_2_unicode_compatible(klass):  # nltk.compat.python_2_unicode_compatible (removed in nltk 3.5): on Python 3 it only kept __str__ as __unicode__ and __repr__ as unicode_repr
    def fixed(method):  # the marks its Python 2 wrappers carried; a method so marked was left as it was
        return getattr(method, "_nltk_compat_7bit", False) or getattr(method, "_nltk_compat_transliterated", False)
    if not fixed(klass.__str__):
        klass.__unicode__ = klass.__str__
    if not fixed(klass.__repr__):
        klass.unicode_repr = klass.__repr__
    return klass


def remove_accents(text):  # nltk.compat.remove_accents (removed in nltk 3.5): NFKD, then the combining marks (category Mn) dropped
    import unicodedata
    if isinstance(text, bytes):
        text = text.decode("ascii")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")


def get_im_class(meth):  # nltk.compat.get_im_class (removed in nltk 3.5): a bound method's class on Python 3
    return meth.__self__.__class__
