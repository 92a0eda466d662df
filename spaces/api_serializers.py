"""How the open data API (``/api/v2/``) writes the directory's terms: slug and both
names, never database ids alone."""

from rest_framework import serializers


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class RichTextSerializer(serializers.Field):
    """Rich text as the site shows it (internal links and images expanded)."""

    def to_representation(self, value):
        from wagtail.rich_text import expand_db_html

        return expand_db_html(value or "")
