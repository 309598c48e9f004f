"""The user's words, sealed on their way into the database and opened on their way out.

Which words: ``Writing.text`` (journal entries, unsent letters, cool-off drafts)
and, in ``Event.data``, the fields the core marks as free text (``TEXT_FIELDS``:
notes, "what they said"). The rules never read them, so the program state,
``nocontact status`` and the dashboard work the same whether they are sealed or not.

How: model signals, so no view has to remember it.
- ``pre_save``: when the owner has encryption on, every plain value is sealed with
  the key unlocked for this request (``accounts.words``), or the save is refused
  with ``WordsLocked``: once encryption is on, nothing is ever written in plain.
  A new row has no id yet, and the ciphertext is bound to its row, so it is
  inserted empty and sealed right after (``post_save``).
- ``post_init``: a sealed value loaded while its key is unlocked is opened.
  One that does not open (changed, or copied from another row) raises
  ``vault.TamperedText``.
Bulk writes (import, turning encryption on and off) go through the functions below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_init, post_save, pre_save

from nocontact.accounts import vault, words
from nocontact.accounts.prepared import ID, Prepared
from nocontact.core.events import TEXT_FIELDS
from nocontact.core.model import EventKind
from nocontact.journey.models import Breakup, Event, Writing

Plain = dict[str, str]  # field (or data key) -> plaintext


def _table(model: type[models.Model]) -> str:
    return model._meta.db_table


def _context(user_id: int, instance: models.Model, name: str) -> bytes:
    assert instance.pk is not None
    return vault.text_context(user_id, _table(type(instance)), int(instance.pk), name)


ANY_TEXT_NAME = frozenset().union(*TEXT_FIELDS.values())


def _text_names(instance: models.Model) -> frozenset[str]:
    if isinstance(instance, Writing):
        return frozenset({"text"})
    # A row loaded with ``.only("at", "data")`` has no kind: look at every name.
    kind = instance.__dict__.get("kind")
    if kind is None:
        return ANY_TEXT_NAME
    try:
        return TEXT_FIELDS[EventKind(kind)]
    except ValueError:
        return frozenset()


def _values(instance: models.Model) -> dict[str, Any]:
    """The free-text values of a row, by name (deferred fields left out)."""
    if isinstance(instance, Writing):
        return {"text": instance.__dict__["text"]} if "text" in instance.__dict__ else {}
    data = instance.__dict__.get("data")
    if not isinstance(data, Mapping):
        return {}
    return {name: data[name] for name in _text_names(instance) if name in data}


def _store(instance: models.Model, values: Mapping[str, str]) -> None:
    if isinstance(instance, Writing):
        instance.text = values.get("text", instance.text)
    elif isinstance(instance, Event):
        instance.data = {**instance.data, **values}


_BREAKUP_OWNER = Prepared(
    lambda breakup_id: Breakup.objects.filter(pk=breakup_id).only("user_id"), ID
)


def _owner_id(instance: Writing | Event) -> int:
    if instance.breakup_id is None:
        raise ValueError("a row without a breakup")
    cached = instance._state.fields_cache.get("breakup")
    if cached is not None:
        return int(cached.user_id)
    found = _BREAKUP_OWNER.rows(instance.breakup_id)
    if not found:
        raise Breakup.DoesNotExist
    return int(found[0].user_id)


def key_for_owner(owner_id: int) -> words.UnlockedKey | None:
    """``None`` when the owner keeps their words in plain; else the unlocked key.

    Raises ``WordsLocked`` when encryption is on and this request has not unlocked it.
    """
    key_id = words.key_id_of(owner_id)
    if key_id is None:
        return None
    key = words.current()
    if key is None or key.user_id != owner_id or key.key_id != key_id:
        raise words.WordsLocked
    return key


def _seal_values(key: words.UnlockedKey, instance: models.Model, plain: Plain) -> Plain:
    return {
        name: vault.seal(key.key, key.key_id, text, _context(key.user_id, instance, name))
        for name, text in plain.items()
    }


# --- signals ------------------------------------------------------------------------------


def _before_save(
    sender: type[models.Model],
    instance: Writing | Event,
    raw: bool = False,
    update_fields: Iterable[str] | None = None,
    **_: Any,
) -> None:
    if raw or (update_fields is not None and not {"text", "data"} & set(update_fields)):
        return
    plain = {
        name: value
        for name, value in _values(instance).items()
        if isinstance(value, str) and value and not vault.is_sealed(value)
    }
    if not plain:
        return
    key = key_for_owner(_owner_id(instance))
    if key is None:
        return
    instance.__dict__["_nc_plain"] = plain
    if instance.pk is None:
        # Inserted empty, sealed once the row has its id (in _after_save).
        _store(instance, dict.fromkeys(plain, ""))
        instance.__dict__["_nc_key"] = key
    else:
        _store(instance, _seal_values(key, instance, plain))


def _after_save(sender: type[models.Model], instance: Writing | Event, **_: Any) -> None:
    plain: Plain | None = instance.__dict__.pop("_nc_plain", None)
    key: words.UnlockedKey | None = instance.__dict__.pop("_nc_key", None)
    if plain is None:
        return
    if key is not None:
        _store(instance, _seal_values(key, instance, plain))
        _write_column(instance)
    # The caller goes on with what it wrote: the crisis check, the slip's note.
    _store(instance, plain)


def _opened(model: type[models.Model], pk: int, sealed: Plain) -> Plain | None:
    """The sealed values of row ``pk``, opened with the request's key; None without one."""
    key = words.current()
    if key is None:
        return None  # left sealed: the pages that show words ask to unlock first
    # Every query of a request is the user's own, and the middleware dropped a key
    # that is no longer theirs: a text that names another key was changed.
    table = _table(model)
    return {
        name: vault.open_text(key.key, text, vault.text_context(key.user_id, table, pk, name))
        for name, text in sealed.items()
    }


def _after_init(sender: type[models.Model], instance: Writing | Event, **_: Any) -> None:
    sealed = {name: v for name, v in _values(instance).items() if vault.is_sealed(v)}
    if not sealed or instance.pk is None:
        return
    opened = _opened(type(instance), int(instance.pk), sealed)
    if opened is not None:
        _store(instance, opened)


def opened_event_data(pk: int, kind: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ``data`` of event ``pk`` read as values (no instance, so no ``post_init``),
    its sealed words opened as an instance's are."""
    try:
        names = TEXT_FIELDS[EventKind(kind)]
    except ValueError:
        return data
    sealed = {name: data[name] for name in names if vault.is_sealed(data.get(name))}
    if not sealed:
        return data
    opened = _opened(Event, pk, sealed)
    return data if opened is None else {**data, **opened}


def connect() -> None:
    for model in (Writing, Event):
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"nc-seal-{model.__name__}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"nc-sealed-{model.__name__}")
        post_init.connect(_after_init, sender=model, dispatch_uid=f"nc-open-{model.__name__}")


# --- bulk: import, turning encryption on and off ------------------------------------------


def bulk_create(model: type[Writing] | type[Event], rows: Sequence[Any], owner_id: int) -> None:
    """``bulk_create`` that seals: rows go in empty, then get their sealed words."""
    key = key_for_owner(owner_id) if rows else None
    if key is None:
        model.objects.bulk_create(rows, batch_size=500)
        return
    with transaction.atomic():
        plains = []
        for row in rows:
            plain = {n: v for n, v in _values(row).items() if isinstance(v, str) and v}
            _store(row, dict.fromkeys(plain, ""))
            plains.append(plain)
        model.objects.bulk_create(rows, batch_size=500)
        for row, plain in zip(rows, plains, strict=True):
            if plain:
                _store(row, _seal_values(key, row, plain))
                _write_column(row)
                _store(row, plain)


def _write_column(row: Writing | Event) -> None:
    """One ``UPDATE`` of the column that holds the words: no signal, nothing else touched.

    (``bulk_update`` builds one ``CASE`` per batch, far slower on a few thousand rows.)
    """
    column = "text" if isinstance(row, Writing) else "data"
    type(row)._default_manager.filter(pk=row.pk).update(**{column: getattr(row, column)})


def _rewrite_all(owner_id: int, change: Any) -> int:
    """Apply ``change(instance, values) -> new values or None`` to every row with words.

    Rows are read as plain values (no ``post_init``) and written one ``UPDATE`` each
    (no signals), inside the caller's transaction. Returns how many rows changed.
    """
    count = 0
    rows = Writing.objects.filter(breakup__user_id=owner_id).values_list("pk", "text")
    for pk, text in list(rows):  # a list: no cursor open on a table being updated
        writing = Writing(pk=pk)
        new = change(writing, {"text": text} if text else {})
        if new:
            writing.text = new["text"]
            _write_column(writing)
            count += 1
    kinds = [kind.value for kind, names in TEXT_FIELDS.items() if names]
    events = Event.objects.filter(breakup__user_id=owner_id, kind__in=kinds)
    for pk, kind, data in list(events.values_list("pk", "kind", "data")):
        if not isinstance(data, dict):
            continue
        event = Event(pk=pk, kind=kind)
        texts = {n: data[n] for n in TEXT_FIELDS[EventKind(kind)] if isinstance(data.get(n), str)}
        new = change(event, {n: v for n, v in texts.items() if v})
        if new:
            event.data = {**data, **new}
            _write_column(event)
            count += 1
    return count


def seal_all(key: words.UnlockedKey) -> int:
    """Seal every plain text of the key's owner. Returns how many rows changed."""

    def seal_plain(row: models.Model, values: Plain) -> Plain | None:
        plain = {n: v for n, v in values.items() if not vault.is_sealed(v)}
        return _seal_values(key, row, plain) if plain else None

    return _rewrite_all(key.user_id, seal_plain)


def open_all(key: words.UnlockedKey) -> int:
    """Open every sealed text of the key's owner, for good (encryption turned off)."""

    def open_sealed(row: models.Model, values: Plain) -> Plain | None:
        sealed = {n: v for n, v in values.items() if vault.is_sealed(v)}
        return {
            n: vault.open_text(key.key, v, _context(key.user_id, row, n)) for n, v in sealed.items()
        } or None

    return _rewrite_all(key.user_id, open_sealed)
