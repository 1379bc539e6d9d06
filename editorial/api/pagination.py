from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from factcheck.models import Claim

from ..queue import parse_cursor

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200


class NewestFirst(CursorPagination):
    ordering = "-id"
    page_size = PAGE_SIZE
    page_size_query_param = "size"
    max_page_size = MAX_PAGE_SIZE


def page_size(request):
    raw = request.query_params.get("size")
    if raw in (None, ""):
        return PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"size": [_("Give a whole number from 1 to %(max)s.")
                                        % {"max": MAX_PAGE_SIZE}]})
    return size


class QueueKeyset(BasePagination):
    """The review queue's order and paging: highest priority first, `after=<priority>:<id>`
    from the `next` link. As on the queue page (editorial.queue.queue_ids), the ids are read
    with one index walk per status, merged (UNION ALL), instead of sorting every open claim."""

    cursor_query_param = "after"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = page_size(request)
        raw = request.query_params.get(self.cursor_query_param)
        cursor = parse_cursor(raw)
        if raw and cursor is None:
            raise ValidationError({self.cursor_query_param: [
                _("Not a page address of this list: follow the “next” link as given.")]})
        statuses = getattr(view, "statuses", None) or [code for code, _l in Claim.STATUS_CHOICES]
        if connection.features.supports_slicing_ordering_in_compound:
            groups = [[status] for status in statuses]
        else:
            groups = [statuses]  # SQLite: one plain query over all the statuses
        branches = []
        for group in groups:
            branch = queryset.filter(status__in=group)
            if cursor:
                priority, pk = cursor
                branch = branch.filter(Q(priority__lt=priority) | Q(priority=priority, id__lt=pk))
            branch = branch.order_by("-priority", "-id").values_list("id", "priority")
            branches.append(branch[: size + 1])
        ids_query = branches[0]
        if len(branches) > 1:
            ids_query = branches[0].union(*branches[1:], all=True).order_by("-priority", "-id")
            ids_query = ids_query[: size + 1]
        found = list(ids_query)
        self.has_next = len(found) > size
        found = found[:size]
        ids = [pk for pk, _priority in found]
        rows = {claim.pk: claim for claim in queryset.filter(pk__in=ids).order_by()}
        page = [rows[pk] for pk, _p in found if pk in rows]
        self.last = found[-1] if found else None
        return page

    def get_next_link(self):
        if not self.has_next:
            return None
        pk, priority = self.last
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, f"{priority!r}:{pk}")

    def get_first_link(self):
        return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "The next page, from the previous page's `next` link.",
             "schema": {"type": "string"}},
            {"name": "size", "required": False, "in": "query",
             "description": f"Claims per page (1–{MAX_PAGE_SIZE}, default {PAGE_SIZE}).",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
        ]
