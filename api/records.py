"""Credit records over HTTP: the caller's visible records, each with its visible measures."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.mixins import ListModelMixin
from rest_framework.viewsets import GenericViewSet

from api.serializers import RecordSerializer
from casework.models import CreditRecord, PunishmentMeasure
from casework.permissions import measures_visible_to, records_visible_to


@extend_schema(tags=["records"], summary="可见的信用记录及其惩戒措施")
class RecordViewSet(ListModelMixin, GenericViewSet):
    serializer_class = RecordSerializer

    def get_queryset(self):
        user = self.request.user
        measures = measures_visible_to(user, PunishmentMeasure.objects.select_related("imposed_by"))
        return records_visible_to(
            user, CreditRecord.objects.select_related("subject", "determined_by")
        ).prefetch_related(Prefetch("measures", queryset=measures, to_attr="visible_measures"))
