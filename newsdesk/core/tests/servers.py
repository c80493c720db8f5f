"""A real HTTP server on 127.0.0.1 for tests of the outbound client and its callers.

Each route is a function of the request handler that writes the whole answer itself, so
a test can send redirects, huge bodies or nothing at all. The server counts the requests
it saw and the body bytes it managed to send before the client hung up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]


@dataclass
class LocalServer:
    port: int
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    bytes_sent: int = 0

    def url(self, path: str = "/", *, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    state: LocalServer

    def do_GET(self):
        self.state.requests.append((self.path, dict(self.headers.items())))
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.answer(404, b"not found")
            return
        # The client may stop reading: what the size-cap tests want.
        with suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.write(body)

    def write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()
        self.state.bytes_sent += len(data)

    def log_message(self, format, *args):
        pass


@contextmanager
def local_server(routes: dict[str, Route]) -> Iterator[LocalServer]:
    state = LocalServer(port=0)
    handler = type("RouteHandler", (Handler,), {"routes": routes, "state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
