from django.db import transaction

from casework.errors import DomainError, full_clean_or_raise
from casework.models import Department, Jurisdiction, Role, Subject, User
from casework.services.audit import audit_write
from casework.services.reference_data import field_changes

# Never written to the audit trail, not even as a hash.
_SECRET_FIELDS = ("password",)


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
    may_review: bool = False,
    may_sign_off: bool = False,
) -> User:
    """Create a user in one role, tied to the one scope that role needs.

    `may_review`, `may_sign_off`: a handler's rights over its department's decision letters."""
    if (may_review or may_sign_off) and role != Role.HANDLER:
        raise DomainError({"role": "只有部门承办人可以审核或签发文书。"})
    check_role_scope(role=role, subject=subject, department=department, jurisdiction=jurisdiction)
    user = User(
        username=username,
        email=email,
        first_name=full_name,
        role=role,
        subject=subject,
        department=department,
        jurisdiction=jurisdiction,
        may_review=may_review,
        may_sign_off=may_sign_off,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    user.set_password(password)
    full_clean_or_raise(user, exclude=["password"])
    user.save()
    return user


def check_role_scope(*, role: str, subject: Subject | None, department: Department | None,
                     jurisdiction: Jurisdiction | None) -> None:
    """Refuse a role without its one scope, or with another role's scope."""
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


@transaction.atomic
def user_admin_save(*, user: User, acting_user: User) -> User:
    """Save a user an administrator created or edited in the admin; audited with the fields
    that changed (the password only as "set", never its value)."""
    check_role_scope(role=user.role, subject=user.subject, department=user.department,
                     jurisdiction=user.jurisdiction)
    if (user.may_review or user.may_sign_off) and user.role != Role.HANDLER:
        raise DomainError({"role": "只有部门承办人可以审核或签发文书。"})
    before = User.objects.select_for_update().filter(pk=user.pk).first() if user.pk else None
    user.save()
    changes = field_changes(before=before, after=user, exclude=_SECRET_FIELDS + ("last_login", "date_joined"))
    if before is None:
        audit_write(target=user, action="user_created", actor=acting_user, to_state=user.role,
                    reason="管理员新建用户", details={"changes": changes})
    elif changes:
        names = "、".join(str(User._meta.get_field(name).verbose_name) for name in changes)
        audit_write(target=user, action="user_edited", actor=acting_user, reason=f"管理员修改：{names}",
                    details={"changes": changes})
    return user


@transaction.atomic
def user_password_set(*, user: User, acting_user: User) -> User:
    """Store the password an administrator set on `user` (already hashed on the instance); audited."""
    user.save(update_fields=["password"])
    audit_write(target=user, action="user_password_set", actor=acting_user,
                reason="管理员重设密码" if user.has_usable_password() else "管理员停用密码登录")
    return user


@transaction.atomic
def user_deactivate(*, user: User, acting_user: User, reason: str = "") -> bool:
    """Deactivate a user (停用): the account stays, with its history, but can no longer sign in.

    Users are never deleted: cases, letters and audit rows name them. Returns False when
    the user was inactive already (nothing is written then).
    """
    if user.pk == acting_user.pk:
        raise DomainError("不能停用自己的账号。")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.is_active:
        return False
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    user.is_active = False
    audit_write(target=locked, action="user_deactivated", actor=acting_user, from_state="active",
                to_state="inactive", reason=reason or "管理员停用账号")
    return True
