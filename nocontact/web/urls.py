from django.urls import path

from nocontact.web.views import (
    dashboard,
    insights,
    logging,
    onboarding,
    reasons,
    sos,
    usersettings,
    writings,
)

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # Setting up and editing the breakup profile.
    path("start/", onboarding.onboarding, name="onboarding"),
    path("profile/", onboarding.profile, name="profile"),
    path("profile/dates/add/", onboarding.add_date, name="add_date"),
    path("profile/dates/<int:pk>/delete/", onboarding.delete_date, name="delete_date"),
    path("profile/items/add/", onboarding.add_item, name="add_item"),
    path("profile/items/<int:pk>/delete/", onboarding.delete_item, name="delete_item"),
    path("support/", onboarding.support, name="support"),
    # The day-to-day log.
    path("checkin/", logging.checkin, name="checkin"),
    path("urge/", logging.urge, name="urge"),
    path("slip/", logging.slip, name="slip"),
    path("checked-on-them/", logging.checked_on_them, name="checked_on_them"),
    path("they-reached-out/", logging.ex_contact, name="ex_contact"),
    path("history/", logging.history, name="history"),
    path("sos/", sos.sos, name="sos"),
    path("insights/", insights.insights, name="insights"),
    # The user's own words.
    path("journal/", writings.writings, name="writings"),
    path("journal/new/", writings.new_writing, {"kind": "journal"}, name="new_journal"),
    path("letters/new/", writings.new_writing, {"kind": "unsent_letter"}, name="new_letter"),
    path("journal/<int:pk>/", writings.edit_writing, name="edit_writing"),
    path("journal/<int:pk>/delete/", writings.delete_writing, name="delete_writing"),
    path("reasons/", reasons.reasons, name="reasons"),
    path("reasons/<int:pk>/delete/", reasons.delete_reason, name="delete_reason"),
    path("settings/", usersettings.settings_view, name="settings"),
]
