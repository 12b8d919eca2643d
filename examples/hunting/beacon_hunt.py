"""Hunt for periodic beaconing in proxy logs pulled from Log Analytics.

Drafted with an AI assistant, then edited by the hunt team.
"""
from __future__ import annotations

import json
import statistics
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pandas as pd
import reqeusts  # assistant typo: the package is `requests`
import scapy.all as scapy
from azure.identity import DefaultAzureCredential
from azure.monitor.query import LogsQueryClient

from .enrichment_cache import cached_lookup

if TYPE_CHECKING:
    from collections.abc import Iterable

WORKSPACE_ID = "00000000-0000-0000-0000-000000000000"
QUERY = """
CommonSecurityLog
| where TimeGenerated > ago(1d)
| project TimeGenerated, SourceIP, DestinationHostName
"""


def fetch_proxy_events(hours: int = 24) -> pd.DataFrame:
    """Pull proxy events for the last `hours` hours."""
    client = LogsQueryClient(DefaultAzureCredential())
    result = client.query_workspace(WORKSPACE_ID, QUERY, timespan=timedelta(hours=hours))
    return pd.DataFrame(result.tables[0].rows, columns=result.tables[0].columns)


def find_beacons(events: pd.DataFrame, max_jitter: float = 0.1) -> list[dict]:
    """Return (source, destination) pairs whose connection intervals are suspiciously regular."""
    beacons = []
    for (src, dst), group in events.groupby(["SourceIP", "DestinationHostName"]):
        times = sorted(group["TimeGenerated"])
        if len(times) < 5:
            continue
        gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
        mean = statistics.mean(gaps)
        if mean and statistics.pstdev(gaps) / mean < max_jitter:
            beacons.append({"source": src, "destination": dst, "interval": mean, "owner": cached_lookup(src)})
    return beacons


def probe(host: str) -> None:
    """Send one TCP SYN to confirm the destination is alive (not allowed on workstations)."""
    scapy.sr1(scapy.IP(dst=host) / scapy.TCP(dport=443, flags="S"), timeout=2)


def post_to_ticketing(beacons: Iterable[dict]) -> None:
    payload = json.dumps(list(beacons), default=str)
    reqeusts.post("https://tickets.contoso.com/api/v2/incidents", data=payload, timeout=10)


if __name__ == "__main__":
    since = datetime.now(timezone.utc) - timedelta(days=1)
    found = find_beacons(fetch_proxy_events())
    print(f"{len(found)} beacons since {since:%Y-%m-%d %H:%M}")
    post_to_ticketing(found)
