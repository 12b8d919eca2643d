"""Tests for enrichment.ip_reputation."""
from enrichment.ip_reputation import ReputationClient, is_known_bad


class FakeClient(ReputationClient):
    def __init__(self, verdict: str) -> None:
        self.verdict = verdict

    def lookup(self, ip: str) -> dict:
        return {"ip": ip, "verdict": self.verdict}


def test_private_addresses_are_internal() -> None:
    assert ReputationClient.lookup(FakeClient("x"), "10.0.0.1")["verdict"] == "x"


def test_is_known_bad() -> None:
    assert is_known_bad("203.0.113.9", FakeClient("malicious"))
    assert not is_known_bad("203.0.113.9", FakeClient("clean"))
