from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from nightcramp.web.sharing.headers import PRIVATE_HEADERS, private, set_private


def test_set_private_adds_every_header() -> None:
    response = set_private(HttpResponse("x"))
    assert {k: response[k] for k in PRIVATE_HEADERS} == PRIVATE_HEADERS
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_wrapped_view_answers_with_the_headers_whatever_its_status() -> None:
    @private
    def missing(request: HttpRequest) -> HttpResponse:
        return HttpResponse("gone", status=404)

    response = missing(HttpRequest())
    assert response.status_code == 404 and response["Cache-Control"] == "no-store"
    assert missing.__name__ == "missing"
