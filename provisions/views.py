from django.http import HttpResponse


def article_detail(request, law, number):
    return HttpResponse("todo")
