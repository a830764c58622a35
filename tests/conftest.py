import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the curated corpus once into the test database; each test rolls back its writes."""
    with django_db_blocker.unblock():
        call_command("load_corpus", verbosity=0)


@pytest.fixture(autouse=True)
def empty_result_cache():
    """Each test rolls its writes back, so the data-generation counter takes the same values
    again in the next test: results cached (in Django's cache, not the database) must go."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def no_result_cache(settings):
    """Pinned query counts are a page's own queries: the result cache's lookup (one more on a
    first request, one in all on a repeat) is pinned in test_result_cache."""
    settings.LAWBASE_RESULT_CACHE = False


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username="editor", password="a-long-editor-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Serve static files by name in tests; the hashed manifest exists only after collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def site(live_server):
    """The live server with the curated corpus loaded (live-server tests are transactional:
    pytest-django runs them after the others and empties the database after each)."""
    call_command("load_corpus", verbosity=0)
    return live_server
