"""Roles are Django groups; this says which permissions each one carries, and names the review
permissions (declared on editorial's ReviewableClaim) that the code checks."""

# Review permissions, as user.has_perm() and templates (perms.editorial.…) name them.
PERM_REVIEW = "editorial.review_claim"
PERM_APPROVE = "editorial.approve_verdict"
PERM_ASSIGN = "editorial.assign_claim"
PERM_FORCE_UNLOCK = "editorial.force_unlock"

REPORTER = "reporter"
CHECKER = "checker"
CHIEF = "chief"

_READ_CONTENT = [
    "factcheck.view_article", "factcheck.view_claim", "factcheck.view_evidence",
    "factcheck.view_source",
]
ROLE_PERMISSIONS = {
    REPORTER: _READ_CONTENT + ["factcheck.add_article", "factcheck.add_source"],
    CHECKER: _READ_CONTENT + [
        "factcheck.add_article", "factcheck.add_source", PERM_REVIEW,
        "factcheck.view_verification", "factcheck.view_referencefact",
        "editorial.view_verdict", "editorial.add_verdict",
    ],
    CHIEF: _READ_CONTENT + [
        "factcheck.add_article", "factcheck.change_article", "factcheck.add_source",
        "factcheck.change_source", "factcheck.change_claim", PERM_REVIEW, PERM_APPROVE,
        PERM_ASSIGN, PERM_FORCE_UNLOCK,
        "factcheck.view_monitoring", "factcheck.rerun_pipeline", "factcheck.view_verification",
        "factcheck.view_workerheartbeat", "factcheck.view_claimcluster",
        "factcheck.view_referencefact", "factcheck.add_referencefact",
        "factcheck.change_referencefact", "factcheck.delete_referencefact",
        "factcheck.view_gazetteerentry", "factcheck.add_gazetteerentry",
        "factcheck.change_gazetteerentry", "factcheck.delete_gazetteerentry",
        "editorial.view_verdict", "editorial.add_verdict", "editorial.view_auditlogentry",
        "editorial.view_claimlease",
        "editorial.view_webhooksubscription", "editorial.add_webhooksubscription",
        "editorial.change_webhooksubscription", "editorial.delete_webhooksubscription",
        "editorial.view_webhookdelivery", "editorial.change_webhookdelivery",
        "factcheck.view_feed", "factcheck.add_feed", "factcheck.change_feed",
        "factcheck.delete_feed", "factcheck.view_bulkimport",
    ],
}


def create_all_permissions(apps):
    """For migrations: create the permissions now (Django creates them only after every
    migration ran)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_role_permissions(apps, schema_editor=None):
    """For migrations: give each role group its permissions, created first if need be."""
    create_all_permissions(apps)
    sync_role_groups(apps)


def sync_role_groups(apps):
    """Create or update the role groups. Used by a migration (with historical apps) and tests."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
