"""Language data for the message coach, compiled once.

Each language is a data module in this package named by its code (``en.py``);
:func:`rules_for` loads it, expands its ``<name>`` shorthands, wraps every
pattern in word boundaries and compiles it, so that ``analyse`` only runs
ready-made regular expressions. A language the coach does not know yet falls
back to English rather than leaving the user without feedback.

Patterns are written in lower case and run on a lower-cased copy of the draft:
case-insensitive matching in ``re`` is about twice as slow, and the coach runs
on every keystroke.
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

FIXED_GROUP: Final = "fixed"
# Above this many spelled-out variants a phrase is left as written (see _factored).
_MAX_VARIANTS: Final = 256
_LITERAL_START: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'")
_QUANTIFIERS: Final = frozenset("?*+{")

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_SHORTHAND = re.compile(r"<([a-z_]+)>")
_ESCAPE = re.compile(r"\\.")


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """The compiled patterns of one language."""

    language: str
    # A hit inside the group named FIXED_GROUP is never cancelled by a negation.
    phrases: Mapping[FlagCode, re.Pattern[str]]
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

    def alternatives(sources: tuple[str, ...]) -> str:
        return _factored([_expand(source, shorthands) for source in sources])

    def pattern(sources: tuple[str, ...]) -> re.Pattern[str]:
        # Word boundaries on both sides, written so that a phrase may start or
        # end with punctuation and still not match inside a longer word.
        return re.compile(rf"(?<!\w)(?:{alternatives(sources)})(?!\w)")

    def table(name: str) -> dict[FlagCode, tuple[str, ...]]:
        by_code: dict[FlagCode, tuple[str, ...]] = {}
        for key, sources in _pattern_table(module, name).items():
            flag_code = FlagCode(key)  # ValueError names an unknown code
            if flag_code in WHOLE_MESSAGE_CODES:
                raise ValueError(f"{code}.{name}: {key} is decided from the whole message")
            by_code[flag_code] = sources
        return by_code

    # One scan per code: fixed phrases are told apart by their named group.
    negatable, fixed = table("PHRASES"), table("FIXED_PHRASES")
    phrases: dict[FlagCode, re.Pattern[str]] = {}
    for flag_code in FlagCode:
        parts = []
        if flag_code in fixed:
            parts.append(f"(?P<{FIXED_GROUP}>{alternatives(fixed[flag_code])})")
        if flag_code in negatable:
            parts.append(alternatives(negatable[flag_code]))
        if parts:
            phrases[flag_code] = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")

    return LanguageRules(
        language=code,
        phrases=MappingProxyType(phrases),
        exceptions=MappingProxyType(
            {flag_code: pattern(sources) for flag_code, sources in table("EXCEPTIONS").items()}
        ),
        negation=re.compile(_lower_case(_string(module, "NEGATION"))),
        clause_break=re.compile(_lower_case(_string(module, "CLAUSE_BREAK"))),
        sentence_end=re.compile(_lower_case(_string(module, "SENTENCE_END"))),
        romantic_intent=pattern(_strings(module, "ROMANTIC_INTENT")),
        asks_only_if_same=pattern(_strings(module, "ASKS_ONLY_IF_SAME")),
    )


def _expand(source: str, shorthands: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in shorthands:
            raise ValueError(f"unknown shorthand <{name}> in {source!r}")
        return f"(?:{_lower_case(shorthands[name])})"

    return _SHORTHAND.sub(replace, _lower_case(source))


def _factored(sources: list[str]) -> str:
    """One alternation equivalent to ``sources``, grouped by first letter.

    ``re`` tries every alternative at every word start, but it skips an
    alternative at once when its first item is a letter that is not there. So
    each phrase is spelled out into its variants ("(?:drop|bring) it off" into
    "drop it off" and "bring it off") and the variants are grouped by first
    letter: at a word start only the few that begin with that letter are tried.
    This keeps the coach fast enough for every keystroke.
    """
    by_letter: dict[str, list[str]] = {}
    others: list[str] = []
    for source in sources:
        for variant in _spelled_out(source):
            if not variant:
                raise ValueError(f"{source!r} can match an empty string")
            if variant[0] in _LITERAL_START and variant[1:2] not in _QUANTIFIERS:
                by_letter.setdefault(variant[0], []).append(variant[1:])
            else:
                others.append(variant)
    groups = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())]
    return "|".join(groups + [f"(?:{other})" for other in others])


def _spelled_out(source: str) -> list[str]:
    variants: list[str] = []
    for alternative in _top_level_alternatives(source):
        variants.extend(_variants(alternative))
    return variants if len(variants) <= _MAX_VARIANTS else [f"(?:{source})"]


def _variants(alternative: str) -> list[str]:
    """Spell out a leading non-capturing group, recursively; anything else stays."""
    if not alternative.startswith("(?:"):
        return [alternative]
    end = _closing_parenthesis(alternative, 0)
    inner, after = alternative[3:end], alternative[end + 1 :]
    options = _top_level_alternatives(inner)
    if after[:1] == "?" and after[1:2] not in ("?", "+"):
        options, after = [*options, ""], after[1:]
    elif after[:1] in _QUANTIFIERS:
        return [alternative]
    variants: list[str] = []
    for option in options:
        variants.extend(_variants(option + after))
        if len(variants) > _MAX_VARIANTS:
            return [alternative]
    return variants


def _top_level_alternatives(source: str) -> list[str]:
    parts, depth, start, index = [], 0, 0, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 1
        elif char == "[":
            index = _closing_bracket(source, index)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _closing_parenthesis(source: str, opening: int) -> int:
    depth, index = 0, opening
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 1
        elif char == "[":
            index = _closing_bracket(source, index)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError(f"unbalanced parentheses in {source!r}")


def _closing_bracket(source: str, opening: int) -> int:
    index = opening + 1
    if source[index : index + 1] == "^":
        index += 1
    if source[index : index + 1] == "]":
        index += 1
    while index < len(source) and source[index] != "]":
        index += 2 if source[index] == "\\" else 1
    return index


def _lower_case(source: str) -> str:
    """Return ``source``; refuse it when a letter outside an escape is upper case."""
    letters = _ESCAPE.sub("", source)
    if letters != letters.lower():
        raise ValueError(
            f"patterns are matched on lower-cased text; write {source!r} in lower case"
        )
    return source


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
