"""Load generation: wrk with a Lua script per scenario, or a Python keep-alive generator without wrk.

A scenario is a method, a path, fixed headers and a body template; `{mobile}` in the template
becomes a fresh 10-digit mobile per request (create-wallet must not hit "duplicate mobile"), and
`{wallet}` one of a list of stored wallet ids picked at random.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Scenario", "run_load"]


@dataclass
class Scenario:
    name: str
    path: str
    headers: dict[str, str]
    body: str
    wallets: list[str] = field(default_factory=list)


_LUA = """
local counter = 0
local id = 0
local wallets = {%(wallets)s}
local template = %(body)s
local prefix = "%(prefix)s"
local lane = %(lane)d
wrk.method = "POST"
%(headers)s
local n = 0
setup = function(thread) n = n + 1; thread:set("id", n) end
init = function(args) id = (tonumber(wrk.thread:get("id")) or 0) + lane end
request = function()
  counter = counter + 1
  local body = template:gsub("{mobile}", string.format("%%s%%d%%08d", prefix, id %% 10, counter))
  if #wallets > 0 then body = body:gsub("{wallet}", wallets[math.random(#wallets)]) end
  return wrk.format(nil, nil, nil, body)
end
"""


# A request that never changes is built once by wrk itself: a Lua `request` function runs for
# every request, on the same two cores as the server under test.
_STATIC_LUA = """
wrk.method = "POST"
wrk.body = %(body)s
%(headers)s
"""


def _lua(scenario: Scenario, prefix: str, lane: int = 0) -> str:
    headers = "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in scenario.headers.items())
    if "{mobile}" not in scenario.body and not scenario.wallets:
        return _STATIC_LUA % {"body": json.dumps(scenario.body), "headers": headers}
    wallets = ", ".join(json.dumps(w) for w in scenario.wallets)
    return _LUA % {"wallets": wallets, "body": json.dumps(scenario.body), "headers": headers, "prefix": prefix,
                   "lane": lane}


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _millis(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    def grab(pattern: str, default: str = "0") -> str:
        found = re.search(pattern, output)
        return found.group(1) if found else default

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(grab(r"(\d+) requests in")),
        "rps": float(grab(r"Requests/sec:\s+([\d.]+)")),
        "p50_ms": _millis(grab(r"50%\s+([\d.]+\w+)", "0ms")),
        "p99_ms": _millis(grab(r"99%\s+([\d.]+\w+)", "0ms")),
        "non_2xx": int(grab(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
    }


def _run_wrk(url: str, scenario: Scenario, connections: int, seconds: float, prefix: str, lane: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(scenario, prefix, lane))
    try:
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
                   url + scenario.path]
        output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    finally:
        Path(script.name).unlink()
    return {**parse_wrk(output), "generator": "wrk"}


def _python_worker(url: str, scenario: Scenario, stop: float, worker: int, prefix: str, out: list,
                   errors: list) -> None:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    counter = 0
    while time.monotonic() < stop:
        counter += 1
        body = scenario.body.replace("{mobile}", f"{prefix}{worker % 10}{counter:08d}")
        if scenario.wallets:
            body = body.replace("{wallet}", scenario.wallets[counter % len(scenario.wallets)])
        started = time.perf_counter()
        conn.request("POST", scenario.path, body=body, headers=scenario.headers)
        reply = conn.getresponse()
        reply.read()
        out.append(time.perf_counter() - started)
        if reply.status >= 300:
            errors.append(reply.status)
    conn.close()


def _run_python(url: str, scenario: Scenario, connections: int, seconds: float, prefix: str, lane: int) -> dict:
    latencies: list[float] = []
    errors: list[int] = []
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=_python_worker, args=(url, scenario, stop, i + lane, prefix, latencies, errors))
               for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies), "rps": len(latencies) / seconds, "p50_ms": cuts[49] * 1000,
            "p99_ms": cuts[98] * 1000, "non_2xx": len(errors), "socket_errors": 0, "generator": "python"}


def run_load(url: str, scenario: Scenario, connections: int = 32, seconds: float = 10, run: int = 0,
             lane: int = 0) -> dict:
    """One bounded run against a loopback URL; wrk if installed, else the Python generator.

    `run` (0-5) picks the first digit of generated mobiles, so repeated runs never reuse one; `lane`
    shifts the second digit, so generators loading two replicas at once never share one either."""
    prefix = str(1 + run % 6)
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("load runs are loopback only")
    if shutil.which("wrk"):
        return _run_wrk(url, scenario, connections, seconds, prefix, lane)
    return _run_python(url, scenario, connections, seconds, prefix, lane)
