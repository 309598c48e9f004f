from django.http import HttpRequest, HttpResponse


def sos(request: HttpRequest) -> HttpResponse:
    return HttpResponse("being written")
