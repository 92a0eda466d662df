from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.my_registrations, name="registrations"),
    path("<int:pk>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/registration.ics", views.registration_ics, name="registration_ics"),
]
