"""`mlemod serve`: the repair service over HTTP (uvicorn running ``api.app.create_app``)."""

from __future__ import annotations

import argparse
import os

from ..errors import InputError

TOKEN_ENV = "MLEMOD_API_TOKEN"
TOKENS_ENV = "MLEMOD_API_TOKENS"  # name:token,name:token  (clients: each sees its own jobs)
ADMIN_TOKEN_ENV = "MLEMOD_API_ADMIN_TOKEN"  # an admin (sees every job), named "admin"
ALLOW_LOCAL_ENV = "MLEMOD_ALLOW_LOCAL_BACKEND"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="serve repairs over HTTP (jobs in SQLite, bearer-token auth)",
        description="Run the HTTP service: POST /jobs with a notebook (its data as a zip in 'data', its own files, "
                    "the modules and repository files it reads, as a zip in 'files') to start a repair; "
                    "follow it at /jobs/<id>/events (server-sent events); fetch /jobs/<id>/notebook and "
                    f"/jobs/<id>/report. Every request needs 'Authorization: Bearer <token>', the token being "
                    f"the value of the environment variable named by --token-env (default {TOKEN_ENV}). Notebooks "
                    "run in the docker sandbox; the unsandboxed local backend only with --allow-local-backend.",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--db", metavar="PATH", help="the job database: a SQLite file path or sqlite:/// URL "
                                                "(default: in the user data folder)")
    p.add_argument("--token-env", default=TOKEN_ENV, metavar="NAME",
                   help=f"environment variable holding the bearer token (default {TOKEN_ENV})")
    p.add_argument("--tokens-file", metavar="PATH",
                   help="named clients, one 'name:token' per line ('name:token:admin' for an admin, '#' comments): "
                        f"each sees only its own jobs, an admin all (also: {TOKENS_ENV}=name:token,...; "
                        f"{ADMIN_TOKEN_ENV}=token)")
    p.add_argument("--allow-local-backend", action="store_true",
                   help=f"let jobs run on the local backend, outside the sandbox: only for trusted notebooks "
                        f"(also: {ALLOW_LOCAL_ENV}=1)")
    p.add_argument("--backend", choices=["docker", "local"], default="docker",
                   help="what a job runs on when it does not say (default docker; local needs "
                        "--allow-local-backend)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="repairs running at once (default 1)")
    p.add_argument("--model", help="litellm model string for the LLM fixer (default: $MLEMOD_MODEL; none: rules "
                                   "and memory only)")
    p.add_argument("--api-base", metavar="URL", help="an OpenAI-compatible server for the model")
    p.add_argument("--max-seconds", type=float, default=3600, help="longest repair a job may ask for (default 3600)")
    p.add_argument("--max-notebook-mb", type=float, default=20, help="largest notebook upload (default 20)")
    p.add_argument("--max-data-mb", type=float, default=500, help="largest zip upload, data or files (default 500)")
    p.add_argument("--max-held-gb", type=float, default=20,
                   help="uploaded data all unfinished jobs may hold on disk together; past it POST /jobs answers "
                        "503 with Retry-After (default 20)")
    p.add_argument("--shutdown-grace", type=float, default=10, metavar="SECONDS",
                   help="how long a stopping server (SIGTERM) waits for running repairs to end; those still "
                        "running then go back to the queue, their uploads kept (default 10)")
    p.set_defaults(func=cmd_serve)


def settings_from_args(args: argparse.Namespace):
    from pydantic import ValidationError

    from .settings import MiB, Settings

    from .auth import parse_tokens

    clients = []
    if getattr(args, "tokens_file", None):
        try:
            text = open(args.tokens_file, encoding="utf-8").read()
        except OSError as exc:
            raise InputError(f"--tokens-file {args.tokens_file}: {exc.strerror or exc}") from None
        clients += parse_tokens(text, args.tokens_file)
    clients += parse_tokens(os.environ.get(TOKENS_ENV, ""), TOKENS_ENV, separator=",")
    if os.environ.get(ADMIN_TOKEN_ENV):
        clients.append({"name": "admin", "token": os.environ[ADMIN_TOKEN_ENV], "admin": True})
    token = os.environ.get(args.token_env, "")
    if not token and not clients:
        raise InputError(f"no API token: set the environment variable {args.token_env} (at least 16 characters), "
                         f"or name clients with --tokens-file or {TOKENS_ENV}")
    fields = {
        "token": token or None, "clients": clients,
        "allow_local_backend": args.allow_local_backend or os.environ.get(ALLOW_LOCAL_ENV, "") in ("1", "true", "yes"),
        "backend": args.backend, "workers": args.workers, "model": args.model, "api_base": args.api_base,
        "max_seconds": args.max_seconds, "max_notebook_bytes": int(args.max_notebook_mb * MiB),
        "max_data_bytes": int(args.max_data_mb * MiB), "max_held_bytes": int(args.max_held_gb * 1024 * MiB),
        "shutdown_grace": args.shutdown_grace,
    }
    if args.db:
        fields["db"] = args.db
    try:
        return Settings(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"bad server setting{f' {where}' if where else ''}: {first['msg']}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app

    settings = settings_from_args(args)
    _ = settings.db_path  # a bad --db URL fails here, in one line, before uvicorn starts
    print(f"mlemod serve: http://{args.host}:{args.port} jobs in {settings.db_path}; backend {settings.backend}"
          f"{' (local allowed)' if settings.allow_local_backend else ''}; {settings.workers} worker(s)", flush=True)
    # An open event stream must not hold a stopping server: after a few seconds uvicorn drops the
    # connections and the app's shutdown asks running repairs to end (see JobRunner.stop).
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info", timeout_graceful_shutdown=5)
    return 0

