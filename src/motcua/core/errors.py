"""One error type for every refused action: a stable code and a message people can read."""


class DomainError(Exception):
    """A refused action. `message` is shown to the user (Vietnamese by default, via gettext)."""

    status = 400

    def __init__(self, code: str, message: str, *, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        if status is not None:
            self.status = status


class NotFound(DomainError):
    status = 404


class PermissionDenied(DomainError):
    status = 403
