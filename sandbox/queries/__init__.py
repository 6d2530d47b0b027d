"""Reads behind the catalogue operations: lookups, lists, charts, prices."""
