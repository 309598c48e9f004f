"""Language data for the message coach, compiled once.

Each language is a data module in this package named by its code (``en.py``);
:func:`rules_for` loads it, expands its ``<name>`` shorthands, wraps every
pattern in word boundaries and compiles it, so that ``analyse`` only runs
ready-made regular expressions. A language the coach does not know yet falls
back to English rather than leaving the user without feedback.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType, ModuleType
from typing import Final

from nocontact.core.coach_rules.codes import FlagCode

DEFAULT_LANGUAGE: Final = "en"

# Codes decided from the whole message or its context, never from a phrase.
WHOLE_MESSAGE_CODES: Final = frozenset(
    {FlagCode.TOO_LONG, FlagCode.DOUBLE_TEXT, FlagCode.LATE_NIGHT, FlagCode.UNCLEAR_INTENT}
)

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_SHORTHAND = re.compile(r"<([a-z_]+)>")


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """The compiled patterns of one language."""

    language: str
    phrases: Mapping[FlagCode, re.Pattern[str]]
    fixed_phrases: Mapping[FlagCode, re.Pattern[str]]
    exceptions: Mapping[FlagCode, re.Pattern[str]]
    negation: re.Pattern[str]
    clause_break: re.Pattern[str]
    sentence_end: re.Pattern[str]
    romantic_intent: re.Pattern[str]
    asks_only_if_same: re.Pattern[str]


_loaded: dict[str, LanguageRules] = {}


def rules_for(language: str) -> LanguageRules:
    """Return the compiled rules for ``language`` ("en", "de-AT"...), English if unknown."""
    code = language.lower().replace("_", "-").split("-")[0]
    if code in _loaded:
        return _loaded[code]
    module = _import_language(code)
    if module is None:
        return rules_for(DEFAULT_LANGUAGE)
    _loaded[code] = compile_language(code, module)
    return _loaded[code]


def available_languages() -> tuple[str, ...]:
    """The languages compiled so far (English is compiled when the coach is imported)."""
    return tuple(sorted(_loaded))


def _import_language(code: str) -> ModuleType | None:
    if not _LANGUAGE_CODE.fullmatch(code):
        return None
    try:
        return importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        return None


def compile_language(code: str, module: ModuleType) -> LanguageRules:
    """Compile one language module; raise ``ValueError`` when its data is malformed."""
    shorthands = _string_dict(module, "SHORTHANDS")

    def pattern(sources: tuple[str, ...]) -> re.Pattern[str]:
        expanded = "|".join(f"(?:{_expand(source, shorthands)})" for source in sources)
        # Word boundaries on both sides, written so that a phrase may start or
        # end with punctuation and still not match inside a longer word.
        return re.compile(rf"(?<!\w)(?:{expanded})(?!\w)", re.IGNORECASE)

    def by_code(name: str) -> Mapping[FlagCode, re.Pattern[str]]:
        table = _pattern_table(module, name)
        compiled: dict[FlagCode, re.Pattern[str]] = {}
        for key, sources in table.items():
            flag_code = FlagCode(key)  # ValueError names an unknown code
            if flag_code in WHOLE_MESSAGE_CODES:
                raise ValueError(f"{code}.{name}: {key} is decided from the whole message")
            compiled[flag_code] = pattern(sources)
        return MappingProxyType(compiled)

    return LanguageRules(
        language=code,
        phrases=by_code("PHRASES"),
        fixed_phrases=by_code("FIXED_PHRASES"),
        exceptions=by_code("EXCEPTIONS"),
        negation=re.compile(_string(module, "NEGATION"), re.IGNORECASE),
        clause_break=re.compile(_string(module, "CLAUSE_BREAK"), re.IGNORECASE),
        sentence_end=re.compile(_string(module, "SENTENCE_END")),
        romantic_intent=pattern(_strings(module, "ROMANTIC_INTENT")),
        asks_only_if_same=pattern(_strings(module, "ASKS_ONLY_IF_SAME")),
    )


def _expand(source: str, shorthands: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in shorthands:
            raise ValueError(f"unknown shorthand <{name}> in {source!r}")
        return f"(?:{shorthands[name]})"

    return _SHORTHAND.sub(replace, source)


def _string(module: ModuleType, name: str) -> str:
    value = getattr(module, name, None)
    if not isinstance(value, str):
        raise ValueError(f"{module.__name__}.{name} must be a string")
    return value


def _strings(module: ModuleType, name: str) -> tuple[str, ...]:
    value = getattr(module, name, None)
    if not isinstance(value, tuple) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{module.__name__}.{name} must be a tuple of strings")
    return value


def _string_dict(module: ModuleType, name: str) -> dict[str, str]:
    value = getattr(module, name, None)
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()
    ):
        raise ValueError(f"{module.__name__}.{name} must map names to strings")
    return value


def _pattern_table(module: ModuleType, name: str) -> dict[str, tuple[str, ...]]:
    value = getattr(module, name, None)
    if not isinstance(value, dict):
        raise ValueError(f"{module.__name__}.{name} must map flag codes to patterns")
    table: dict[str, tuple[str, ...]] = {}
    for key, sources in value.items():
        if not isinstance(key, str) or not isinstance(sources, tuple):
            raise ValueError(f"{module.__name__}.{name} must map flag codes to patterns")
        if not all(isinstance(source, str) for source in sources):
            raise ValueError(f"{module.__name__}.{name}[{key!r}] must hold strings")
        table[key] = sources
    return table
