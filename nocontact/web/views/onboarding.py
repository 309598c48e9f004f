from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("being written")


onboarding = profile = add_date = delete_date = add_item = delete_item = support = _todo
