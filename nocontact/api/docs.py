"""The API docs page, rendered here from the OpenAPI schema: no script, no CDN.

Every operation with its parameters, body and answers, and every schema with its
fields and limits, all read from ``api.get_openapi_schema()``: the page cannot
drift from the code.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

METHODS = ("get", "post", "put", "patch", "delete")
LIMITS = (
    ("minimum", "≥ {}"),
    ("maximum", "≤ {}"),
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
    ("minItems", "at least {} items"),
    ("maxItems", "at most {} items"),
    ("format", "{}"),
)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    """A short type line for a JSON schema: its type, its choices, its limits, a link."""
    if "$ref" in schema:
        return {"type": _ref_name(schema["$ref"]), "ref": _ref_name(schema["$ref"]), "limits": []}
    for key in ("anyOf", "oneOf"):
        if key in schema:
            parts = [describe(part) for part in schema[key]]
            refs = [p["ref"] for p in parts if p.get("ref")]
            text = " or ".join(p["type"] for p in parts)
            limits = [limit for p in parts for limit in p["limits"]]
            return {"type": text, "ref": refs[0] if len(refs) == 1 else "", "limits": limits}
    kind = str(schema.get("type", "any"))
    if kind == "array":
        inner = describe(schema.get("items", {}))
        kind, ref = f"list of {inner['type']}", inner.get("ref", "")
        limits = list(inner["limits"])
    else:
        ref, limits = "", []
    if "enum" in schema:
        limits.append("one of: " + ", ".join(str(v) for v in schema["enum"]))
    if "const" in schema:
        limits.append(f"always {schema['const']}")
    limits += [text.format(schema[key]) for key, text in LIMITS if key in schema]
    if "pattern" in schema:
        limits.append("checked for content (see the schema)")
    return {"type": kind, "ref": ref, "limits": limits}


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "required": name in required,
            "description": prop.get("description", ""),
            **describe(prop),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for route, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                {
                    "anchor": operation.get("operationId", f"{method}-{route}"),
                    "method": method.upper(),
                    "path": route,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["api"])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                            **describe(p.get("schema", {})),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": describe(body["schema"]) if body else None,
                    "responses": [
                        {
                            "status": status,
                            "description": answer.get("description", ""),
                            **describe(
                                answer.get("content", {})
                                .get("application/json", {})
                                .get("schema", {"type": "no body"})
                            ),
                        }
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return found


def schemas(document: dict[str, Any]) -> list[dict[str, Any]]:
    components = document.get("components", {}).get("schemas", {})
    return [
        {"name": name, "description": schema.get("description", ""), "fields": _fields(schema)}
        for name, schema in sorted(components.items())
    ]


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    from nocontact.api.main import api

    document = api.get_openapi_schema(path_prefix="/api/v1")
    context = {
        "title": document["info"]["title"],
        # The schema's description is Markdown; this page shows it as plain text.
        "description": document["info"].get("description", "").replace("`", ""),
        "operations": operations(document),
        "schemas": schemas(document),
    }
    return render(request, "api/docs.html", context)
