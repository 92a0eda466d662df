// django-recurrence's widget expects Django admin's `django.jQuery`; inside Wagtail's
// editor it uses the jQuery Wagtail already loaded instead of a second copy.
window.django = window.django || {};
window.django.jQuery = window.django.jQuery || window.jQuery;
