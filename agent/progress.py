"""Terminal progress for `mlemod repair` (rich, on stderr): one line per step, a spinner between."""

from __future__ import annotations

from rich.console import Console

from ..core import Notebook


class RepairProgress:
    def __init__(self, notebook: Notebook):
        self.console = Console(stderr=True, highlight=False)
        self.name = notebook.path.name if notebook.path else "notebook"
        self.status = self.console.status(f"{self.name}: baseline run")

    def __enter__(self) -> RepairProgress:
        self.status.start()
        return self

    def __exit__(self, *exc) -> None:
        self.status.stop()

    def say(self, text: str) -> None:
        self.console.print(text)

    def event(self, kind: str, data: dict) -> None:
        if kind == "baseline":
            self.say(f"[bold]baseline[/] {data['run'].summary()}")
        elif kind == "diagnosis":
            diagnosis = data["diagnosis"]
            if diagnosis.fix_type:
                self.status.update(f"{self.name}: {diagnosis.fix_type} — {diagnosis.reason[:100]}")
        elif kind == "attempt":
            attempt = data["attempt"]
            mark = "[green]accepted[/]" if attempt.accepted else "[yellow]reverted[/]"
            origins = ", ".join(sorted({e.origin for e in attempt.edits}))
            places = ", ".join(dict.fromkeys(e.where for e in attempt.edits))
            self.say(f"{mark} {origins} on {places}: {attempt.why}")
        elif kind == "final":
            self.status.update(f"{self.name}: verdict")
            self.say(f"[bold]final[/] {data['run'].summary()}")
