from django.contrib.auth.models import AbstractUser, UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.bases import only_set


class Role(models.TextChoices):
    SUBJECT_OFFICER = "subject_officer", _("主体经办人")
    HANDLER = "handler", _("部门承办人")
    SUPERVISOR = "supervisor", _("监督人员")
    ADMINISTRATOR = "administrator", _("系统管理员")


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # `createsuperuser` knows nothing of roles; a superuser is an administrator.
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


# What ties a user to the part of the system they work in; each role has at most one.
_SCOPES = ("subject", "department", "jurisdiction")


class User(AbstractUser):
    """A person using the system, in exactly one role with its one scope.

    Subject officers are tied to a subject, handlers to a department,
    supervisors to a jurisdiction (which they see with everything below it).
    What each role may see is decided in `casework.permissions` only.
    """

    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("所属主体"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="officers",
    )
    department = models.ForeignKey(
        "casework.Department", verbose_name=_("所属部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="staff",
    )
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("监督范围"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="supervisors",
    )

    # 审核 and 签发 of decision letters (casework.models.signoffs): rights within the handler's
    # own department, set in the admin; never over a draft the user wrote.
    may_review = models.BooleanField(_("可审核文书"), default=False)
    may_sign_off = models.BooleanField(_("可签发文书"), default=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                name="user_role_has_its_scope",
                condition=(
                    only_set("subject", _SCOPES, role="subject_officer")
                    | only_set("department", _SCOPES, role="handler")
                    | only_set("jurisdiction", _SCOPES, role="supervisor")
                    | only_set(None, _SCOPES, role="administrator")
                ),
            ),
            models.CheckConstraint(
                name="user_signoff_rights_only_for_handlers",
                condition=models.Q(role="handler") | models.Q(may_review=False, may_sign_off=False),
                violation_error_message=_("只有部门承办人可以审核或签发文书。"),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username
