"""The HTTP service: a repair is a job (DESIGN.md, api/).

    POST   /jobs                    notebook (+ data zip, + options) -> 202 {id, status, links}
    GET    /jobs                    recent jobs
    GET    /jobs/{id}               status
    GET    /jobs/{id}/events        progress as server-sent events (resumable: Last-Event-ID)
    GET    /jobs/{id}/notebook      the repaired notebook, with provenance metadata
    GET    /jobs/{id}/report        report.json;  /jobs/{id}/report.md: report.md
    DELETE /jobs/{id}               cancel a job that has not started
    GET    /health                  liveness and this server's policy

Every request carries ``Authorization: Bearer <token>``. Inputs are checked
before anything is stored or run; bad input gets a 4xx with a one-line
``detail``.
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

from fastapi import Depends, FastAPI, Form, HTTPException, Request, Response, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import ConfigDict, Field

from .. import __version__
from ..core import parse_notebook
from ..errors import InputError, MlemodError
from .archive import extract_zip, remove_tree
from .auth import BearerAuthMiddleware
from .jobs import STOPPED_REASON, JobRunner
from .settings import BackendRefused, JobOptions, Settings
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
        runner = JobRunner(settings, store)
        for job_id in store.recover(STOPPED_REASON):
            runner.submit(job_id)
        app.state.store, app.state.runner = store, runner
        try:
            yield
        finally:
            runner.stop()
            store.close()

    app = FastAPI(title="mlemodernizer", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Repairs old ML notebooks so they run and reproduce in a fixed modern environment.")
    app.add_middleware(BearerAuthMiddleware, token=settings.token.get_secret_value())
    _add_error_handlers(app)

    def store(request: Request) -> JobStore:
        return request.app.state.store

    def job(job_id: str, request: Request) -> Job:
        found = store(request).get(job_id) if _JOB_ID.match(job_id) else None
        if found is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return found

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "version": __version__, "backend": settings.backend,
                "allow_local_backend": settings.allow_local_backend, "workers": settings.workers}

    @app.post("/jobs", status_code=202, max_body_size=settings.max_request_bytes)
    def create_job(request: Request, response: Response, form: Annotated[JobForm, Form()]) -> dict:
        notebook, data = form.notebook, form.data
        resolved = form.resolve(settings)
        text = _read_bounded(notebook, settings.max_notebook_bytes, "notebook")
        name = _safe_name(notebook.filename)
        parsed = parse_notebook(text, Path(name))  # raises NotebookError: a one-line 400
        job_id = uuid.uuid4().hex
        data_dir = None
        if data is not None and (data.size or data.filename):
            data_dir = str(_unpack(data, settings.jobs_path / job_id, settings))
        # Stored as parsed (v4, UTF-8): a v3 upload is upgraded once, and any JSON encoding is accepted.
        created = store(request).create(job_id, name, resolved, parsed.dumps(), data_dir)
        request.app.state.runner.submit(job_id)
        response.headers["Location"] = f"/jobs/{job_id}"
        return _view(created)

    @app.get("/jobs")
    def list_jobs(request: Request, limit: int = 50) -> list[dict]:
        return [_view(j) for j in store(request).list(max(1, min(limit, 500)))]

    @app.get("/jobs/{job_id}")
    def get_job(found: Annotated[Job, Depends(job)]) -> dict:
        return _view(found)

    @app.delete("/jobs/{job_id}")
    def cancel_job(request: Request, found: Annotated[Job, Depends(job)]) -> dict:
        if not store(request).cancel(found.id):
            raise HTTPException(409, f"job {found.id} is {found.status}: only a queued job can be cancelled")
        remove_tree(settings.jobs_path / found.id)
        return _view(store(request).get(found.id))

    @app.get("/jobs/{job_id}/events", response_class=EventSourceResponse)
    async def job_events(request: Request, found: Annotated[Job, Depends(job)]) -> AsyncIterator[ServerSentEvent]:
        last = _last_event_id(request)
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

    @app.get("/jobs/{job_id}/notebook")
    def repaired_notebook(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        text = _output(store(request), found, "repaired")
        stem = found.name.removesuffix(".ipynb")
        return Response(text, media_type="application/x-ipynb+json",
                        headers={"Content-Disposition": f'attachment; filename="{stem}.repaired.ipynb"'})

    @app.get("/jobs/{job_id}/report")
    def report_json(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        return Response(_output(store(request), found, "report_json"), media_type="application/json")

    @app.get("/jobs/{job_id}/report.md")
    def report_markdown(request: Request, found: Annotated[Job, Depends(job)]) -> Response:
        return Response(_output(store(request), found, "report_md"), media_type="text/markdown; charset=utf-8")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> dict:  # served here, not by FastAPI, so that it sits behind the token like the rest
        return app.openapi()

    app.openapi_url = None  # FastAPI's own unauthenticated route is replaced by the one above
    return app


# ---------------------------------------------------------------------- helpers


class JobForm(JobOptions):
    """The whole POST /jobs form: the options plus the two files (one model, so unknown fields are refused)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    notebook: UploadFile = Field(description="the .ipynb to repair (nbformat v3 or v4)")
    data: UploadFile | None = Field(None, description="the notebook's input files, as a zip")


def _view(job: Job) -> dict:
    base = f"/jobs/{job.id}"
    view = job.model_dump(exclude={"data_dir"})
    view["links"] = {"self": base, "events": f"{base}/events"}
    if job.status == "done":
        view["links"] |= {"notebook": f"{base}/notebook", "report": f"{base}/report", "report_md": f"{base}/report.md"}
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


def _unpack(data: UploadFile, job_dir: Path, s: Settings) -> Path:
    """Store the zip (bounded), extract it safely, drop the zip; on any failure leave nothing behind."""
    try:
        private_dir(job_dir)
        archive = job_dir / "data.zip"
        with open(archive, "wb") as out:
            copied = _copy_bounded(data, out, s.max_data_bytes)
        if copied == 0:
            raise InputError("data is an empty file; send a zip of the notebook's input files or leave it out")
        folder = extract_zip(archive, job_dir / "data", s.max_archive_members, s.max_extracted_bytes)
        archive.unlink()
        return folder
    except BaseException:
        remove_tree(job_dir)
        raise


def _copy_bounded(upload: UploadFile, out, limit: int) -> int:
    if upload.size is not None and upload.size > limit:
        raise HTTPException(413, f"data is {upload.size} bytes; this server accepts at most {limit}")
    upload.file.seek(0)
    copied = 0
    while chunk := upload.file.read(1024 * 1024):
        copied += len(chunk)
        if copied > limit:
            raise HTTPException(413, f"data is larger than {limit} bytes, this server's limit")
        out.write(chunk)
    return copied


def _last_event_id(request: Request) -> int:
    raw = request.headers.get("last-event-id") or request.query_params.get("after") or "0"
    return int(raw) if raw.isdigit() else 0


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MlemodError)
    async def bad_input(request: Request, exc: MlemodError) -> JSONResponse:
        status = 403 if isinstance(exc, BackendRefused) else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # One line a person can act on, plus the structured list for programs.
        parts = [f"{'.'.join(str(p) for p in e['loc'] if p not in ('body',))}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(parts), "errors": jsonable(exc.errors())}, status_code=422)


def jsonable(errors: list) -> list:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={Exception: str})
