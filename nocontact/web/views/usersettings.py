from django.http import HttpRequest, HttpResponse


def settings_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("being written")
