def test_search_finds_pages_in_korean(client, bilingual_site):
    response = client.get("/search/", {"q": "프로그램"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="/programs/"' in content
    assert "검색 결과" in content


def test_english_search_shows_english_translations_of_results(client, bilingual_site):
    content = client.get("/en/search/", {"q": "프로그램"}).content.decode()
    assert '<a href="/en/programs/">Programs</a>' in content


def test_empty_query_shows_guidance_not_results(client, bilingual_site):
    content = client.get("/search/").content.decode()
    assert "찾고 싶은 공간" in content
    assert "search-results" not in content


def test_no_match_gives_a_helpful_empty_state(client, bilingual_site):
    content = client.get("/en/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Nothing matches “zzzzqqq”" in content
    assert "empty-state" in content


def test_overlong_query_and_bad_page_numbers_never_fail(client, bilingual_site):
    response = client.get("/search/", {"q": "가" * 5000, "page": "abc"})
    assert response.status_code == 200
    assert "앞의 200자만" in response.content.decode()
    assert client.get("/search/", {"q": "공간", "page": "999"}).status_code == 200
    assert client.get("/search/", {"q": "공간", "page": "-1"}).status_code == 200
