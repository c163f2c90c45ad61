"""Concurrent load on a real server on 127.0.0.1: the part ``bench_api.py --clients`` and
``bench_soak.py`` share.

The server runs in its own process (uvicorn, the app as ``peristiwa serve`` builds it), so the load
generator's Python does not share the server's GIL; the clients are asyncio tasks, each on its own
keep-alive connection (a minimal HTTP/1.1 client, :class:`Connection`), each sending its next
request as soon as the last one is answered (closed loop), for a bounded time.
Only the loopback address is ever used.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"  # never anything else: this load must not leave the machine

SERVER = """
import sys, uvicorn
from peristiwa.serve.app import create_app
url, port, pool, workers, fake = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
warm = sys.argv[6] == "warm"
factory = None
if fake == "fake":
    from peristiwa.store.fake import FakeCoder as factory
app = create_app(url, cors_origins=[], code_pool=pool, code_workers=workers or None, warm=warm,
                 coder_factory=factory)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="error")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (the coding workers), in MiB."""
    total = 0
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):  # workers may be started by any thread
        with suppress(OSError):
            pids += [int(p) for p in (task / "children").read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, its own threads only, in seconds.

    Per request served, this is what a run costs the server whatever else the machine runs: on a
    busy machine the latencies say how long requests queued, this says how much work they were.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(
    url: str, pool: str = "process", workers: int = 0, fake: bool = False, warm: bool = False
) -> Iterator[tuple[str, int]]:
    """A server on a free loopback port, up and answering: yields (base URL, its PID)."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SERVER,
            url,
            str(port),
            pool,
            str(workers),
            "fake" if fake else "real",
            "warm" if warm else "cold",
        ],
        env={**os.environ, "PERISTIWA_CORS_ORIGINS": ""},
    )
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("the server exited at start") from None
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def wait_for_coder(base: str, limit: float = 300.0) -> float:
    """Post a short text until the pool answers 200 (the model loads in the workers): seconds taken."""
    t0 = time.monotonic()
    body = json.dumps({"text": "Presiden Prabowo bertemu Xi Jinping di Beijing."}).encode()
    while time.monotonic() - t0 < limit:
        req = urllib.request.Request(base + "/api/code", body, {"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=limit) as r:
                if r.status == 200:
                    return time.monotonic() - t0
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the coder did not answer")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass
class Tally:
    """Latencies (ms) and outcomes of one kind of request."""

    name: str
    ms: list[float] = field(default_factory=list)
    errors: int = 0  # transport errors and any status other than 200 (and the 503s counted below)
    busy: int = 0  # 503 from a full coding pool: the server refusing by design, counted apart
    statuses: dict[int, int] = field(default_factory=dict)

    def line(self, seconds: float) -> str:
        return (
            f"{self.name:<34} n {len(self.ms):6d}  {len(self.ms) / seconds:6.1f}/s  "
            f"p50 {percentile(self.ms, 50):7.1f}  p95 {percentile(self.ms, 95):7.1f}  "
            f"p99 {percentile(self.ms, 99):7.1f} ms  errors {self.errors}  busy(503) {self.busy}"
        )


Request = tuple[str, str, dict[str, str] | None, bytes | None]  # kind, path, params, JSON body
Chooser = Callable[[random.Random], Request]


class Connection:
    """A minimal HTTP/1.1 keep-alive client on one socket: far less client CPU per request than httpx.

    On a two-core machine the load generator shares the cores with the server, so a heavy client
    would make the server look slower than it is. Only what uvicorn answers is handled: a status
    line, headers, a Content-Length body.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, target: str, body: bytes | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        head = f"{method} {target} HTTP/1.1\r\nHost: {HOST}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        await self.writer.drain()
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _client(port: int, choose: Chooser, tallies: dict[str, Tally], stop: float, seed: int) -> None:
    from urllib.parse import urlencode

    rnd = random.Random(seed)
    conn = Connection(port)
    while time.monotonic() < stop:
        kind, path, params, body = choose(rnd)
        tally = tallies.setdefault(kind, Tally(kind))
        target = path + ("?" + urlencode(params) if params else "")
        t0 = time.perf_counter()
        try:
            status, headers, data = await conn.request("GET" if body is None else "POST", target, body)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            tally.errors += 1
            conn.close()
            continue
        ms = (time.perf_counter() - t0) * 1000
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if status == 200:
            tally.ms.append(ms)
        elif status == 503 and b"busy" in data:
            tally.busy += 1
            await asyncio.sleep(float(headers.get("retry-after", "1")) / 5)
        else:
            tally.errors += 1
    conn.close()


async def _run(base: str, groups: list[tuple[int, Chooser]], seconds: float) -> dict[str, Tally]:
    port = int(base.rsplit(":", 1)[1])
    tallies: dict[str, Tally] = {}
    stop = time.monotonic() + seconds
    tasks = []
    seed = 0
    for count, choose in groups:
        for _ in range(count):
            seed += 1
            tasks.append(_client(port, choose, tallies, stop, seed))
    await asyncio.gather(*tasks)
    return tallies


def drive(base: str, groups: list[tuple[int, Chooser]], seconds: float) -> dict[str, Tally]:
    """Run ``count`` clients of each chooser for ``seconds``; the tallies by request kind."""
    return asyncio.run(_run(base, groups, seconds))


def long_text(chars: int = 60_000) -> str:
    """About ``chars`` characters of real Indonesian news (the shared corpus), else a repeated story."""
    from peristiwa.config import data_dir

    path = Path(data_dir()) / "news" / "articles.jsonl"
    parts: list[str] = []
    size = 0
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                parts.append(text)
                size += len(text) + 2
                if size >= chars:
                    break
    if size < chars:
        story = "Presiden Prabowo bertemu Perdana Menteri Malaysia di Jakarta pada Senin. "
        parts.append(story * ((chars - size) // len(story) + 1))
    return "\n\n".join(parts)[:chars]
