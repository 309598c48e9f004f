from django.urls import include, path

urlpatterns = [
    path("", include("nocontact.web.urls")),
    path("", include("nocontact.web.urls_program")),
    path("reconnect/", include("nocontact.web.urls_routes")),
    path("coach/", include("nocontact.web.urls_coach")),
    path("account/", include("nocontact.accounts.urls")),
    path("privacy/", include("nocontact.web.urls_privacy")),
    path("", include("nocontact.web.urls_lock")),
    path("reminders/", include("nocontact.reminders.urls")),
    path("", include("nocontact.web.urls_words")),
    path("", include("nocontact.web.urls_offline")),
    path("api/v1/", include("nocontact.api.urls")),
    path("settings/api-tokens/", include("nocontact.api.urls_web")),
    path("", include("nocontact.web.urls_health")),
]
