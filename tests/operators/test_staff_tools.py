"""What city staff's group may do beyond reviewing spaces: manage redirects and
documents; the admin's account page offers a short list of time zones; Wagtail's
default workflow no longer sits on the page tree."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Workflow, WorkflowPage

import pytest

from spaces import access


@pytest.fixture
def staff(db):
    access.ensure_roles()
    user = get_user_model().objects.create_user("staff7", "staff7@example.org", "changeme")
    user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    client = Client()
    client.force_login(user)
    return client


def test_city_staff_manage_redirects_and_documents(staff, home):
    for name in ("wagtailredirects:index", "wagtailredirects:add", "wagtaildocs:index"):
        response = staff.get(reverse(name))
        assert response.status_code == 200, name
    created = staff.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/old-space-list", "redirect_page": home.pk, "is_permanent": "on"},
    )
    assert created.status_code == 302, created.context["form"].errors
    assert Client().get("/old-space-list").headers["Location"] == "/"


def test_city_staff_upload_a_document_and_see_it_listed(staff, home):
    response = staff.post(
        reverse("wagtaildocs:add"),
        {
            "title": "2027년 공간 이용 안내",
            "file": SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", "application/pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get(title="2027년 공간 이용 안내")
    assert document.uploaded_by_user.username == "staff7"
    listing = staff.get(reverse("wagtaildocs:index")).content.decode()
    assert "2027년 공간 이용 안내" in listing
    assert staff.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200


def test_the_account_page_offers_seoul_and_a_short_list_of_time_zones(staff):
    html = staff.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="Asia/Seoul"' in html
    assert 'value="localtime"' not in html  # the browser rejects it (RangeError)
    assert html.count("<option") < 60


def test_wagtails_default_workflow_is_off_the_tree(db):
    access.ensure_roles()
    root = Page.get_first_root_node()
    assert not WorkflowPage.objects.filter(page=root, workflow__name="Moderators approval")
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert Workflow.objects.filter(name=access.REVIEW_WORKFLOW, active=True).exists()
