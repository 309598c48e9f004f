"""The OpenAPI schema is generated from the code, public, and complete; the docs page shows it."""

from __future__ import annotations

from typing import Any, get_args

from django.test import Client

from nocontact.api.schemas import CoachRouteName, LoggedKind, WritingKind
from nocontact.core.coach import Route as CoachRoute
from nocontact.core.model import EventKind
from nocontact.core.program import WRITING_KINDS

OPERATIONS = {
    ("get", "/api/v1/breakup"),
    ("post", "/api/v1/breakup"),
    ("patch", "/api/v1/breakup"),
    *(
        (method, f"/api/v1/breakup/{name}{item}")
        for name, key in (
            ("occasions", "occasion_id"),
            ("hard_dates", "hard_date_id"),
            ("items_left", "item_id"),
        )
        for method, item in (
            ("get", ""),
            ("post", ""),
            ("get", f"/{{{key}}}"),
            ("delete", f"/{{{key}}}"),
        )
    ),
    ("get", "/api/v1/events"),
    ("get", "/api/v1/events/{event_id}"),
    *(("post", f"/api/v1/events/{kind}") for kind in get_args(LoggedKind)),
    ("get", "/api/v1/writings"),
    ("post", "/api/v1/writings"),
    ("get", "/api/v1/writings/{writing_id}"),
    ("patch", "/api/v1/writings/{writing_id}"),
    ("delete", "/api/v1/writings/{writing_id}"),
    ("get", "/api/v1/state"),
    ("post", "/api/v1/coach"),
    ("get", "/api/v1/export"),
}


def schema(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def test_it_lists_every_operation(client: Client) -> None:
    document = schema(client)
    assert document["openapi"].startswith("3.")
    found = {(method, path) for path, item in document["paths"].items() for method in item}
    assert found == OPERATIONS


def test_it_covers_every_kind_of_event() -> None:
    logged = set(get_args(LoggedKind))
    writings = set(get_args(WritingKind))
    assert logged | writings == {kind.value for kind in EventKind}
    assert writings == {kind.value for kind in WRITING_KINDS}
    assert set(get_args(CoachRouteName)) == {route.value for route in CoachRoute}


def test_it_documents_401_and_bearer_auth_on_every_operation(client: Client) -> None:
    document = schema(client)
    assert document["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "401" in operation["responses"], (method, path)
            assert operation["security"] == [{"BearerToken": []}], (method, path)
            if "requestBody" in operation:
                assert {"400", "422"} <= set(operation["responses"]), (method, path)


def test_it_forbids_unknown_fields_in_every_input(client: Client) -> None:
    document = schema(client)
    for item in document["paths"].values():
        for operation in item.values():
            body = operation.get("requestBody")
            if body:
                ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                assert document["components"]["schemas"][ref]["additionalProperties"] is False


def test_it_shows_every_operation_on_the_docs_page(client: Client) -> None:
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    for method, path in OPERATIONS:
        assert f"{method.upper()} {path}" in html
    assert "<script" not in html.split("</head>")[1]  # rendered on the server
    assert "cdn" not in html.lower()
