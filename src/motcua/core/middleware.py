"""Vietnamese unless the user chose otherwise: the browser's language is not a choice."""


class VietnameseByDefaultMiddleware:
    # An officer's PC with an English browser still gets Vietnamese; the switch sets a cookie.
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
