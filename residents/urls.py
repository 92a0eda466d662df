"""The resident's own pages under /accounts/ (allauth's log-in, sign-up and e-mail pages
live beside them)."""

from django.urls import path

from . import calendar_views, rights_views, saved_views, views

app_name = "residents"

urlpatterns = [
    path("", views.my_page, name="mypage"),
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
    path("email/resend/", views.resend_confirmation, name="resend_confirmation"),
    path("saved/", saved_views.saved_list, name="saved"),
    path("saved/<int:page_id>/", saved_views.toggle, name="save"),
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar"),
    path("calendar/reset/", calendar_views.reset_token, name="calendar_reset"),
    path("export/", rights_views.export, name="export"),
    path("delete/", rights_views.delete_account, name="delete"),
]
