from django.urls import path

from nocontact.api import token_views

urlpatterns = [
    path("", token_views.tokens, name="api_tokens"),
    path("<int:pk>/revoke/", token_views.revoke, name="revoke_api_token"),
]
