"""Write data as readable YAML: block mappings, flow lists of names, Chinese unescaped."""

from __future__ import annotations

from typing import Any

import yaml


class _Flow(list):  # type: ignore[type-arg]
    """A short list of names, written on one line: lead: [市商务局, 市发改局]."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _flow_names(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _flow_names(v) for k, v in data.items()}
    if isinstance(data, list):
        if data and all(isinstance(x, str) and len(x) < 40 for x in data):
            return _Flow(data)
        return [_flow_names(x) for x in data]
    return data


def dump(data: Any) -> str:
    return yaml.dump(_flow_names(data), Dumper=_Dumper, allow_unicode=True, width=10**6, sort_keys=False, indent=2)
