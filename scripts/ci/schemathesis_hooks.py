"""Schemathesis hooks for Attache's API checks (loaded through SCHEMATHESIS_HOOKS by api-checks.sh).

openapi.yaml describes an `application/x-ndjson` batch body as an array whose elements are the
lines; schemathesis has no serializer for that media type, so this one writes each element as one
line of compact JSON.
"""

import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if not isinstance(value, list):
        value = [value]
    lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in value]
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


@schemathesis.hook
def filter_case(context, case):
    """Drop JSON Lines bodies that are not lists.

    A JSON Lines body is a sequence of lines; "not an array" has no form on the wire (the serializer
    above would send such a value as one valid line), so negative cases of that kind test nothing.
    """
    media_type = (getattr(case, "media_type", None) or "").split(";")[0].strip().lower()
    if media_type == "application/x-ndjson":
        return isinstance(case.body, list)
    return True
