"""Serializers for the stories' API fields (Wagtail API v2)."""

from rest_framework import serializers


class DistrictSerializer(serializers.Serializer):
    """A story's district as the directory names it: slug and both names."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
