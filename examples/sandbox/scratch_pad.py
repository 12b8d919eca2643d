"""Analyst scratch space: experiments that never run in production."""
import httpx
import polars as pl


def quick_look(path: str) -> "pl.DataFrame":
    return pl.read_csv(path)


def ping(url: str) -> int:
    return httpx.get(url, timeout=3).status_code
