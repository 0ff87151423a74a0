from django.db import transaction

from casework.errors import DomainError, full_clean_or_raise
from casework.models import Department, Jurisdiction, Role, Subject, User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    email: str = "",
    subject: Subject | None = None,
    department: Department | None = None,
    jurisdiction: Jurisdiction | None = None,
) -> User:
    """Create a user in one role, tied to the one scope that role needs."""
    needed = {
        Role.SUBJECT_OFFICER: ("subject", subject, "主体经办人须关联一个政务主体。"),
        Role.HANDLER: ("department", department, "部门承办人须关联一个部门。"),
        Role.SUPERVISOR: ("jurisdiction", jurisdiction, "监督人员须关联一个监督范围（行政区域）。"),
    }
    if role in needed:
        field, value, message = needed[role]
        if value is None:
            raise DomainError({field: message})
    scopes = {"subject": subject, "department": department, "jurisdiction": jurisdiction}
    wanted = needed[role][0] if role in needed else None
    stray = [name for name, value in scopes.items() if value is not None and name != wanted]
    if stray:
        labels = {"subject": "政务主体", "department": "部门", "jurisdiction": "行政区域"}
        raise DomainError(f"角色“{Role(role).label}”不应关联{'、'.join(labels[s] for s in stray)}。")
    user = User(
        username=username,
        email=email,
        first_name=full_name,
        role=role,
        subject=subject,
        department=department,
        jurisdiction=jurisdiction,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    user.set_password(password)
    full_clean_or_raise(user, exclude=["password"])
    user.save()
    return user
