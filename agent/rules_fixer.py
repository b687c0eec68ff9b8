"""The rules as a Fixer: the static pass first, then rules keyed by the error, or calibration."""

from __future__ import annotations

from ..core import Attempt, Edit, Notebook, edit_key
from .base import Diagnosis, tried_edits
from .modules import HelperModules


class RuleFixer:
    name = "rules"
    joint = True  # one rule change may touch several cells (moving an import up)

    def __init__(self, modules: HelperModules | None = None, published: Notebook | None = None) -> None:
        self._static_tried = False
        self.modules = modules  # the notebook's helper modules, when it ships any
        self.published = published  # the notebook as its author saved it: which cells ran

    def propose(self, notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[Edit]:
        from . import rules  # libcst and the rule modules load only when a repair runs

        if diagnosis.fix_type == "error-repair":
            if not self._static_tried:
                self._static_tried = True
                # with the old defaults that are less work: the author's result, in the author's time
                static = rules.fix_static(notebook, diagnosis.written, diagnosis.input_files,
                                          diagnosis.working_files, old_defaults=True,
                                          none_text_files=diagnosis.none_text_files)
                if self.modules:
                    static += self.modules.static_edits(diagnosis.written)
                if static:
                    return static
            if diagnosis.cell is None or diagnosis.error is None:
                return []
            tried = tried_edits(history, diagnosis.run)  # a rule's edit that did not help: the next one's turn
            if self.modules:  # raised inside a helper module: fix it there
                in_module = self.modules.error_edits(diagnosis.error, diagnosis.written)
                if in_module and edit_key(in_module) not in tried:
                    return in_module
            return rules.fix_error(notebook, diagnosis.cell, diagnosis.error, diagnosis.input_files,
                                   diagnosis.working_files, self.published, tried)
        if diagnosis.fix_type == "score-calibration":
            return rules.calibrate(notebook, diagnosis.written, none_text_files=diagnosis.none_text_files)
        if diagnosis.fix_type == "runtime-reduction":  # the author's era ran fewer trees, folds and epochs
            return rules.calibrate(notebook, diagnosis.written, for_runtime=True,
                                   none_text_files=diagnosis.none_text_files)
        return []
