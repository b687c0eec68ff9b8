"""What the operator configures (``Settings``) and what a request may ask for (``JobOptions``).

The split is the security boundary: a request can only lower limits the operator
set, never raise them, and it can only choose the ``local`` backend when the
operator allowed it, because notebook code from a client is untrusted and only
the ``docker`` backend sandboxes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from ..errors import InputError

MiB = 1024 * 1024
Backend = Literal["docker", "local"]


class BackendRefused(InputError):
    """A request asked for a backend the operator did not allow (HTTP 403)."""


class Client(BaseModel):
    """Who may call the API: a name (it owns the jobs its token creates) and a bearer token. A client
    sees only its own jobs; an admin sees every job."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")
    token: SecretStr
    admin: bool = False

    @field_validator("token")
    @classmethod
    def _long_enough(cls, token: SecretStr) -> SecretStr:
        value = token.get_secret_value()
        if len(value) < 16:
            raise ValueError("an API token must be at least 16 characters long")
        if any(c.isspace() for c in value):
            raise ValueError("an API token must not contain spaces")
        return token


ADMIN = "admin"  # the name the single token (``Settings.token``) goes by


class Settings(BaseModel):
    """One server's configuration; ``mlemod serve`` builds it from its options and environment."""

    model_config = ConfigDict(extra="forbid")

    token: SecretStr | None = Field(None, description=f"a single admin token (named {ADMIN!r})")
    clients: list[Client] = Field(default_factory=list, description="named tokens, admin or not")
    db: str = Field(default_factory=lambda: str(platformdirs.user_data_path("mlemodernizer") / "api.sqlite"),
                    description="SQLite file, as a path or a sqlite:/// URL")
    jobs_dir: Path | None = None  # uploaded inputs while a job waits or runs; default: <db>.jobs/
    backend: Backend = "docker"  # what a job runs on when the request does not say
    allow_local_backend: bool = False
    # Per backend, its executor's config fields, e.g. {"docker": {"memory": "4g", "cpus": 2}}.
    backend_options: dict[Backend, dict] = Field(default_factory=dict)
    workers: int = Field(1, ge=1, le=64)  # repairs running at once
    model: str | None = None  # litellm model string; None: $MLEMOD_MODEL, else rules and memory only
    api_base: str | None = None
    memory: bool = True
    memory_path: Path | None = None
    # Upload bounds: checked before anything is stored or run.
    max_notebook_bytes: int = Field(20 * MiB, gt=0)
    max_data_bytes: int = Field(500 * MiB, ge=0)  # each zip as uploaded (the data, the notebook's own files)
    max_extracted_bytes: int = Field(4096 * MiB, gt=0)  # each zip's members, uncompressed, all together
    max_archive_members: int = Field(10_000, gt=0)
    max_archive_ratio: float = Field(100.0, gt=1)  # uncompressed/compressed, per member and overall
    # Uploads of all unfinished jobs together (zips and their members): past it, POST /jobs is a 503.
    max_held_bytes: int = Field(20 * 1024 * MiB, gt=0)
    retry_after: int = Field(60, ge=1)  # seconds a 503 tells the client to wait
    # Caps on what a request may ask for (also the defaults when it asks nothing).
    max_fixes: int = Field(16, ge=0)
    max_seconds: float = Field(3600.0, gt=0)
    max_dollars: float = Field(1.0, ge=0)
    cell_timeout: float = Field(600.0, gt=0)
    budget: float = Field(3600.0, gt=0)
    shutdown_grace: float = Field(10.0, ge=0)  # seconds a stopping server waits for running repairs
    max_attempts: int = Field(3, ge=1)  # starts a job gets; a server stopping under it costs one

    @field_validator("token")
    @classmethod
    def _long_enough(cls, token: SecretStr | None) -> SecretStr | None:
        if token is not None and len(token.get_secret_value()) < 16:
            raise ValueError("the API token must be at least 16 characters long")
        return token

    @model_validator(mode="after")
    def _tokens_are_distinct(self) -> Settings:
        everyone = self.all_clients
        if not everyone:
            raise ValueError("no API token: give one (token) or named ones (clients)")
        names = [c.name for c in everyone]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"client names must be distinct: {', '.join(twice)} given twice")
        tokens = [c.token.get_secret_value() for c in everyone]
        if len(set(tokens)) != len(tokens):
            raise ValueError("two clients have the same token")
        return self

    @property
    def all_clients(self) -> list[Client]:
        single = [Client(name=ADMIN, token=self.token, admin=True)] if self.token is not None else []
        return [*single, *self.clients]

    @model_validator(mode="after")
    def _local_needs_consent(self) -> Settings:
        if self.backend == "local" and not self.allow_local_backend:
            raise ValueError("the local backend runs untrusted code unsandboxed: it needs allow_local_backend")
        return self

    @property
    def db_path(self) -> Path:
        """The SQLite file ``db`` names; other databases are not supported (yet)."""
        if "://" not in self.db:
            return Path(self.db).expanduser()
        scheme, _, rest = self.db.partition("://")
        if scheme != "sqlite" or not rest.startswith("/"):
            raise InputError(f"unsupported database URL {self.db!r}: use a path or sqlite:///path/to/file.sqlite")
        return Path(rest[1:])  # as SQLAlchemy reads them: sqlite:///relative.db, sqlite:////absolute.db

    @property
    def jobs_path(self) -> Path:
        return self.jobs_dir or self.db_path.with_name(self.db_path.name + ".jobs")

    @property
    def max_request_bytes(self) -> int:
        # The notebook and both zips, plus generous room for the multipart framing and the option fields.
        return self.max_notebook_bytes + 2 * self.max_data_bytes + MiB


class JobOptions(BaseModel):
    """Form fields a client may send with ``POST /jobs``; every one is optional."""

    model_config = ConfigDict(extra="forbid")

    backend: Backend | None = None
    competition: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]{0,99}$",
                                    description="Kaggle slug: the data also resolves under /kaggle/input/<slug>/")
    written: str | None = Field(None, pattern=r"^(19|20)\d\d-(0[1-9]|1[0-2])$", description="YYYY-MM")
    cell_timeout: float | None = Field(None, gt=0)
    budget: float | None = Field(None, gt=0)
    max_fixes: int | None = Field(None, ge=0)
    max_seconds: float | None = Field(None, gt=0)
    max_dollars: float | None = Field(None, ge=0)
    tolerance: float = Field(0.10, ge=0, le=10)

    def resolve(self, settings: Settings) -> dict:
        """The options a job runs with: request values within the operator's caps. Raises InputError."""
        backend = self.backend or settings.backend
        if backend == "local" and not settings.allow_local_backend:
            raise BackendRefused("this server runs notebooks only in the docker sandbox; "
                                  "the local backend is disabled by its operator")
        resolved = {"backend": backend, "competition": self.competition, "written": self.written,
                    "tolerance": self.tolerance}
        for name in ("cell_timeout", "budget", "max_fixes", "max_seconds", "max_dollars"):
            cap, asked = getattr(settings, name), getattr(self, name)
            if asked is not None and asked > cap:
                raise InputError(f"{name} {asked:g} exceeds this server's limit of {cap:g}")
            resolved[name] = cap if asked is None else asked
        return resolved
