"""The HTTP service: a repair is a job (DESIGN.md, api/).

    POST   /jobs                    notebook (+ data zip, + options) -> 202 {id, status, links}
    GET    /jobs                    recent jobs
    GET    /jobs/{id}               status
    GET    /jobs/{id}/events        progress as server-sent events (resumable: Last-Event-ID)
    GET    /jobs/{id}/notebook      the repaired notebook, with provenance metadata
    GET    /jobs/{id}/report        report.json;  /jobs/{id}/report.md: report.md; /jobs/{id}/report.html
    DELETE /jobs/{id}               cancel a job that has not started
    GET    /health                  liveness and this server's policy

    GET    /docs, /openapi.json     this API, described (OpenAPI 3.1)

Every request carries ``Authorization: Bearer <token>``, except ``/health``
(liveness probes) and the API's description. Each token names a client, which
owns the jobs it creates and sees only those (another's job is a 404); an
admin token sees every job (api/auth.py). Inputs are checked before
anything is stored or run; bad input gets a 4xx whose JSON body is
``{"detail": "<one line>"}`` (``ErrorBody``; a 422 adds pydantic's ``errors``),
and the OpenAPI document says so for every status each route can answer.
"""

# No `from __future__ import annotations`: FastAPI resolves the route signatures below at runtime,
# and they name dependencies defined inside create_app.
import asyncio
import os
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import Depends, FastAPI, File, Header, HTTPException, Query, Request, Response, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..core import parse_notebook
from ..errors import InputError, MlemodError
from .archive import ServerFull, extract_zip, remove_tree, tree_bytes
from .auth import PUBLIC_PATHS, BearerAuthMiddleware
from .jobs import OWN_FILES, JobRunner
from .quota import Quota
from .settings import BackendRefused, Client, JobOptions, Settings
from .store import TERMINAL, Job, JobStore, private_dir

# litellm fetches a price map over the network at import unless told not to (the server may have none).
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

_JOB_ID = re.compile(r"^[0-9a-f]{32}$")
_POLL_SECONDS = 0.25  # how often an event stream looks for new events


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = JobStore(settings.db_path)
        private_dir(settings.jobs_path)
        quota = Quota(settings.max_held_bytes)
        queued = store.recover(settings.max_attempts)  # jobs that were running are queued again
        _reclaim(settings, quota, set(queued))
        _reap_sessions()
        runner = JobRunner(settings, store, quota)
        for job_id in queued:
            runner.submit(job_id)
        app.state.store, app.state.runner, app.state.quota = store, runner, quota
        try:
            yield
        finally:
            runner.stop()
            store.close()

    app = FastAPI(title="mlemodernizer", version=__version__, lifespan=lifespan, docs_url="/docs", redoc_url=None,
                  description="Repairs old ML notebooks so they run and reproduce in a fixed modern environment. "
                              "Every route but /health needs `Authorization: Bearer <token>`.",
                  responses={401: {"model": ErrorBody, "description": "missing or invalid bearer token"}})
    app.add_middleware(BearerAuthMiddleware, clients=settings.all_clients)
    _add_error_handlers(app, settings)

    def store(request: Request) -> JobStore:
        return request.app.state.store

    def caller(request: Request) -> Client:
        return request.state.client  # set by BearerAuthMiddleware

    def job(job_id: str, request: Request) -> Job:
        found = store(request).get(job_id) if _JOB_ID.match(job_id) else None
        who = caller(request)
        if found is None or not (who.admin or found.owner == who.name):  # another client's job: not there
            raise HTTPException(404, f"no job {job_id!r}")
        return found

    @app.get("/health", openapi_extra={"security": []})  # open: liveness probes carry no token
    def health() -> Health:
        return {"status": "ok", "version": __version__, "backend": settings.backend,
                "allow_local_backend": settings.allow_local_backend, "workers": settings.workers}

    @app.post("/jobs", status_code=202, max_body_size=settings.max_request_bytes, responses=_errors(
        {400: "a malformed notebook (the message names the field), an unsafe or unreadable zip (data or files), "
              "an option over this server's cap",
         403: "the local backend was asked for and this server does not allow it",
         413: "the notebook, a zip or the whole request is over this server's limit",
         422: "a missing notebook, an unknown or malformed option",
         503: "the server holds as much queued data as it may: try again after Retry-After seconds"}))
    def create_job(request: Request, response: Response, form: Annotated[JobForm, File()]) -> JobView:
        notebook = form.notebook
        resolved = form.resolve(settings)
        text = _read_bounded(notebook, settings.max_notebook_bytes, "notebook")
        name = _safe_name(notebook.filename)
        parsed = parse_notebook(text, Path(name))  # raises NotebookError: a one-line 400
        job_id = uuid.uuid4().hex
        job_dir, quota = settings.jobs_path / job_id, request.app.state.quota
        data_dir = None
        if _sent(form.data):
            data_dir = str(_unpack(form.data, job_dir, "data", settings, quota, job_id))
        if _sent(form.files):  # found by the worker at jobs.own_files(job_dir); a failure here removes the data too
            _unpack(form.files, job_dir, "files", settings, quota, job_id)
        # Stored as parsed (v4, UTF-8): a v3 upload is upgraded once, and any JSON encoding is accepted.
        created = store(request).create(job_id, name, resolved, parsed.dumps(), data_dir, owner=caller(request).name)
        request.app.state.runner.submit(job_id)
        response.headers["Location"] = f"/jobs/{job_id}"
        return _view(created)

    @app.get("/jobs", responses=_errors({422: "limit is not an integer"}))
    def list_jobs(request: Request, limit: int = 50) -> list[JobView]:
        """The caller's jobs, newest first (an admin's: everyone's)."""
        who = caller(request)
        return [_view(j) for j in store(request).list(max(1, min(limit, 500)), owner=None if who.admin else who.name)]

    @app.get("/jobs/{job_id}", responses=_errors({404: NO_JOB}))
    def get_job(found: Annotated[Job, Depends(job)]) -> JobView:
        return _view(found)

    @app.delete("/jobs/{job_id}", responses=_errors({404: NO_JOB, 409: "the job has started or ended"}))
    def cancel_job(request: Request, found: Annotated[Job, Depends(job)]) -> JobView:
        if not store(request).cancel(found.id):
            raise HTTPException(409, f"job {found.id} is {found.status}: only a queued job can be cancelled")
        remove_tree(settings.jobs_path / found.id)
        request.app.state.quota.release(found.id)
        return _view(store(request).get(found.id))

    @app.get("/jobs/{job_id}/events", response_class=EventSourceResponse, responses=_errors(
        {400: "after or Last-Event-ID is not an event id", 404: NO_JOB}))
    async def job_events(request: Request, found: Annotated[Job, Depends(job)],
                         last: Annotated[int, Depends(_last_event_id)]) -> AsyncIterator[ServerSentEvent]:
        while True:
            events = store(request).events(found.id, last)
            for event in events:
                last = event.seq
                yield ServerSentEvent(id=str(event.seq), event=event.kind, data=event.data)
            # the terminal status event is always the last one a job records
            if events and events[-1].kind == "status" and events[-1].data.get("status") in TERMINAL:
                return
            if not events and store(request).get(found.id).status in TERMINAL:
                return
            await asyncio.sleep(_POLL_SECONDS)

    @app.get("/jobs/{job_id}/notebook", response_class=Response, responses=_errors(
        {404: NO_JOB, 409: NOT_DONE}, ok=("application/x-ipynb+json", "the repaired notebook, with provenance")))
    def repaired_notebook(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        text = _output(store(request), found, "repaired")
        stem = found.name.removesuffix(".ipynb")
        return Response(text, media_type="application/x-ipynb+json",
                        headers={"Content-Disposition": f'attachment; filename="{stem}.repaired.ipynb"'})

    @app.get("/jobs/{job_id}/report", response_class=Response, responses=_errors(
        {404: NO_JOB, 409: NOT_DONE}, ok=("application/json", "report.json")))
    def report_json(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        return Response(_output(store(request), found, "report_json"), media_type="application/json")

    @app.get("/jobs/{job_id}/report.md", response_class=Response, responses=_errors(
        {404: NO_JOB, 409: NOT_DONE}, ok=("text/markdown", "report.md")))
    def report_markdown(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        return Response(_output(store(request), found, "report_md"), media_type="text/markdown; charset=utf-8")

    @app.get("/jobs/{job_id}/report.html", response_class=Response, responses=_errors(
        {404: NO_JOB, 409: NOT_DONE},
        ok=("text/html", "report.html: one self-contained page (inline CSS, images as data URIs, no request when "
                         "opened): verdict, before/after, each edit as a cell diff, figures side by side, cost")))
    def report_html(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        from ..agent.report_html import render_html
        from ..core import RepairReport

        report = RepairReport.model_validate_json(_output(store(request), found, "report_json"))
        published = parse_notebook(store(request).notebook(found.id), Path(found.name))  # its stored figures
        page = render_html(found.name.removesuffix(".ipynb"), report, published)
        return Response(page, media_type="text/html; charset=utf-8")

    app.openapi = lambda: _openapi(app)
    assert set(PUBLIC_PATHS) >= {"/health", app.docs_url, app.openapi_url}
    return app


# ---------------------------------------------------------------------- helpers


class JobForm(JobOptions):
    """The whole POST /jobs form (multipart/form-data): the options plus the files (one model, so unknown
    fields are refused)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    notebook: UploadFile = Field(description="the .ipynb to repair (nbformat v3 or v4)")
    data: UploadFile = Field(None, description="the notebook's input files, as a zip (optional)")
    files: UploadFile = Field(None, description=(
        "the notebook's own files, as a zip of its folder's contents (optional): the helper modules it imports, "
        "the images and tables of its repository that it reads. They are placed in its working directory as "
        "named in the zip, as `mlemod repair --files` does"))


class ErrorBody(BaseModel):
    """What every 4xx answers with."""

    detail: str = Field(description="one line a person can act on")


class ValidationErrorBody(ErrorBody):
    """A 422: the one line, plus pydantic's structured errors for programs."""

    errors: list[dict] = Field(description="pydantic's errors: type, loc, msg, input")


class JobView(BaseModel):
    id: str
    status: str = Field(description="queued | running | done | failed | cancelled")
    name: str = Field(description="the uploaded notebook's file name")
    options: dict = Field(description="the options the job runs with (the request's, within the server's caps)")
    created: float
    started: float | None = None
    finished: float | None = None
    verdict: str | None = None
    reason: str | None = None
    attempts: int = Field(0, description="times a worker has started it (a server stopping under it costs one)")
    owner: str | None = Field(None, description="the name of the client whose token created it")
    links: dict[str, str] = Field(description="self and events; notebook, report, report_md and report_html once done")


class Health(BaseModel):
    status: str
    version: str
    backend: str
    allow_local_backend: bool
    workers: int


NO_JOB = "no job with this id"
NOT_DONE = "the job is not done: its outputs do not exist (yet)"


def _errors(statuses: dict[int, str], ok: tuple[str, str] | None = None) -> dict:
    """``responses=`` for a route: each error status with the JSON body it really has."""
    documented: dict = {status: {"model": ValidationErrorBody if status == 422 else ErrorBody, "description": why}
                        for status, why in statuses.items()}
    if ok:
        media, description = ok
        documented[200] = {"content": {media: {"schema": {"type": "string"}}}, "description": description}
    return documented


def _not_null(prop: dict) -> None:
    kinds = prop.pop("anyOf", None)
    if kinds:  # "X or null" -> X
        prop.update(next(k for k in kinds if k.get("type") != "null"))


def _openapi(app: FastAPI) -> dict:
    """FastAPI's document, plus what it cannot know: the bearer scheme (enforced by middleware) and that
    multipart form fields are never null."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schema.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    schema["security"] = [{"bearer": []}]
    for prop in schema["components"]["schemas"]["JobForm"]["properties"].values():
        _not_null(prop)  # a form field is either sent or not
    for path in schema["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                _not_null(parameter["schema"])  # likewise a query parameter or a header
            responses = operation["responses"]
            for status, response in responses.items():
                content = response.get("content", {})
                if status >= "400" and list(content) != ["application/json"]:  # errors are JSON on every route
                    response["content"] = {"application/json": next(iter(content.values()))}
            if operation.get("security") == []:  # open routes: no 401
                responses.pop("401", None)
            if "422" in responses:  # FastAPI's default 422 body is not what _add_error_handlers answers
                responses["422"]["content"] = {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ValidationErrorBody"}}}
    schemas = schema["components"]["schemas"]
    if "ValidationErrorBody" not in schemas:
        schemas["ValidationErrorBody"] = ValidationErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    app.openapi_schema = schema
    return schema


def _view(job: Job) -> dict:
    base = f"/jobs/{job.id}"
    view = job.model_dump(exclude={"data_dir"})
    view["links"] = {"self": base, "events": f"{base}/events"}
    if job.status == "done":
        view["links"] |= {"notebook": f"{base}/notebook", "report": f"{base}/report", "report_md": f"{base}/report.md",
                          "report_html": f"{base}/report.html"}
    return view


def _output(store: JobStore, job: Job, column: str) -> str:
    if job.status != "done":
        why = f": {job.reason}" if job.reason else ""
        raise HTTPException(409, f"job {job.id} is {job.status}{why}; its outputs exist once it is done")
    return store.output(job.id, column)


def _read_bounded(upload: UploadFile, limit: int, what: str) -> bytes:
    if upload.size is not None and upload.size > limit:
        raise HTTPException(413, f"{what} is {upload.size} bytes; this server accepts at most {limit}")
    content = upload.file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(413, f"{what} is larger than {limit} bytes, this server's limit")
    return content


def _safe_name(filename: str | None) -> str:
    """The upload's base name, reduced to harmless characters: it names the outputs, never a path."""
    base = PurePosixPath((filename or "").replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")[:100] or "notebook"
    return base if base.endswith(".ipynb") else f"{base}.ipynb"


def _sent(upload: UploadFile | None) -> bool:
    return upload is not None and bool(upload.size or upload.filename)


# Form field -> (its folder in the job's directory, what its zip holds). The own files are used from their
# folder as named (a lone images/ is a folder the notebook reads); the data from its lone top folder, if any.
_ZIPS = {"data": ("data", "the notebook's input files"), "files": (OWN_FILES, "the notebook's own files")}


def _unpack(upload: UploadFile, job_dir: Path, field: str, s: Settings, quota: Quota, job_id: str) -> Path:
    """Store the zip (bounded), extract it safely, drop the zip; every byte written is first taken from the
    server's quota. On any failure leave nothing of the job behind (and give its bytes back)."""
    folder_name, holds = _ZIPS[field]
    try:
        if upload.size is not None and upload.size > quota.room():
            raise ServerFull(f"the server holds as much queued data as it may ({quota.cap} bytes); try again "
                             "when some jobs have finished")
        private_dir(job_dir)
        archive = job_dir / f"{field}.zip"
        with open(archive, "wb") as out:
            copied = _copy_bounded(upload, out, s.max_data_bytes, lambda n: quota.take(job_id, n), field)
        if copied == 0:
            raise InputError(f"{field} is an empty file; send a zip of {holds} or leave it out")
        folder = extract_zip(archive, job_dir / folder_name, s.max_archive_members, s.max_extracted_bytes,
                             max_ratio=s.max_archive_ratio, on_bytes=lambda n: quota.take(job_id, n),
                             what=field)
        archive.unlink()
        quota.give(job_id, copied)
        return folder
    except BaseException:
        remove_tree(job_dir)
        quota.release(job_id)
        raise


def _copy_bounded(upload: UploadFile, out, limit: int, on_bytes, field: str) -> int:
    if upload.size is not None and upload.size > limit:
        raise HTTPException(413, f"{field} is {upload.size} bytes; this server accepts at most {limit}")
    upload.file.seek(0)
    copied = 0
    while chunk := upload.file.read(1024 * 1024):
        copied += len(chunk)
        if copied > limit:
            raise HTTPException(413, f"{field} is larger than {limit} bytes, this server's limit")
        on_bytes(len(chunk))
        out.write(chunk)
    return copied


def _reap_sessions() -> None:
    """What a server killed outright left: workspaces under /tmp (now), session containers (in the
    background: the engine may be slow or absent)."""
    import logging
    import threading

    from ..executor.local import reap_workspaces

    log = logging.getLogger("mlemodernizer.api")
    for removed in reap_workspaces():
        log.info("removed the workspace %s of a stopped server", removed)

    def containers() -> None:
        try:
            from ..executor.docker import reap_containers

            for removed in reap_containers():
                log.info("removed the session container %s of a stopped server", removed[:12])
        except Exception:  # noqa: BLE001 - no engine here: nothing to reap
            pass

    threading.Thread(target=containers, name="mlemod-reap", daemon=True).start()


def _reclaim(s: Settings, quota: Quota, queued: set[str]) -> None:
    """At start-up: the uploads of queued jobs count against the quota again; any other job folder is
    what a stopped server left behind, and goes."""
    for folder in s.jobs_path.iterdir():
        if folder.name in queued and folder.is_dir():
            quota.hold(folder.name, tree_bytes(folder))
        else:
            remove_tree(folder) if folder.is_dir() else folder.unlink(missing_ok=True)


_EVENT_ID = re.compile(r"^[0-9]{1,18}$")  # ASCII digits only ("²".isdigit() is True), and within SQLite's int64


def _last_event_id(
    after: Annotated[str | None, Query(description="resume after this event id (what Last-Event-ID says)")] = None,
    last_event_id: Annotated[str | None, Header(description="the id of the last event received (set by "
                                                            "EventSource when it reconnects)")] = None,
) -> int:
    """Checked before the stream starts: a bad value is a 400, not a 200 and a cut stream."""
    for name, raw in (("Last-Event-ID", last_event_id), ("after", after)):
        if raw is not None and raw != "":
            if not _EVENT_ID.match(raw):
                raise HTTPException(400, f"{name} must be an event id (a non-negative integer), not {raw[:40]!r}")
            return int(raw)
    return 0


def _add_error_handlers(app: FastAPI, settings: Settings) -> None:
    @app.exception_handler(MlemodError)
    async def bad_input(request: Request, exc: MlemodError) -> JSONResponse:
        status = 403 if isinstance(exc, BackendRefused) else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(ServerFull)
    async def server_full(request: Request, exc: ServerFull) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503,
                            headers={"Retry-After": str(settings.retry_after)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # One line a person can act on, plus the structured list for programs.
        parts = [f"{'.'.join(str(p) for p in e['loc'] if p not in ('body',))}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(parts), "errors": jsonable(exc.errors())}, status_code=422)


def jsonable(errors: list) -> list:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={Exception: str})
