from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "retour.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished

        from . import signals

        page_published.connect(signals.on_page_published, dispatch_uid="search-published")
        page_unpublished.connect(signals.on_page_unpublished, dispatch_uid="search-unpublished")
        # Subclass deletes send pre_delete for the Page row as well.
        pre_delete.connect(signals.on_page_deleted, sender=Page, dispatch_uid="search-deleted")
