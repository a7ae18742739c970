"""`motcua export_openapi > openapi.json`: the API description committed at the root."""

import json

from django.core.management.base import BaseCommand


def openapi_text() -> str:
    """The generated OpenAPI document, with stable key order and a final newline."""
    from motcua.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "In mô tả OpenAPI của API /api/v1/ (JSON) ra đầu ra chuẩn."

    def handle(self, *args, **options):
        self.stdout.write(openapi_text(), ending="")
