from django.urls import path

from spaces import place_views

from . import views

app_name = "operators"

urlpatterns = [
    path("", views.index, name="index"),
    path("register/", views.register, name="register"),
    path("register/places/", place_views.lookup, name="places"),
]
