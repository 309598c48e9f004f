from django.urls import path

from nocontact.web.views import words

urlpatterns = [
    path("settings/words/", words.words_settings, name="words"),
    path("settings/words/passphrase/", words.words_change, name="words_change"),
    path("settings/words/off/", words.words_off, name="words_off"),
    path("settings/words/recover/", words.words_recover, name="words_recover"),
    path("words/unlock/", words.words_unlock, name="words_unlock"),
]
