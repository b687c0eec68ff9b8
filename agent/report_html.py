"""report.html: one self-contained page a person reads after a repair.

Inline CSS, images as data URIs, no script, and a Content-Security-Policy that
forbids every request (``default-src 'none'``): opened from a mail attachment or a
file share it shows everything and fetches nothing. What it shows: the verdict,
before and after (cells that ran, status, score against the reference), each
attempt's edits as highlighted cell diffs with origin, rationale and the error
they answered, the reverted attempts, the guard's rejections and flags, the
published figures beside the reproduced ones with their similarity, the cost and
the environment.

``render_html`` builds the page from a ``RepairReport`` and the published
notebook (its stored outputs are the figures to compare with); ``screenshot``
and ``dump_dom`` drive Debian's headless Chromium for the browser test and
``scripts/report_screenshot.py``.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from ..core import Attempt, Edit, Notebook, RepairReport, RunResult
from ..insight.figures import SAME_DISTANCE, SAME_SSIM
from ..insight.html import _data_uri, _table
from .guard import GUARD_REJECTED, guard_findings
from .provenance import answered_errors


CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em auto;max-width:1150px;color:#222;
padding:0 1em}
h1{font-size:1.55em;margin:0 0 .3em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:2px}
h3{font-size:1.02em;margin:1.1em 0 .3em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;
vertical-align:top}th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
code{background:#f3f3f3;padding:0 3px;border-radius:2px}.muted{color:#777}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:600;color:#fff;background:#777}
.verdict.reproduced{background:#2e7d32}.verdict.runs{background:#9a6700}.verdict.not-reproduced{background:#c55a00}
.verdict.failed{background:#b00020}
.summary{font-size:1.05em;margin:.4em 0 .8em}
.review{border-left:4px solid #c55a00;background:#fff7ef;padding:.4em .9em;margin:.6em 0}
.review li{margin:.25em 0}
.attempt{border:1px solid #ddd;border-radius:4px;margin:.8em 0;padding:.2em .9em .6em}
.attempt.accepted{border-left:5px solid #2e7d32}.attempt.reverted{border-left:5px solid #999;background:#fafafa}
.attempt.rejected{border-left:5px solid #b00020;background:#fff6f6}
.attempt h3 .tag{font-weight:400;font-size:.9em;color:#555}
.facts{margin:.2em 0;padding-left:1.2em}.facts li{margin:.1em 0}
.edit{margin:.6em 0}.edit .head{font-weight:600}.edit .rationale{margin:.15em 0 .35em}
pre.diff{margin:0;border:1px solid #e3e3e3;border-radius:3px;background:#fbfbfb;font:12px/1.4 ui-monospace,
'DejaVu Sans Mono',Menlo,Consolas,monospace;overflow-x:auto;white-space:pre}
pre.diff span{display:block;padding:0 6px}
pre.diff .add{background:#e6ffec;color:#116329}pre.diff .del{background:#ffebe9;color:#82071e}
pre.diff .hunk{background:#eef4ff;color:#4a5d86}pre.diff .ctx{color:#444}
.figs{display:flex;flex-direction:column;gap:14px}
.figure-pair{border:1px solid #ddd;border-radius:4px;padding:8px}
.figure-pair.differs,.figure-pair.missing,.figure-pair.unreadable{border-color:#c55a00}
.figure-pair .caption{margin-bottom:6px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.side{text-align:center}.side img{max-width:100%;max-height:420px;height:auto;border:1px solid #eee;background:#fff}
.side .label{font-size:.85em;color:#555;margin-bottom:3px}
.side .none{padding:3em 0;color:#999;border:1px dashed #ccc}
.same{color:#2e7d32}.differs,.missing,.unreadable{color:#c55a00}.extra{color:#555}
details summary{cursor:pointer;color:#444}
footer{margin-top:2em;font-size:.85em;color:#777}
"""


def render_html(name: str, report: RepairReport, published: Notebook | None = None) -> str:
    """The page for ``report``; ``published`` (the notebook as it was given, with its stored outputs) supplies the
    figures the reproduced ones are compared with."""
    figures, images = _figures(published, report.final)
    body = [f"<h1>Repair of <code>{escape(name)}</code></h1>",
            f"<p class=\"summary\"><span class=\"verdict {escape(report.verdict)}\">{escape(report.verdict)}</span> "
            f"{escape(report.reason)}</p>"]
    body += _before_after(report, figures)
    review = _review(report)
    if review:
        body += ["<h2>For the reviewer</h2>", "<div class=\"review\"><ul>" + "".join(review) + "</ul></div>"]
    body += _attempts(report)
    body += _figure_section(figures, images)
    body += _cost_and_environment(report)
    body.append(f"<footer>original sources sha256 {escape(report.original_hash)} · repaired "
                f"{escape(report.final_hash)} · written by mlemod</footer>")
    return _page(f"Repair of {name}: {report.verdict}", body)


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


# ----------------------------------------------------------------------------- before / after


def _ran(run: RunResult | None) -> str:
    if run is None:
        return "-"
    code = [c for c in run.cells]
    return f"{sum(c.status == 'ok' for c in code)}/{len(code)}"


def _status(run: RunResult | None) -> str:
    if run is None:
        return "-"
    bad = run.first_failure
    if bad is None:
        return run.status
    what = f"{bad.error.ename}: {bad.error.evalue}" if bad.error else bad.status
    return f"{run.status} at cell {bad.index}: {_cap(what, 160)}"


def _before_after(report: RepairReport, figures) -> list[str]:
    b, f = report.baseline, report.final
    scored = report.final_score if report.final_score is not None else "-"
    rows = [["status", _status(b), _status(f)], ["code cells ran", _ran(b), _ran(f)],
            ["wall seconds", f"{b.wall_seconds:.1f}" if b else "-", f"{f.wall_seconds:.1f}" if f else "-"],
            ["score", "-", f"{scored}" + (f" (reference {report.reference_score:g})"
                                          if report.reference_score is not None else "")]]
    if figures is not None and figures.published:
        rows.append(["figures", f"{figures.published} stored", figures.verdict])
    parts = ["<h2>Before and after</h2>", _table(["", "before", "after"], rows),
             f"<p>Score reference: {escape(report.reference or 'none')}.</p>"]
    return parts


# ----------------------------------------------------------------------------- the reviewer's list


def _review(report: RepairReport) -> list[str]:
    notes = []
    for n in guard_findings(report):
        link = f"<a href=\"#attempt-{n.attempt}\">Attempt {n.attempt}</a> (<code>{escape(n.origin)}</code>"
        if n.rejected:
            notes.append(f"<li class=\"rejected\">{link}) was rejected by the guard and never ran: {escape(n.text)}</li>")
        else:
            state = "kept" if n.accepted else "reverted"
            notes.append(f"<li class=\"flagged\">{link}, {state}) is a workaround to judge: {escape(n.text)}</li>")
    return notes


# ----------------------------------------------------------------------------- attempts and their diffs


def _attempts(report: RepairReport) -> list[str]:
    answered = answered_errors(report)
    numbered = list(enumerate(zip(report.attempts, answered), start=1))
    kept = [(n, a, why) for n, (a, why) in numbered if a.accepted]
    dropped = [(n, a, why) for n, (a, why) in numbered if not a.accepted]
    edits = sum(len(a.edits) for a in report.attempts)
    parts = [f"<h2>Edits kept ({sum(len(a.edits) for _, a, _ in kept)})</h2>"]
    if not report.attempts:
        parts.append("<p class=\"muted\">" + ("None were needed." if report.verdict == "reproduced" else
                                              "No fixer proposed any edit.") + "</p>")
    elif not kept:
        parts.append("<p class=\"muted\">none: every attempt was reverted</p>")
    parts += [_attempt(n, a, why) for n, a, why in kept]
    if dropped:
        parts.append(f"<h2>Reverted attempts ({len(dropped)}, {sum(len(a.edits) for _, a, _ in dropped)} edits)</h2>")
        parts += [_attempt(n, a, why) for n, a, why in dropped]
    parts.append(f"<p class=\"muted\">{len(report.attempts)} attempts, {edits} edits in all.</p>")
    return parts


def _attempt(number: int, attempt: Attempt, answered: str | None) -> str:
    rejected = attempt.why.startswith(GUARD_REJECTED)
    kind = "accepted" if attempt.accepted else "rejected" if rejected else "reverted"
    label = {"accepted": "kept", "rejected": "rejected by the guard (never ran)", "reverted": "reverted"}[kind]
    none = "<span class=\"muted\">no failure (a static edit before the first run)</span>"
    facts = [f"<li>answered: {escape(answered) if answered else none}</li>"]
    if not rejected:
        after = "ran to the end" if attempt.first_failure is None and attempt.status == "ok" else (
            f"{escape(attempt.status)}" + (f" at cell {attempt.first_failure}" if attempt.first_failure is not None
                                           else "") + (f": {escape(_cap(attempt.error, 300))}" if attempt.error else ""))
        facts.append(f"<li>then: {after}" + (f" · score {attempt.score:g}" if attempt.score is not None else "")
                     + "</li>")
    facts.append(f"<li>why {'kept' if attempt.accepted else 'not kept'}: {escape(attempt.why)}</li>")
    edits = "".join(_edit(edit) for edit in attempt.edits) or "<p class=\"muted\">(no edits)</p>"
    return (f"<section class=\"attempt {kind}\" id=\"attempt-{number}\"><h3>Attempt {number} "
            f"<span class=\"tag\">{label}</span></h3><ul class=\"facts\">{''.join(facts)}</ul>{edits}</section>")


def _edit(edit: Edit) -> str:
    where = edit.where
    return (f"<div class=\"edit\" data-cell=\"{edit.cell}\"><div class=\"head\">{escape(where[0].upper() + where[1:])}"
            f" · {escape(str(edit.fix_type))} · <code>{escape(edit.origin)}</code></div>"
            f"<div class=\"rationale\">{escape(edit.rationale)}</div>{diff_html(edit.old, edit.new)}</div>")


def diff_html(old: str, new: str, context: int = 2) -> str:
    """A unified diff of two cell sources as a <pre>, each line a coloured span (added, removed, hunk, context)."""
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context))[2:]
    if not lines:
        return "<pre class=\"diff\"><span class=\"ctx\">(no textual change)</span></pre>"
    spans = []
    for line in lines:
        kind = "hunk" if line.startswith("@@") else "add" if line.startswith("+") else "del" if line.startswith(
            "-") else "ctx"
        spans.append(f"<span class=\"{kind}\">{escape(line) or ' '}</span>")
    return "<pre class=\"diff\">" + "".join(spans) + "</pre>"


# ----------------------------------------------------------------------------- figures


def _figures(published: Notebook | None, final: RunResult | None):
    """The comparison and, per pair, the two images' bytes; (None, {}) without a published notebook or a run."""
    if published is None or final is None:
        return None, {}
    from ..insight.figures import compare_figures, side_by_side_bytes

    comparison = compare_figures(published, final)
    images = {(p.cell, p.position): side_by_side_bytes(published, final, p) for p in comparison.pairs}
    return comparison, images


def _figure_section(figures, images) -> list[str]:
    if figures is None:
        return ["<h2>Figures</h2>", "<p class=\"muted\">not compared: no published notebook or no final run</p>"]
    if not figures.pairs:
        return ["<h2>Figures</h2>", "<p class=\"muted\">no stored figures, and the run drew none</p>"]
    parts = [f"<h2>Figures: {escape(figures.verdict)}</h2>",
             "<p class=\"muted\">Each figure the published notebook stored, beside the one the repaired run drew in "
             f"the same cell. Same when the perceptual-hash distance is at most {SAME_DISTANCE} of 64 bits and SSIM "
             f"at least {SAME_SSIM:.2f} (the hash alone when the two have other aspect ratios: SSIM compares "
             "pixels at the same place).</p>", "<div class=\"figs\">"]
    for pair in figures.pairs:
        before, after = images.get((pair.cell, pair.position), (None, None))
        measured = []
        if pair.phash_distance is not None:
            measured.append(f"phash distance {pair.phash_distance}/64")
        if pair.ssim is not None:
            measured.append(f"SSIM {pair.ssim:.3f}")
        parts.append(
            f"<div class=\"figure-pair {pair.verdict}\" id=\"figure-{pair.cell}-{pair.position}\">"
            f"<div class=\"caption\">Cell {pair.cell}, figure {pair.position + 1}: "
            f"<b class=\"{pair.verdict}\">{pair.verdict}</b>"
            + (f" · {' · '.join(measured)}" if measured else "") + "</div><div class=\"sides\">"
            + _side("published", pair.published, before) + _side("reproduced", pair.reproduced, after)
            + "</div></div>")
    parts.append("</div>")
    return parts


def _side(label: str, side, raw: bytes | None) -> str:
    if side is None or raw is None:
        what = "not stored" if label == "published" else "not drawn (the cell drew none or did not run)"
        return f"<div class=\"side\"><div class=\"label\">{label}</div><div class=\"none\">{what}</div></div>"
    size = f" · {side.width}×{side.height}" if side.width else ""
    return (f"<div class=\"side\"><div class=\"label\">{label}{size}</div>"
            f"<img alt=\"{label} figure\" src=\"{_data_uri(side.mime, raw)}\"></div>")


# ----------------------------------------------------------------------------- cost and environment


def _cost_and_environment(report: RepairReport) -> list[str]:
    c = report.cost
    parts = ["<h2>Cost</h2>", _table(["attempts", "LLM calls", "prompt tokens", "completion tokens", "dollars",
                                      "memory hits", "seconds"],
                                     [[len(report.attempts), c.llm_calls, c.prompt_tokens, c.completion_tokens,
                                       f"{c.dollars:.4f}", c.memory_hits, f"{c.wall_seconds:.1f}"]],
                                     set(range(7)))]
    fp = report.fingerprint
    parts.append("<h2>Environment</h2>")
    if fp is None:
        parts.append("<p class=\"muted\">not recorded</p>")
        return parts
    rows = [["backend", fp.backend], ["lock", f"{fp.lock} {fp.lock_hash}"], ["Python", fp.python or "?"],
            ["network", fp.network]]
    if fp.image:
        rows.insert(2, ["image", fp.image])
    if fp.kaggle_paths:
        rows.append(["/kaggle paths", fp.kaggle_paths])
    parts.append("<table class=\"env\"><tbody>" + "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>"
                                                       for k, v in rows) + "</tbody></table>")
    if fp.packages:
        parts.append(f"<details><summary>{len(fp.packages)} packages</summary>"
                     + _table(["package", "version"], sorted(fp.packages.items())) + "</details>")
    return parts


def _cap(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ----------------------------------------------------------------------------- headless Chromium


def chromium() -> str | None:
    """The Chromium binary (Debian's ``chromium``; ``MLEMOD_CHROMIUM`` overrides), or None."""
    for candidate in (os.environ.get("MLEMOD_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: fd 3 in,
    fd 4 out, JSON messages ended by NUL). ``load`` opens a page and collects its console errors, failed loads and
    uncaught exceptions; ``dom`` and ``screenshot`` read it."""

    def __init__(self, timeout: float = 60):
        binary = chromium()
        if binary is None:
            raise FileNotFoundError("chromium is not installed (scripts/ci-browser.sh installs Debian's package)")
        self.timeout, self._id, self._buffer = timeout, 0, b""
        self._profile = tempfile.TemporaryDirectory(prefix="mlemod-chromium-")
        self._log = tempfile.TemporaryFile()  # chromium's stderr: a file, so a chatty browser never blocks
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire():  # in the child: its fd 3 reads our commands, its fd 4 writes the answers
            import fcntl

            a, b = fcntl.fcntl(to_child, fcntl.F_DUPFD, 5), fcntl.fcntl(from_child, fcntl.F_DUPFD, 5)
            os.dup2(a, 3)  # inheritable; subprocess closes nothing else (close_fds=False), close-on-exec does
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
             "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-pipe",
             f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log, preexec_fn=wire,
            close_fds=False, env={**os.environ, "HOME": self._profile.name})
        os.close(to_child)
        os.close(from_child)
        self.errors: list[str] = []
        self.session: str | None = None

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self._send("Browser.close", session=False)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._in, self._out):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        self._profile.cleanup()

    def _send(self, method: str, params: dict | None = None, session: bool = True) -> int:
        import json

        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        return self._id

    def _next(self, deadline: float) -> dict:
        import json
        import select
        import time

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    self._log.seek(0)
                    raise RuntimeError("chromium closed its DevTools pipe: "
                                       + self._log.read()[-600:].decode(errors="replace"))
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        self._note(message)
        return message

    def _note(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console.error: " + " ".join(str(a.get("value", a.get("description", "")))
                                                              for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append("uncaught: " + str(details.get("exception", {}).get("description")
                                                  or details.get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"{entry.get('source')}: {entry.get('text')}" + (f" ({entry['url']})"
                                                                               if entry.get("url") else ""))
        elif method == "Network.loadingFailed":
            self.errors.append(f"load failed: {params.get('errorText')} {params.get('blockedReason') or ''}".strip())

    def call(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        import time

        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._next(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def load(self, url: str, width: int = 1280, height: int = 900) -> None:
        import time

        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": False})
        self._send("Page.navigate", {"url": url})
        deadline = time.monotonic() + self.timeout
        while self._next(deadline).get("method") != "Page.loadEventFired":
            pass
        self.call("Runtime.evaluate", {"expression": "1"})  # drain what arrived with the load

    def dom(self) -> str:
        found = self.call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML",
                                               "returnByValue": True})
        return found["result"]["value"]

    def screenshot(self, png: Path, width: int = 1280, max_height: int = 16000) -> Path:
        """The whole page (up to ``max_height`` CSS pixels tall) as a PNG."""
        import base64

        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        height = min(max_height, int(size["height"]) + 1)
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": False})
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        png = Path(png)
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(base64.b64decode(shot["data"]))
        return png


def open_page(html: Path, png: Path | None = None, width: int = 1280, timeout: float = 60) -> tuple[str, list[str]]:
    """Open ``html`` in headless Chromium: its DOM and the errors it logged (console errors, uncaught exceptions,
    refused or failed loads); with ``png``, a screenshot of the whole page too."""
    with Browser(timeout) as browser:
        browser.load(Path(html).resolve().as_uri(), width)
        dom = browser.dom()
        if png is not None:
            browser.screenshot(png, width)
        browser.call("Runtime.evaluate", {"expression": "1"})
        return dom, list(browser.errors)


__all__ = ["render_html", "diff_html", "chromium", "Browser", "open_page"]
