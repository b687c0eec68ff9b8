"""Bearer-token authentication for every request, as ASGI middleware.

Middleware rather than a route dependency: FastAPI reads a request's body before
it resolves dependencies, and an unauthenticated client must not get to make the
server receive (and size-check) a large upload, nor learn which paths exist.

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


PUBLIC_PATHS = ("/health", "/docs", "/docs/oauth2-redirect", "/openapi.json")


class BearerAuthMiddleware:
    def __init__(self, app: ASGIApp, token: str):
        self.app = app
        self._token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["path"] in PUBLIC_PATHS and scope["method"] in ("GET", "HEAD")):
            return await self.app(scope, receive, send)
        scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            return await _refuse("missing bearer token (send the header Authorization: Bearer <token>)")(
                scope, receive, send)
        # compare_digest takes time independent of where the strings differ: no timing oracle on the token.
        if not hmac.compare_digest(given.strip().encode(), self._token):
            return await _refuse("invalid bearer token")(scope, receive, send)
        await self.app(scope, receive, send)


def _refuse(detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="mlemod"'})
