"""The home page shows what other apps own: their own test factories make it."""

from tests.campaigns.conftest import campaign_index, make_campaign  # noqa: F401
from tests.events.conftest import clock, make_program, space  # noqa: F401
from tests.stories.conftest import make_story  # noqa: F401
