"""The LLM fixer: asks a model (any litellm model string) for search/replace edits.

Transport problems (rate limits, timeouts, 5xx, refused connections) are retried
with exponential backoff by tenacity; litellm's own retries are switched off so
there is exactly one retry policy. Answers that do not parse or do not match
their cell go back to the model with the precise problem, a bounded number of
times. Every completed call is counted in ``cost`` (tokens and dollars).
"""

from __future__ import annotations

import os
import time
from typing import Any

from pydantic import BaseModel
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from ..core import Attempt, Cost, Edit, Notebook
from ..errors import ModelError
from .base import Diagnosis, StopRepair
from .edits import EditFormatError, NoMatchError, apply_answer, parse_answer
from .prompting import build_messages, environment_facts, load_template

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
    # Tokens (prompt + completion) over all calls, counted for every model, priced or not (None: no limit).
    # A request that would pass it is not sent; a completion is capped to what is left.
    max_total_tokens: int | None = None
    deadline: float | None = None  # time.monotonic() by which calls and their retries must be over

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

    def __init__(self, config: LLMConfig, modules=None, latest_run=None):
        self.config = config
        # The helper files staged with the notebook (a HelperModules, or a path -> text mapping): shown when a
        # traceback runs through them, editable with ``SEARCH file PATH`` blocks. The loop attaches its own copy.
        self.modules = modules
        # () -> the latest RunResult the loop has (a reverted attempt's run, say): a runtime task's timings.
        self.latest_run = latest_run
        self.name = f"llm:{config.model}"
        self.cost = Cost()
        self.problems: list[str] = []  # why answers were re-asked or given up on, newest last
        # The live session's view of names at the failure (name -> "DataFrame (891, 12), dtypes ..., NaN ..."),
        # set by the loop when its session can tell; the executor's sessions cannot yet.
        self.describe_names = None
        litellm = _litellm()
        try:
            litellm.get_llm_provider(config.model, api_base=config.api_base)
        except Exception as exc:  # litellm raises BadRequestError (or ValueError) for names it cannot route
            raise ModelError(f"unknown model {config.model!r}: litellm cannot tell its provider; use a litellm "
                             f"model string such as 'openai/gpt-4o-mini' or 'ollama/llama3' ({_one_line(exc, 80)})"
                             ) from None

    def attach(self, modules=None, latest_run=None) -> None:
        """Called by the repair loop: its helper-file copy (edits must be made against it) and its latest run."""
        if modules is not None:
            self.modules = modules
        if latest_run is not None:
            self.latest_run = latest_run

    def _files(self) -> dict[str, str]:
        modules = self.modules
        if modules is None:
            return {}
        return dict(getattr(modules, "sources", modules))

    def _latest(self):
        try:
            return self.latest_run() if self.latest_run is not None else None
        except Exception:  # noqa: BLE001 - timings are a bonus
            return None

    # ------------------------------------------------------------------ Fixer

    def propose(self, notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[Edit]:
        if diagnosis.fix_type is None:
            return []
        files = self._files()
        facts = environment_facts(notebook, diagnosis, self.describe_names, files) \
            if diagnosis.fix_type == "error-repair" else ""
        messages = base = build_messages(notebook, diagnosis, history, facts, files,
                                         self._latest() if diagnosis.fix_type == "runtime-reduction" else None)
        sources, code_cells = notebook.sources(), set(notebook.code_indices())
        reverted = [_change_key(a.edits) for a in history if not a.accepted]
        for _ in range(self.config.max_format_retries + 1):
            text = self.complete(messages)
            try:
                edits = apply_answer(sources, parse_answer(text), diagnosis.fix_type, self.name, code_cells, files)
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
        completion_cap = self._check_budget(messages)
        transient = (litellm.RateLimitError, litellm.Timeout, litellm.APIConnectionError,
                     litellm.InternalServerError, litellm.ServiceUnavailableError, litellm.BadGatewayError)
        kwargs: dict[str, Any] = dict(model=cfg.model, messages=messages, temperature=cfg.temperature,
                                      max_tokens=completion_cap, timeout=self._timeout(), drop_params=True,
                                      num_retries=0, max_retries=0)
        if cfg.api_base:
            kwargs["api_base"] = cfg.api_base
            kwargs["api_key"] = cfg.api_key or "none"  # local servers ignore it; the OpenAI client insists on one
        elif cfg.api_key:
            kwargs["api_key"] = cfg.api_key
        retrying = Retrying(retry=retry_if_exception_type(transient),
                            stop=stop_after_attempt(cfg.max_retries + 1) | self._past_deadline,
                            wait=wait_exponential(multiplier=cfg.backoff_seconds, max=cfg.max_backoff_seconds),
                            before=self._refresh_timeout(kwargs), reraise=True)
        where = f" at {cfg.api_base}" if cfg.api_base else ""
        try:
            response = retrying(lambda: litellm.completion(**kwargs))  # kwargs read anew: the timeout shrinks
        except transient as exc:
            if retrying.statistics.get("attempt_number", 0) < cfg.max_retries + 1:  # the deadline stopped it
                raise StopRepair(f"the time limit was reached while retrying the model: {_one_line(exc)}") from None
            raise ModelError(f"model {cfg.model!r}{where} did not answer after {cfg.max_retries + 1} attempts: "
                             f"{_one_line(exc)}") from None
        except (litellm.AuthenticationError, litellm.PermissionDeniedError) as exc:
            raise ModelError(f"model {cfg.model!r}{where} refused the credentials: {_one_line(exc)}") from None
        except (litellm.NotFoundError, litellm.BadRequestError) as exc:
            raise ModelError(f"model {cfg.model!r}{where} rejected the request: {_one_line(exc)}") from None
        except _openai_error() as exc:  # litellm maps every provider's errors onto the OpenAI hierarchy
            raise ModelError(f"model {cfg.model!r}{where} failed: {_one_line(exc)}") from None
        content = response.choices[0].message.content or ""
        self._book(litellm, response, messages, content)
        return content

    def _book(self, litellm, response, messages, content: str) -> None:
        usage = getattr(response, "usage", None)
        self.cost.llm_calls += 1
        prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion = int(getattr(usage, "completion_tokens", 0) or 0)
        if not prompt:  # a server that reports no usage: count the tokens ourselves, so budgets still hold
            prompt = count_tokens(messages, self.config.model)
        if not completion and content:
            completion = count_tokens([{"role": "assistant", "content": content}], self.config.model)
        self.cost.prompt_tokens += prompt
        self.cost.completion_tokens += completion
        try:
            dollars = float(litellm.completion_cost(completion_response=response) or 0.0)
        except Exception:  # a local or unpriced model: litellm has no price for it, so it is free to us
            dollars = 0.0
        self.cost.dollars += dollars

    def _check_budget(self, messages: list[dict[str, str]]) -> int:
        """Raise StopRepair when a budget is spent or this request would pass one; else the completion
        tokens this call may use."""
        cfg = self.config
        limit = cfg.max_dollars
        if limit is not None and self.cost.dollars >= limit:
            raise StopRepair(f"LLM budget spent: ${self.cost.dollars:.4f} of ${limit:.2f}")
        left = self._left()
        if left is not None and left <= 0:
            raise StopRepair("the time limit was reached before the model was asked")
        cap = cfg.max_tokens
        if cfg.max_total_tokens is not None:
            spent = self.cost.prompt_tokens + self.cost.completion_tokens
            needed = count_tokens(messages, cfg.model)
            room = cfg.max_total_tokens - spent - needed
            if room < MIN_COMPLETION_TOKENS:
                raise StopRepair(f"LLM token budget spent: {spent} of {cfg.max_total_tokens} tokens used, and the "
                                 f"next request needs about {needed} more")
            cap = min(cap, room)
        return cap

    # ------------------------------------------------------------------ time

    def _left(self) -> float | None:
        return None if self.config.deadline is None else self.config.deadline - time.monotonic()

    def _timeout(self) -> float:
        left = self._left()
        return self.config.timeout if left is None else max(1.0, min(self.config.timeout, left))

    def _past_deadline(self, state) -> bool:
        """tenacity stop: no retry whose wait would end past the deadline."""
        left = self._left()
        return left is not None and left - (getattr(state, "upcoming_sleep", 0) or 0) <= 1.0

    def _refresh_timeout(self, kwargs: dict):
        def before(state) -> None:  # each retry waits at most for what is left of the time limit
            kwargs["timeout"] = self._timeout()
        return before


MIN_COMPLETION_TOKENS = 256  # less room than this left in the token budget: the answer would be cut short


def count_tokens(messages: list[dict[str, str]], model: str) -> int:
    """Tokens of ``messages`` by litellm's tokenizer for ``model`` (its default one for unknown models);
    characters / 4 when that fails."""
    try:
        return int(_litellm().token_counter(model=model, messages=messages))
    except Exception:  # noqa: BLE001 - any tokenizer trouble: the usual approximation
        return sum(len(m.get("content") or "") for m in messages) // 4 + 4 * len(messages)


def _change_key(edits: list[Edit]) -> frozenset[tuple[int, str | None, str, str]]:
    return frozenset((e.cell, e.file, e.old, e.new) for e in edits)
