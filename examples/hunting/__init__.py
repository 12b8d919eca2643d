"""Threat hunting helpers for the Contoso SOC."""
from .beacon_hunt import find_beacons

__all__ = ["find_beacons"]
