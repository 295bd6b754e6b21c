"""JSON Schemas of the data files, generated from the models so they never drift."""

from __future__ import annotations

import json
from typing import Any

from .models import MeasuresFile, ProgressFile, UnitsFile, json_schema

KINDS: dict[str, type] = {"measures": MeasuresFile, "units": UnitsFile, "progress": ProgressFile}
TITLES = {"measures": "prd measures.yaml", "units": "prd units.yaml", "progress": "prd progress/<period>.yaml"}


def schema(kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind]}
    out.update(json_schema(KINDS[kind]))
    out["title"] = TITLES[kind]
    if kind == "progress":
        # `records:` with nothing under it starts a new period's file.
        out["properties"]["records"] = {"anyOf": [out["properties"]["records"], {"type": "null"}]}
    return out


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
