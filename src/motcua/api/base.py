"""The one NinjaAPI object and its error handlers: every refusal is a readable 4xx."""

import datetime as dt
from http import HTTPStatus
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import AfterValidator

from motcua.core.errors import DomainError
from motcua.core.validators import FIRST_YEAR, LAST_YEAR, out_of_service_years_message

# Python's own reason phrases change between versions (3.13 renamed 422): fix ours so the
# published OpenAPI document is the same whatever Python serves it.
RESPONSE_DESCRIPTIONS = {
    "200": "OK",
    "201": "Created",
    "204": "No Content",
    "400": "Bad Request",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "Not Found",
    "409": "Conflict",
    "422": "Unprocessable Content",
    "429": "Too Many Requests",
    "503": "Service Unavailable",
}


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                for code, response in operation.get("responses", {}).items():
                    phrase = HTTPStatus(int(code)).phrase if str(code).isdigit() else None
                    if response.get("description") == phrase and str(code) in RESPONSE_DESCRIPTIONS:
                        response["description"] = RESPONSE_DESCRIPTIONS[str(code)]
        return schema


class NulCharacter(ValueError):
    """Input holding U+0000: no field of ours accepts it, and PostgreSQL cannot store it."""


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


class NoNulParser(Parser):
    """JSON bodies and query strings, refused when a text anywhere in them holds U+0000 (as
    Django's form fields refuse it), before any of it reaches a query."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if _holds_nul(data):
            raise NulCharacter("U+0000 in the body")
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        if _holds_nul(result):
            raise ValidationError([{"loc": ["query"], "type": "nul_character"}])
        return result


api = MotcuaAPI(
    parser=NoNulParser(),
    title="Một Cửa API",
    version="1",
    description="API của hệ thống Một Cửa điện tử. Public API of the Một Cửa one-stop system.",
    urls_namespace="api",
)


def error_body(code: str, message: str, **extra) -> dict:
    return {"code": code, "message": message, **extra}


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return api.create_response(request, error_body(exc.code, exc.message), status=exc.status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = [
        {"loc": [str(p) for p in e.get("loc", [])], "type": e.get("type", "")} for e in exc.errors
    ]
    return api.create_response(
        request,
        error_body("invalid_input", _("Dữ liệu gửi lên không hợp lệ."), errors=errors),
        status=422,
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(
        request, error_body("not_found", _("Không tìm thấy dữ liệu yêu cầu.")), status=404
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(
        request, error_body("unauthenticated", _("Bạn cần đăng nhập.")), status=401
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # django-ninja raises these in English (e.g. an unparsable JSON body): answer in Vietnamese.
    messages = {
        400: ("bad_request", _("Không đọc được nội dung yêu cầu: dữ liệu JSON không hợp lệ.")),
        405: ("method_not_allowed", _("Phương thức không được hỗ trợ.")),
        429: ("too_many_requests", _("Bạn thao tác quá nhiều lần. Vui lòng thử lại sau ít phút.")),
    }
    code, message = messages.get(exc.status_code, ("error", _("Yêu cầu không hợp lệ.")))
    if isinstance(exc.__cause__, NulCharacter):
        code, message = "nul_character", _("Dữ liệu gửi lên chứa ký tự rỗng (NUL), không hợp lệ.")
    return api.create_response(request, error_body(code, message), status=exc.status_code)


def _service_instant(value: dt.datetime) -> dt.datetime:
    """An instant the service can hold: years 1900–2999, an offset taken to UTC (Python accepts
    offsets up to ±23:59, PostgreSQL only up to ±15:59)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(out_of_service_years_message())
    return value.astimezone(dt.UTC) if value.tzinfo is not None else value


# A date and time received from a client (query or body): refused with 422 when out of range.
Instant = Annotated[dt.datetime, AfterValidator(_service_instant)]


class ErrorOut(Schema):
    code: str
    message: str


# Answers any operation may give through the handlers above (and the security middleware).
COMMON_ERRORS = (400, 404, 422, 429, 503)
AUTH_ERRORS = (401, 403)


def declare_error_responses() -> None:
    """Document the shared `{code, message}` error answers on every operation of the API.

    Call once after every router is mounted; the handlers above already produce them, this
    only makes the OpenAPI description say so.
    """
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                codes = COMMON_ERRORS + (AUTH_ERRORS if operation.auth_callbacks else ())
                for code in codes:
                    operation.response_models.setdefault(
                        code, operation._create_response_model(ErrorOut)
                    )
