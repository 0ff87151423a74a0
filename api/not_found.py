"""The answer for an address under /api/ that names nothing: JSON, like every other API error.

Without it Django answers an unknown API address with its HTML 404 page (or,
with DEBUG, the technical 404), which a client parsing JSON cannot read. It is
the last route of api/urls.py, so it only ever sees what nothing else matched.
"""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def api_not_found(request, path=""):
    return JsonResponse({"detail": "未找到。", "code": "not_found"}, status=404,
                        json_dumps_params={"ensure_ascii": False})
