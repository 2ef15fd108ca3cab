"""`--stateful-areas` narrows the state machine to some areas (wallets and KYC always run)."""

from __future__ import annotations

from contracts.cli import main
from contracts.suites.rules import AREA_RULES, CORE_AREAS, OPTIONAL_AREAS, StatefulEnv


def _env(areas: tuple[str, ...]) -> StatefulEnv:
    return StatefulEnv(client=None, admin=True, fixed_otp=None, areas=areas)  # type: ignore[arg-type]


def test_core_keeps_wallets_and_kyc_and_skips_every_other_area_with_the_reason():
    env = _env(("core",))
    for area, rules in AREA_RULES.items():
        for rule in rules:
            if area in CORE_AREAS:
                assert env.allowed(rule) == (not env.skip_reason_of(rule)), rule
                assert "--stateful-areas" not in env.skip_reason_of(rule)
            else:
                assert not env.allowed(rule)
                assert env.skip_reason_of(rule) == f"area {area} is not in this run's --stateful-areas (core)"


def test_a_named_area_runs_and_the_others_do_not():
    env = _env(("payouts",))
    assert all(env.allowed(rule) for rule in AREA_RULES["payouts"])
    assert not any(env.allowed(rule) for area in OPTIONAL_AREAS if area != "payouts" for rule in AREA_RULES[area])


def test_no_areas_given_means_every_area():
    env = _env(())
    assert all(env.allowed(rule) for rules in AREA_RULES.values() for rule in rules)


def test_an_unknown_area_is_a_usage_error(capsys):
    assert main(["run", "--target", "mock", "--suite", "stateful", "--stateful-areas", "core,moon"]) == 2
    assert "unknown area 'moon'" in capsys.readouterr().err
