"""seed_demo's files and its refusals; what it seeds is in test_demo_seeded.py."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles import demo_content
from articles.demo_photos import SCENES
from articles.management.commands.seed_demo import workflow_path
from articles.models import Article
from articles.services import TRANSITIONS

pytestmark = pytest.mark.django_db


def test_demo_files_are_pretty_json_with_persian_kept_as_persian():
    files = sorted(demo_content.DEMO_DIR.rglob("*.json"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "\\u06" not in text, path
        data = json.loads(text)
        assert json.dumps(data, ensure_ascii=False, indent=2) + "\n" == text, path


def test_the_demo_content_is_all_there():
    stories = demo_content.articles()
    assert len(stories) >= 60
    assert {s["service"] for s in stories} == {
        "political",
        "economic",
        "social",
        "cultural",
        "sports",
        "international",
        "provinces",
    }
    assert sum(bool(s.get("title_en")) for s in stories) >= 20
    assert len(demo_content.officials()) >= 18
    assert demo_content.wire_story()["source"] == "نصر"


@pytest.mark.parametrize("status", Article.Status.values)
def test_the_path_to_each_state_follows_the_workflow(status):
    state = Article.Status.DRAFT
    for name in workflow_path(status):
        assert state in TRANSITIONS[name].sources
        state = TRANSITIONS[name].target
    assert state == status


def test_only_a_scheduled_story_goes_through_schedule():
    assert workflow_path(Article.Status.WITHDRAWN) == ["submit", "publish", "withdraw"]
    assert "schedule" in workflow_path(Article.Status.SCHEDULED)


def test_a_broken_demo_file_is_named_in_the_error(tmp_path, monkeypatch):
    shutil.copytree(demo_content.DEMO_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "topics.json").write_text('[{"slug": "ab",}]', encoding="utf-8")
    monkeypatch.setattr(demo_content, "DEMO_DIR", tmp_path)
    with pytest.raises(CommandError, match=r"topics\.json: line 1, column"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert not Article.objects.exists()


def test_an_article_file_is_named_after_a_service(tmp_path, monkeypatch):
    shutil.copytree(demo_content.DEMO_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "articles" / "weather.json").write_text("[]", encoding="utf-8")
    monkeypatch.setattr(demo_content, "DEMO_DIR", tmp_path)
    with pytest.raises(demo_content.DemoDataError, match="weather"):
        demo_content.articles()


def test_every_demo_file_story_names_a_drawn_photo_or_a_gallery():
    for story in [demo_content.wire_story(), *demo_content.articles()]:
        names = [story.get("photo")] if story.get("photo") else []
        names += [entry["photo"] for entry in story.get("gallery", [])]
        assert names, story["title"]
        assert set(names) <= set(SCENES), story["title"]


def test_a_demo_story_naming_no_drawn_photo_is_named_in_the_error(
    tmp_path, monkeypatch
):
    shutil.copytree(demo_content.DEMO_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "articles" / "sports.json"
    stories = json.loads(path.read_text(encoding="utf-8"))
    stories[0]["photo"] = "volcano"
    path.write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(demo_content, "DEMO_DIR", tmp_path)
    with pytest.raises(CommandError, match="volcano"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
