from django.contrib.auth import views as auth_views
from django.urls import path

from nocontact.accounts import views
from nocontact.web.views.offline import clears_site_data

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", clears_site_data(auth_views.LogoutView.as_view()), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
]
