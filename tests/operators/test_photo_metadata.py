"""Photos residents and operators send lose their metadata (EXIF: camera, time, the
GPS position where they were taken) before they are stored, and come out upright."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from core.images import without_metadata

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_with_exif(kind="JPEG", size=(40, 20), orientation=6):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 33.0, 21.0), 3: "E", 4: (126.0, 54.0, 36.0)})
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes())
    assert Image.open(io.BytesIO(out.getvalue())).getexif()  # the test photo has EXIF
    name = "phone.jpg" if kind == "JPEG" else f"phone.{kind.lower()}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{kind.lower()}")


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_the_stored_copy_has_no_exif_and_is_upright(kind):
    clean = without_metadata(photo_with_exif(kind))
    with Image.open(io.BytesIO(clean.read())) as image:
        assert image.format == kind
        assert not image.getexif()
        assert image.size == (20, 40)  # orientation 6 (rotated 90°) applied
