"""Errors a user sees: each carries a Chinese message that says what to do next."""


class AssistantError(Exception):
    """A problem the user can act on; `message` is shown as is, `exit_code` ends the CLI."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(AssistantError):
    """The user's input (a question, a file, an argument) cannot be used."""

    exit_code = 2


class NotFoundError(AssistantError):
    """A document, article or item that does not exist."""

    exit_code = 3


class IndexMissingError(AssistantError):
    """The index is missing or stale and must be (re)built."""

    exit_code = 4
