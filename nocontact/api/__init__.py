"""The JSON API at ``/api/v1/``: per-user bearer tokens, an OpenAPI 3 schema, a docs page.

An adapter like the web views: every rule comes from ``nocontact.core`` through the
same functions the web uses; nothing here decides a rule of its own.
"""
