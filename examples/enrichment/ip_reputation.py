"""Enrich IP addresses with threat intelligence from the approved TI providers."""
import ipaddress
import logging
import os

import requests
from dateutil import parser as dateparser
from msticpy.context import TILookup

log = logging.getLogger(__name__)
TI_API = "https://ti.contoso.com/api/v1/ip/"


class ReputationClient:
    """Looks up IP reputation with a short timeout and no retries."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token or os.environ.get("CONTOSO_TI_TOKEN", "")
        self.ti = TILookup()

    def lookup(self, ip: str) -> dict:
        if ipaddress.ip_address(ip).is_private:
            return {"ip": ip, "verdict": "internal"}
        response = requests.get(TI_API + ip, headers={"Authorization": f"Bearer {self.token}"}, timeout=5)
        response.raise_for_status()
        data = response.json()
        data["first_seen"] = dateparser.isoparse(data["first_seen"]).isoformat()
        return data


def is_known_bad(ip: str, client: ReputationClient | None = None) -> bool:
    verdict = (client or ReputationClient()).lookup(ip).get("verdict")
    log.debug("verdict for %s: %s", ip, verdict)
    return verdict == "malicious"
