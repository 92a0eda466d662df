from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("", views.booking_list, name="list"),
    path("<int:pk>/", views.booking_detail, name="detail"),
    path("<int:pk>/cancel/", views.booking_cancel, name="cancel"),
    path("<int:pk>/booking.ics", views.booking_ics, name="ics"),
]
