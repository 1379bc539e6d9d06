from rest_framework.pagination import CursorPagination


class NewestFirst(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "size"
    max_page_size = 200


class QueueOrder(NewestFirst):
    """The review queue's order: highest priority first."""

    ordering = ("-priority", "-id")
