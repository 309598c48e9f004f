from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("being written")


checkin = urge = slip = checked_on_them = ex_contact = history = _todo
