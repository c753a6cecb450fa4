import datetime

import pytest
from django.core.exceptions import ValidationError

from officials.models import Position
from tests.factories import OfficialFactory, PositionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def make(official=None, **kwargs) -> Position:
    """Return an unsaved position, as a form would build it."""
    kwargs.setdefault("title_fa", "استاندار آذربایجان شرقی")
    return Position(official=official or OfficialFactory(), **kwargs)


def test_end_before_start_is_refused():
    position = make(start_date=D(2021, 9, 1), end_date=D(2021, 1, 1))
    with pytest.raises(ValidationError) as err:
        position.full_clean()
    assert "end_date" in err.value.message_dict


def test_two_people_cannot_hold_the_same_post_on_the_same_day():
    PositionFactory(start_date=D(2019, 9, 1), end_date=D(2021, 9, 26))
    newcomer = make(start_date=D(2021, 9, 1))
    with pytest.raises(ValidationError) as err:
        newcomer.full_clean()
    assert "start_date" in err.value.message_dict


def test_an_open_term_blocks_any_later_holder():
    PositionFactory(start_date=D(2021, 9, 27), end_date=None)
    with pytest.raises(ValidationError):
        make(start_date=D(2024, 10, 1)).full_clean()


def test_an_open_new_term_cannot_start_before_a_closed_later_one():
    PositionFactory(start_date=D(2021, 9, 27), end_date=D(2024, 9, 30))
    with pytest.raises(ValidationError):
        make(start_date=D(2020, 1, 1), end_date=None).full_clean()


def test_the_next_holder_may_start_the_day_after():
    PositionFactory(start_date=D(2019, 9, 1), end_date=D(2021, 9, 26))
    make(start_date=D(2021, 9, 27)).full_clean()


def test_same_post_is_compared_after_normalising_arabic_letters():
    PositionFactory(title_fa="سفیر ایران در قزاقستان", start_date=D(2018, 1, 1))
    arabic = make(title_fa="سفير ايران در قزاقستان", start_date=D(2019, 1, 1))
    with pytest.raises(ValidationError):
        arabic.full_clean()
    assert arabic.title_fa == "سفیر ایران در قزاقستان"


def test_different_posts_may_overlap():
    official = OfficialFactory()
    PositionFactory(official=official, start_date=D(2019, 1, 1))
    make(
        official=official, title_fa="سفیر ایران در قزاقستان", start_date=D(2019, 1, 1)
    ).full_clean()


def test_editing_a_position_does_not_clash_with_itself():
    position = PositionFactory(start_date=D(2019, 9, 1), end_date=None)
    position.end_date = D(2021, 9, 26)
    position.full_clean()


def test_held_on_finds_whoever_held_the_post_that_day():
    old = PositionFactory(start_date=D(2019, 9, 1), end_date=D(2021, 9, 26))
    new = PositionFactory(start_date=D(2021, 9, 27), end_date=None)
    assert list(Position.objects.held_on(D(2020, 11, 23))) == [old]
    assert list(Position.objects.held_on(D(2021, 9, 27))) == [new]
    assert list(Position.objects.held_on(D(2019, 8, 31))) == []
