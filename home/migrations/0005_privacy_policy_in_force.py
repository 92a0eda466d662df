"""The privacy policy's first text (``home.0004``) said it applied from 15 December
2026, a date after the day most sites created it: until then no policy was in force.
A policy page still carrying that date, published before it, applies from the day it
was first published instead, and its last section points to the date under the title
(``home.policies.APPLIES``) instead of naming one. Its latest revision (what the editor
opens) is brought in step, so publishing it again does not bring the old date back.
A page whose date staff changed is left as it is."""

import datetime as dt
import json

from django.db import migrations
from django.utils import timezone

from home.policies import APPLIES, PRIVACY_SLUG

FIRST_DATE = dt.date(2026, 12, 15)
FIRST_SENTENCES = {
    "ko": "이 개인정보처리방침은 2026년 12월 15일부터 적용됩니다.",
    "en": "This privacy policy applies from 15 December 2026.",
}


def _reword(text):
    for language, sentence in FIRST_SENTENCES.items():
        text = text.replace(sentence, APPLIES[language])
    return text


def bring_into_force(apps, schema_editor):
    InfoPage = apps.get_model("home.InfoPage")
    Revision = apps.get_model("wagtailcore.Revision")
    pages = InfoPage.objects.filter(
        slug=PRIVACY_SLUG, effective_from=FIRST_DATE, first_published_at__isnull=False
    )
    for page in pages:
        first_day = timezone.localdate(page.first_published_at)
        if first_day >= FIRST_DATE:
            continue  # published on or after the date: the policy was in force
        body = [
            {**block, "value": _reword(block["value"])} if block["type"] == "text" else block
            for block in page.body.raw_data
        ]
        page.effective_from, page.body = first_day, body
        page.save(update_fields=["effective_from", "body"])
        ids = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in Revision.objects.filter(pk__in=ids):
            content = revision.content
            if content.get("effective_from") != FIRST_DATE.isoformat():
                continue
            content["effective_from"] = first_day.isoformat()
            if isinstance(content.get("body"), str):
                content["body"] = json.dumps(
                    [
                        {**block, "value": _reword(block["value"])}
                        if block.get("type") == "text"
                        else block
                        for block in json.loads(content["body"])
                    ]
                )
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("home", "0004_privacy_policy")]

    operations = [migrations.RunPython(bring_into_force, migrations.RunPython.noop)]
