"""Facts from the locked environment for the prompt: package versions, installed modules, the failing
callables' signatures today, and what the erosion catalogue records of the error."""

from __future__ import annotations

import ast
import re
from functools import cache

from ...core import Fingerprint, Notebook
from ..base import Diagnosis
from ..catalogue import lookup
from .bounds import IMPORT_TO_DIST, imports_in
from .helper_files import helper_imports, local_module_names
from .names import unbound_name_facts
from .tracebacks import cap

# --------------------------------------------------------------------------- packages


def imported_modules(notebook: Notebook) -> set[str]:
    """Top-level modules the notebook's code imports (a regex, so Python 2 cells count too)."""
    return imports_in(notebook.cells[index].source for index in notebook.code_indices())


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def package_versions(fingerprint: Fingerprint | None, modules: set[str]) -> list[str]:
    """'name version' for the fingerprint's packages the notebook imports, and only those."""
    if fingerprint is None:
        return []
    have = {_norm(dist): (dist, version) for dist, version in fingerprint.packages.items()}
    lines = []
    for module in sorted(modules, key=str.lower):
        for candidate in (*IMPORT_TO_DIST.get(module, ()), module):
            if _norm(candidate) in have:
                dist, version = have[_norm(candidate)]
                line = f"- {module} ({dist}) {version}" if _norm(dist) != _norm(module) else f"- {dist} {version}"
                if line not in lines:
                    lines.append(line)
                break
    return lines


# --------------------------------------------------------------------------- facts from the environment

# Runs inside the locked environment: for each module, whether it exists and which distribution version
# provides it. Nothing is imported (find_spec of a top-level name does not run the package).
_READ_MODULES = r"""
import importlib.util, importlib.metadata as md, json, sys
dists = md.packages_distributions()
out = {}
for name in sys.argv[1:]:
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        spec = None
    if spec is None:
        out[name] = None
        continue
    version = ""
    for dist in dists.get(name, []):
        try:
            version = md.version(dist)
            break
        except Exception:
            pass
    out[name] = version
print(json.dumps(out))
"""

# Classes an error message names by their short name ("'DataFrame' object has no attribute ...").
_CLASSES = {"DataFrame": "pandas.DataFrame", "Series": "pandas.Series", "Index": "pandas.Index",
            "DataFrameGroupBy": "pandas.core.groupby.DataFrameGroupBy",
            "SeriesGroupBy": "pandas.core.groupby.SeriesGroupBy"}


def locked_python(profile: str | None):
    """The locked environment's interpreter, or None when it is not built (nothing is built here)."""
    from ...executor.lockenv import built_python

    return built_python(profile)


def installed_modules(modules: tuple[str, ...], profile: str | None = None) -> dict[str, str | None]:
    """module -> installed version ("" when unknown), None when the module does not exist at all;
    {} when the locked environment cannot be asked (not built: that answer is not kept)."""
    python = locked_python(profile)
    return {} if python is None or not modules else _installed_modules(modules, python)


@cache
def _installed_modules(modules: tuple[str, ...], python) -> dict[str, str | None]:
    from ...executor.lockenv import ask_environment

    found = ask_environment(python, _READ_MODULES, *modules)
    return found if isinstance(found, dict) else {}


def import_aliases(notebook: Notebook) -> dict[str, str]:
    """Local name -> dotted path, from the notebook's imports (``pd`` -> ``pandas``,
    ``OneHotEncoder`` -> ``sklearn.preprocessing.OneHotEncoder``)."""
    aliases: dict[str, str] = {}
    pattern = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([^\n#;)]+)|^[ \t]*import[ \t]+([^\n#;]+)",
                         re.MULTILINE)
    for index in notebook.code_indices():
        for match in pattern.finditer(notebook.cells[index].source):
            if match.group(1):
                for part in match.group(2).split(","):
                    bits = part.split()
                    if bits and bits[0] != "*":
                        aliases[bits[-1] if len(bits) == 3 and bits[1] == "as" else bits[0]] = f"{match.group(1)}.{bits[0]}"
            else:
                for part in match.group(3).split(","):
                    bits = part.split()
                    if bits:
                        if len(bits) == 3 and bits[1] == "as":
                            aliases[bits[2]] = bits[0]
                        else:
                            aliases[bits[0].split(".")[0]] = bits[0].split(".")[0]
    return aliases


def failing_callables(notebook: Notebook, diagnosis: Diagnosis, limit: int = 3) -> list[str]:
    """Dotted paths of the callables the failing line calls, as far as the imports (or the error's
    class name) tell: ``pd.cut(...)`` -> ``pandas.cut``; ``'DataFrame' object ...`` + ``df.drop(`` ->
    ``pandas.DataFrame.drop``."""
    error = diagnosis.error
    if error is None or not error.line_source:
        return []
    aliases = import_aliases(notebook)
    found: list[str] = []
    for callee in re.findall(r"([A-Za-z_][\w.]*)\s*\(", error.line_source):
        head, _, rest = callee.partition(".")
        if head in aliases:
            found.append(aliases[head] + (f".{rest}" if rest else ""))
    named = re.search(r"'(\w+)' object|\b(\w+)\.(\w+)\(\) (?:got|takes|missing)", error.evalue or "")
    if named:
        cls = named.group(1) or named.group(2)
        if cls in _CLASSES:
            if named.group(3):
                found.append(f"{_CLASSES[cls]}.{named.group(3)}")
            else:
                for method in re.findall(r"\.(\w+)\s*\(", error.line_source):
                    found.append(f"{_CLASSES[cls]}.{method}")
    return list(dict.fromkeys(found))[:limit]


def environment_facts(notebook: Notebook, diagnosis: Diagnosis,
                      describe_names=None, files: dict[str, str] | None = None) -> str:
    """What is known of the failure: the catalogue's entries for it (what changed upstream, and its successor),
    the failing callables' parameters today, imported modules the fingerprint does not list (their version, or
    that they do not exist), and, when the live session can tell (``describe_names``), the types and shapes of
    the failing line's names."""
    from ..rules.signatures import installed_parameters

    run = diagnosis.run
    profile = run.fingerprint.lock if run.fingerprint else None
    lines = catalogue_facts(notebook, diagnosis) + unbound_name_facts(notebook, diagnosis, files)
    for qualname in failing_callables(notebook, diagnosis):
        parameters = installed_parameters(qualname, profile)
        if parameters is not None:
            shown = ", ".join(parameters[:40]) + (", ..." if len(parameters) > 40 else "")
            lines.append(f"- `{qualname}` accepts today: ({shown})")
    listed = {_norm(d) for d in (run.fingerprint.packages if run.fingerprint else {})}
    local = local_module_names(files or {f: "" for f in diagnosis.working_files if f.endswith(".py")})
    unlisted = tuple(sorted(m for m in (imported_modules(notebook) - local) | helper_imports(files)
                            if not {_norm(c) for c in (*IMPORT_TO_DIST.get(m, ()), m)} & listed))
    found = installed_modules(unlisted, profile) if unlisted else {}
    missing = sorted(m for m, v in found.items() if v is None)
    present = [f"{m} {v}" for m, v in sorted(found.items()) if v]
    if present:
        lines.append("- also installed: " + ", ".join(present))
    if missing:
        lines.append("- imported but not installed (no such module in this environment, and none can be "
                     "installed): " + ", ".join(missing))
    if describe_names is not None and diagnosis.error is not None and diagnosis.error.line_source:
        names = sorted(line_names(diagnosis.error.line_source) - set(import_aliases(notebook)))
        try:
            described = describe_names(names) or {}
        except Exception:  # noqa: BLE001 - facts are a bonus; a session that cannot tell gives none
            described = {}
        for name, text in list(described.items())[:8]:
            lines.append(f"- `{name}` in the kernel at the failure: {cap(str(text), 300)}")
    if not lines:
        return ""
    return "Facts from the installed environment and the notebook:\n" + "\n".join(lines) + "\n"


def catalogue_facts(notebook: Notebook, diagnosis: Diagnosis) -> list[str]:
    """What the libraries' changelogs say of this error (the catalogue's entries for it, see lookup.py)."""
    error = diagnosis.error
    if error is None:
        return []
    found = lookup.for_cell_error(error, imported_modules(notebook))
    return [f"- changed upstream (the catalogue, from the changelogs): {lookup.describe(entry)}" for entry in found]


def line_names(line: str) -> set[str]:
    """The variables one line of code names (not attributes, keywords or builtins)."""
    import builtins

    try:
        tree = ast.parse(line.strip())
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    except SyntaxError:
        names = set(re.findall(r"(?<![.\w])([A-Za-z_]\w*)\b(?!\s*=[^=])", line)) - _KEYWORDS
    return {n for n in names if not hasattr(builtins, n)}


_KEYWORDS = {"if", "else", "for", "in", "not", "and", "or", "is", "None", "True", "False", "lambda", "return",
             "print", "def", "class", "import", "from", "as", "with"}
