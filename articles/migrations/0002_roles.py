from django.contrib.auth.management import create_permissions
from django.db import migrations


# The roles as first created; later migrations change them.
ROLE_PERMISSIONS = {'خبرنگار': ['articles.add_article',
             'articles.change_article',
             'articles.view_article',
             'officials.view_official',
             'officials.view_position',
             'topics.view_service',
             'topics.view_topic',
             'topics.view_country'],
 'دبیر سرویس': ['articles.add_article',
                'articles.change_article',
                'articles.view_article',
                'articles.view_correction',
                'officials.view_official',
                'officials.view_position',
                'topics.view_service',
                'topics.view_topic',
                'topics.view_country'],
 'سردبیر': ['articles.add_article',
            'articles.change_article',
            'articles.view_article',
            'articles.add_correction',
            'articles.change_correction',
            'articles.view_correction',
            'topics.change_service',
            'officials.view_official',
            'officials.view_position',
            'topics.view_service',
            'topics.view_topic',
            'topics.view_country',
            'officials.add_official',
            'officials.change_official',
            'officials.delete_official',
            'officials.view_official',
            'officials.add_position',
            'officials.change_position',
            'officials.delete_position',
            'officials.view_position',
            'topics.add_topic',
            'topics.change_topic',
            'topics.delete_topic',
            'topics.view_topic'],
 'مدیر سامانه': ['auth.add_user',
                 'auth.change_user',
                 'auth.delete_user',
                 'auth.view_user',
                 'auth.add_group',
                 'auth.change_group',
                 'auth.delete_group',
                 'auth.view_group']}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("officials", "0001_initial"),
        ("topics", "0003_load_services"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
