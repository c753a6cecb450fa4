from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("Photo library")

    def ready(self):
        from django.db.models.signals import pre_delete

        from photos.services import photo_files_forget

        # A receiver, not a call in the admin: the admin's delete, its bulk action
        # and the shell all delete photos, and none may leave their files behind.
        # pre_delete, while the renditions are still there to be named.
        def forget_files(sender, instance, **kwargs):
            photo_files_forget(photo=instance)

        pre_delete.connect(
            forget_files,
            sender=self.get_model("Photo"),
            weak=False,
            dispatch_uid="files",
        )
