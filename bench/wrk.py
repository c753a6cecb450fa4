"""wrk, the load generator of the benchmarks, and what one run of it measured."""

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
# What a reader's browser sends, so pages are answered as readers get them (gzip).
READER = {"Accept-Encoding": "gzip, deflate"}

# Takes the paths in turn. A load of one path names it in the URL instead: without a
# script's request function, wrk builds the request once, not again for each request.
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
SOCKET_ERRORS = ("connect", "read", "write", "timeout")


@dataclass
class Result:
    """What one run of wrk measured."""

    requests: int = 0
    rate: float = 0.0  # requests per second
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)  # by kind
    latency: dict[str, str] = field(default_factory=dict)  # "99": wrk's "12.34ms"
    problems: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())

    def milliseconds(self, percent: str) -> float | None:
        found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", self.latency.get(percent, ""))
        return float(found[1]) * UNITS[found[2]] if found and self.requests else None

    @property
    def p50(self) -> float | None:
        return self.milliseconds("50")

    @property
    def p99(self) -> float | None:
        return self.milliseconds("99")


def parse(output: str, seconds: int) -> Result:
    """Return the requests, requests/s, errors and latencies of wrk's report."""
    done = re.search(r"(\d+) requests in", output)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result = Result(
        requests=int(done[1]) if done else 0,
        rate=float(rate[1]) if rate else 0.0,
        non_2xx_3xx=int(bad[1]) if bad else 0,
    )
    if sockets:
        counts = map(int, sockets.groups())
        result.socket_errors = dict(zip(SOCKET_ERRORS, counts, strict=True))
    for percent in ("50", "90", "99"):
        if found := re.search(rf"^\s+{percent}%\s+(\S+)", output, re.M):
            result.latency[percent] = found[1]
    if not result.requests:
        result.problems.append(f"no answer within {seconds} s")
    if result.non_2xx_3xx:
        result.problems.append(f"{result.non_2xx_3xx} non-2xx")
    for kind, count in result.socket_errors.items():
        if count:
            result.problems.append(f"{count} {kind} errors")
    return result


def command(threads: int, connections: int, seconds: int, timeout: str) -> list:
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        timeout,
    ]


def run(
    port: int,
    paths: str | list[str],
    *,
    threads: int,
    connections: int,
    seconds: int,
    timeout: str,
    headers: dict | None = None,
) -> Result:
    """Load the loopback ``port`` on one path, or on a list of paths in turn.

    Raises CalledProcessError when wrk fails."""
    line = command(threads, connections, seconds, timeout)
    for name, value in (headers or {}).items():
        line += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory(prefix="newsroom-wrk-") as folder:
        if isinstance(paths, str):
            url = f"http://{HOST}:{port}{paths}"
        else:
            script = Path(folder) / "paths.lua"
            script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
            line += ["-s", str(script)]
            url = f"http://{HOST}:{port}"
        out = subprocess.run(
            [*line, url],
            check=True,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    return parse(out, seconds)
