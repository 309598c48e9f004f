from django.urls import include, path

urlpatterns = [
    path("", include("nocontact.web.urls")),
    path("account/", include("nocontact.accounts.urls")),
]
