"""Reads counted from the page's beacon, and the most-read list the worker builds from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadEvent(models.Model):
    """One read of a story: an append-only row, the cheapest write on SQLite and PostgreSQL.

    No reader, cookie or address is stored: only which story, on which site, when.
    """

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["site", "read_at"], name="analytics_read_site_time")]

    def __str__(self) -> str:
        return f"read of {self.article_id} at {self.read_at:%Y-%m-%d %H:%M}"


class MostReadEntry(models.Model):
    """One line of a site's most-read list for the last 24 hours (rebuilt by a task)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    reads = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["site", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["site", "rank"], name="analytics_most_read_rank")
        ]
        verbose_name_plural = _("most read entries")

    def __str__(self) -> str:
        return f"#{self.rank} on site {self.site_id}: {self.article_id} ({self.reads} reads)"
