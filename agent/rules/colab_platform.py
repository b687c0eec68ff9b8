"""Colab's platform module: ``google.colab``'s files / drive / auth calls, not run outside Colab.

``google.colab`` exists only inside a Colab runtime (``ModuleNotFoundError: No module named 'google.colab'``
anywhere else). Like the shell lines that install or download (shell-network), its calls are the platform's,
not the notebook's analysis: ``files.upload()`` asked the user for files in the browser, ``drive.mount(...)``
attached a Google Drive, ``files.download(p)`` sent a written file to the browser, ``auth.authenticate_user()``
signed in. Here the competition's data is served at ../input (the data-path rule repoints the reads), nothing
is mounted and written files stay in the working directory. So:

- ``from google.colab import files, drive, auth`` goes (other names it imports stay, and fail as before);
- ``uploaded = files.upload()`` is ``uploaded = {}`` (nothing uploaded), ``files.upload()`` anywhere is ``{}``;
- ``drive.mount(...)``, ``drive.flush_and_unmount()``, ``files.download(p)``, ``auth.authenticate_user()``
  statements are not run;
each behind a note. A notebook that imports google.colab inside ``try:`` tests for Colab itself (its calls are guarded by
that test): it is left alone.
"""

from __future__ import annotations

import ast

import libcst as cst

from .framework import RuleTransformer, code_of, dotted, rule
from .masking import parse_masked

NOTE = "# mlemod: Colab's platform call, not run outside Colab: "
_PLATFORM = {"files", "drive", "auth"}  # google.colab's modules whose calls are the platform's
_STATEMENTS = {"files.download", "drive.mount", "drive.flush_and_unmount", "auth.authenticate_user"}


def _guarded(sources) -> bool:
    """Whether a ``try:`` body imports google.colab: the notebook's own test for Colab, its uses guarded by it."""
    for source in sources:
        tree = parse_masked(source)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Try):
                for inner in (n for stmt in node.body for n in ast.walk(stmt)):
                    if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("google.colab") or \
                            isinstance(inner, ast.Import) and any(a.name.startswith("google.colab") for a in inner.names):
                        return True
    return False


def _noted(code: str, statement: cst.BaseSmallStatement) -> cst.SimpleStatementLine:
    comment = cst.Comment(NOTE + " ".join(code.split()))
    return cst.SimpleStatementLine([statement], trailing_whitespace=cst.TrailingWhitespace(
        whitespace=cst.SimpleWhitespace("  "), comment=comment))


@rule(
    "colab-platform-calls",
    library="environment",
    changed_in="outside Colab (google.colab exists only in a Colab runtime)",
    rationale="google.colab's files.upload() / drive.mount() / files.download() / auth.authenticate_user() are the "
    "platform's, not the notebook's: the data is served at ../input and written files stay in the working "
    "directory, so the import goes, upload() gives {} and the other calls are not run, each behind a note.",
    pattern=r"google\.colab|\b\w+\.(upload|download|mount|flush_and_unmount|authenticate_user)\(",  # per cell
    signatures=(("ModuleNotFoundError", r"No module named 'google(\.colab)?'"),
                ("ImportError", r"cannot import name '\w+' from 'google'")),
    examples=(
        ("from google.colab import files\nuploaded = files.upload()\nimport pandas as pd",
         f"pass  {NOTE}from google.colab import files\nuploaded = {{}}  {NOTE}uploaded = files.upload()\n"
         "import pandas as pd"),
        ("from google.colab import drive\ndrive.mount('/content/drive')\ndf = pd.read_csv('train.csv')",
         f"pass  {NOTE}from google.colab import drive\npass  {NOTE}drive.mount('/content/drive')\n"
         "df = pd.read_csv('train.csv')"),
        ("from google.colab import files, auth\nauth.authenticate_user()\nsub.to_csv('s.csv')\n"
         "files.download('s.csv')",
         f"pass  {NOTE}from google.colab import files, auth\npass  {NOTE}auth.authenticate_user()\n"
         f"sub.to_csv('s.csv')\npass  {NOTE}files.download('s.csv')"),
        ("import google.colab\ngoogle.colab.drive.mount('/content/gdrive', force_remount=True)",
         f"pass  {NOTE}import google.colab\npass  {NOTE}google.colab.drive.mount('/content/gdrive', "
         "force_remount=True)"),
        ("from google.colab import files as f\nfor name in f.upload().keys():\n    print(name)",
         f"pass  {NOTE}from google.colab import files as f\nfor name in {{}}.keys():\n    print(name)"),
        ("from google.colab import drive\nprint(drive.mount('/content/drive'))",
         f"pass  {NOTE}from google.colab import drive\nprint(None)"),
        # the notebook's own test for Colab: left as it is
        ("try:\n    from google.colab import drive\n    IN_COLAB = True\nexcept ImportError:\n    IN_COLAB = False\n"
         "if IN_COLAB:\n    drive.mount('/content/drive')",
         "try:\n    from google.colab import drive\n    IN_COLAB = True\nexcept ImportError:\n    IN_COLAB = False\n"
         "if IN_COLAB:\n    drive.mount('/content/drive')"),
        # another name from google.colab (patches' cv2_imshow) is not a platform call: the import stays
        ("from google.colab.patches import cv2_imshow\ncv2_imshow(img)",
         "from google.colab.patches import cv2_imshow\ncv2_imshow(img)"),
    ),
)
class ColabPlatform(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.tries = 0
        # local name -> platform module ("files"), from the notebook's imports
        self.local = {name: origin.rpartition(".")[2] for name, origin in ctx.imported.items()
                      if origin.rpartition(".")[0] == "google.colab" and origin.rpartition(".")[2] in _PLATFORM}
        self.guarded = _guarded(ctx.sources or (ctx.text,))  # the notebook tests for Colab itself: stand down
        self.whole = any(line.strip().startswith("import google.colab") for line in ctx.text.splitlines())

    def visit_Try(self, node):
        self.tries += 1

    def leave_Try(self, original, updated):
        self.tries -= 1
        return updated

    def _platform(self, func: cst.BaseExpression) -> str | None:
        """"files.upload" for ``files.upload`` / ``f.upload`` / ``google.colab.files.upload``, else None."""
        name = dotted(func)
        if not name or "." not in name:
            return None
        head, _, attr = name.rpartition(".")
        if head in self.local:
            return f"{self.local[head]}.{attr}"
        if self.whole and head.startswith("google.colab.") and head[len("google.colab."):] in _PLATFORM:
            return f"{head[len('google.colab.'):]}.{attr}"
        return None

    def _import_goes(self, node: cst.BaseSmallStatement) -> bool:
        if isinstance(node, cst.ImportFrom) and dotted(node.module) == "google.colab" \
                and not isinstance(node.names, cst.ImportStar):
            return all(dotted(a.name) in _PLATFORM for a in node.names)
        if isinstance(node, cst.Import):
            return all(dotted(a.name) == "google.colab" or (dotted(a.name) or "").startswith("google.colab.")
                       and dotted(a.name).rpartition(".")[2] in _PLATFORM for a in node.names)
        return False

    def leave_Call(self, original, updated):
        if self.tries or self.guarded:
            return updated
        call = self._platform(original.func)
        if call == "files.upload":
            return cst.Dict([])
        if call in _STATEMENTS:  # used as a value (print(drive.mount(...))): they all returned None
            return cst.Name("None")
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if self.tries or self.guarded or len(original.body) != 1:
            return updated
        stmt = original.body[0]
        code = code_of(stmt)
        if self._import_goes(stmt):
            return _noted(code, cst.Pass())
        if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call) \
                and self._platform(stmt.value.func) in _STATEMENTS | {"files.upload"}:
            return _noted(code, cst.Pass())
        if isinstance(stmt, (cst.Assign, cst.AnnAssign)) and isinstance(stmt.value, cst.Call) \
                and self._platform(stmt.value.func) == "files.upload":
            return _noted(code, updated.body[0].with_changes(semicolon=cst.MaybeSentinel.DEFAULT))
        return updated
