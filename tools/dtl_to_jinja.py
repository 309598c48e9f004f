"""Convert a Django template (DTL) to Jinja2, the mechanical part (used once for the pages).

    .venv/bin/python tools/dtl_to_jinja.py TEMPLATE.html [...]   # rewrites the files in place

Handles the tags and filters the pages use: translate, blocktranslate (with, count, asvar),
url (and ``as``), static, csrf_token, include ... with, with, for/empty/forloop, comment,
load, get_current_language, the project's own tags, and ``|filter:arg``. What it cannot know
(methods DTL calls without parentheses: ``form.non_field_errors``, ``page.has_next`` ...)
is fixed by hand afterwards; see nocontact/web/jinja2_env.py for the semantics kept.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TAG = re.compile(r"\{#.*?#\}|\{%-?\s*(.*?)\s*-?%\}", re.S)
STRING = r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'"
TOKEN = re.compile(rf"(?:{STRING}|[^\s\"']+)+")
FILTER_ARG = re.compile(rf"\|(\w+):({STRING}|[\w.]+)")
SIMPLE_TAGS = {
    "cool_off_letters": "cool_off_letters(request)",
    "crisis_resources": "crisis_resources()",
    "coach_crisis_resources": "coach_crisis_resources()",
    "coach_crisis_panel": "coach_crisis_panel()",
    "coach_labels_json": "coach_labels_json()",
}


def expr(text: str) -> str:
    """A DTL expression in Jinja2: ``x|f:arg`` -> ``x|f(arg)``, forloop -> loop."""
    text = FILTER_ARG.sub(r"|\1(\2)", text)
    text = re.sub(r"\bforloop\.counter0\b", "loop.index0", text)
    text = re.sub(r"\bforloop\.counter\b", "loop.index", text)
    text = re.sub(r"\bforloop\.(first|last)\b", r"loop.\1", text)
    return text


def assignments(tokens: list[str]) -> list[str]:
    """``a=b c=d`` (DTL) -> ``["a=b", "c=d"]`` with Jinja2 expressions."""
    out = []
    for pair in tokens:
        if pair == "and":
            continue
        name, value = pair.split("=", 1)
        out.append(f"{name}={expr(value)}")
    return out


def convert_tag(body: str) -> str:
    tokens = TOKEN.findall(body)
    name, args = tokens[0], tokens[1:]
    if name == "load":
        return ""
    if name == "translate" or name == "trans":
        if args[0][0] in "\"'":
            return f"{{{{ _({args[0]}) }}}}"
        return f"{{{{ translate_value({expr(args[0])}) }}}}"
    if name == "url":
        if len(args) >= 2 and args[-2] == "as":
            call = ", ".join([args[0], *(expr(a) for a in args[1:-2])])
            return f"{{% set {args[-1]} = url_or_blank({call}) %}}"
        return "{{{{ url({}) }}}}".format(", ".join([args[0], *(expr(a) for a in args[1:])]))
    if name == "static":
        return f"{{{{ static({args[0]}) }}}}"
    if name == "csrf_token":
        return "{{ csrf_input }}"
    if name == "include":
        if "with" in args:
            at = args.index("with")
            pairs = ", ".join(assignments(args[at + 1 :]))
            return f"{{% with {pairs} %}}{{% include {expr(args[0])} %}}{{% endwith %}}"
        return f"{{% include {expr(args[0])} %}}"
    if name == "with":
        return "{{% with {} %}}".format(", ".join(assignments(args)))
    if name == "empty":
        return "{% else %}"
    if name == "get_current_language":
        return f"{{% set {args[-1]} = get_current_language() %}}"
    if name == "offline_notes":
        return '{% set notes = offline_notes(request) %}{% include "web/_offline.html" %}'
    if name in SIMPLE_TAGS:
        if len(args) >= 2 and args[-2] == "as":
            return f"{{% set {args[-1]} = {SIMPLE_TAGS[name]} %}}"
        return f"{{{{ {SIMPLE_TAGS[name]} }}}}"
    if name in {"if", "elif", "for"}:
        return "{{% {} {} %}}".format(name, expr(" ".join(args)))
    return f"{{% {expr(body)} %}}"


def convert_blocktranslate(head: str) -> tuple[str, str, str | None]:
    """The opening ``{% trans ... %}``, the count variable and the ``asvar`` name."""
    tokens = TOKEN.findall(head)[1:]
    asvar = None
    if "asvar" in tokens:
        at = tokens.index("asvar")
        asvar = tokens[at + 1]
        del tokens[at : at + 2]
    tokens = [t for t in tokens if t not in {"with", "trimmed"}]
    counter = ""
    if "count" in tokens:
        at = tokens.index("count")
        counter = tokens[at + 1].split("=", 1)[0]
        del tokens[at]
    pairs = assignments(tokens)
    opening = "{% trans " + ", ".join(pairs) + " %}" if pairs else "{% trans %}"
    return opening, counter, asvar


def convert(source: str) -> str:
    # Comments first: what they hold is not template code.
    source = re.sub(
        r"\{%\s*comment\s*%\}(.*?)\{%\s*endcomment\s*%\}",
        lambda m: "{#" + m.group(1) + "#}",
        source,
        flags=re.S,
    )
    out: list[str] = []
    pos = 0
    while True:
        match = TAG.search(source, pos)
        if match is None:
            out.append(source[pos:])
            break
        out.append(source[pos : match.start()])
        body = match.group(1)
        if body is None:  # a comment, as it is
            out.append(match.group(0))
            pos = match.end()
            continue
        if body.startswith("blocktranslate") or body.startswith("blocktrans "):
            end = re.compile(r"\{%\s*endblocktrans(?:late)?\s*%\}").search(source, match.end())
            assert end is not None, body
            inner = source[match.end() : end.start()]
            opening, counter, asvar = convert_blocktranslate(body)
            inner = re.sub(r"\{%\s*plural\s*%\}", f"{{% pluralize {counter} %}}", inner)
            block = opening + inner + "{% endtrans %}"
            if asvar:
                block = f"{{% set {asvar} %}}{block}{{% endset %}}"
            out.append(block)
            pos = end.end()
            continue
        out.append(convert_tag(body))
        pos = match.end()
    text = "".join(out)
    # Variables: {{ x|f:arg }} -> {{ x|f(arg) }}; forloop -> loop.
    return re.sub(r"\{\{(.*?)\}\}", lambda m: "{{" + expr(m.group(1)) + "}}", text, flags=re.S)


def main() -> None:
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(convert(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
