"""Calling the JSON API from the Django test client with a real bearer token."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.test import Client

from nocontact.api.tokens import create_token

ROOT = "/api/v1"


@dataclass
class ApiClient:
    token: str
    client: Client

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {self.token}", **headers}}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(ROOT + path, **kwargs)

    def get(self, path: str, **headers: str) -> Any:
        return self.call("get", path, **headers)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("post", path, {} if body is None else body)

    def patch(self, path: str, body: Any) -> Any:
        return self.call("patch", path, body)

    def delete(self, path: str) -> Any:
        return self.call("delete", path)


def api_for(user: Any) -> ApiClient:
    _token, raw = create_token(user, "tests")
    return ApiClient(raw, Client())


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """A JSON error with the right status: ``{"error": "..."}`` and no cache."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert isinstance(body["error"], str)
    assert body["error"]
    return body
