"""The erosion catalogue: what each library removed and changed, written from its changelogs.

One TOML file per library (``pandas.toml``, ``numpy.toml``, ...; a large one may be split, ``pandas.v1.toml``:
the library is the name before the first dot), each a list of
``[[entry]]`` tables. An entry records one change, whether or not any notebook we
have seen used it, so that rules are written from what changed, not from the
spellings a corpus happened to contain::

    [[entry]]
    id = "pandas-dataframe-iteritems"       # unique over the catalogue
    version = "2.0"                          # the release that removed/changed it
    kind = "renamed"                         # removed | renamed | signature | default | behaviour
    old = "DataFrame.iteritems"              # Type.attr, module.name, or Callable(param=)
    new = "DataFrame.items"                  # what replaces it (prose allowed)
    raises = "AttributeError"                # the exception old code raises today; "" when none
    message = "object has no attribute 'iteritems'"   # a fragment of today's message
    probe = "import pandas as pd\\npd.DataFrame().iteritems()"   # raises `raises` in the locked env
    rule = "pandas-renamed-methods"          # the rule that covers it ("" when none)
    why = ""                                 # when no rule covers it: why not
    fix = { attribute = "items" }            # optional: what the catalogue's own rules do
    example = ["df.iteritems()", "df.items()"]   # required with fix: before/after, a test

``fix`` drives the generic, error-keyed rules of ``agent/rules/catalogue_rules.py``:
``attribute`` renames ``old``'s last name on the failing line (whatever the receiver is
spelled), ``keyword`` renames ``old``'s parameter (``""`` drops it), ``module`` imports
from the new module (``old`` a module, or ``module.Name`` with ``name`` when the name changed too). ``default`` entries written ``Callable(param=)`` are reported by
``lint`` where a call leaves ``param`` to its (changed) default (``Callable(a, b, param=)`` names the positional
parameters before it, so a third positional argument sets it; ``Callable()`` is a default no argument
sets: every call is reported): a call of ``module.function``
must reach it through the notebook's imports, ``str.method`` through ``.str``, and any other
name counts where the notebook imports the library.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ...errors import InputError

HERE = Path(__file__).resolve().parent
Kind = Literal["removed", "renamed", "signature", "default", "behaviour"]
# The generic rules: an entry with a ``fix`` counts as covered by one of these.
GENERIC_RULES = {"attribute": "catalogue-attribute", "keyword": "catalogue-keyword", "module": "catalogue-module"}
_KEYWORD_FORM = re.compile(r"^(?P<callable>[\w.]+)\((?P<before>(?:\w+, )*)(?P<param>\w+)=\)$")
_CALL_FORM = re.compile(r"^(?P<callable>[\w.]+)\(\)$")


class Fix(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attribute: str | None = None
    keyword: str | None = None  # "" drops the parameter
    module: str | None = None
    name: str | None = None  # with module: the name is imported under its new name (old local name kept)

    @model_validator(mode="after")
    def _one(self) -> Fix:
        if sum(v is not None for v in (self.attribute, self.keyword, self.module)) != 1:
            raise ValueError("a fix names exactly one of attribute, keyword, module")
        if self.name is not None and self.module is None:
            raise ValueError("a fix's name goes with module")
        for value in (self.attribute, self.name):
            if value is not None and not value.isidentifier():
                raise ValueError(f"{value!r} is not a name")
        return self

    @property
    def what(self) -> str:
        return next(k for k in ("attribute", "keyword", "module") if getattr(self, k) is not None)


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    library: str
    version: str
    kind: Kind
    old: str
    new: str = ""
    raises: str = ""
    message: str = ""
    probe: str = ""
    rule: str = ""
    why: str = ""
    fix: Fix | None = None
    example: tuple[str, str] | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _text(cls, value):
        return str(value)  # 2.0 written without quotes is a float in TOML

    @model_validator(mode="after")
    def _consistent(self) -> Entry:
        if self.fix is not None and self.example is None:
            raise ValueError(f"{self.id}: an entry with a fix needs an example (before, after)")
        if self.fix is not None and self.fix.keyword is not None and not self.keyword_form():
            raise ValueError(f"{self.id}: a keyword fix needs old written as Callable(param=)")
        if not self.covered and not self.why:
            raise ValueError(f"{self.id}: no rule covers it, so `why` must say why")
        return self

    @property
    def covering_rule(self) -> str:
        return self.rule or (GENERIC_RULES[self.fix.what] if self.fix else "")

    @property
    def covered(self) -> bool:
        return bool(self.covering_rule)

    def keyword_form(self) -> tuple[str, str] | None:
        """``("OneHotEncoder", "sparse")`` for old = "OneHotEncoder(sparse=)" (or "Image.resize(size, resample=)",
        the parameters before it named); None for other forms."""
        m = _KEYWORD_FORM.match(self.old)
        return (m["callable"].rsplit(".", 1)[-1], m["param"]) if m else None

    @property
    def positional_index(self) -> int | None:
        """1 for old = "Image.resize(size, resample=)": the parameter's place among the positional arguments
        (after self), when ``old`` names those before it; None when it does not."""
        m = _KEYWORD_FORM.match(self.old)
        return m["before"].count(",") if m and m["before"] else None

    def reported_call(self) -> tuple[str, str] | None:
        """What lint looks for: the callable's last name and the parameter left to its default, or "" for
        old = "BayesianOptimization()" (a default no argument sets: every call); None for other forms."""
        if form := self.keyword_form():
            return form
        m = _CALL_FORM.match(self.old)
        return (m["callable"].rsplit(".", 1)[-1], "") if m else None

    @property
    def callable_path(self) -> str | None:
        """"numpy.linalg.lstsq" for old = "numpy.linalg.lstsq(rcond=)" (or "numpy.linalg.lstsq()"); None for
        other forms."""
        m = _KEYWORD_FORM.match(self.old) or _CALL_FORM.match(self.old)
        return m["callable"] if m else None

    @property
    def owner(self) -> str:
        """What holds the old name: "DataFrame" for "DataFrame.iteritems", "numpy" for "numpy.float"."""
        return self.old.rsplit(".", 1)[0] if "." in self.old else ""

    @property
    def name(self) -> str:
        return self.old.rsplit(".", 1)[-1]


def load_file(path: Path) -> list[Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: not a readable catalogue file ({exc})") from None
    try:
        # pandas.toml, pandas.removals-1.toml: a library's entries may take several files, named before the first dot
        return [Entry(library=path.name.split(".")[0], **raw) for raw in data.get("entry", [])]
    except (TypeError, ValueError) as exc:
        raise InputError(f"{path}: {exc}") from None


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every entry of every library, in file order; ids are unique."""
    found: list[Entry] = []
    for path in sorted(HERE.glob("*.toml")):
        found += load_file(path)
    seen: set[str] = set()
    for e in found:
        if e.id in seen:
            raise InputError(f"duplicate catalogue id {e.id!r}")
        seen.add(e.id)
    return tuple(found)


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], list[Entry]]:
    """(fix kind, the name an error message shows) -> entries: attribute and module fixes by their old
    last name / module, keyword fixes by parameter name."""
    index: dict[tuple[str, str], list[Entry]] = {}
    for e in entries():
        if e.fix is None:
            continue
        if e.fix.keyword is not None:
            key = e.keyword_form()[1]
        elif e.fix.module is not None:
            key = e.old
        else:
            key = e.name
        index.setdefault((e.fix.what, key), []).append(e)
    return index


def fixes_for(what: str, name: str) -> list[Entry]:
    """The entries whose ``fix`` is of kind ``what`` for ``name`` (an attribute, a parameter, a module)."""
    return _index().get((what, name), [])


def changed_defaults() -> list[tuple[Entry, str, str]]:
    """(entry, callable's last name, parameter) for every changed default written ``Callable(param=)``, or
    ``Callable()`` (parameter "": every call)."""
    return [(e, *e.reported_call()) for e in entries() if e.kind == "default" and e.reported_call()]
