"""Django's error answers, in JSON under `/api/` (the contract: the API answers JSON, even for a
route that does not exist or a request with a host name this site does not serve)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from nightcramp.store.sharing.links import SHARE_PATH

__all__ = ["NotAllowedPage", "bad_request", "not_found"]

_API = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(_API):
        return JsonResponse({"detail": "Not found."}, status=404)
    if request.path.startswith(SHARE_PATH):
        # Any address below a share link: the link's own answer and headers (the address may
        # hold a live token, which must not leave in a Referer or stay in a cache).
        from nightcramp.web.sharing.headers import set_private
        from nightcramp.web.sharing.views.shared import gone

        return set_private(gone(request))
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(_API):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


class NotAllowedPage:
    """A page opened by its address that only a button can send (a bookmark, an old tab):
    Django answers 405 with an empty body; a person gets the site's page with a way on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method == "GET"
            and not response.content
            and not request.path.startswith((_API, SHARE_PATH))
        ):
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response
