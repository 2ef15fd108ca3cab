"""The mock as users run it: `enkash-mock serve` in its own process, over real HTTP."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from contracts.targets import start_mock

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"
FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
IDS = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975"}


def login(base: str) -> dict:
    token = httpx.post(f"{base}/oauth/token", data=FORM, headers={"Authorization": "Basic Og=="}).json()
    return {"Authorization": f"Bearer {token['access_token']}", "partnerId": "CRM338L2H"}


def create_and_verify(base: str, headers: dict, mobile: str) -> str:
    body = {**IDS, "email": "a@example.com", "mobile": mobile, "title": "Ms", "firstName": "Asha",
            "lastName": "V", "gender": "F", "address": "1 Road", "city": "Kota", "state": "RJ", "country": "India",
            "pincode": "323307", "documents": [{"docType": "PAN", "docNo": "ABCDE1234F"}]}
    wallet = httpx.post(f"{base}/api/v0/partner/enKashCard", json=body, headers=headers).json()["payload"]
    wallet_id = wallet["enKashCardId"]
    ref = httpx.post(f"{base}/api/v0/partner/enKashCard/otp", headers=headers, json={
        "cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAC7975", "enKashCardId": wallet_id,
    }).json()["payload"]["otpReferenceId"]
    otp = httpx.get(f"{base}/__admin/otps", params={"enKashCardId": wallet_id}).json()[-1]["otp"]
    done = httpx.post(f"{base}/api/v0/partner/enKashCard/min-kyc", headers=headers, json={
        **IDS, "enKashCardId": wallet_id, "otp": otp, "otpReferenceId": ref}).json()
    assert done["payload"]["kycStatus"] == "MIN_KYC"
    return wallet_id


def details(base: str, headers: dict, wallet_id: str) -> dict:
    return httpx.post(f"{base}/api/v0/partner/enKashCard/wallet-details", headers=headers,
                      json={**IDS, "enKashCardId": wallet_id}).json()


def test_readme_walkthrough_works_exactly_as_written():
    text = README.read_text()
    script = re.search(r"<!-- walkthrough:start -->\n```bash\n(.*?)```\n<!-- walkthrough:end -->", text, re.S)[1]
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # enkash-mock, as installed
    with start_mock() as base:
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True,
                              env={**os.environ, "BASE": base, "PATH": path}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "MIN_KYC" in done.stdout and "VKYC page: HTTP 200" in done.stdout
    assert '"vkycStatus": "APPROVED", "kycStatus": "FULL_KYC"' in done.stdout
    lines = done.stdout.splitlines()
    assert "2500.0" in lines and '"otbBalance": 2000.5' in done.stdout
    assert '"settlementStatus": "PENDING"' in done.stdout
    assert "SETTLED" in lines
    history = lines.index("DR 499.5 balance 2000.5")
    assert lines[history:history + 2] == ["DR 499.5 balance 2000.5", "CR 2500.0 balance 2500.0"]
    assert "HDFC Bank" in done.stdout and "CARD_TRANSACTION {" in done.stdout
    assert "delivery: DELIVERED" in done.stdout
    transfer = lines.index("PROCESSING")  # step 15: accepted, then SUCCESS on the mock's clock
    assert lines[transfer + 1] == "SUCCESS"
    hooks = [json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("FUND_TRANSFER_STATUS {")]
    assert [(hook["transactionId"], hook["previousStatus"], hook["status"]) for hook in hooks] == [
        ("walkthrough-imps-1", None, "PROCESSING"), ("walkthrough-imps-1", "PROCESSING", "SUCCESS")]
    assert hooks[1]["transferAmount"] == 500.0 and len(hooks[1]["utr"]) == 12


def test_state_survives_a_restart_with_the_sqlite_store(tmp_path):
    store = ["--store", f"sqlite:{tmp_path / 'state.db'}"]
    with start_mock(*store) as base:
        headers = login(base)
        wallet_id = create_and_verify(base, headers, "6000091111")
    with start_mock(*store) as base:
        wallet = details(base, headers, wallet_id)  # the token survived too
    assert wallet["payload"]["kycStatus"] == "MIN_KYC"


def test_several_worker_processes_share_one_state(tmp_path):
    with start_mock("--store", f"sqlite:{tmp_path / 'state.db'}", "--workers", "2", "--threads", "4") as base:
        headers = login(base)
        wallet_ids = [create_and_verify(base, headers, f"70000000{i:02d}") for i in range(6)]
        with httpx.Client() as fresh:  # new connections land on either worker
            for wallet_id in wallet_ids:
                assert fresh.post(f"{base}/api/v0/partner/enKashCard/wallet-details", headers=headers,
                                  json={**IDS, "enKashCardId": wallet_id}).json()["payload"]["kycStatus"] == "MIN_KYC"


def test_bad_input_over_http_is_answered_in_the_envelope():
    with start_mock() as base:
        headers = {**login(base), "Content-Type": "application/json"}
        response = httpx.post(f"{base}/api/v0/partner/enKashCard", headers=headers, content=b"{oops")
        assert (response.status_code, response.json()["response_code"]) == (400, 400)
        big = httpx.post(f"{base}/api/v0/partner/enKashCard", headers=headers, content=b"x" * 1_200_000)
        assert big.status_code == 413
        assert httpx.get(f"{base}/nowhere").json()["response_code"] == 404


@pytest.mark.parametrize("args", [["--store", "memory", "--workers", "2"], ["--seed-path", "/nonexistent.yaml"]])
def test_serve_refuses_bad_settings_with_a_clear_message(args):
    done = subprocess.run([sys.executable, "-m", "mock_server.cli", "serve", "--port", "0", *args],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "enkash-mock" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "line"), [
    (["serve", "--fixed-otp", "12"],
     "enkash-mock: fixed_otp: '12' is not valid: expected six digits, e.g. '123456' (Enkash OTPs are six digits)"),
    (["serve", "--token-ttl-seconds", "5m"], "enkash-mock: token_ttl_seconds: '5m' is not valid: expected an integer"),
    (["check-spec", "--spec-path", "missing.yaml"],
     "enkash-mock: cannot read the spec: missing.yaml: No such file or directory"),
])
def test_a_bad_flag_or_a_missing_file_is_one_line_and_exit_2(args, line, tmp_path):
    done = subprocess.run([sys.executable, "-m", "mock_server.cli", *args], capture_output=True, text=True,
                          timeout=30, cwd=tmp_path)
    assert (done.returncode, done.stderr.strip()) == (2, line)
