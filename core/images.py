"""Photos people upload keep nothing they did not mean to publish.

A photo straight from a phone carries EXIF (camera, time and often the GPS position of
whoever took it), sometimes XMP or a comment, and its file name on the device
("kim-family-home.jpg"). Every stored photo is a re-encoded copy without any of that,
turned upright as its EXIF said, under a random name:

- ``check_photo`` refuses an upload that is not a photo of a sane size (from its
  header, before anything is decoded), and ``without_metadata`` makes such a copy of
  it (the proposal and campaign forms use both before anything is stored);
- ``connect()`` applies it to every Wagtail image saved with a new file, whichever view
  or code saved it (the admin's upload, multiple upload, chooser upload and "replace
  file", proposals, the demo), so no path can forget it.
"""

import io
import os
import uuid

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from wagtail.utils.file import hash_filelike

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# What each format is written again with (Pillow writes no EXIF, XMP or comment unless
# told to); the ICC colour profile is kept so colours stay right.
SAVE_AS = {
    "JPEG": ({"quality": 90, "optimize": True}, "image/jpeg", ".jpg"),
    "PNG": ({"optimize": True}, "image/png", ".png"),
    "WEBP": ({"quality": 90}, "image/webp", ".webp"),
    "AVIF": ({"quality": 90}, "image/avif", ".avif"),
    "GIF": ({}, "image/gif", ".gif"),
}
# Phones' multi-picture JPEGs (a second, full-size preview with its own EXIF inside):
# the first picture is kept, as a plain JPEG.
SAME_AS = {"MPO": "JPEG"}


# What the public forms take (the admin takes what Wagtail's settings allow).
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def max_photo_bytes():
    """One photo's size limit on the public forms (the setting's name is the proposal
    form's, which had it first)."""
    return getattr(settings, "OPERATOR_PHOTO_MAX_BYTES", 5 * 1024 * 1024)


def max_photo_pixels():
    return getattr(settings, "OPERATOR_PHOTO_MAX_PIXELS", 40_000_000)


def check_photo(upload):
    """The upload is a real photo of a sane size (raises ValidationError)."""
    if upload.size > max_photo_bytes():
        raise forms.ValidationError(
            _("This photo is %(size)s MB; the limit is %(limit)s MB."),
            params={
                "size": f"{upload.size / 1048576:.1f}",
                "limit": f"{max_photo_bytes() / 1048576:.0f}",
            },
        )
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            # Reading the header only: the pixel count is known before decoding anything.
            width, height = image.size
            kind = image.format
            if width * height > max_photo_pixels():
                raise forms.ValidationError(
                    _("This photo is %(width)s × %(height)s pixels, which is too large."),
                    params={"width": width, "height": height},
                )
            if kind not in PHOTO_FORMATS:
                raise forms.ValidationError(_("Upload a JPEG, PNG, WebP or GIF photo."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(_("This file is not a photo we can read.")) from error
    except PILImage.DecompressionBombError as error:
        raise forms.ValidationError(_("This photo is too large.")) from error
    finally:
        upload.seek(0)
    return upload


class CleanPhoto(SimpleUploadedFile):
    """A photo already without metadata, under a random name: storing it as a Wagtail
    image does not encode it a second time."""


def random_name(extension):
    return f"{uuid.uuid4().hex}{extension}"


def _extension(name):
    extension = os.path.splitext(name or "")[1].lower()
    return extension if 1 < len(extension) <= 6 and extension[1:].isalnum() else ""


def _gif_without_metadata(image, data):
    """GIFs carry no EXIF; a comment or XMP block is what they may hold. Writing a GIF
    again can cost an animation colours, so it is written again only when it holds one."""
    if "comment" not in image.info and b"XMP DataXMP" not in data:
        return data
    out = io.BytesIO()
    image.save(out, "GIF", save_all=getattr(image, "is_animated", False), comment=b"")
    return out.getvalue()


def clean_copy(data, name=""):
    """``(bytes, content type, random file name, (width, height))`` of the picture in
    ``data`` without metadata and upright. A file Pillow does not read (an SVG, if the
    admin ever allows them) keeps its bytes and gets only the random name (no size
    then); a picture it reads but cannot decode is an error (nothing is stored)."""
    try:
        image = PILImage.open(io.BytesIO(data))
    except UnidentifiedImageError:
        return data, None, random_name(_extension(name)), None
    with image:
        kind = SAME_AS.get(image.format, image.format)
        if kind not in SAVE_AS:
            kind = "PNG"  # a format Pillow reads but we do not write again
        options, content_type, extension = SAVE_AS[kind]
        if kind == "GIF":
            cleaned = _gif_without_metadata(image, data)
            return cleaned, content_type, random_name(extension), image.size
        icc_profile = image.info.get("icc_profile")
        if getattr(image, "is_animated", False) and kind != "JPEG":
            # Every frame, as they are (EXIF orientation is for still photos).
            upright, options = image, {**options, "save_all": True}
        else:
            upright = ImageOps.exif_transpose(image)
        if kind == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        if icc_profile:
            options = {**options, "icc_profile": icc_profile}
        out = io.BytesIO()
        try:
            # comment="": a JPEG's comment would otherwise be copied over.
            upright.save(out, kind, comment=b"", **options)
        except (OSError, ValueError):  # a mode this format does not write
            options, content_type, extension = SAVE_AS["PNG"]
            out = io.BytesIO()
            upright.convert("RGBA").save(out, "PNG", **options)
        return out.getvalue(), content_type, random_name(extension), upright.size


def without_metadata(upload):
    """A copy of a checked photo without its metadata (EXIF, XMP, comments), turned
    upright as the EXIF said, under a random file name."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    cleaned, content_type, name, __ = clean_copy(data, upload.name)
    return CleanPhoto(name, cleaned, content_type=content_type or upload.content_type)


def _stored_elsewhere(model, instance, name):
    return model._default_manager.filter(file=name).exclude(pk=instance.pk).exists()


def clean_new_image_file(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a Wagtail image is saved with a new file, swap the file for a copy without
    metadata under a random name, and set width, height, size and hash from that copy.

    A new file is usually not yet in storage (Django's file field stores it after this
    signal, under ``original_images/`` by Wagtail's ``get_upload_to``); Wagtail's
    multiple upload can also store it first (an upload finished in a second step), and
    that stored original is deleted once its clean copy replaces it."""
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    field_file = instance.file
    if not field_file:
        return
    stored_original = None
    if field_file._committed:
        previous = (
            sender._default_manager.filter(pk=instance.pk).values_list("file", flat=True).first()
            if instance.pk
            else None
        )
        if previous == field_file.name:
            return  # the file did not change
        stored_original = field_file.name
    if stored_original is None and isinstance(field_file.file, CleanPhoto):
        field_file.file.seek(0)
        cleaned, name, size = field_file.file.read(), field_file.file.name, None
    else:
        field_file.open("rb")
        try:
            cleaned, __, name, size = clean_copy(field_file.read(), field_file.name)
        finally:
            if stored_original:
                field_file.close()
    instance.file = ContentFile(cleaned, name=name)  # width and height follow (ImageField)
    if size:
        instance.width, instance.height = size
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(io.BytesIO(cleaned))
    if stored_original and not _stored_elsewhere(sender, instance, stored_original):
        instance.file.storage.delete(stored_original)


def connect():
    from wagtail.images import get_image_model

    pre_save.connect(
        clean_new_image_file, sender=get_image_model(), dispatch_uid="core-images-clean-file"
    )
