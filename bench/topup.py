"""Top-up throughput: the mock on the recommended shape (serve with no flags) against Prism, same run.

    .venv/bin/python bench/topup.py [SECONDS] [ROUNDS]

Issue 12's target: top-up req/s >= Prism's on the same operation, p99 <= Prism's. Every request must
truly succeed on the mock, or its figure means nothing: each carries a fresh `uniqueReferenceNumber`
(built by the wrk Lua script per request), goes to one of several FULL_KYC wallets with T&C accepted
and room under the 2,00,000 outstanding limit, and draws 1.00 from a card account funded for far more
than a run can load. wrk reads every answer and counts those that are not HTTP 200 with
`response_code` 0; after the run the card account's balance must have gone down by exactly the
successes (each credited once). Prism, stateless, answers its spec example whatever is sent.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import yaml
from calls import PARTNER_ID, TOKEN_FORM, fetch_token
from mockproc import REPO, serve_mock, wait_ready
from prism import prism_binary, serve_prism

__all__ = ["render_topup", "topup_vs_prism"]

CARD_ACCOUNT, COMPANY = "CAC7975", "CEKQ08TRRG"
FUNDING = Decimal("9999999.00")  # the seed maximum (~₹1 crore): a 3 x 5 s run at ~2,000/s loads ~30,000
WALLETS = [f"EKCBENCH{index:02d}" for index in range(16)]  # FULL_KYC: only the 2,00,000 outstanding limit
PATH = "/api/v0/partner/enKashCard/balance"
_BODY = {"companyId": COMPANY, "cardAccountId": CARD_ACCOUNT, "enKashCardId": "{wallet}", "amount": "1.00",
         "transactionType": "CR", "uniqueReferenceNumber": "{reference}", "type": "ALLOCATE_FUND",
         "transactionCode": "ALLOCATION"}

_LUA = """
local threads = {}
local wallets = {%(wallets)s}
local template = %(body)s
wrk.method = "POST"
%(headers)s
setup = function(thread) table.insert(threads, thread); thread:set("id", #threads) end
init = function(args) id = wrk.thread:get("id"); counter = 0; answered = 0; failed = 0 end
request = function()
  counter = counter + 1
  local body = template:gsub("{reference}", string.format("bench-%(run)d-%%d-%%d", id, counter))
  body = body:gsub("{wallet}", wallets[(counter %% #wallets) + 1])
  return wrk.format(nil, nil, nil, body)
end
response = function(status, headers, body)
  answered = answered + 1
  if status ~= 200 or not body:find('"response_code"%%s*:%%s*0[,}]') then failed = failed + 1 end
end
done = function(summary, latency, requests)
  local answers, failures = 0, 0
  for _, thread in ipairs(threads) do
    answers = answers + thread:get("answered"); failures = failures + thread:get("failed")
  end
  io.write(string.format("ANSWERED %%d FAILED %%d\\n", answers, failures))
end
"""


def _seed_file(directory: Path) -> Path:
    """The default seed, with the bench wallets (FULL_KYC, T&C accepted, empty) and a card account funded
    for the whole run."""
    seed = yaml.safe_load((REPO / "mock_server" / "default_seed.yaml").read_text(encoding="utf-8"))
    demo = next(partner for partner in seed["partners"] if partner["partnerId"] == PARTNER_ID)
    demo["cardAccounts"][CARD_ACCOUNT]["balance"] = f"{FUNDING:.2f}"
    for index, wallet_id in enumerate(WALLETS):
        demo["wallets"].append({
            "enKashCardId": wallet_id, "userId": f"EKBN{index:04d}", "cardAccountId": CARD_ACCOUNT,
            "last4": f"{index:04d}", "kycStatus": "FULL_KYC", "latestTncVersionAccepted": True,
            "holder": {"title": "Mr", "firstName": "Bench", "lastName": "Loader", "gender": "M",
                       "email": f"bench{index}@example.com", "mobile": f"69000{index:05d}",
                       "specialDate": "02-09-2001", "address": "Flat 109", "city": "Kota", "state": "Rajasthan",
                       "country": "India", "pincode": "323307",
                       "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}]}})
    path = directory / "bench-seed.yaml"
    path.write_text(yaml.safe_dump(seed, sort_keys=False), encoding="utf-8")
    return path


def _lua(token: str, run: int) -> str:
    headers = {"Authorization": f"Bearer {token}", "partnerId": PARTNER_ID, "Content-Type": "application/json"}
    return _LUA % {"wallets": ", ".join(json.dumps(w) for w in WALLETS), "body": json.dumps(json.dumps(_BODY)),
                   "headers": "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()),
                   "run": run}


def _millis(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 1e-3, "ms": 1.0, "s": 1000.0}[unit]


def _wrk(url: str, token: str, run: int, connections: int, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(token, run))
    try:
        output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
                                 url + PATH], capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        Path(script.name).unlink()
    answered, failed = (int(x) for x in re.search(r"ANSWERED (\d+) FAILED (\d+)", output).groups())
    return {"requests": answered, "failed": failed,
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50_ms": _millis(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
            "p99_ms": _millis(re.search(r"99%\s+([\d.]+\w+)", output).group(1))}


def _money_state(url: str) -> tuple[Decimal, int]:
    """The card account's balance and how many ledger entries the bench wallets hold (one per credit)."""
    with urllib.request.urlopen(url + "/__admin/funds", timeout=10) as reply:
        funds = json.loads(reply.read())
    balance = next(a["availableBalance"] for a in funds["cardAccounts"] if a["cardAccountId"] == CARD_ACCOUNT)
    entries = sum(w["transactions"] for w in funds["wallets"] if w["enKashCardId"] in WALLETS)
    return Decimal(str(balance)), entries


def topup_vs_prism(tmp: Path, rounds: int = 3, connections: int = 32, seconds: int = 5) -> dict:
    """Both servers up at once, loaded in turn each round (as bench/rounds.py does); medians of the rounds."""
    binary = prism_binary()
    with ExitStack() as stack:
        mock = stack.enter_context(serve_mock(f"sqlite:{tmp}/topup.db", "--seed-path", str(_seed_file(tmp))))
        wait_ready(mock, "/__admin/health")
        targets = {"mock default": (mock.url, fetch_token(mock.url))}
        if binary is not None:
            prism = stack.enter_context(serve_prism(binary, tmp / "prism-topup.log"))
            form = urllib.parse.urlencode(TOKEN_FORM).encode()
            wait_ready(prism, "/oauth/token", timeout=60, method="POST", data=form,
                       headers={"Authorization": "Basic Og==", "Content-Type": "application/x-www-form-urlencoded"})
            targets["Prism"] = (prism.url, "prism-checks-only-the-bearer-format")
        before, _ = _money_state(mock.url)
        samples: dict[str, list[dict]] = {name: [] for name in targets}
        for run in range(rounds):
            for name, (url, token) in targets.items():
                figures = _wrk(url, token, run, connections, seconds)
                samples[name].append(figures)
                print(f"  round {run + 1} {name} top-up: {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms, "
                      f"{figures['failed']} failed", flush=True)
        after, entries = _money_state(mock.url)
    credited = before - after
    result = {name: _median(found) for name, found in samples.items()}
    mock_figures = result["mock default"]
    succeeded = sum(s["requests"] - s["failed"] for s in samples["mock default"])
    # wrk stops with up to `connections` requests in flight each round: the server credits them, wrk never
    # reads their answers. So: 1.00 per ledger entry exactly, and the acknowledged successes all among them.
    mock_figures.update(credited_rupees=f"{credited:.2f}", acknowledged=succeeded, wallet_entries=entries,
                        credited_once_each=(credited == Decimal(entries)
                                            and 0 <= entries - succeeded <= connections * rounds))
    if "Prism" in result:
        prism_figures = result["Prism"]
        result["throughput_vs_prism"] = round(mock_figures["rps"] / prism_figures["rps"], 2)
        result["p99_vs_prism"] = round(mock_figures["p99_ms"] / prism_figures["p99_ms"], 2)
        result["target_met"] = (result["throughput_vs_prism"] >= 1.0 and result["p99_vs_prism"] <= 1.0
                                and mock_figures["failed"] == 0 and mock_figures["credited_once_each"])
    return result


def _median(samples: list[dict]) -> dict:
    return {"rps": round(statistics.median(s["rps"] for s in samples), 1),
            "p50_ms": round(statistics.median(s["p50_ms"] for s in samples), 2),
            "p99_ms": round(statistics.median(s["p99_ms"] for s in samples), 2),
            "requests": sum(s["requests"] for s in samples), "failed": sum(s["failed"] for s in samples),
            "rounds_rps": [round(s["rps"]) for s in samples], "rounds_p99_ms": [round(s["p99_ms"], 1) for s in samples]}


def render_topup(figures: dict) -> str:
    """The Markdown section of latest.md."""
    lines = ["## Top-up (`/balance`) vs Prism", "",
             "Fresh uniqueReferenceNumber per request, 16 FULL_KYC wallets with room, 1.00 each; "
             "failures = answers other than HTTP 200 with response_code 0.", "",
             "| server | req/s | p50 ms | p99 ms | requests | failed |", "|---|---:|---:|---:|---:|---:|"]
    for name in ("mock default", "Prism"):
        if name in figures:
            f = figures[name]
            lines.append(f"| {name} | {f['rps']:.0f} | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} | {f['requests']} | "
                         f"{f['failed']} |")
    if "throughput_vs_prism" in figures:
        verdict = "MET" if figures["target_met"] else "NOT MET"
        lines += ["", f"- throughput vs Prism {figures['throughput_vs_prism']}x, p99 vs Prism "
                      f"{figures['p99_vs_prism']}x, each success credited once: "
                      f"{figures['mock default']['credited_once_each']}; target (>= 1x, p99 <= Prism, no failure): "
                      f"{verdict}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="enkash-topup-") as directory:
        figures = topup_vs_prism(Path(directory), rounds, seconds=seconds)
    print(render_topup(figures))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
