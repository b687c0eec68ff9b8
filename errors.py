"""The exception hierarchy: control flow between the parts, and one-line CLI errors.

Every error a user can cause (bad input, a missing file, an unknown model) is a
``MlemodError`` whose message is a complete sentence; the CLI prints it on one
line and exits with ``exit_code``.
"""


class MlemodError(Exception):
    exit_code = 2


class InputError(MlemodError):
    """A data directory, helper folder or option is missing or malformed."""


class NotebookError(InputError):
    """The input is not a usable notebook (bad JSON, not nbformat, missing); the message names the field."""


class EnvironmentBuildError(MlemodError):
    """The locked environment (virtualenv or image) could not be built."""

    exit_code = 3


class ExecutorError(MlemodError):
    """The runner or kernel failed in a way that is not the notebook's fault."""

    exit_code = 3


class ModelError(MlemodError):
    """The LLM could not be reached or named (unknown model, no key, bad base URL)."""
