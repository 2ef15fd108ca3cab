"""Pages a wallet holder would see: the VKYC link and the T&C link (served by the mock itself)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template_string, request

from .domain.kyc import open_vkyc_link
from .pipeline import session_of

__all__ = ["pages_blueprint"]

pages_blueprint = Blueprint("pages", __name__, url_prefix="/__mock")

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>{{ message }}</p></main></body></html>"""


@pages_blueprint.get("/vkyc/<link_token>")
def vkyc_page(link_token: str):
    state = current_app.extensions["enkash"]
    with state.world(session_of(request)) as world:
        wallet = open_vkyc_link(world, link_token)
    if wallet is None:
        return render_template_string(_PAGE, title="VKYC link expired",
                                      message="This video-KYC link is unknown or has expired."), 410
    return render_template_string(
        _PAGE, title="Enkash video KYC (mock)",
        message=f"Video KYC session for wallet {wallet['enKashCardId']}: {wallet['vkycStatus']}.",
    )


@pages_blueprint.get("/tnc/<wallet_id>")
def tnc_page(wallet_id: str):
    return render_template_string(_PAGE, title="Wallet terms and conditions (mock)",
                                  message=f"Terms and conditions for wallet {wallet_id}.")
