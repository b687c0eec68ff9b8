"""The repair loop and its fixers: rules first, then fix memory, then an LLM.

Public surface: ``repair_notebook(req, config, scorer=None, on_event=None)``,
``RepairLoop`` (when the caller wants the repaired notebook too), ``AgentConfig``.
"""

from .loop import AgentConfig, RepairLoop, apply_report, repair_notebook

__all__ = ["AgentConfig", "RepairLoop", "apply_report", "repair_notebook"]
