"""Card usage controls ("velocity rules") of a wallet and how a merchant debit is judged against them.

Stored per wallet as the docs' request names them. Limits follow Jackson's JsonNullable: a field left
out keeps its value, `null` clears it. A merchant debit is an online (e-commerce) payment.
"""

from __future__ import annotations

from .money import parse_limit
from .usage import used

__all__ = ["AMOUNT_LIMITS", "COUNT_LIMITS", "FLAGS", "apply_rule", "controls_breach", "controls_view"]

FLAGS = ("posAllowed", "onlineAllowed", "contactlessAllowed", "atmAllowed", "internationalAllowed")
AMOUNT_LIMITS = ("perTxnLimit", "dtd", "mtd", "ytd", "posDailyLimit", "ecomDailyLimit", "contactlessDailyLimit")
COUNT_LIMITS = ("dtdCount", "mtdCount", "ytdCount", "posDailyLimitCount", "ecomDailyLimitCount",
                "contactlessDailyLimitCount")
_DEFAULT_FLAGS = dict.fromkeys(FLAGS, True)

# (limit, usage counter, period) checked for an online debit; amounts first, then counts
_AMOUNT_CHECKS = (("dtd", "debitDay", "day"), ("mtd", "debit", "month"), ("ytd", "debitYear", "year"),
                  ("ecomDailyLimit", "debitDay", "day"))
_COUNT_CHECKS = (("dtdCount", "debitCountDay", "day"), ("mtdCount", "debitCountMonth", "month"),
                 ("ytdCount", "debitCountYear", "year"), ("ecomDailyLimitCount", "debitCountDay", "day"))


def apply_rule(current: dict | None, rule: dict) -> dict:
    """The wallet's controls after a velocity-rule request (the request is schema-valid)."""
    controls = {**_DEFAULT_FLAGS, **(current or {})}
    for name in FLAGS:
        if name in rule:
            controls[name] = bool(rule[name])
    for name in AMOUNT_LIMITS:
        if name in rule:
            controls[name] = parse_limit(rule[name])
    for name in COUNT_LIMITS:
        if name in rule:
            controls[name] = None if rule[name] is None else int(rule[name])
    if "adminUser" in rule:
        controls["adminUser"] = bool(rule["adminUser"])
    return controls


def controls_breach(controls: dict | None, counters: dict, periods: dict, amount: int) -> str | None:
    """Why the controls refuse an online debit of `amount` paise, or None."""
    controls = {**_DEFAULT_FLAGS, **(controls or {})}
    if not controls["onlineAllowed"]:
        return "onlineAllowed"
    per_txn = controls.get("perTxnLimit")
    if per_txn is not None and amount > per_txn:
        return "perTxnLimit"
    for limit, counter, period in _AMOUNT_CHECKS:
        cap = controls.get(limit)
        if cap is not None and used(counters, counter, periods[period]) + amount > cap:
            return limit
    for limit, counter, period in _COUNT_CHECKS:
        cap = controls.get(limit)
        if cap is not None and used(counters, counter, periods[period]) + 1 > cap:
            return limit
    return None


def controls_view(wallet_id: str, controls: dict | None, counters: dict, periods: dict, rupees) -> dict:
    controls = {**_DEFAULT_FLAGS, **(controls or {})}
    view = {"enKashCardId": wallet_id, **{name: controls[name] for name in FLAGS},
            "adminUser": bool(controls.get("adminUser", False))}
    for name in AMOUNT_LIMITS:
        value = controls.get(name)
        view[name] = None if value is None else rupees(value)
    for name in COUNT_LIMITS:
        view[name] = controls.get(name)
    view["usage"] = {
        "dtd": rupees(used(counters, "debitDay", periods["day"])),
        "mtd": rupees(used(counters, "debit", periods["month"])),
        "ytd": rupees(used(counters, "debitYear", periods["year"])),
        "dtdCount": used(counters, "debitCountDay", periods["day"]),
        "mtdCount": used(counters, "debitCountMonth", periods["month"]),
        "ytdCount": used(counters, "debitCountYear", periods["year"]),
    }
    return view
