from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "retour.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished

        from . import concepts, signals
        from .models import Concept, ConceptTerm

        page_published.connect(signals.on_page_published, dispatch_uid="search-published")
        from retour.content.import_write import pages_published

        pages_published.connect(signals.on_pages_published, dispatch_uid="search-bulk-published")
        page_unpublished.connect(signals.on_page_unpublished, dispatch_uid="search-unpublished")
        # Subclass deletes send pre_delete for the Page row as well.
        pre_delete.connect(signals.on_page_deleted, sender=Page, dispatch_uid="search-deleted")
        # The concept list is cached per process: any change reloads it everywhere.
        for model in (Concept, ConceptTerm):
            for signal in (post_save, post_delete):
                signal.connect(
                    concepts.bump_generation,
                    sender=model,
                    dispatch_uid=f"search-concepts-{model.__name__}-{id(signal)}",
                )
