from django.urls import path

from nocontact.web.views import applock

urlpatterns = [
    path("away/", applock.away, name="away"),
    path("alive/", applock.alive, name="lock_alive"),
    path("lock/", applock.unlock, name="unlock"),
    path("settings/lock/", applock.lock_settings, name="lock_settings"),
]
