"""Demo bookings: the demo residents' bookings of bookable demo spaces, one or more in
every status (requested, confirmed, declined, cancelled, expired), past and coming.
Deterministic from the seed and added only once (a resident with bookings is skipped).
Saved directly, not through the request rules: some are in the past by design."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from spaces.models import SpacePage

from .models import Booking, Status

PLAN = [
    # (resident, days from today, start hour, hours, status, purpose)
    ("resident1", 3, 14, 2, Status.REQUESTED, "독서 모임 정기 모임"),
    ("resident1", 5, 10, 2, Status.CONFIRMED, "아이들과 그림책 읽기"),
    ("resident1", 9, 15, 1, Status.DECLINED, "동네 사진 동아리 회의"),
    ("resident1", 12, 11, 2, Status.CANCELLED, "주민 회의"),
    ("resident1", -4, 13, 2, Status.CONFIRMED, "마을 신문 편집 회의"),
    ("resident1", -2, 16, 1, Status.EXPIRED, "뜨개질 모임"),
    ("resident2", 4, 11, 2, Status.CONFIRMED, "요리 소모임"),
    ("resident2", 6, 14, 3, Status.REQUESTED, "청소년 공부 모임"),
    ("resident2", -6, 10, 2, Status.DECLINED, "보드게임 모임"),
]


def load(ctx):
    User = get_user_model()
    spaces = list(
        SpacePage.objects.live()
        .filter(bookable=True, locale__language_code="ko")
        .exclude(opening_hours="")
        .order_by("pk")[:40]
    )
    if not spaces:
        return
    rng = random.Random(ctx.seed)
    today = timezone.localdate()
    now = timezone.now()
    users = {u.username: u for u in User.objects.filter(username__in={p[0] for p in PLAN})}
    # Bookings are added per resident in one go, on the first run only.
    done = set(
        Booking.objects.filter(user__in=users.values()).values_list("user__username", flat=True)
    )
    for username, days, hour, length, status, purpose in PLAN:
        user = users.get(username)
        if user is None or username in done:
            continue
        space = spaces[rng.randrange(len(spaces))]
        day = today + dt.timedelta(days=days)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        end = start + dt.timedelta(hours=length)
        if Booking.objects.filter(space=space).active().overlapping(start, end).exists():
            continue
        Booking.objects.create(
            space=space,
            user=user,
            start=start,
            end=end,
            headcount=rng.randint(2, min(8, space.capacity or 8)),
            purpose=purpose,
            status=status,
            reason="해당 시간에 정기 점검이 있습니다." if status == Status.DECLINED else "",
            expires_at=(now + dt.timedelta(hours=space.booking_request_hours))
            if status == Status.REQUESTED
            else None,
            decided_at=None if status == Status.REQUESTED else now,
            created_at=now - dt.timedelta(days=max(1, 3 - days)),
        )
