"""Mounts every domain router on the one API object."""

from . import auth, catalog, dossiers, organization, portal, reports
from .base import api, declare_error_responses

api.add_router("", organization.router)
api.add_router("", catalog.router)
api.add_router("", auth.router)
api.add_router("", portal.router)
api.add_router("", dossiers.router)
api.add_router("", reports.router)

urlpatterns = api.urls
declare_error_responses()
