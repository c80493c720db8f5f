"""Start Varnish with newsdesk's VCL in front of an app, for tests and benchmarks.

Production runs Varnish as a service with ``deploy/varnish/default.vcl``; this module
runs the same VCL in the foreground on a given port, in a private working directory.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# No Django import: the benchmarks use this module without settings.
VCL_PATH = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"
VARNISH_NOT_INSTALLED = "varnishd not found: install Debian's varnish package (see .ci/run)."


def varnishd_path() -> str | None:
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


def vcl_for_backend(*, host: str, port: int) -> str:
    vcl = VCL_PATH.read_text()
    vcl = vcl.replace('.host = "127.0.0.1";', f'.host = "{host}";', 1)
    return vcl.replace('.port = "8000";', f'.port = "{port}";', 1)


def free_port(candidates) -> int:
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in the range given.")


def _wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"Varnish did not start listening on port {port}.")


@contextlib.contextmanager
def running_varnish(
    *, backend_port: int, port: int, backend_host: str = "127.0.0.1", memory: str = "64m"
) -> Iterator[int]:
    """Run varnishd on ``port`` in front of ``backend_host:backend_port``; yield the port."""
    binary = varnishd_path()
    if binary is None:
        raise RuntimeError(VARNISH_NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="newsdesk-varnish-") as workdir:
        vcl = Path(workdir) / "newsdesk.vcl"
        vcl.write_text(vcl_for_backend(host=backend_host, port=backend_port))
        command = [
            binary,
            "-F",
            "-j",
            "none",
            "-n",
            str(Path(workdir) / "state"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            f"malloc,{memory}",
            "-p",
            "ban_lurker_sleep=0.05",
            "-p",
            "thread_pool_min=20",
        ]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_for_port(port, timeout=15)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
