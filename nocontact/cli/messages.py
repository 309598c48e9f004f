"""Every sentence the command line prints, in one place (as jrnl keeps them)."""

from __future__ import annotations

from nocontact.core.i18n import N_

INTERRUPTED = N_("stopped. Nothing was half-saved.")
FILE_NOT_FOUND = N_("cannot read {path}: no such file.")
FILE_UNREADABLE = N_("cannot read {path}: {reason}.")
NOT_JSON = N_("{path} is not valid JSON (line {line}, column {column}: {reason}).")
BAD_EXPORT = N_("{path} is not a usable nocontact export: {problem}.")
BAD_DATE = N_("{value!r} is not a date like 2026-11-22.")
