"""Bearer-token authentication for every request, as ASGI middleware; several named clients.

Middleware rather than a route dependency: FastAPI reads a request's body before
it resolves dependencies, and an unauthenticated client must not get to make the
server receive (and size-check) a large upload, nor learn which paths exist.

Each token belongs to a named client (``settings.Client``); the middleware puts
the caller in the request's state (``request.state.client``), the routes show a
client only its own jobs (another's is a 404, as if it did not exist), an admin
every job. Tokens come from ``--tokens-file`` (``name:token`` per line,
``name:token:admin`` for an admin), ``MLEMOD_API_TOKENS`` (``name:token,...``),
``MLEMOD_API_ADMIN_TOKEN``, and the single ``MLEMOD_API_TOKEN`` (an admin).

Open without a token (GET and HEAD only): ``/health``, for liveness probes, and
the API's description, ``/docs`` and ``/openapi.json`` (a browser loading the
docs page sends no token; the document describes this open-source API and holds
nothing about any job).
"""

from __future__ import annotations

import hmac

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import InputError

PUBLIC_PATHS = ("/health", "/docs", "/docs/oauth2-redirect", "/openapi.json")


class BearerAuthMiddleware:
    def __init__(self, app: ASGIApp, clients: list):
        self.app = app
        self._clients = [(c.token.get_secret_value().encode(), c) for c in clients]

    def identify(self, given: str):
        """The client whose token ``given`` is, or None. Every token is compared, each with
        compare_digest (time independent of where strings differ): no timing oracle on any token."""
        found = None
        given_bytes = given.strip().encode()
        for token, client in self._clients:
            if hmac.compare_digest(given_bytes, token):
                found = client
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["path"] in PUBLIC_PATHS and scope["method"] in ("GET", "HEAD")):
            return await self.app(scope, receive, send)
        scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            return await _refuse("missing bearer token (send the header Authorization: Bearer <token>)")(
                scope, receive, send)
        client = self.identify(given)
        if client is None:
            return await _refuse("invalid bearer token")(scope, receive, send)
        scope.setdefault("state", {})["client"] = client
        await self.app(scope, receive, send)


def _refuse(detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="mlemod"'})


def parse_tokens(text: str, source: str, separator: str = "\n") -> list[dict]:
    """Clients from ``name:token`` entries (``name:token:admin`` for an admin) separated by ``separator``;
    blank entries and ``#`` comments are skipped. InputError names the entry, never echoes a token."""
    clients = []
    for number, entry in enumerate(text.split(separator), 1):
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        parts = entry.split(":")
        where = f"{source}: entry {number}" if separator != "\n" else f"{source}:{number}"
        if len(parts) not in (2, 3) or not parts[0] or not parts[1] or (len(parts) == 3 and parts[2] != "admin"):
            raise InputError(f"{where}: expected name:token or name:token:admin")
        clients.append({"name": parts[0], "token": parts[1], "admin": len(parts) == 3})
    return clients
