"""Shell commands that install, download, build, upload or submit: neutralised with a note, and reported.

The environment is fixed (``pip install`` would change it, or fail without network), it has no network
(downloads, ``git clone``, Kaggle submissions and uploads fail) and nothing is built in it (``make``,
``python setup.py``, ``gcc``). So wherever a notebook runs such a command, it is not run:

- IPython lines: ``!cmd``, ``x = !cmd``, ``%system``/``%sx``/``%pip``/``%conda`` lines, and the body lines of
  ``%%bash``/``%%sh``/``%%script``/``%%system``/``%%sx`` cells (shell-network, a text rule on the raw cell);
- Python calls: ``subprocess.run/call/check_call/check_output/Popen(...)``, ``os.system(...)``, ``os.popen(...)``
  and ``get_ipython().system(...)`` (shell-subprocess-network, a libcst rule).

A command counts when any part of a chain (``&&``, ``||``, ``;``, ``|``: ``cd lib && make``) does. The line
stays visible behind a note, and the rule's explanation names each command it disabled. Shell lines that
only read or move local files (``!ls ../input``, ``!head train.csv``, ``!wc -l``, ``!nvidia-smi``,
``!unzip``) keep running. One download has an offline equivalent: ``!kaggle competitions download -c SLUG``
wrote ``SLUG.zip`` of the competition's files, which the run serves at ``../input``; a notebook that reads that
zip itself gets it made from them (``shutil.make_archive``) in place of the line.
"""

from __future__ import annotations

import re
import shlex
import threading
from dataclasses import fields

import libcst as cst

from .framework import RULES, Rule, dotted, rule, string_value
from .masking import PLACEHOLDER, cell_magic, mask

NOTE = "# mlemod: disabled, the environment is fixed and has no network: "
DOWNLOAD_NOTE = "# mlemod: no network; the download's zip is made from the served data: "
_SHELL_CELLS = {"bash", "sh", "script", "system", "sx"}

# Commands that reach the network, change the environment or build code, whatever their arguments.
_ALWAYS = {
    "apt", "apt-get", "aptitude", "yum", "dnf", "apk", "brew", "port", "easy_install", "npm", "npx", "yarn", "pnpm",
    "gem", "cargo", "wget", "curl", "aria2c", "axel", "ftp", "sftp", "scp", "rsync", "ssh", "kaggle", "kg",
    "gsutil", "gcloud", "aws", "az", "gdown", "huggingface-cli", "hf", "dvc", "sudo", "make", "cmake", "ninja",
    "bazel", "configure", "gcc", "g++", "cc", "c++", "clang", "clang++", "nvcc", "gfortran", "ld", "mamba",
    "micromamba", "pipenv", "poetry", "uv", "R", "Rscript", "nohup", "svn", "hg", "wheel", "twine",
}
# Commands whose read-only subcommands are harmless: everything else they do installs or fetches.
_READ_ONLY = {
    "pip": {"list", "freeze", "show", "--version", "-V", "check", "help", "--help"},
    "conda": {"list", "info", "--version", "-V", "search", "help", "--help"},
    "git": {"status", "log", "diff", "show", "branch", "rev-parse", "ls-files", "describe", "--version", "help",
            "config", "blame", "shortlog", "tag"},
}
# ``python -m MODULE``: these install or download.
_PYTHON_MODULES = {"pip", "ensurepip", "conda", "spacy", "nltk.downloader", "nltk", "textblob.download_corpora",
                   "gdown", "kaggle", "huggingface_hub", "build", "twine", "setuptools", "venv", "virtualenv"}
_PYTHON = re.compile(r"^(python[\d.]*|pypy3?|\{sys\.executable\}|\$\{?PYTHON\}?|\{?sys\.executable\}?|<python>)$")
_CHAIN = re.compile(r"&&|\|\||[;|&\n]|\$\(|`|\)")
_ENV_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=")
_PREFIXES = {"time", "env", "exec", "command", "builtin", "yes", "xargs", "nice", "stdbuf", "timeout", "!", "{", "(",
             "then", "do", "else", "if", "while", "until"}


def _words(segment: str) -> list[str]:
    try:
        return shlex.split(segment, comments=True)
    except ValueError:  # an unbalanced quote: split on blanks
        return segment.split()


def _blocked_segment(segment: str) -> str | None:
    """The command of one simple command that must not run (``pip install``, ``wget``), or None."""
    words = _words(segment)
    while words and (_ENV_ASSIGNMENT.match(words[0]) or words[0] in _PREFIXES):
        prefix, words = words[0], words[1:]
        if prefix in ("timeout", "nice", "env", "stdbuf", "xargs"):  # timeout 60 / nice -n 5 / env -i
            while words and re.fullmatch(r"[\d.]+[smhd]?|-\S+", words[0]):
                words = words[1:]
    if not words:
        return None
    head = words[0].rsplit("/", 1)[-1] if not words[0].startswith("{") else words[0]
    rest = words[1:]
    if head == "configure" and not words[0].startswith("./") and "/" not in words[0]:
        return None  # only ./configure builds; a bare ``configure`` is something else
    if head in _ALWAYS:
        return words[0] if head != "sudo" else f"sudo {_blocked_segment(' '.join(rest)) or ' '.join(rest[:1])}".strip()
    shown = head
    if re.fullmatch(r"pip[\d.]*", head):
        head = "pip"
    if _PYTHON.match(head):
        # python -m pip ..., python setup.py ..., python -c "...pip..." is left alone
        if "-m" in rest and rest.index("-m") + 1 < len(rest):
            module = rest[rest.index("-m") + 1]
            after = rest[rest.index("-m") + 2:]
            if module == "pip" or module == "conda":
                sub = next((w for w in after if not w.startswith("-")), "")
                return None if sub in _READ_ONLY[module] else f"{words[0]} -m {module} {sub}".strip()
            if module in _PYTHON_MODULES:
                return f"{words[0]} -m {module} {' '.join(after[:1])}".strip()
            return None
        script = next((w for w in rest if not w.startswith("-")), "")
        if script.rsplit("/", 1)[-1] == "setup.py":
            sub = rest[rest.index(script) + 1:][:1]
            return f"{words[0]} {script} {' '.join(sub)}".strip()
        return None
    if head in _READ_ONLY:
        sub = next((w for w in rest if not w.startswith("-")), "")
        if rest and rest[0] in ("--version", "-V", "--help"):
            return None
        if sub not in _READ_ONLY[head]:
            return f"{shown} {sub}".strip()
        return None
    return None


def blocked_commands(command: str) -> list[str]:
    """Each command in a shell line or chain that must not run (``["cd lib && make" -> "make"]``)."""
    found = []
    for segment in _CHAIN.split(command):
        hit = _blocked_segment(segment.strip())
        if hit:
            found.append(hit)
    return list(dict.fromkeys(found))


# --------------------------------------------------------------------------- the explanation names the commands

_disabled = threading.local()  # the commands the last transform on this thread disabled, for explain()


def _record(commands: list[str]) -> None:
    _disabled.commands = list(dict.fromkeys(commands))


class _ReportingRule(Rule):
    """A rule whose explanation lists the commands the last rewrite disabled (the engine asks right after)."""

    def explain(self, *args, **kwargs) -> str:
        commands = getattr(_disabled, "commands", [])
        text = super().explain(*args, **kwargs)
        if commands:
            text += " Not run: " + "; ".join(f"`{c}`" for c in commands) + "."
        return text


def _reporting(rule_id: str) -> None:
    r = RULES[rule_id]
    RULES[rule_id] = _ReportingRule(**{f.name: getattr(r, f.name) for f in fields(Rule) if f.init})


# --------------------------------------------------------------------------- IPython lines and shell cells


def _continued(lines: list[str], i: int) -> int:
    """The last line of the logical shell line starting at ``i`` (backslash continuations)."""
    j = i
    while j + 1 < len(lines) and lines[j].rstrip().endswith("\\"):
        j += 1
    return j


def _neutralise_shell_body(lines: list[str], first: int, found: list[str]) -> None:
    i = first
    while i < len(lines):
        end = _continued(lines, i)
        stripped = lines[i].lstrip()
        if stripped and not stripped.startswith("#"):
            command = " ".join(line.rstrip().rstrip("\\") for line in lines[i:end + 1])
            hits = blocked_commands(command)
            if hits:
                found += hits
                for k in range(i, end + 1):
                    s = lines[k].lstrip()
                    indent = lines[k][: len(lines[k]) - len(s)]
                    # ``:`` keeps a loop or if body valid when the command was all of it
                    lines[k] = f"{indent}:  {NOTE}{s}" if indent and k == i else f"{indent}{NOTE if k == i else '# '}{s}"
        i = end + 1


_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<target>[A-Za-z_][\w, ]*?)\s*=\s*)?"
    r"(?:!(?P<bang>.*)|%(?P<magic>system|sx|pip|conda|sc)\b(?P<args>.*))$"
)


def _competition_download(command: str, ctx) -> str | None:
    """What ``kaggle competitions download -c SLUG [-p DIR]`` left behind, made offline: its ``SLUG.zip``, from
    the data served at ../input (the competition's files), as Python for the line; None unless the notebook reads
    that zip itself (a notebook that only reads the csv files needs nothing: data-path points them at ../input)."""
    words = _words(command)
    if _CHAIN.search(command) or words[:3] != ["kaggle", "competitions", "download"]:
        return None
    slug, folder, rest = None, ".", words[3:]
    while rest:
        word = rest.pop(0)
        if word in ("-c", "--competition") and rest:
            slug = rest.pop(0)
        elif word in ("-p", "--path") and rest:
            folder = rest.pop(0)
        elif word in ("-q", "--quiet", "-o", "--force"):
            continue
        elif not word.startswith("-") and slug is None:
            slug = word
        else:
            return None  # -f FILE (one file, maybe not zipped), or an option not known here
    if not slug or not re.fullmatch(r"[\w.-]+", slug) or f"{slug}.zip" not in getattr(ctx, "text", ""):
        return None
    base = slug if folder in (".", "./") else f"{folder.rstrip('/')}/{slug}"
    return f"import shutil; shutil.make_archive({base!r}, 'zip', '../input')"


def neutralise(source: str, ctx=None) -> str:
    lines = source.split("\n")
    found: list[str] = []
    magic = cell_magic(source)
    if magic in _SHELL_CELLS:  # %%bash body lines are shell commands
        first = next(i for i, line in enumerate(lines) if line.strip())
        head = lines[first].split()
        if magic == "script" and not (len(head) > 1 and re.match(r"(ba|z|da)?sh$", head[1].rsplit("/", 1)[-1])):
            _record([])
            return source  # %%script python / perl ...: not a shell
        _neutralise_shell_body(lines, first + 1, found)
        _record(found)
        return "\n".join(lines)
    masked = mask(source)
    ipython = {n for n, line in enumerate(masked.code.split("\n")) if PLACEHOLDER in line} if not masked.foreign else set()
    i = 0
    while i < len(lines):
        match = _LINE.match(lines[i]) if i in ipython else None
        end = _continued(lines, i) if match else i
        if match:
            if match["bang"] is not None:
                command = match["bang"]
            elif match["magic"] in ("pip", "conda"):
                command = match["magic"] + match["args"]
            else:
                command = match["args"]
            command = " ".join([command.rstrip().rstrip("\\")] + [l.strip().rstrip("\\") for l in lines[i + 1:end + 1]])
            hits = blocked_commands(command)
            if hits:
                found += hits
                indent, stripped = match["indent"], lines[i].lstrip()
                target = match["target"]
                if target:  # files = !pip download x: the name stays bound, to an empty list
                    names = [n.strip() for n in target.split(",")]
                    value = "[]" if len(names) == 1 else ", ".join(["[]"] * len(names))
                    lines[i] = f"{indent}{target.strip()} = {value}  {NOTE}{stripped}"
                elif (made := _competition_download(command, ctx)) is not None:
                    lines[i] = f"{indent}{made}  {DOWNLOAD_NOTE}{stripped}"
                else:
                    # ``pass`` keeps an indented block valid when the line was its only statement.
                    lines[i] = f"{indent}pass  {NOTE}{stripped}" if indent else f"{NOTE}{stripped}"
                for k in range(i + 1, end + 1):
                    lines[k] = f"{indent}# {lines[k].lstrip()}"
        i = end + 1
    _record(found)
    return "\n".join(lines)


neutralise.text_rule = True  # type: ignore[attr-defined]  # the engine runs it on raw, unmasked text

_WORDS = ("pip", "conda", "mamba", "wget", "curl", "kaggle", "kg ", "git ", "apt", "yum", "brew", "easy_install",
          "gsutil", "gdown", "huggingface", "aws ", "scp", "rsync", "ssh", "npm", "sudo", "make", "configure",
          "setup.py", "gcc", "g++", "nvcc", "download", "gcloud", "dvc", "yarn", "cargo", "clang", "ninja", "bazel")
_SHELL_NEEDLE = "(" + "|".join(re.escape(w.strip()) for w in _WORDS) + ")"

rule(
    "shell-network",
    library="environment",
    changed_in="the fixed environment",
    rationale="shell commands that install packages, download, build, upload or submit (!pip install, !wget, "
    "!git clone, !cd lib && make, !kaggle competitions submit, %%bash bodies, files = !...) cannot run in the "
    "fixed, offline environment; the line is kept behind a note, not run.",
    pattern=r"(^|\n)[ \t]*([\w, ]+=\s*)?(!|%|%%)[^\n]*" + _SHELL_NEEDLE + r"|^\s*%%(bash|sh|script|system|sx)\b[\s\S]*"
    + _SHELL_NEEDLE,
    examples=(
        (
            "!pip install xgboost\nimport xgboost",
            "# mlemod: disabled, the environment is fixed and has no network: !pip install xgboost\nimport xgboost",
        ),
        (
            "%%bash\nkaggle competitions submit -c titanic -f s.csv",
            "%%bash\n# mlemod: disabled, the environment is fixed and has no network: kaggle competitions submit -c titanic -f s.csv",
        ),
        ("!ls ../input", "!ls ../input"),
        (
            "!git clone https://github.com/x/lib && cd lib && make\nimport lib",
            "# mlemod: disabled, the environment is fixed and has no network: !git clone https://github.com/x/lib && cd lib && make\nimport lib",
        ),
        (
            "if not ok:\n    !{sys.executable} -m pip install -q lightgbm\nimport lightgbm",
            "if not ok:\n    pass  # mlemod: disabled, the environment is fixed and has no network: !{sys.executable} -m pip install -q lightgbm\nimport lightgbm",
        ),
        (
            "out = !wget -q http://x/y.zip\n%system unzip y.zip",
            "out = []  # mlemod: disabled, the environment is fixed and has no network: out = !wget -q http://x/y.zip\n%system unzip y.zip",
        ),
        ("files = !ls ../input\n!head -3 ../input/train.csv | wc -l", "files = !ls ../input\n!head -3 ../input/train.csv | wc -l"),
        # the competition's download, read back as its zip: made from the served data instead
        (
            "!kaggle competitions download -c titanic -p data\nzipfile.ZipFile('data/titanic.zip').extractall('data')",
            "import shutil; shutil.make_archive('data/titanic', 'zip', '../input')  # mlemod: no network; the "
            "download's zip is made from the served data: !kaggle competitions download -c titanic -p data\n"
            "zipfile.ZipFile('data/titanic.zip').extractall('data')",
        ),
    ),
)(neutralise)
_reporting("shell-network")


# --------------------------------------------------------------------------- subprocess / os.system in Python

_SUBPROCESS = {"run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"}
_OS = {"system", "popen"}


class _CallCommand(cst.CSTVisitor):
    """Finds the first shell-running call in a statement, and the command line it runs."""

    def __init__(self, transformer: "_SubprocessNetwork") -> None:
        self.t = transformer
        self.call: cst.Call | None = None
        self.commands: list[str] = []

    def visit_Call(self, node: cst.Call) -> bool:
        if self.call is None:
            commands = self.t.commands_of(node)
            if commands:
                self.call, self.commands = node, commands
        return self.call is None


def _text(node: cst.BaseExpression) -> str | None:
    """A best-effort command text of an argument: literals as they are, f-string holes and names as ``{...}``."""
    value = string_value(node)
    if value is not None:
        return value
    if isinstance(node, cst.FormattedString):
        parts = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value)
            else:
                inner = dotted(part.expression)
                parts.append("{sys.executable}" if inner == "sys.executable" else "{x}")
        return "".join(parts)
    if isinstance(node, cst.ConcatenatedString):
        left, right = _text(node.left), _text(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left, right = _text(node.left), _text(node.right)
        return (left or "{x}") + (right or "{x}") if left is not None or right is not None else None
    if isinstance(node, (cst.List, cst.Tuple)):
        words = []
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                words.append("{x}")
                continue
            word = string_value(element.value)
            if word is None:
                word = "{sys.executable}" if dotted(element.value) == "sys.executable" else "{x}"
            words.append(shlex.quote(word) if word and not word.startswith("{") else word)
        return " ".join(words)
    if dotted(node) == "sys.executable":
        return "{sys.executable}"
    return None


class _SubprocessNetwork(cst.CSTTransformer):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.found: list[str] = []

    def _kind(self, call: cst.Call) -> str | None:
        name = dotted(call.func)
        if name is None:
            if (isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Call)
                    and dotted(call.func.value.func) == "get_ipython"
                    and call.func.attr.value in ("system", "getoutput", "run_line_magic", "run_cell_magic")):
                return "ipython." + call.func.attr.value
            return None
        head, _, attr = name.rpartition(".")
        module = self.ctx.imported.get(head, head) if head else self.ctx.imported.get(attr, "").rpartition(".")[0]
        if not head:
            attr = self.ctx.imported.get(name, "").rpartition(".")[2] or attr
        if module == "subprocess" and attr in _SUBPROCESS:
            return "subprocess"
        if module == "os" and attr in _OS:
            return "os"
        if module == "commands" and attr in ("getoutput", "getstatusoutput"):
            return "subprocess"
        return None

    def commands_of(self, call: cst.Call) -> list[str]:
        kind = self._kind(call)
        if kind is None or not call.args:
            return []
        args = [a for a in call.args if a.keyword is None]
        if kind == "ipython.run_line_magic":
            magic, line = (string_value(args[0].value) if args else None), (_text(args[1].value) if len(args) > 1 else None)
            if magic in ("pip", "conda"):
                line = f"{magic} {line or ''}"
            elif magic not in ("system", "sx"):
                return []
            return blocked_commands(line or "")
        if kind == "ipython.run_cell_magic":
            magic = string_value(args[0].value) if args else None
            body = _text(args[2].value) if len(args) > 2 else None
            if magic not in _SHELL_CELLS or body is None:
                return []
            return [hit for line in body.split("\n") for hit in blocked_commands(line)]
        first = args[0].value if args else next((a.value for a in call.args if a.keyword.value == "args"), None)
        command = _text(first) if first is not None else None
        return blocked_commands(command) if command else []

    def leave_SimpleStatementLine(self, original, updated):
        finder = _CallCommand(self)
        original.visit(finder)
        if finder.call is None:
            return updated
        self.found += finder.commands
        code = " ".join(cst.Module([]).code_for_node(original.with_changes(
            leading_lines=[], trailing_whitespace=cst.TrailingWhitespace())).split())
        comment = cst.Comment(f"{NOTE}{code}")
        whitespace = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=comment,
                                            newline=updated.trailing_whitespace.newline)
        statement = original.body[0]
        if len(original.body) == 1 and isinstance(statement, (cst.Assign, cst.AnnAssign)) \
                and statement.value is finder.call:
            # out = subprocess.check_output(...): the name stays bound, to what a silent command gives back
            value = self._empty(finder.call)
            return updated.with_changes(body=[updated.body[0].with_changes(value=cst.parse_expression(value))],
                                        trailing_whitespace=whitespace)
        return updated.with_changes(body=[cst.Pass()], trailing_whitespace=whitespace)

    def _empty(self, call: cst.Call) -> str:
        name = (dotted(call.func) or "").rpartition(".")[2]
        name = self.ctx.imported.get(name, name).rpartition(".")[2] or name
        text = any(a.keyword and a.keyword.value in ("text", "universal_newlines", "encoding") for a in call.args)
        return {"system": "0", "call": "0", "check_call": "0", "getoutput": "''", "getstatusoutput": "(0, '')",
                "check_output": "''" if text else "b''"}.get(name, "None")


def neutralise_calls(module: cst.Module, ctx) -> cst.Module:
    transformer = _SubprocessNetwork(ctx)
    new = module.visit(transformer)
    _record(transformer.found)
    return new if transformer.found else module


rule(
    "shell-subprocess-network",
    library="environment",
    changed_in="the fixed environment",
    rationale="subprocess/os.system calls that install packages, download, build, upload or submit cannot run in "
    "the fixed, offline environment; the statement becomes a no-op with the call kept in a note.",
    pattern=r"\b(subprocess|os\.system|os\.popen|system|popen|check_output|check_call|Popen|get_ipython)\b[\s\S]*"
    + _SHELL_NEEDLE,
    examples=(
        (
            "import subprocess\nsubprocess.run(['pip', 'install', 'lightgbm'], check=True)\nimport lightgbm",
            "import subprocess\npass  # mlemod: disabled, the environment is fixed and has no network: "
            "subprocess.run(['pip', 'install', 'lightgbm'], check=True)\nimport lightgbm",
        ),
        (
            "import os\nfor url in urls:\n    os.system('wget -q ' + url)\n",
            "import os\nfor url in urls:\n    pass  # mlemod: disabled, the environment is fixed and has no network: "
            "os.system('wget -q ' + url)\n",
        ),
        (
            "import subprocess as sp\nlog = sp.check_output('cd src && python setup.py build_ext --inplace', shell=True)",
            "import subprocess as sp\nlog = b''  # mlemod: disabled, the environment is fixed and has no network: "
            "log = sp.check_output('cd src && python setup.py build_ext --inplace', shell=True)",
        ),
        ("import os\nos.system('ls ../input')", "import os\nos.system('ls ../input')"),
    ),
)(neutralise_calls)
_reporting("shell-subprocess-network")
