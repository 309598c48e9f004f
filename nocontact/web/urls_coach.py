"""The message coach, mounted at ``/coach/``."""

from django.urls import path

from nocontact.web.views import coach

urlpatterns = [
    path("", coach.coach, name="coach"),
    path("analyse/", coach.coach_analyse, name="coach_analyse"),
    path("letters/<int:pk>/", coach.letter_review, name="letter_review"),
]
