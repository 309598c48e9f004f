from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0, kind: str = "") -> HttpResponse:
    return HttpResponse("being written")


writings = new_writing = edit_writing = delete_writing = _todo
