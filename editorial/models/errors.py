"""What a review transition raises: each carries a message for editors."""


class TransitionError(Exception):
    """A transition that the claim's current state does not allow; the message is for editors."""

    def __init__(self, message, claim=None):
        super().__init__(message)
        self.message = str(message)
        self.claim = claim


class Conflict(TransitionError):
    """Somebody changed the claim since the editor loaded it: nothing was saved."""


class InvalidVersion(TransitionError):
    """The form's version is missing or not a number: nothing was saved."""


class Locked(TransitionError):
    """Another editor holds the claim."""

    def __init__(self, lease, message=None):
        super().__init__(message or lease.message(), lease.claim)
        self.lease = lease
