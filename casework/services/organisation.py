from django.db import transaction

from casework.errors import DomainError, full_clean_or_raise
from casework.models import Department, Jurisdiction, JurisdictionLevel

_CHILD_LEVEL = {
    None: JurisdictionLevel.PROVINCE,
    JurisdictionLevel.PROVINCE: JurisdictionLevel.CITY,
    JurisdictionLevel.CITY: JurisdictionLevel.COUNTY,
}


def _check_level(*, level: str, parent: Jurisdiction | None) -> None:
    expected = _CHILD_LEVEL.get(parent.level if parent else None)
    if expected is None:
        raise DomainError({"parent": "县级行政区域之下不能再设下级区域。"})
    if level != expected:
        raise DomainError(
            {"level": f"“{parent.name if parent else '（无上级）'}”的下级应为{JurisdictionLevel(expected).label}。"}
        )


@transaction.atomic
def jurisdiction_save(*, jurisdiction: Jurisdiction) -> Jurisdiction:
    """Create or update a jurisdiction and keep its subtree's paths right."""
    if not (len(jurisdiction.code) == 6 and jurisdiction.code.isdigit()):
        raise DomainError({"code": "行政区划代码应为6位数字。"})
    parent = jurisdiction.parent
    _check_level(level=jurisdiction.level, parent=parent)
    old_path = None
    if jurisdiction.pk:
        old_path = Jurisdiction.objects.filter(pk=jurisdiction.pk).values_list("path", flat=True).first()
    new_path = f"{parent.path if parent else ''}{jurisdiction.code}/"
    if old_path and parent and parent.path.startswith(old_path):
        raise DomainError({"parent": "不能把行政区域移到它自己的下级之下。"})
    jurisdiction.path = new_path
    jurisdiction.save()
    if old_path and old_path != new_path:
        for child in Jurisdiction.objects.filter(path__startswith=old_path).exclude(pk=jurisdiction.pk):
            child.path = new_path + child.path[len(old_path):]
            child.save(update_fields=["path"])
    return jurisdiction


def jurisdiction_create(*, code: str, name: str, level: str, parent: Jurisdiction | None = None) -> Jurisdiction:
    return jurisdiction_save(jurisdiction=Jurisdiction(code=code, name=name, level=level, parent=parent))


@transaction.atomic
def department_create(
    *,
    name: str,
    jurisdiction: Jurisdiction,
    is_determining: bool = False,
    is_platform_operator: bool = False,
    is_supervisor_office: bool = False,
    uscc: str = "",
    document_prefix: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    one_step_letter_kinds: tuple[str, ...] | list[str] = (),
) -> Department:
    department = Department(
        one_step_letter_kinds=list(one_step_letter_kinds),
        name=name,
        jurisdiction=jurisdiction,
        uscc=uscc,
        document_prefix=document_prefix,
        contact_person=contact_person,
        contact_phone=contact_phone,
        is_determining=is_determining,
        is_platform_operator=is_platform_operator,
        is_supervisor_office=is_supervisor_office,
    )
    full_clean_or_raise(department)
    department.save()
    return department


@transaction.atomic
def department_one_step_kinds_set(*, department: Department, kinds) -> Department:
    """Name the letter kinds `department` issues without 审核 and 签发 (workflows.signoff);
    an unknown kind is refused rather than silently never matching."""
    from letters.models import LetterKind

    kinds = sorted(set(kinds))
    unknown = [kind for kind in kinds if kind not in LetterKind.values]
    if unknown:
        raise DomainError({"one_step_letter_kinds": f"未知的文书种类：{'、'.join(unknown)}"})
    locked = Department.objects.select_for_update().get(pk=department.pk)
    locked.one_step_letter_kinds = kinds
    locked.save(update_fields=["one_step_letter_kinds"])
    department.one_step_letter_kinds = kinds
    return locked
