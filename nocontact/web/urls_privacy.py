"""Your data, mounted at ``/privacy/``: export, import, delete."""

from django.urls import path

from nocontact.web.views import privacy

urlpatterns = [
    path("", privacy.export, name="export"),
    path("export/<str:fmt>/", privacy.export_download, name="export_download"),
    path("import/", privacy.import_data, name="import_data"),
    path("delete/", privacy.delete_account, name="delete_account"),
    path("deleted/", privacy.account_deleted, name="account_deleted"),
]
