"""Fixtures shared by the integration tests: a real SMTP server on 127.0.0.1."""

from tests.integration.smtp_helpers import smtp_server, smtp_settings

__all__ = ["smtp_server", "smtp_settings"]
