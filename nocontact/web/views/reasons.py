from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("being written")


reasons = delete_reason = _todo
