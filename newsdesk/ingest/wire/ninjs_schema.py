"""The IPTC's ninjs JSON Schemas (1.6 and 2.2, see ``schemas/README.md``) as validators.

Each item is checked against the schema of its major version before any field is read,
so a wrong-typed field is refused with its path (``headlines[0].value``) instead of being
turned into Python text or failing deep in the reader.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema

SCHEMAS = Path(__file__).parent / "schemas"
# Names only 2.x uses; an item with none of them is read as 1.x.
_V2_NAMES = {
    "headlines",
    "bodies",
    "descriptions",
    "people",
    "places",
    "subjects",
    "organisations",
    "infosources",
    "events",
    "objects",
    "genres",
    "trustindicators",
    "by",
}
# Agencies add their own properties; the schemas refuse any they do not define. We read
# only the ones they define, so an extra one is no reason to refuse a story.
_TOLERATED = {"additionalProperties", "unevaluatedProperties"}


_REQUIRED = re.compile(r"'(.+)' is a required property")


@cache
def _validator(major: int):
    if major == 1:
        schema = json.loads((SCHEMAS / "ninjs-schema_1.6.json").read_text())
        return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    schema = json.loads((SCHEMAS / "ninjs-schema_2.2.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def ninjs_major_version(item: dict) -> int:
    """2 or 1: from the item's ``$schema`` URL if it names one, else from its field names."""
    schema = str(item.get("$schema", ""))
    if "ninjs-schema_1." in schema:
        return 1
    if "ninjs-schema_2." in schema:
        return 2
    return 2 if _V2_NAMES & set(item) else 1


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(the item)"


def ninjs_errors(item: dict) -> list[str]:
    """What is wrong with ``item`` under its version's schema, each naming the field."""
    major = ninjs_major_version(item)
    document = {key: value for key, value in item.items() if key != "$schema"}
    errors = []
    for error in _validator(major).iter_errors(document):
        if error.validator in _TOLERATED:
            continue
        path = list(error.absolute_path)
        message = error.message
        missing = _REQUIRED.match(message) if error.validator == "required" else None
        if missing:  # name the missing field itself, not the object that lacks it
            path.append(missing[1])
            message = "required but missing"
        errors.append(f"{_path(path)}: {message} (ninjs {major}.x schema)")
    return sorted(errors)
