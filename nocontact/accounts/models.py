from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from nocontact.accounts import request_cache
from nocontact.accounts.prepared import ID, Prepared


class UserSettings(models.Model):
    """What the user told us about themselves: their clock and their safety net."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nc_settings"
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    friend_name = models.CharField(_("trusted friend"), max_length=60, blank=True)
    friend_message = models.TextField(_("message to your friend"), max_length=1000, blank=True)
    # App lock: a hashed PIN (Django's password hashers); empty means no lock.
    lock_pin = models.CharField(_("app lock PIN"), max_length=256, blank=True, default="")
    lock_idle_minutes = models.PositiveSmallIntegerField(_("lock after idle minutes"), default=5)

    def __str__(self) -> str:
        return f"settings of user {self.user_id}"


def words_key_memo(user_id: int) -> tuple[str, int]:
    """Where a request keeps the id of the user's data key (``words.key_id_of``)."""
    return ("words_key_id", user_id)


# The settings, and the id of the data key when the words are sealed (``WordsVault``):
# most pages ask both, and a second query would cost more than the subquery.
_SETTINGS = Prepared(
    lambda user_id: UserSettings.objects.filter(user_id=user_id).annotate(
        nc_words_key_id=Subquery(
            WordsVault.objects.filter(user_id=OuterRef("user_id")).values("key_id")[:1]
        )
    ),
    ID,
)


def settings_for(user: User) -> UserSettings:
    """The user's settings, made on first use; loaded once per request, with the id of
    their data key (kept for ``words.key_id_of``)."""

    def load() -> UserSettings:
        found = _SETTINGS.rows(user.pk)
        if found:
            key_id = found[0].nc_words_key_id
            request_cache.memo(words_key_memo(user.pk), lambda: key_id)
            return found[0]
        obj, _created = UserSettings.objects.get_or_create(
            user=user, defaults={"timezone": settings.DEFAULT_USER_TIMEZONE}
        )
        return obj

    return request_cache.memo(("settings", user.pk), load)


class WordsVault(models.Model):
    """Encryption at rest is on for this user (``accounts/vault.py``, docs/encryption.md).

    Holds the user's data key only wrapped: once under their passphrase, once under
    their recovery code. Neither secret nor the key itself is ever stored.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nc_vault"
    )
    key_id = models.CharField(max_length=32)
    passphrase_wrap = models.TextField()
    recovery_wrap = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"vault of user {self.user_id}"
