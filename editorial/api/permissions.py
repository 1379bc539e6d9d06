from rest_framework.permissions import BasePermission


def requires(perm):
    """A DRF permission class: the user is authenticated and has `perm` (a role's)."""

    class HasPermission(BasePermission):
        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated and user.has_perm(perm))

    HasPermission.__name__ = f"Requires_{perm.replace('.', '_')}"
    return HasPermission
