"""The taxonomies every portal starts with (space types, districts, amenities,
accessibility features), created or updated by slug.

A frozen copy of ``spaces/seed.py`` as it was when this migration was written: a
migration must give the same result whatever the app's code later becomes, so it
imports none of it. Later changes to the seeded terms need a migration of their own."""

from django.db import migrations

SPACE_TYPES = [
    # slug, Korean, English, map colour
    ("small-library", "작은도서관", "Small library", "#1f6f50"),
    ("club-room", "동아리방", "Club room", "#7a4fa3"),
    ("village-bookstore", "동네책방", "Village bookstore", "#a0522d"),
    ("workshop", "공방", "Workshop", "#b8860b"),
    ("shared-kitchen", "공유부엌", "Shared kitchen", "#c0392b"),
    ("study-room", "스터디·세미나실", "Study and seminar room", "#2c5aa0"),
    ("maker-space", "메이커스페이스", "Maker space", "#d35400"),
    ("youth-space", "청소년 공간", "Youth space", "#16a085"),
    ("senior-space", "어르신 공간", "Senior space", "#6d4c41"),
    ("childcare-room", "공동육아방", "Childcare sharing room", "#e67e22"),
    ("community-cafe", "마을카페", "Community café", "#8e5a3c"),
    ("multipurpose-hall", "다목적홀", "Multipurpose hall", "#34495e"),
    ("gallery-practice-room", "갤러리·연습실", "Gallery and practice room", "#9b2c6f"),
]

DISTRICTS = [
    # slug, Korean, English, centre latitude, centre longitude
    ("jongno", "종로구", "Jongno-gu", 37.5940, 126.9770),
    ("jung", "중구", "Jung-gu", 37.5600, 126.9960),
    ("yongsan", "용산구", "Yongsan-gu", 37.5311, 126.9810),
    ("seongdong", "성동구", "Seongdong-gu", 37.5506, 127.0410),
    ("gwangjin", "광진구", "Gwangjin-gu", 37.5467, 127.0857),
    ("dongdaemun", "동대문구", "Dongdaemun-gu", 37.5820, 127.0548),
    ("jungnang", "중랑구", "Jungnang-gu", 37.5978, 127.0928),
    ("seongbuk", "성북구", "Seongbuk-gu", 37.6057, 127.0176),
    ("gangbuk", "강북구", "Gangbuk-gu", 37.6435, 127.0111),
    ("dobong", "도봉구", "Dobong-gu", 37.6690, 127.0323),
    ("nowon", "노원구", "Nowon-gu", 37.6525, 127.0750),
    ("eunpyeong", "은평구", "Eunpyeong-gu", 37.6192, 126.9270),
    ("seodaemun", "서대문구", "Seodaemun-gu", 37.5778, 126.9390),
    ("mapo", "마포구", "Mapo-gu", 37.5593, 126.9087),
    ("yangcheon", "양천구", "Yangcheon-gu", 37.5247, 126.8556),
    ("gangseo", "강서구", "Gangseo-gu", 37.5612, 126.8228),
    ("guro", "구로구", "Guro-gu", 37.4944, 126.8560),
    ("geumcheon", "금천구", "Geumcheon-gu", 37.4605, 126.9006),
    ("yeongdeungpo", "영등포구", "Yeongdeungpo-gu", 37.5206, 126.9138),
    ("dongjak", "동작구", "Dongjak-gu", 37.4989, 126.9516),
    ("gwanak", "관악구", "Gwanak-gu", 37.4673, 126.9453),
    ("seocho", "서초구", "Seocho-gu", 37.4769, 127.0378),
    ("gangnam", "강남구", "Gangnam-gu", 37.4966, 127.0630),
    ("songpa", "송파구", "Songpa-gu", 37.5048, 127.1144),
    ("gangdong", "강동구", "Gangdong-gu", 37.5502, 127.1470),
]

AMENITIES = [
    ("wifi", "와이파이", "Wi-Fi"),
    ("projector", "빔프로젝터", "Projector"),
    ("whiteboard", "화이트보드", "Whiteboard"),
    ("sound-system", "음향 장비", "Sound system"),
    ("kitchen", "주방", "Kitchen"),
    ("tables-chairs", "테이블·의자", "Tables and chairs"),
    ("piano", "피아노", "Piano"),
    ("printer", "프린터", "Printer"),
    ("air-conditioning", "냉난방", "Heating and air conditioning"),
    ("lockers", "사물함", "Lockers"),
    ("kids-corner", "유아 놀이공간", "Children's corner"),
    ("bookshelves", "서가", "Bookshelves"),
]

ACCESSIBILITY_FEATURES = [
    ("wheelchair-access", "휠체어 접근 가능", "Wheelchair access"),
    ("step-free-entrance", "턱 없는 출입구", "Step-free entrance"),
    ("lift", "엘리베이터", "Lift"),
    ("accessible-toilet", "장애인 화장실", "Accessible toilet"),
    ("hearing-loop", "청각 보조 장치(히어링 루프)", "Hearing loop"),
    ("braille", "점자 안내", "Braille signage"),
    ("accessible-parking", "장애인 주차구역", "Accessible parking"),
]


def seed(apps, schema_editor):
    SpaceType = apps.get_model("spaces", "SpaceType")
    District = apps.get_model("spaces", "District")
    Amenity = apps.get_model("spaces", "Amenity")
    AccessibilityFeature = apps.get_model("spaces", "AccessibilityFeature")
    for order, (slug, name, name_en, colour) in enumerate(SPACE_TYPES):
        SpaceType.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "colour": colour, "sort_order": order},
        )
    for order, (slug, name, name_en, lat, lng) in enumerate(DISTRICTS):
        District.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "latitude": lat,
                "longitude": lng,
                "sort_order": order,
            },
        )
    for model, rows in ((Amenity, AMENITIES), (AccessibilityFeature, ACCESSIBILITY_FEATURES)):
        for order, (slug, name, name_en) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("spaces", "0002_accessibilityfeature_amenity_district_spacetype_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
