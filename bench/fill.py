"""Add BENCH_ARTICLES published, tagged articles (run by bench/run.py in the shell)."""

import datetime
import os
import random

from django.utils import timezone

from articles.models import Article, allocate_news_code
from officials.models import Official
from topics.models import Country, Service, Topic

services = list(Service.objects.all())
topics = list(Topic.objects.all())
officials = list(Official.objects.all())
countries = list(Country.objects.filter(code__in=["IR", "KZ", "TR", "AZ", "RU"]))
random.seed(1405)
now = timezone.now()
for i in range(int(os.environ["BENCH_ARTICLES"])):
    when = now - datetime.timedelta(hours=i)
    article = Article(
        news_code=allocate_news_code(when),
        title_fa=f"خبر آزمایشی شماره {i} درباره گردشگری و صادرات",
        lead_fa="لید خبر آزمایشی برای سنجش سرعت",
        body_fa="<p>متن خبر آزمایشی.</p>" * 5,
        service=random.choice(services),
        status=Article.Status.PUBLISHED,
        published_at=when,
    )
    article.save()
    article.topics.set(random.sample(topics, 2))
    article.officials.set(random.sample(officials, 2))
    article.countries.set(random.sample(countries, 2))
