"""A real OpenAI-compatible HTTP server on 127.0.0.1 that plays scripted answers.

The only fake in the test-suite: the model. Everything up to the HTTP socket
(litellm, the OpenAI client, tenacity's retries) runs for real. Each request
to /v1/chat/completions (or /chat/completions) takes the next scripted reply:

- ``Reply("text")``            a normal completion whose message content is "text"
- ``Reply(status=429)``        an error status with an OpenAI-style error body
- ``Reply("text", delay=5)``   the answer only after a delay (to cause a client timeout)
- ``Reply("text", usage=False)`` an answer without a usage block (token counts are the client's job)

Requests are recorded (parsed JSON bodies) so tests can assert on the prompt.
An exhausted script answers 500 with a message saying so, which fails the test visibly.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    delay: float = 0.0
    prompt_tokens: int = 100
    completion_tokens: int = 20
    usage: bool = True  # False: the answer carries no usage block (some local servers send none)


class FakeLLM:
    def __init__(self):
        self.script: list[Reply] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True  # a handler sleeping out a delay must not block shutdown
        self.server = server
        self.port = server.server_address[1]
        self.api_base = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def push(self, *replies: Reply | str) -> None:
        with self._lock:
            self.script.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def next_reply(self, body: dict) -> Reply | None:
        with self._lock:
            self.requests.append(body)
            return self.script.pop(0) if self.script else None

    def user_prompts(self) -> list[str]:
        """The last user message of every recorded request."""
        return [next(m["content"] for m in reversed(r["messages"]) if m["role"] == "user") for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler_for(fake: FakeLLM):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def do_POST(self):
            if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                return self._send(404, _error(f"no route {self.path}", "not_found"))
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            reply = fake.next_reply(body)
            if reply is None:
                return self._send(500, _error("fake LLM: no scripted answer left", "server_error"))
            if reply.delay:
                time.sleep(reply.delay)
            if reply.status != 200:
                kind = "rate_limit_error" if reply.status == 429 else "server_error"
                return self._send(reply.status, _error(f"scripted status {reply.status}", kind))
            payload = {
                "id": f"chatcmpl-fake-{len(fake.requests)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "fake"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": reply.content}}],
            }
            if reply.usage:
                payload["usage"] = {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens,
                                    "total_tokens": reply.prompt_tokens + reply.completion_tokens}
            self._send(200, payload)

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a scripted timeout): nothing to answer

    return Handler


def _error(message: str, kind: str) -> dict:
    return {"error": {"message": message, "type": kind}}
