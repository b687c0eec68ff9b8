"""The LLM fixer: asks a model (any litellm model string) for search/replace edits.

Transport problems (rate limits, timeouts, 5xx, refused connections) are retried
with exponential backoff by tenacity; litellm's own retries are switched off so
there is exactly one retry policy. Answers that do not parse or do not match
their cell go back to the model with the precise problem, a bounded number of
times. Every completed call is counted in ``cost`` (tokens and dollars).
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from ..core import Attempt, Cost, Edit, Notebook
from ..errors import ModelError
from .base import Diagnosis, StopRepair
from .edits import EditFormatError, NoMatchError, apply_answer, parse_answer
from .prompting import build_messages, load_template

MODEL_ENV = "MLEMOD_MODEL"
API_BASE_ENV = "MLEMOD_API_BASE"
API_KEY_ENV = "MLEMOD_API_KEY"


class LLMConfig(BaseModel):
    model: str  # a litellm model string: "openai/gpt-4o-mini", "anthropic/...", "ollama/llama3", ...
    api_base: str | None = None  # an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1
    api_key: str | None = None
    temperature: float = 0.0
    max_tokens: int = 4096
    timeout: float = 120.0  # seconds per HTTP call
    max_retries: int = 4  # transport retries per call (429, timeout, 5xx, connection)
    backoff_seconds: float = 2.0  # first wait between transport retries; doubles each time
    max_backoff_seconds: float = 60.0
    max_format_retries: int = 2  # re-asks per proposal when the answer is malformed or does not match
    max_dollars: float | None = None  # stop proposing once this much was spent (None: no limit)

    @classmethod
    def from_options(cls, model: str | None = None, api_base: str | None = None, **extra: Any) -> LLMConfig | None:
        """The config from CLI options, falling back to MLEMOD_MODEL etc.; None when no model is named."""
        model = model or os.environ.get(MODEL_ENV)
        if not model:
            return None
        return cls(model=model, api_base=api_base or os.environ.get(API_BASE_ENV),
                   api_key=extra.pop("api_key", None) or os.environ.get(API_KEY_ENV), **extra)


def _litellm():
    # The cost map must come from the installed package: there is no network to fetch it.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    return litellm


def _openai_error() -> type[Exception]:
    import openai  # installed with litellm, which raises subclasses of its errors

    return openai.OpenAIError


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text[:limit] + ("..." if len(text) > limit else "")


class LLMFixer:
    """Fixer protocol over litellm. All edits of one ``propose`` call belong to one answer and go together."""

    joint = True  # the loop should apply the returned edits as one change, not one at a time

    def __init__(self, config: LLMConfig):
        self.config = config
        self.name = f"llm:{config.model}"
        self.cost = Cost()
        self.problems: list[str] = []  # why answers were re-asked or given up on, newest last
        litellm = _litellm()
        try:
            litellm.get_llm_provider(config.model, api_base=config.api_base)
        except Exception as exc:  # litellm raises BadRequestError (or ValueError) for names it cannot route
            raise ModelError(f"unknown model {config.model!r}: litellm cannot tell its provider; use a litellm "
                             f"model string such as 'openai/gpt-4o-mini' or 'ollama/llama3' ({_one_line(exc, 80)})"
                             ) from None

    # ------------------------------------------------------------------ Fixer

    def propose(self, notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[Edit]:
        if diagnosis.fix_type is None:
            return []
        messages = base = build_messages(notebook, diagnosis, history)
        sources, code_cells = notebook.sources(), set(notebook.code_indices())
        reverted = [_change_key(a.edits) for a in history if not a.accepted]
        for _ in range(self.config.max_format_retries + 1):
            self._check_budget()
            text = self.complete(messages)
            try:
                edits = apply_answer(sources, parse_answer(text), diagnosis.fix_type, self.name, code_cells)
                if _change_key(edits) in reverted:
                    raise NoMatchError("this exact change was already tried and reverted (see the earlier "
                                       "attempts); propose a different one")
                return edits
            except (EditFormatError, NoMatchError) as exc:
                self.problems.append(str(exc))
                reask = load_template("reask").substitute(problem=str(exc)).strip()
                # Only the latest answer goes back with its problem: earlier wrong answers are not echoed.
                messages = base + [{"role": "assistant", "content": text}, {"role": "user", "content": reask}]
        return []

    # ------------------------------------------------------------------ transport

    def complete(self, messages: list[dict[str, str]]) -> str:
        """One chat completion with transport retries; returns the answer text and books its cost."""
        litellm = _litellm()
        cfg = self.config
        transient = (litellm.RateLimitError, litellm.Timeout, litellm.APIConnectionError,
                     litellm.InternalServerError, litellm.ServiceUnavailableError, litellm.BadGatewayError)
        kwargs: dict[str, Any] = dict(model=cfg.model, messages=messages, temperature=cfg.temperature,
                                      max_tokens=cfg.max_tokens, timeout=cfg.timeout, drop_params=True,
                                      num_retries=0, max_retries=0)
        if cfg.api_base:
            kwargs["api_base"] = cfg.api_base
            kwargs["api_key"] = cfg.api_key or "none"  # local servers ignore it; the OpenAI client insists on one
        elif cfg.api_key:
            kwargs["api_key"] = cfg.api_key
        retrying = Retrying(retry=retry_if_exception_type(transient), stop=stop_after_attempt(cfg.max_retries + 1),
                            wait=wait_exponential(multiplier=cfg.backoff_seconds, max=cfg.max_backoff_seconds),
                            reraise=True)
        where = f" at {cfg.api_base}" if cfg.api_base else ""
        try:
            response = retrying(litellm.completion, **kwargs)
        except transient as exc:
            raise ModelError(f"model {cfg.model!r}{where} did not answer after {cfg.max_retries + 1} attempts: "
                             f"{_one_line(exc)}") from None
        except (litellm.AuthenticationError, litellm.PermissionDeniedError) as exc:
            raise ModelError(f"model {cfg.model!r}{where} refused the credentials: {_one_line(exc)}") from None
        except (litellm.NotFoundError, litellm.BadRequestError) as exc:
            raise ModelError(f"model {cfg.model!r}{where} rejected the request: {_one_line(exc)}") from None
        except _openai_error() as exc:  # litellm maps every provider's errors onto the OpenAI hierarchy
            raise ModelError(f"model {cfg.model!r}{where} failed: {_one_line(exc)}") from None
        self._book(litellm, response)
        content = response.choices[0].message.content
        return content or ""

    def _book(self, litellm, response) -> None:
        usage = getattr(response, "usage", None)
        self.cost.llm_calls += 1
        self.cost.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        self.cost.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        try:
            dollars = float(litellm.completion_cost(completion_response=response) or 0.0)
        except Exception:  # a local or unpriced model: litellm has no price for it, so it is free to us
            dollars = 0.0
        self.cost.dollars += dollars

    def _check_budget(self) -> None:
        limit = self.config.max_dollars
        if limit is not None and self.cost.dollars >= limit:
            raise StopRepair(f"LLM budget spent: ${self.cost.dollars:.4f} of ${limit:.2f}")


def _change_key(edits: list[Edit]) -> frozenset[tuple[int, str, str]]:
    return frozenset((e.cell, e.old, e.new) for e in edits)
