"""Thin views: parse the request, fetch a bundle from the QuerySet, render HTML or JSON."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from provisions.models import Article
from provisions.params import BadParameter, parse_day
from provisions.serializers import article_as_dict

JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}


def wants_json(request) -> bool:
    return request.GET.get("format") == "json"


def bad_request(request, message: str):
    if wants_json(request):
        return JsonResponse({"error": message}, status=400, json_dumps_params=JSON_OPTIONS)
    return render(request, "400.html", {"message": message}, status=400)


def article_detail(request, law, number):
    try:
        as_of = parse_day(request.GET.get("as_of"), "as_of")
    except BadParameter as error:
        return bad_request(request, str(error))
    article = get_object_or_404(
        Article.objects.for_detail(as_of=as_of), law__slug=law, number=number
    )
    data = article_as_dict(article)
    if wants_json(request):
        return JsonResponse(data, json_dumps_params=JSON_OPTIONS)
    return render(
        request,
        "provisions/article_detail.html",
        {"article": article, "as_of": as_of, "versions": article.versions.all()},
    )
