"""A small on-disk cache for enrichment lookups."""
import pickle  # socguard-ignore denied-import -- legacy cache format, migration tracked in SOC-142
import shelve
from pathlib import Path

CACHE = Path.home() / ".cache" / "contoso-enrich.db"


def cached_lookup(ip: str) -> str:
    with shelve.open(str(CACHE)) as db:
        if ip not in db:
            db[ip] = "unknown"
        return db[ip]


def export_cache(path: Path) -> None:
    with shelve.open(str(CACHE)) as db, path.open("wb") as out:
        pickle.dump(dict(db), out)
