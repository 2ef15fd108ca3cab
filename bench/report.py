"""Ratios against the targets, and the Markdown table of one benchmark run."""

from __future__ import annotations

__all__ = ["ratios", "render_markdown", "render_store_table"]

STARTUP_TARGET_S = 0.5
PRISM_THROUGHPUT_TARGET = 1.5  # issue 14: serve with no flags >= 1.5x Prism (stretch 2x)
SCALING_TARGET = 1.2  # p99 with the big store within 20% of the figure with 1,000 wallets
CONTRACTS_IN_PROCESS_TARGET = 3.0  # issue 14: in-process contract suite >= 3x its cases/s over HTTP
LEDGER_TARGET = 1.2  # issue 12: transaction/all p99 at 100,000 stored transactions within 20% of 100


def _recommended_shape(results: dict) -> str:
    """Targets are judged on the last shape measured: `default`, serve with no flags, unless told otherwise."""
    return list(results["mock"])[-1]


def ratios(results: dict) -> dict:
    out: dict = {}
    prism = results.get("prism")
    for shape, mock in results["mock"].items():
        if not prism:
            break
        for name in ("token", "create-wallet", "wallet-details"):
            out[f"{shape}.{name}.throughput_vs_prism"] = round(mock[name]["rps"] / prism[name]["rps"], 2)
            out[f"{shape}.{name}.p99_vs_prism"] = round(mock[name]["p99_ms"] / prism[name]["p99_ms"], 2)
    shape = _recommended_shape(results)
    for name, calls in (results.get("postgres") or {}).items():
        for call, figures in calls.items():
            out[f"{name}.{call}.throughput_vs_sqlite_{shape}"] = round(
                figures["rps"] / results["mock"][shape][call]["rps"], 2)
    out["startup_s"] = round(results["startup"]["median_s"], 3)
    scale = results["scaling"]
    small, big = scale["1000"], scale[max(scale, key=int)]
    out["scaling.p99_big_vs_1000"] = round(big["p99_ms"] / small["p99_ms"], 2)
    out["targets"] = _targets(out, results)
    contracts, ledger = results.get("contracts") or {}, results.get("ledger") or {}
    if "in_process_vs_http" in contracts:
        out["contracts.in_process_vs_http"] = contracts["in_process_vs_http"]
        out["targets"][f"contract suite in-process >= {CONTRACTS_IN_PROCESS_TARGET}x over HTTP"] = (
            contracts["in_process_vs_http"] >= CONTRACTS_IN_PROCESS_TARGET)
    if "p99_ratio" in ledger:
        out["ledger.p99_100k_vs_100"] = ledger["p99_ratio"]
        out["targets"]["transaction/all p99 at 100,000 within 20% of 100"] = ledger["p99_ratio"] <= LEDGER_TARGET
    fixtures = results.get("fixtures")
    if fixtures and "overhead_ms" in fixtures:
        out["targets"].update({
            "enkash_mock overhead <= 2x respx_mock": fixtures["enkash_mock_vs_respx_mock"] <= 2,
            "enkash_live_mock overhead <= 3 ms": fixtures["overhead_ms"]["enkash_live_mock"] <= 3,
            "plugin import <= 50 ms": fixtures["plugin_import_ms"] <= 50})
    return out


def _targets(out: dict, results: dict) -> dict:
    targets = {"startup <= 0.5 s": out["startup_s"] <= STARTUP_TARGET_S,
               "p99 with big store within 20%": out["scaling.p99_big_vs_1000"] <= SCALING_TARGET}
    if results.get("prism"):
        best = _recommended_shape(results)
        for name in ("token", "wallet-details"):
            targets[f"{name} throughput >= {PRISM_THROUGHPUT_TARGET}x Prism ({best})"] = (
                out[f"{best}.{name}.throughput_vs_prism"] >= PRISM_THROUGHPUT_TARGET)
            targets[f"{name} p99 <= Prism ({best})"] = out[f"{best}.{name}.p99_vs_prism"] <= 1.0
    return targets


def _row(label: str, figures: dict) -> str:
    return f"| {label} | {figures['rps']:.0f} | {figures['p50_ms']:.1f} | {figures['p99_ms']:.1f} | " \
           f"{figures['non_2xx']} |"


def render_store_table(measured: dict) -> str:
    """{server: {call: figures}} as one table (bench/run.py --only-postgres)."""
    lines = ["| server / call | req/s | p50 ms | p99 ms | non-2xx |", "|---|---:|---:|---:|---:|"]
    for server, calls in measured.items():
        lines += [_row(f"mock {server} {name}", figures) for name, figures in calls.items()]
    return "\n".join(lines)


def render_markdown(results: dict) -> str:
    settings, lines = results["settings"], []
    lines += ["# Benchmark: enkash-mock vs Stoplight Prism (one run)", "",
              f"{results['machine']['cpus']} CPUs, Python {results['machine']['python']}; "
              f"{settings['connections']} connections, medians of {settings['rounds']} interleaved rounds of "
              f"{settings['seconds']} s per server and call, loopback, "
              f"generator {next(iter(next(iter(results['mock'].values())).values()))['generator']}. "
              "Mock: `enkash-mock serve --store sqlite:… --workers W --threads T` shown as WxT "
              "(stateful, validating requests); `postgres` rows: the same on `--store postgresql://…` (a local "
              "PostgreSQL on the same cores), and two such replicas on one database, the connections split "
              "between them.", "",
              "| server / call | req/s | p50 ms | p99 ms | non-2xx |", "|---|---:|---:|---:|---:|"]
    for shape, mock in results["mock"].items():
        lines += [_row(f"mock {shape} {name}", figures) for name, figures in mock.items()]
    for store, calls in (results.get("postgres") or {}).items():
        lines += [_row(f"mock {store} {name}", figures) for name, figures in calls.items()]
    if results.get("prism"):
        lines += [_row(f"Prism {name}", figures) for name, figures in results["prism"].items()
                  if isinstance(figures, dict)]
    lines += ["", "## Ratios and targets", ""]
    lines += [f"- {key}: {value}" for key, value in results["ratios"].items() if key != "targets"]
    lines += [f"- target {name}: {'MET' if met else 'NOT MET'}" for name, met in results["ratios"]["targets"].items()]
    lines += ["", "## Start-up and scaling", "",
              f"- start-up to first 200 (median of {len(results['startup']['all_s'])}, fresh sqlite store): "
              f"{results['startup']['median_s']:.3f} s"]
    if results.get("prism"):
        lines.append(f"- Prism start-up to first 200 (median of 3): {results['prism']['startup_s']:.3f} s")
    shape = settings["servers"].split(",")[-1]
    lines += [f"- wallet-details with {count} stored wallets ({shape}): {f['rps']:.0f} req/s, "
              f"p99 {f['p99_ms']:.1f} ms" for count, f in results["scaling"].items()]
    lines += ["", "## In-process and contract suite", "",
              f"- in-process (respx): `{results['inprocess']}`", f"- contract suite: `{results['contracts']}`",
              *_ceiling_lines(results.get("contracts_ceiling")),
              f"- transaction/all, 100 vs 100,000 stored transactions: `{results.get('ledger')}`", ""]
    lines += _fixture_lines(results.get("fixtures")) + _server_lines(results.get("servers"))
    return "\n".join(lines)


def _ceiling_lines(figures: dict | None) -> list[str]:
    """bench/contracts_ceiling.py: the conformance suite generating only, sending only, in full, over HTTP."""
    if not figures or "ceiling" not in figures:
        return [f"- conformance ceiling: `{figures}`"] if figures else []
    seconds = ", ".join(f"{mode} {figures[mode]['seconds']} s" for mode in ("generate", "send", "full", "http"))
    return [f"- conformance alone ({figures['full']['cases']} cases): {seconds}; in-process vs HTTP "
            f"{figures['in_process_vs_http']}x; generating is {figures['share_generating']:.0%} of the in-process "
            f"run, so no transport can pass HTTP / generate = {figures['ceiling']}x"]


def _fixture_lines(figures: dict | None) -> list[str]:
    """bench/fixture_overhead.py: the pytest fixtures' cost per test and the plugin's import cost."""
    if not figures:
        return []
    over = figures["overhead_ms"]
    return ["## pytest fixtures (bench/fixture_overhead.py)", "",
            f"- per-test overhead over an empty test, {figures['tests_per_suite']} tests, median of "
            f"{figures['repeats']}: enkash_mock {over['enkash_mock']:.2f} ms, respx_mock {over['respx_mock']:.2f} ms "
            f"(ratio {figures['enkash_mock_vs_respx_mock']}, target <= 2), enkash_live_mock "
            f"{over['enkash_live_mock']:.2f} ms (target <= 3)",
            f"- plugin import on an empty pytest run: {figures['plugin_import_ms']} ms (target <= 50); "
            f"collection {figures['collect_empty_ms']}", ""]


def _server_lines(measured: dict | None) -> list[str]:
    """bench/server_compare.py: `serve` with no flags vs Prism, bare Flask (same server) and gunicorn."""
    if not measured:
        return []
    lines = ["## serve with no flags vs Prism, bare Flask and gunicorn (bench/server_compare.py)", "",
             "| server / call | req/s | p50 ms | p99 ms | non-2xx |", "|---|---:|---:|---:|---:|"]
    for target, calls in measured.items():
        lines += [_row(f"{target} {name}", figures) for name, figures in calls.items()]
    return [*lines, ""]
