"""Bulk loading of published articles, for benchmarks at agency scale.

``bench_articles_load`` adds N published, tagged articles holding exactly what
``Article.save()`` would store (sanitised bodies, slugs, search keys, news codes and
their day counters), a million in minutes: COPY on PostgreSQL, plain batched inserts
on SQLite. The copy is composed from templates of a Tabriz agency's wire so that
search terms keep a realistic selectivity: «ایران» in a large share of the archive,
«تبریز» in about one article in twenty, a village or a rare club in a few per
thousand.

The search keys are never folded per article, which would cost more than the whole
load: every template fragment and slot value is folded once, and an article's key is
the join of its pieces' keys. That is exact because every piece is bordered by a
character that folding turns into a word break (a space, a tag, punctuation), which
``_Template`` checks when it is built and the tests check against ``search_keys``.
"""

import bisect
import csv
import datetime
import io
import math
import random
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, NewsCodeCounter
from officials.models import Official
from persian.html import sanitize_html
from persian.jalali import day_key
from persian.text import persian_digits, search_key
from topics.models import Country, Service, Topic

# A provincial agency's output: 150–300 stories a day, ten years of archive.
PER_DAY = 270
ARCHIVE_DAYS = 3653
# allocate_news_code writes the day's sequence in three digits.
MAX_PER_DAY = 999
# The newest article is this long before now, so none is ever in the future.
NEWEST_LAG = datetime.timedelta(minutes=5)
ENGLISH_SHARE = 0.10
# From this many articles on, PostgreSQL builds the plain indexes again afterwards.
REBUILD_MIN = 20_000
ROOTITR_SHARE = 0.6
BODY_BYTES = (1800, 2400)
ENGLISH_BODY_BYTES = (700, 1100)

# --- Copy: slot values -------------------------------------------------------
# A value is a string or (string, weight); weights make some values common and
# others rare, which is what gives search terms their selectivity.

_TOWNS = [
    ("مراغه", 8), ("مرند", 7), ("میانه", 7), ("اهر", 5), ("سراب", 5), ("بناب", 4),
    ("شبستر", 4), ("جلفا", 4), ("آذرشهر", 3), ("هشترود", 2), ("عجب‌شیر", 2),
    ("ملکان", 2), ("کلیبر", 2), ("اسکو", 2), ("بستان‌آباد", 2), ("ورزقان", 1.5),
    ("هریس", 1.5), ("هادیشهر", 1), ("خداآفرین", 0.1), ("چاراویماق", 0.1),
]  # fmt: skip
_TOWNS_EN = [
    ("Maragheh", 8), ("Marand", 7), ("Mianeh", 7), ("Ahar", 5), ("Sarab", 5),
    ("Bonab", 4), ("Shabestar", 4), ("Jolfa", 4), ("Azarshahr", 3), ("Hashtrud", 2),
    ("Ajabshir", 2), ("Malekan", 2), ("Kaleybar", 2), ("Osku", 2), ("Bostanabad", 2),
    ("Varzaqan", 1.5), ("Heris", 1.5), ("Khoda Afarin", 0.4),
]  # fmt: skip

FA_SLOTS = {
    "town": _TOWNS,
    # Tabriz is where most copy is filed from (the dateline), not what most of it
    # is about: its weight keeps «تبریز» near one article in twenty.
    "city": [*_TOWNS, ("تبریز", 1.5)],
    "official": [
        ("استاندار آذربایجان شرقی", 14),
        ("معاون سیاسی، امنیتی و اجتماعی استاندار", 3),
        ("معاون هماهنگی امور اقتصادی استاندار آذربایجان شرقی", 3),
        ("معاون عمرانی استاندار", 2),
        ("رئیس سازمان مدیریت و برنامه‌ریزی استان", 2),
        ("رئیس کل دادگستری آذربایجان شرقی", 1),
        ("مدیرکل مدیریت بحران استانداری", 1.5),
        ("مدیرکل میراث فرهنگی، گردشگری و صنایع‌دستی استان", 1.5),
        ("مدیرکل ورزش و جوانان آذربایجان شرقی", 1),
        ("مدیرکل راه و شهرسازی استان", 1),
        ("رئیس سازمان جهاد کشاورزی استان", 1),
        ("شهردار کلانشهر تبریز", 0.15),
        ("رئیس شورای اسلامی شهر تبریز", 0.1),
        ("وزیر امور خارجه", 1),
        ("وزیر صنعت، معدن و تجارت", 1),
        ("وزیر راه و شهرسازی", 0.7),
        ("معاون اول رئیس‌جمهور", 0.5),
        ("سخنگوی دولت", 0.5),
    ],
    "country": [
        ("ترکیه", 10),
        ("جمهوری آذربایجان", 8),
        ("عراق", 5),
        ("روسیه", 4),
        ("ارمنستان", 3),
        ("گرجستان", 2),
        ("قزاقستان", 2),
        ("چین", 2),
        ("ترکمنستان", 1.5),
        ("امارات متحده عربی", 1.5),
        ("افغانستان", 1),
        ("ازبکستان", 1),
        ("هند", 1),
        ("بلاروس", 0.5),
        ("عمان", 0.5),
        ("قطر", 0.5),
        ("پاکستان", 0.5),
        ("سوریه", 0.4),
        ("آلمان", 0.5),
        ("ایتالیا", 0.4),
        ("تاجیکستان", 0.3),
        ("قرقیزستان", 0.2),
        ("صربستان", 0.1),
    ],
    "fcity": [
        ("استانبول", 6),
        ("باکو", 5),
        ("نخجوان", 3),
        ("ایروان", 2),
        ("نجف", 3),
        ("مسکو", 1.5),
        ("دبی", 2),
        ("تفلیس", 1),
        ("آنکارا", 1),
        ("وان", 1),
    ],
    "product": [
        ("فرش دستباف", 4),
        ("شیرینی و شکلات", 4),
        ("خشکبار", 3),
        ("قطعات خودرو", 3),
        ("مصالح ساختمانی", 2),
        ("لوازم خانگی", 2),
        ("محصولات لبنی", 2),
        ("سیب درختی", 2),
        ("کفش و چرم", 2),
        ("محصولات پتروشیمی", 2),
        ("کاشی و سرامیک", 1.5),
        ("میوه و تره‌بار", 2),
        ("ماشین‌آلات کشاورزی", 1),
        ("ورق فولادی", 1),
        ("مبلمان", 1),
        ("عسل", 0.6),
        ("زعفران", 0.3),
    ],
    "crop": [
        ("سیب", 5),
        ("انگور", 3),
        ("کشمش", 2),
        ("بادام", 2),
        ("گردو", 2),
        ("گندم", 4),
        ("سیب‌زمینی", 3),
        ("پیاز", 2),
        ("زردآلو", 2),
        ("گیلاس", 1.5),
        ("گوجه‌فرنگی", 1),
        ("آلبالو", 0.7),
        ("گل محمدی", 0.3),
    ],
    "border": [
        ("منطقه آزاد ارس", 4),
        ("گمرک جلفا", 3),
        ("مرز نوردوز", 3),
        ("پایانه مرزی بازرگان", 2),
        ("گمرک سهلان", 2),
        ("راه‌آهن جلفا", 1),
    ],
    "site": [
        ("روستای کندوان", 0.8),
        ("مجموعه ائل‌گلی", 3),
        ("ارگ علیشاه", 2),
        ("مسجد کبود", 2),
        ("قلعه بابک", 2),
        ("کلیسای سنت استپانوس", 1.5),
        ("خانه مشروطه", 1.5),
        ("مقبره‌الشعرا", 1.5),
        ("گنبد سرخ مراغه", 1),
        ("رصدخانه مراغه", 1),
        ("دهکده تاریخی اشتبین", 0.5),
        ("آبشار آسیاب خرابه", 0.7),
        ("جنگل‌های ارسباران", 1.5),
        ("خانه امیرنظام گروسی", 0.5),
        ("بازار تاریخی تبریز", 0.3),
    ],
    "university": [
        ("دانشگاه تبریز", 0.7),
        ("دانشگاه علوم پزشکی تبریز", 0.4),
        ("دانشگاه صنعتی سهند", 2),
        ("دانشگاه شهید مدنی آذربایجان", 2),
        ("دانشگاه هنر اسلامی تبریز", 0.2),
        ("دانشگاه مراغه", 1),
        ("دانشگاه بناب", 1),
    ],
    "club": [
        ("پرسپولیس", 4),
        ("استقلال", 4),
        ("سپاهان", 3),
        ("فولاد خوزستان", 2),
        ("گل‌گهر سیرجان", 2),
        ("ذوب‌آهن", 2),
        ("ملوان بندر انزلی", 1.5),
        ("نساجی مازندران", 1.5),
        ("مس رفسنجان", 1),
        ("آلومینیوم اراک", 1),
        ("چادرملو اردکان", 1),
        ("شمس آذر قزوین", 1),
        ("خیبر خرم‌آباد", 0.5),
        ("هوادار", 0.5),
    ],
    "score": ["یک بر صفر", "دو بر یک", "دو بر صفر", "سه بر یک", "سه بر دو"],
    "rank": ["دوم", "سوم", "چهارم", "پنجم", "ششم"],
    "dir": ["شمال", "جنوب", "شرق", "غرب", "شمال غرب", "جنوب شرق"],
    "mag": [f"{a}٫{b}" for a in "۳۴" for b in "۰۲۴۵۶۸"] + ["۵٫۱", "۵٫۶"],
    "n": [persian_digits(n) for n in range(2, 61)],
    "week": [persian_digits(n) for n in range(1, 31)],
    "months": [persian_digits(n) for n in range(2, 12)],
    "pct": [persian_digits(n) for n in range(3, 69)],
    "big": [persian_digits(n) for n in range(120, 9800, 37)],
}

EN_SLOTS = {
    "town": _TOWNS_EN,
    "city": [*_TOWNS_EN, ("Tabriz", 4)],
    "country": [
        ("Turkey", 10),
        ("the Republic of Azerbaijan", 8),
        ("Iraq", 5),
        ("Russia", 4),
        ("Armenia", 3),
        ("Georgia", 2),
        ("Kazakhstan", 2),
        ("China", 2),
        ("Turkmenistan", 1.5),
        ("the United Arab Emirates", 1.5),
        ("India", 1),
        ("Uzbekistan", 1),
        ("Belarus", 0.5),
        ("Oman", 0.5),
        ("Qatar", 0.5),
    ],
    "fcity": ["Istanbul", "Baku", "Nakhchivan", "Yerevan", "Najaf", "Dubai", "Tbilisi"],
    "product": [
        "handwoven carpets",
        "sweets and chocolate",
        "dried fruit and nuts",
        "car parts",
        "building materials",
        "home appliances",
        "dairy products",
        "apples",
        "shoes and leather",
        "petrochemicals",
        "tiles and ceramics",
    ],
    "crop": ["apples", "grapes", "raisins", "almonds", "walnuts", "wheat", "potatoes"],
    "border": ["the Aras Free Zone", "Jolfa customs", "the Norduz crossing"],
    "site": [
        "Kandovan village",
        "El Goli",
        "the Arg of Tabriz",
        "the Blue Mosque",
        "Babak Castle",
        "the Saint Stepanos Monastery",
        "the Constitution House",
        "the Poets' Mausoleum",
        "the Red Dome of Maragheh",
        "the Arasbaran forests",
    ],
    "university": [
        "the University of Tabriz",
        "Tabriz University of Medical Sciences",
        "Sahand University of Technology",
        "Azarbaijan Shahid Madani University",
    ],
    "club": [
        "Persepolis",
        "Esteghlal",
        "Sepahan",
        "Foolad",
        "Gol Gohar",
        "Zob Ahan",
        "Malavan",
        "Nassaji",
        "Mes Rafsanjan",
        "Aluminium Arak",
    ],
    "mag": ["3.8", "4.0", "4.2", "4.5", "4.6", "5.1"],
    "n": [str(n) for n in range(2, 61)],
    "week": [str(n) for n in range(1, 31)],
    "months": [str(n) for n in range(2, 12)],
    "pct": [str(n) for n in range(3, 69)],
    "big": [str(n) for n in range(120, 9800, 37)],
}

# --- Copy: templates, one set per desk ---------------------------------------
# A desk's copy is a few kinds of story (an earthquake, a harvest, a Tractor match),
# each drawn as often as its weight says; the words of a kind appear only in its
# stories, which is what keeps them selective. A story's title, lead and opening
# sentence (after "به گزارش …،") come from its kind, its body from the kind's own
# sentences first, then the desk's, then one of GENERAL_BODY. The rootitr comes
# from the kind or the desk. English copy is per desk.

THEMES = {
    "political": {
        "weight": 14,
        "topics": ["modiriat-shahri", "ab", "haml-o-naghl", "salamat", "diplomasi"],
        "rootitr": [
            "{official} در جلسه شورای اداری استان:",
            "با حضور {official} برگزار شد؛",
            "{official} در جمع خبرنگاران:",
        ],
        "body": [
            "وی با بیان اینکه آذربایجان شرقی یکی از استان‌های مهم و اثرگذار ایران"
            " است، گفت: ظرفیت‌های این استان در حوزه‌های صنعت، کشاورزی و گردشگری"
            " هنوز به‌طور کامل به کار گرفته نشده است.",
            "{official} همچنین از مدیران خواست با حضور میدانی در شهرستان‌ها، مشکلات"
            " مردم را از نزدیک بشنوند و برای حل آن‌ها زمان‌بندی مشخصی ارائه کنند.",
            "وی تصریح کرد: هیچ طرحی نباید به دلیل مشکلات اداری متوقف بماند و"
            " مدیرانی که در این زمینه کوتاهی کنند پاسخگو خواهند بود.",
            "وی با اشاره به جایگاه آذربایجان در انقلاب مشروطه و دفاع مقدس گفت: این"
            " خطه همواره سنگر استقلال و تمامیت ارضی ایران بوده است.",
            "{official} ادامه داد: رسیدگی به شکایات مردمی از طریق سامانه سامد و"
            " دیدارهای چهره‌به‌چهره باید با سرعت بیشتری انجام شود.",
            "وی بر ضرورت هماهنگی میان دستگاه‌های اجرایی، نمایندگان مجلس و شوراهای"
            " اسلامی شهر و روستا برای پیشبرد برنامه‌های توسعه تأکید کرد.",
            "وی افزود: دولت برای کنترل تورم و حمایت از تولید داخلی برنامه‌های مشخصی"
            " دارد و دستگاه‌های اجرایی استان باید با همه توان پای کار باشند.",
        ],
        "stories": [
            {
                "weight": 5,
                "rootitr": [
                    "در نشست شورای برنامه‌ریزی و توسعه آذربایجان شرقی مطرح شد:",
                ],
                "title": [
                    "تأکید {official} بر تسریع در تکمیل طرح‌های نیمه‌تمام",
                    "اعتبار {n} طرح عمرانی شهرستان {town} تصویب شد",
                    "{pct} درصد مصوبات سفر رئیس‌جمهور به استان اجرایی شد",
                    "انتقاد {official} از کندی صدور مجوزهای سرمایه‌گذاری",
                ],
                "lead": [
                    "{official} در جلسه شورای اداری استان گفت: دستگاه‌های اجرایی"
                    " موظف‌اند گزارش پیشرفت مصوبات سفر رئیس‌جمهور را هر ماه به"
                    " استانداری ارائه کنند.",
                    "شورای برنامه‌ریزی و توسعه آذربایجان شرقی با تخصیص {big} میلیارد"
                    " ریال اعتبار به طرح‌های نیمه‌تمام حوزه آب، راه و سلامت موافقت"
                    " کرد.",
                ],
                "open": [
                    "این جلسه با حضور نمایندگان مردم استان در مجلس شورای اسلامی،"
                    " فرمانداران و مدیران کل دستگاه‌های اجرایی در سالن جلسات"
                    " استانداری برگزار شد.",
                    "{official} در این جلسه با اشاره به کمبود منابع مالی گفت: اولویت"
                    " با طرح‌هایی است که بیش از {pct} درصد پیشرفت فیزیکی دارند.",
                ],
                "body": [
                    "بر اساس این گزارش، {n} طرح عمرانی با اعتباری بالغ بر {big}"
                    " میلیارد ریال در شهرستان {town} در دست اجراست.",
                    "در ادامه این جلسه، گزارشی از روند اجرای مصوبات سفر رئیس‌جمهور به"
                    " استان ارائه شد که بر اساس آن {pct} درصد تعهدات دستگاه‌ها محقق"
                    " شده است.",
                    "نماینده مردم {town} در مجلس نیز خواستار توجه بیشتر به توسعه"
                    " زیرساخت‌های مناطق محروم و مرزی استان شد.",
                ],
            },
            {
                "weight": 2,
                "rootitr": ["در آستانه انتخابات؛"],
                "title": [
                    "ثبت‌نام {big} داوطلب انتخابات شوراها در آذربایجان شرقی قطعی شد",
                    "آمادگی {big} شعبه اخذ رأی برای برگزاری انتخابات در استان",
                ],
                "lead": [
                    "رئیس ستاد انتخابات آذربایجان شرقی از آمادگی {big} شعبه اخذ رأی"
                    " در سراسر استان خبر داد.",
                ],
                "open": [
                    "رئیس ستاد انتخابات استان در نشست خبری اظهار کرد: همه مقدمات"
                    " برگزاری انتخاباتی سالم، پرشور و قانونمند در {n} حوزه انتخابیه"
                    " استان فراهم شده است.",
                ],
                "body": [
                    "بر پایه اعلام ستاد انتخابات، رأی‌گیری در شهرها و روستاهای استان"
                    " به صورت الکترونیکی انجام خواهد شد.",
                    "وی افزود: صلاحیت {pct} درصد داوطلبان از سوی هیئت‌های اجرایی"
                    " تأیید شده و بقیه می‌توانند به هیئت نظارت شکایت کنند.",
                ],
            },
            {
                "weight": 3,
                "rootitr": [
                    "نماینده مردم {town} در مجلس شورای اسلامی:",
                    "{official} در دیدار مردمی در {city}:",
                ],
                "title": [
                    "{official}: رفع مشکلات معیشتی مردم اولویت نخست دولت است",
                    "میز خدمت مسئولان استانی در {city} برپا شد",
                    "فرماندار جدید {town} معرفی شد",
                    "سفر هیئت دولت به آذربایجان شرقی با {n} مصوبه به پایان رسید",
                    "آذربایجان شرقی سهم بزرگی در امنیت و توسعه ایران دارد",
                ],
                "lead": [
                    "نماینده مردم {town} در مجلس شورای اسلامی از پیگیری مطالبات مردم"
                    " این شهرستان در دیدار با وزیران دولت خبر داد.",
                    "با حکم وزیر کشور، فرماندار جدید {town} در آیینی با حضور"
                    " {official} معرفی شد.",
                    "{official} با اشاره به جایگاه آذربایجان شرقی در تحولات تاریخی"
                    " ایران گفت: مردم این خطه همواره در کنار نظام و انقلاب"
                    " بوده‌اند.",
                ],
                "open": [
                    "{official} که در جمع مردم {town} سخن می‌گفت، از پیگیری مشکلات آب"
                    " شرب، راه‌های روستایی و اشتغال جوانان این شهرستان خبر داد.",
                    "در آیین معارفه فرماندار جدید {town} که با حضور {official} برگزار"
                    " شد، از خدمات فرماندار پیشین قدردانی شد.",
                ],
                "body": [
                    "وی افزود: مردم {city} همواره در صحنه بوده‌اند و دولت خود را موظف"
                    " می‌داند خدمت‌رسانی به آنان را با جدیت دنبال کند.",
                    "گفتنی است در این سفر {n} پروژه عمرانی، خدماتی و اقتصادی افتتاح و"
                    " عملیات اجرایی چند طرح دیگر نیز آغاز شد.",
                    "در حاشیه این دیدار {big} نفر از شهروندان مشکلات و درخواست‌های خود"
                    " را به صورت حضوری با مسئولان در میان گذاشتند.",
                ],
            },
        ],
        "en_title": [
            "Governor urges faster work on unfinished projects",
            "{n} development projects approved for {town}",
            "Cabinet visit to East Azerbaijan ends with {n} resolutions",
            "Lawmakers ask for a larger share of national funds for the province",
        ],
        "en_lead": [
            "The governor of East Azerbaijan told the provincial administrative"
            " council that agencies must report every month on the projects approved"
            " during the president's visit.",
            "The planning and development council of East Azerbaijan approved {big}"
            " billion rials for unfinished water, road and health projects.",
        ],
        "en_body": [
            "The meeting was attended by the province's members of parliament, county"
            " governors and the heads of government agencies.",
            "Officials said {pct} percent of the commitments made during the"
            " president's visit have been fulfilled.",
            "The member of parliament for {town} asked for more attention to roads,"
            " drinking water and jobs for young people.",
            "East Azerbaijan is one of Iran's most important provinces for industry,"
            " agriculture and trade.",
            "Complaints from the public must be answered faster, the governor said.",
        ],
    },
    "economic": {
        "weight": 18,
        "topics": ["saderat", "tejarat-khareji", "tranzit", "sanat", "madan"],
        "rootitr": ["{official} خبر داد:", "در {months} ماه نخست امسال؛"],
        "body": [
            "وی با بیان اینکه بیش از {big} واحد صنعتی در استان فعال است، گفت:"
            " آذربایجان شرقی قطب صنعت خودرو، ماشین‌سازی و صنایع غذایی ایران به شمار"
            " می‌رود.",
            "وی تصریح کرد: نوسانات نرخ ارز و مشکلات بانکی از مهم‌ترین موانع پیش روی"
            " صادرکنندگان است که باید با همکاری دولت و بانک مرکزی برطرف شود.",
            "وی خاطرنشان کرد: اتصال خط آهن ایران به کشورهای قفقاز از مسیر جلفا،"
            " هزینه حمل کالا را به میزان قابل توجهی کاهش خواهد داد.",
            "به گفته کارشناسان، کاهش تعرفه‌های گمرکی و امضای موافقت‌نامه تجارت"
            " ترجیحی می‌تواند حجم مبادلات ایران و {country} را دو برابر کند.",
            "وی گفت: فعالان اقتصادی استان آماده‌اند با استفاده از ظرفیت منطقه آزاد"
            " ارس، سهم بیشتری از بازار {country} را به دست آورند.",
            "وی افزود: حمایت از تولید و رفع موانع سرمایه‌گذاری مهم‌ترین رویکرد دولت"
            " در استان است.",
        ],
        "stories": [
            {
                "weight": 5,
                "rootitr": ["مدیرکل گمرکات آذربایجان شرقی:"],
                "title": [
                    "صادرات {product} از آذربایجان شرقی {pct} درصد افزایش یافت",
                    "ارزش صادرات غیرنفتی استان به {big} میلیون دلار رسید",
                    "{country} نخستین مقصد صادراتی کالاهای آذربایجان شرقی شد",
                    "تراز تجاری استان با {country} مثبت شد",
                    "ترانزیت کالا از {border} {pct} درصد رشد کرد",
                ],
                "lead": [
                    "{official} گفت: در {months} ماه نخست امسال بیش از {big} هزار تن"
                    " کالا به ارزش {big} میلیون دلار از گمرکات استان به {n} کشور"
                    " جهان صادر شد.",
                    "{official} با اشاره به رشد {pct} درصدی ترانزیت کالا از مرزهای"
                    " استان گفت: آذربایجان شرقی دروازه تجارت ایران با قفقاز و"
                    " اروپاست.",
                ],
                "open": [
                    "{official} در نشست خبری با اعلام این خبر افزود: عمده کالاهای"
                    " صادراتی استان شامل {product}، {product} و {product} بوده است.",
                    "مدیرکل گمرکات آذربایجان شرقی با اشاره به آمار تجارت خارجی استان"
                    " گفت: بیشترین صادرات به کشورهای {country}، {country} و {country}"
                    " انجام شده است.",
                ],
                "body": [
                    "وی افزود: ارزش صادرات غیرنفتی استان در این مدت نسبت به مدت مشابه"
                    " سال گذشته {pct} درصد رشد داشته است.",
                    "به گفته وی، {country} با سهم {pct} درصدی، بزرگ‌ترین خریدار"
                    " کالاهای صادراتی استان بوده است.",
                    "بر اساس این گزارش، واردات استان نیز در این مدت به {big} میلیون"
                    " دلار رسید که بیشتر شامل مواد اولیه و ماشین‌آلات خطوط تولید بوده"
                    " است.",
                    "{official} ادامه داد: {border} با ظرفیت بالای ترانزیتی، نقش مهمی"
                    " در تجارت ایران با {country} و کشورهای اروپایی دارد.",
                    "بر پایه آمارها، {pct} درصد از صادرات استان از راه حمل‌ونقل جاده‌ای"
                    " و مابقی از مسیر ریلی و هوایی انجام شده است.",
                ],
            },
            {
                "weight": 3,
                "rootitr": [
                    "در نشست هیئت نمایندگان اتاق بازرگانی مطرح شد:",
                    "با حضور هیئت تجاری {country}؛",
                ],
                "title": [
                    "نمایشگاه بین‌المللی {product} گشایش یافت",
                    "هیئت تجاری {country} برای توسعه همکاری‌های اقتصادی وارد استان شد",
                    "صادرکنندگان {product} خواستار رفع موانع بانکی شدند",
                ],
                "lead": [
                    "صادرکنندگان {product} آذربایجان شرقی با حضور در نمایشگاه تخصصی"
                    " {country} قراردادهایی به ارزش {big} هزار دلار امضا کردند.",
                    "رئیس اتاق بازرگانی استان از برگزاری همایش مشترک فعالان اقتصادی"
                    " ایران و {country} در ماه آینده خبر داد.",
                ],
                "open": [
                    "این نمایشگاه با حضور {n} شرکت داخلی و خارجی در محل دائمی"
                    " نمایشگاه‌های بین‌المللی استان برپا شده و تا پایان هفته ادامه"
                    " دارد.",
                    "هیئت تجاری {country} که معاون وزیر بازرگانی این کشور در رأس آن"
                    " قرار دارد، در بدو ورود با {official} دیدار و گفت‌وگو کرد.",
                ],
                "body": [
                    "وی از تشکیل کارگروه ویژه‌ای برای رفع مشکلات صادرکنندگان"
                    " {product} خبر داد و گفت: این کارگروه هر هفته تشکیل جلسه"
                    " می‌دهد.",
                    "در این دیدار دو طرف بر گسترش همکاری‌ها در حوزه‌های کشاورزی، صنایع"
                    " غذایی، مصالح ساختمانی و خدمات فنی و مهندسی تأکید کردند.",
                ],
            },
            {
                "weight": 4,
                "title": [
                    "{big} واحد تولیدی راکد در آذربایجان شرقی به چرخه تولید بازگشت",
                    "اعطای {big} میلیارد ریال تسهیلات رونق تولید به واحدهای صنعتی",
                    "سرمایه‌گذاری خارجی در منطقه آزاد ارس افزایش یافت",
                    "بازارچه‌های مرزی آذربایجان شرقی فعال‌تر می‌شوند",
                ],
                "lead": [
                    "با پرداخت {big} میلیارد ریال تسهیلات، {n} واحد تولیدی راکد در"
                    " شهرک‌های صنعتی استان دوباره فعال شد.",
                    "مدیرعامل منطقه آزاد ارس از جذب {big} میلیارد ریال سرمایه‌گذاری"
                    " جدید داخلی و خارجی در این منطقه خبر داد.",
                ],
                "open": [
                    "{official} در بازدید از واحدهای تولیدی شهرک صنعتی {town} اظهار"
                    " کرد: هیچ واحد تولیدی نباید به دلیل کمبود نقدینگی تعطیل شود.",
                ],
                "body": [
                    "مدیرعامل شرکت شهرک‌های صنعتی استان نیز گفت: با تأمین آب، برق و"
                    " گاز، زمینه استقرار {n} واحد جدید در شهرک صنعتی {town} فراهم"
                    " شده است.",
                    "به گفته وی، با راه‌اندازی دوباره این واحدها برای {big} نفر شغل"
                    " ایجاد شده است.",
                ],
            },
        ],
        "en_title": [
            "Exports of {product} from East Azerbaijan up {pct} percent",
            "{country} remains the top buyer of East Azerbaijan's goods",
            "Transit through {border} grows {pct} percent",
            "Trade delegation from {country} arrives in the province",
        ],
        "en_lead": [
            "Non-oil exports from East Azerbaijan reached {big} million dollars in the"
            " first {months} months of the year, the head of the province's customs"
            " said.",
            "Exporters of {product} from East Azerbaijan signed contracts worth {big}"
            " thousand dollars at a trade fair in {country}.",
        ],
        "en_body": [
            "Most exports went to {country}, {country} and {country}.",
            "The province is a hub of Iran's car, machinery and food industries, with"
            " more than {big} active factories.",
            "Exporters say currency swings and banking restrictions remain their main"
            " obstacles.",
            "The Aras Free Zone and the Jolfa rail crossing link Iran with the"
            " Caucasus and Europe.",
            "Imports, mostly raw materials and machinery, reached {big} million"
            " dollars.",
        ],
    },
    "social": {
        "weight": 16,
        "topics": ["ab", "daryacheh-orumieh", "havades", "salamat", "havashenasi"],
        "rootitr": ["{official} خبر داد:"],
        "body": [
            "به گفته این مسئول، آموزش همگانی برای مقابله با حوادث طبیعی در مدارس و"
            " ادارات استان به طور منظم برگزار می‌شود.",
            "{official} افزود: همه دستگاه‌های خدمات‌رسان استان در حالت آماده‌باش"
            " قرار دارند.",
            "وی از شهروندان خواست اخبار را تنها از منابع رسمی پیگیری کنند و به"
            " شایعات توجه نکنند.",
            "وی با اشاره به کمبود نیروی انسانی در دستگاه‌های خدمات‌رسان گفت: جذب"
            " نیروی جدید در دستور کار قرار دارد.",
            "بر اساس این گزارش، شهروندان می‌توانند مشکلات خود را با سامانه ۱۳۷ در"
            " میان بگذارند.",
        ],
        "stories": [
            {
                "weight": 1,
                "rootitr": ["در پی وقوع زمین‌لرزه؛"],
                "title": [
                    "زلزله {mag} ریشتری {town} را لرزاند",
                    "زمین‌لرزه در {town} خسارت جانی نداشت",
                ],
                "lead": [
                    "زمین‌لرزه‌ای به بزرگی {mag} ریشتر بامداد امروز حوالی {town} را"
                    " لرزاند که بر اساس گزارش‌های اولیه خسارت جانی نداشته است.",
                ],
                "open": [
                    "بر اساس اعلام مرکز لرزه‌نگاری کشوری مؤسسه ژئوفیزیک دانشگاه"
                    " تهران، این زمین‌لرزه در عمق {n} کیلومتری زمین به وقوع پیوست.",
                ],
                "body": [
                    "نیروهای امدادی هلال‌احمر بلافاصله پس از وقوع زلزله به روستاهای"
                    " منطقه اعزام شدند و وضعیت ساکنان را بررسی کردند.",
                    "به گفته وی، تاکنون گزارشی از خسارت جدی به ساختمان‌ها و تأسیسات"
                    " زیربنایی منطقه دریافت نشده است.",
                    "آذربایجان شرقی به دلیل قرار گرفتن بر روی گسل شمال تبریز از"
                    " استان‌های لرزه‌خیز ایران به شمار می‌رود و مقاوم‌سازی ساختمان‌ها"
                    " اهمیت زیادی دارد.",
                ],
            },
            {
                "weight": 3,
                "rootitr": ["با کاهش بارندگی‌ها؛"],
                "title": [
                    "تراز دریاچه ارومیه {n} سانتی‌متر کاهش یافت",
                    "ذخایر سدهای تأمین‌کننده آب شرب استان به {pct} درصد رسید",
                    "کمبود آب شرب روستاهای {town} برطرف می‌شود",
                ],
                "lead": [
                    "{official} گفت: با توجه به کاهش {pct} درصدی بارندگی‌ها نسبت به"
                    " سال گذشته، مدیریت مصرف آب در همه شهرهای استان ضروری است.",
                ],
                "open": [
                    "{official} با اشاره به وضعیت منابع آبی استان افزود: حجم ذخایر"
                    " سدهای استان نسبت به مدت مشابه سال گذشته {pct} درصد کاهش یافته"
                    " است.",
                ],
                "body": [
                    "وی از شهروندان خواست با صرفه‌جویی در مصرف آب، به ویژه در ساعات"
                    " اوج مصرف، به عبور استان از تنش آبی کمک کنند.",
                    "احیای دریاچه ارومیه یکی از مطالبات اصلی مردم آذربایجان است و طرح"
                    " انتقال آب از سد کانی‌سیب در این زمینه اهمیت ویژه‌ای دارد.",
                    "وی همچنین از اجرای طرح آب‌رسانی به {n} روستای شهرستان {town} تا"
                    " پایان سال خبر داد.",
                ],
            },
            {
                "weight": 2,
                "rootitr": ["هواشناسی آذربایجان شرقی هشدار داد:"],
                "title": [
                    "هشدار هواشناسی درباره بارش برف و کولاک در ارتفاعات استان",
                    "کیفیت هوای {city} در وضعیت ناسالم قرار گرفت",
                ],
                "lead": [
                    "هواشناسی آذربایجان شرقی با صدور هشدار نارنجی از بارش برف، وزش"
                    " باد شدید و کاهش دمای هوا در {n} شهرستان استان از فردا خبر داد.",
                ],
                "open": [
                    "کارشناسان هواشناسی پیش‌بینی می‌کنند این سامانه بارشی از عصر فردا"
                    " وارد استان شود و تا اواسط هفته آینده ادامه داشته باشد.",
                ],
                "body": [
                    "وی افزود: رانندگان باید پیش از سفر از وضعیت جاده‌ها مطلع شوند و"
                    " زنجیر چرخ و تجهیزات زمستانی همراه داشته باشند.",
                    "بر اساس این گزارش، غلظت ذرات معلق در هوای {city} از حد مجاز فراتر"
                    " رفته و به گروه‌های حساس توصیه شده از تردد غیرضروری خودداری"
                    " کنند.",
                ],
            },
            {
                "weight": 3,
                "rootitr": ["رئیس دانشگاه علوم پزشکی استان خبر داد:"],
                "title": [
                    "بیمارستان {n} تختخوابی {town} به بهره‌برداری رسید",
                    "طرح پایش سلامت سالمندان در {n} شهرستان استان اجرا می‌شود",
                ],
                "lead": [
                    "بیمارستان {n} تختخوابی شهرستان {town} با حضور {official} و"
                    " مسئولان استانی افتتاح شد.",
                ],
                "open": [
                    "این بیمارستان با زیربنای {big} مترمربع و اعتباری بالغ بر {big}"
                    " میلیارد ریال ساخته شده و بخش‌های اورژانس، جراحی و"
                    " مراقبت‌های ویژه دارد.",
                ],
                "body": [
                    "{official} ادامه داد: پوشش بیمه سلامت روستاییان و عشایر استان به"
                    " {pct} درصد رسیده و خدمات پزشک خانواده در همه روستاها ارائه"
                    " می‌شود.",
                    "وی گفت: جذب {n} پزشک متخصص برای شهرستان‌های محروم در دستور کار"
                    " قرار دارد.",
                    "در این مدت {big} تماس با اورژانس ۱۱۵ استان برقرار شد که {pct}"
                    " درصد آن‌ها به اعزام آمبولانس منجر شد.",
                ],
            },
            {
                "weight": 2,
                "title": [
                    "{n} نفر در حوادث رانندگی جاده‌های استان جان باختند",
                    "آتش‌سوزی در بازار {city} مهار شد",
                ],
                "lead": [
                    "رئیس پلیس راه استان از کاهش {pct} درصدی تصادفات فوتی در جاده‌های"
                    " آذربایجان شرقی در ایام نوروز خبر داد.",
                ],
                "open": [
                    "رئیس پلیس راه آذربایجان شرقی گفت: سرعت غیرمجاز، خستگی و"
                    " خواب‌آلودگی رانندگان از مهم‌ترین علل تصادفات جاده‌ای استان"
                    " است.",
                ],
                "body": [
                    "گفتنی است سال گذشته {big} نفر در حوادث رانندگی جاده‌های ایران جان"
                    " خود را از دست دادند.",
                    "ماموران آتش‌نشانی با حضور به‌موقع در محل از گسترش آتش به"
                    " واحدهای مجاور جلوگیری کردند.",
                ],
            },
            {
                "weight": 2,
                "rootitr": ["مدیرکل آموزش و پرورش استان:"],
                "title": [
                    "آغاز سال تحصیلی با حضور {big} هزار دانش‌آموز در آذربایجان شرقی",
                    "{n} مدرسه جدید در روستاهای {town} ساخته می‌شود",
                ],
                "lead": [
                    "مدیرکل آموزش و پرورش آذربایجان شرقی گفت: امسال {big} هزار"
                    " دانش‌آموز در مدارس استان مشغول به تحصیل هستند و کمبود معلم"
                    " جبران می‌شود.",
                ],
                "open": [
                    "{official} در آیین آغاز سال تحصیلی با اشاره به کمبود فضای آموزشی"
                    " گفت: {n} مدرسه جدید با مشارکت خیران مدرسه‌ساز در استان ساخته"
                    " می‌شود.",
                ],
                "body": [
                    "وی افزود: {pct} درصد کلاس‌های درس استان نیازمند مقاوم‌سازی و"
                    " نوسازی است.",
                ],
            },
        ],
        "en_title": [
            "Magnitude {mag} earthquake shakes {town}, no casualties reported",
            "Reservoirs supplying the province's cities at {pct} percent",
            "Snow and strong winds forecast for East Azerbaijan's highlands",
            "New {n}-bed hospital opens in {town}",
        ],
        "en_lead": [
            "An earthquake of magnitude {mag} struck near {town} in East Azerbaijan"
            " early today; initial reports say no one was hurt.",
            "The head of East Azerbaijan's crisis management office urged residents"
            " to save water as rainfall fell {pct} percent below last year.",
        ],
        "en_body": [
            "Red Crescent teams were sent to villages in the area immediately after"
            " the quake.",
            "East Azerbaijan lies on the North Tabriz Fault and is among the most"
            " seismically active provinces of Iran.",
            "Reviving Lake Urmia remains a key demand of people across Azerbaijan.",
            "Officials asked drivers to check road conditions and carry snow chains.",
            "Air pollution in {city} rose above safe levels and sensitive groups were"
            " advised to stay indoors.",
        ],
    },
    "cultural": {
        "weight": 12,
        "topics": ["gardeshgari", "miras-farhangi", "ketab", "honar", "daneshgah"],
        "rootitr": ["در آیینی با حضور اهالی فرهنگ و هنر؛", "برای نخستین بار؛"],
        "body": [
            "وی تأکید کرد: زبان و ادبیات ترکی آذربایجانی در کنار زبان فارسی بخشی از"
            " هویت فرهنگی ایران است و باید از آن پاسداری شود.",
            "به گفته وی، فرش دستباف آذربایجان با طرح‌ها و رنگ‌های اصیل خود همچنان"
            " یکی از نمادهای هنر ایرانی در بازارهای جهانی است.",
            "بر پایه این گزارش، آذربایجان شرقی با بیش از {big} اثر ثبت‌شده ملی، یکی"
            " از غنی‌ترین استان‌های کشور از نظر میراث فرهنگی است.",
            "در این آیین از {n} هنرمند و نویسنده پیشکسوت استان با اهدای لوح تقدیر"
            " قدردانی شد.",
            "وی افزود: فعالیت‌های فرهنگی استان باید به روستاها و شهرهای کوچک هم برسد.",
        ],
        "stories": [
            {
                "weight": 4,
                "rootitr": [
                    "مدیرکل میراث فرهنگی، گردشگری و صنایع‌دستی آذربایجان شرقی:",
                ],
                "title": [
                    "{big} گردشگر خارجی از آذربایجان شرقی دیدن کردند",
                    "اقامتگاه‌های بوم‌گردی استان به {n} واحد رسید",
                    "فرش دستباف آذربایجان در نمایشگاه {country} درخشید",
                ],
                "lead": [
                    "{official} گفت: در {months} ماه نخست امسال بیش از {big} گردشگر"
                    " خارجی، بیشتر از {country} و {country}، از جاذبه‌های تاریخی و"
                    " طبیعی استان بازدید کردند.",
                    "{n} اقامتگاه بوم‌گردی جدید در روستاهای هدف گردشگری استان مجوز"
                    " فعالیت گرفتند.",
                ],
                "open": [
                    "{official} با اشاره به ظرفیت‌های گردشگری استان افزود: {site}،"
                    " {site} و {site} از مهم‌ترین مقاصد گردشگران در استان هستند.",
                ],
                "body": [
                    "وی افزود: اقامتگاه‌های بوم‌گردی در سال‌های اخیر نقش مهمی در"
                    " اشتغال روستاییان و معرفی فرهنگ و آداب و رسوم مردم آذربایجان"
                    " داشته‌اند.",
                    "{site} از جاذبه‌های ثبت‌شده استان است و هر سال هزاران"
                    " گردشگر داخلی و خارجی را به خود جذب می‌کند.",
                    "وی با اشاره به ظرفیت گردشگری سلامت گفت: هر سال هزاران بیمار از"
                    " {country} و {country} برای درمان به مراکز درمانی استان مراجعه"
                    " می‌کنند.",
                    "وی گفت: {site} در ایام نوروز میزبان بیش از {big} بازدیدکننده"
                    " بوده است.",
                ],
            },
            {
                "weight": 2,
                "title": [
                    "مرمت {site} به پایان رسید",
                    "{site} در فهرست آثار ملی ایران ثبت شد",
                ],
                "lead": [
                    "عملیات مرمت {site} با اعتباری بالغ بر {big} میلیارد ریال و با"
                    " نظارت کارشناسان میراث فرهنگی به پایان رسید.",
                ],
                "open": [
                    "این بنای تاریخی که قدمت آن به دوره قاجار بازمی‌گردد، در سال‌های"
                    " گذشته به دلیل فرسودگی و بی‌توجهی آسیب جدی دیده بود.",
                ],
                "body": [
                    "این مسئول ادامه داد: {n} اثر تاریخی و طبیعی استان در سال جاری در"
                    " فهرست آثار ملی ایران به ثبت رسیده است.",
                    "وی همچنین از برگزاری دوره‌های آموزشی راهنمایان گردشگری با هدف"
                    " ارتقای کیفیت خدمات به گردشگران خبر داد.",
                ],
            },
            {
                "weight": 3,
                "rootitr": ["همزمان با هفته کتاب؛"],
                "title": [
                    "جشنواره بین‌المللی عاشیق‌ها برگزار می‌شود",
                    "نمایشگاه کتاب استان با حضور {n} ناشر گشایش یافت",
                    "بزرگداشت استاد شهریار و روز ملی شعر و ادب فارسی در {city}",
                    "رونمایی از کتاب تاریخ مشروطه آذربایجان در خانه مشروطه",
                ],
                "lead": [
                    "نمایشگاه کتاب آذربایجان شرقی با حضور {n} ناشر از سراسر کشور و"
                    " عرضه بیش از {big} عنوان کتاب آغاز به کار کرد.",
                    "آیین بزرگداشت استاد سید محمدحسین شهریار با حضور شاعران، اهالی"
                    " فرهنگ و مسئولان استانی در مقبره‌الشعرا برگزار شد.",
                ],
                "open": [
                    "در این نمایشگاه علاوه بر عرضه کتاب، نشست‌های نقد و بررسی،"
                    " رونمایی از آثار نویسندگان استان و برنامه‌های ویژه کودکان"
                    " برگزار می‌شود.",
                    "در این مراسم که با اجرای موسیقی عاشیقی همراه بود، شاعران"
                    " ترکی‌سرا و فارسی‌سرا شعرخوانی کردند.",
                ],
                "body": [
                    "برنامه‌های این جشنواره تا پایان هفته در فرهنگسراهای شهر و تالار"
                    " وحدت ادامه دارد و ورود برای عموم آزاد است.",
                ],
            },
            {
                "weight": 3,
                "rootitr": ["رئیس {university} خبر داد:"],
                "title": [
                    "{university} در میان دانشگاه‌های برتر جهان قرار گرفت",
                    "پذیرش {big} دانشجوی بین‌المللی در {university}",
                ],
                "lead": [
                    "رئیس {university} از ارتقای جایگاه این دانشگاه در نظام"
                    " رتبه‌بندی بین‌المللی و قرار گرفتن آن در میان {n} دانشگاه برتر"
                    " ایران خبر داد.",
                ],
                "open": [
                    "رئیس {university} در نشست خبری گفت: افزایش شمار مقالات علمی و"
                    " همکاری با دانشگاه‌های خارجی در ارتقای این جایگاه مؤثر بوده"
                    " است.",
                ],
                "body": [
                    "{university} با بیش از {big} دانشجو و {n} دانشکده از معتبرترین"
                    " دانشگاه‌های شمال غرب کشور به شمار می‌رود.",
                    "وی افزود: {pct} درصد دانشجویان بین‌المللی این دانشگاه از عراق،"
                    " جمهوری آذربایجان و افغانستان هستند.",
                ],
            },
        ],
        "en_title": [
            "{big} foreign tourists visit East Azerbaijan",
            "Restoration of {site} completed",
            "International festival of Ashik music opens",
            "{university} ranked among the world's top universities",
        ],
        "en_lead": [
            "More than {big} foreign tourists, mostly from {country} and {country},"
            " visited the historical and natural sites of East Azerbaijan in the first"
            " {months} months of the year.",
            "The restoration of {site}, funded with {big} billion rials, has been"
            " completed under the supervision of heritage experts.",
        ],
        "en_body": [
            "The Historic Bazaar Complex of Tabriz, the largest covered bazaar in the"
            " world, is a UNESCO World Heritage Site.",
            "Eco-lodges have created jobs for villagers and introduced visitors to the"
            " culture of Azerbaijan.",
            "Handwoven carpets from Azerbaijan remain a symbol of Iranian art on world"
            " markets.",
            "The festival continues until the end of the week and entry is free.",
            "{university} has more than {big} students.",
        ],
    },
    "sports": {
        "weight": 12,
        "topics": ["futbal", "koshti", "varzesh-hamegani"],
        "rootitr": ["مدیرکل ورزش و جوانان آذربایجان شرقی:"],
        "body": [
            "وی افزود: ورزش آذربایجان شرقی همواره قهرمانان بزرگی به ورزش ایران معرفی"
            " کرده است.",
            "به گفته وی، حمایت بخش خصوصی از باشگاه‌های استان می‌تواند مشکلات مالی"
            " آن‌ها را کاهش دهد.",
            "وی گفت: استعدادیابی در رشته‌های پایه از برنامه‌های اصلی هیئت‌های"
            " ورزشی استان است.",
        ],
        "stories": [
            {
                "weight": 5,
                "rootitr": [
                    "هفته {week} لیگ برتر فوتبال؛",
                    "سرمربی تراکتور در نشست خبری:",
                    "پیش از دیدار حساس هفته آینده؛",
                ],
                "title": [
                    "تراکتور با برتری مقابل {club} به صدر جدول نزدیک شد",
                    "تساوی تراکتور و {club} در ورزشگاه یادگار امام",
                    "شکست خانگی تراکتور برابر {club}",
                    "هواداران تراکتور رکورد تماشاگران لیگ را شکستند",
                    "تراکتور با مهاجم جدید قرارداد امضا کرد",
                ],
                "lead": [
                    "تیم فوتبال تراکتور در هفته {week} لیگ برتر در ورزشگاه یادگار"
                    " امام با نتیجه {score} از سد {club} گذشت.",
                    "سرمربی تراکتور گفت: بازیکنان برای دیدار با {club} آمادگی کامل"
                    " دارند و برای کسب سه امتیاز به میدان می‌رویم.",
                    "دیدار تیم‌های تراکتور و {club} با حضور بیش از {big} تماشاگر در"
                    " ورزشگاه یادگار امام برگزار شد.",
                ],
                "open": [
                    "در این دیدار که با حضور پرشور هواداران برگزار شد، تراکتوری‌ها از"
                    " همان دقایق ابتدایی کنترل بازی را در دست گرفتند.",
                    "سرمربی تراکتور در نشست خبری پیش از بازی گفت: مصدومیت چند بازیکن"
                    " کلیدی کار ما را سخت کرده اما به بازیکنان جوان اعتماد داریم.",
                ],
                "body": [
                    "تراکتور با این نتیجه {n} امتیازی شد و در رده {rank} جدول قرار"
                    " گرفت.",
                    "گل‌های این دیدار در نیمه دوم به ثمر رسید و داور بازی در دقایق"
                    " پایانی یک ضربه پنالتی را نیز نادیده گرفت.",
                    "هواداران تراکتور که از ساعت‌ها پیش از شروع بازی در ورزشگاه حضور"
                    " داشتند، تا پایان مسابقه تیم خود را تشویق کردند.",
                    "وی افزود: هدف ما کسب سهمیه لیگ قهرمانان آسیا است و باید در"
                    " بازی‌های خارج از خانه هم امتیاز بگیریم.",
                    "تراکتور هفته آینده در دیداری خارج از خانه به مصاف {club} خواهد"
                    " رفت.",
                    "مدیرعامل باشگاه تراکتور نیز از پرداخت بخشی از مطالبات بازیکنان و"
                    " کادر فنی تا پایان ماه خبر داد.",
                    "بلیت‌فروشی این دیدار از طریق سامانه الکترونیکی انجام می‌شود و"
                    " درهای ورزشگاه سه ساعت پیش از شروع بازی باز خواهد شد.",
                ],
            },
            {
                "weight": 2,
                "rootitr": ["در رقابت‌های کشتی قهرمانی کشور؛"],
                "title": [
                    "کشتی‌گیران آذربایجان شرقی {n} مدال رنگارنگ کسب کردند",
                    "قهرمانی تیم والیبال نوجوانان استان در مسابقات کشوری",
                    "ماشین‌سازی تبریز به لیگ برتر بازگشت",
                ],
                "lead": [
                    "کشتی‌گیران آذربایجان شرقی در رقابت‌های قهرمانی کشور با کسب {n}"
                    " مدال طلا، نقره و برنز در جایگاه {rank} تیمی قرار گرفتند.",
                ],
                "open": [
                    "این رقابت‌ها با حضور {n} کشتی‌گیر از سراسر کشور در سالن ورزشی"
                    " {city} برگزار شد.",
                ],
                "body": [
                    "تیم منتخب آذربایجان شرقی در این رقابت‌ها پس از تیم‌های تهران و"
                    " مازندران به مقام {rank} دست یافت.",
                    "وی با اشاره به سابقه درخشان کشتی آذربایجان گفت: این استان همواره"
                    " یکی از قطب‌های کشتی ایران بوده است.",
                    "نماینده استان در لیگ دسته اول نیز در این هفته با نتیجه {score} از"
                    " سد حریف خود گذشت.",
                ],
            },
            {
                "weight": 2,
                "title": [
                    "{n} طرح ورزشی در شهرستان {town} افتتاح شد",
                    "همایش پیاده‌روی خانوادگی در {city} برگزار شد",
                    "ورزشگاه یادگار امام میزبان دیدار تیم ملی می‌شود",
                ],
                "lead": [
                    "{official} از افتتاح {n} طرح ورزشی شامل سالن چندمنظوره، زمین چمن"
                    " مصنوعی و استخر در شهرستان {town} خبر داد.",
                ],
                "open": [
                    "{official} در آیین افتتاح این طرح‌ها گفت: توسعه ورزش همگانی و"
                    " تأمین فضاهای ورزشی استاندارد در شهرستان‌ها از اولویت‌های ماست.",
                ],
                "body": [
                    "به گفته وی، {n} زمین چمن مصنوعی و سالن ورزشی روستایی در سال جاری"
                    " در شهرستان‌های استان ساخته می‌شود.",
                ],
            },
        ],
        "en_title": [
            "Tractor beat {club} to close in on top spot",
            "Tractor held by {club} at Yadegar-e Emam Stadium",
            "East Azerbaijan wrestlers win {n} medals at national championships",
        ],
        "en_lead": [
            "Tractor beat {club} in week {week} of the Pro League at Yadegar-e Emam"
            " Stadium.",
            "Wrestlers from East Azerbaijan won {n} gold, silver and bronze medals at"
            " the national championships.",
        ],
        "en_body": [
            "Tractor fans filled the stadium hours before kick-off and cheered their"
            " team until the final whistle.",
            "The coach said the team is aiming for a place in the AFC Champions"
            " League.",
            "Azerbaijan has long been one of the strongholds of Iranian wrestling.",
            "Tractor travel to face {club} next week.",
        ],
    },
    "international": {
        "weight": 10,
        "topics": ["diplomasi", "tejarat-khareji", "tranzit", "haml-o-naghl"],
        "rootitr": ["{official} در گفت‌وگو با خبرنگاران:"],
        "body": [
            "وی با بیان اینکه ایران سیاست همسایگی را در اولویت قرار داده است، گفت:"
            " امنیت و ثبات منطقه قفقاز به نفع همه کشورهای منطقه است.",
            "دو طرف همچنین بر برگزاری نمایشگاه‌های تخصصی مشترک و تبادل هیئت‌های"
            " تجاری در ماه‌های آینده توافق کردند.",
            "در پایان این دیدار، دو طرف بر تشکیل کارگروه مشترک برای پیگیری توافقات"
            " تأکید کردند.",
            "وی افزود: حجم مبادلات تجاری ایران و {country} در سال گذشته به بیش از"
            " {big} میلیون دلار رسیده و ظرفیت افزایش چندبرابری دارد.",
        ],
        "stories": [
            {
                "weight": 4,
                "rootitr": [
                    "سفیر {country} در سفر به آذربایجان شرقی:",
                    "در دیدار {official} با سرکنسول {country}؛",
                ],
                "title": [
                    "آمادگی {country} برای گسترش همکاری‌های اقتصادی با آذربایجان شرقی",
                    "سرکنسول {country} با {official} دیدار کرد",
                    "توسعه روابط با همسایگان اولویت سیاست خارجی ایران است",
                    "امضای تفاهم‌نامه همکاری میان آذربایجان شرقی و استان‌های {country}",
                ],
                "lead": [
                    "سرکنسول {country} در دیدار با {official} گفت: کشورش آماده گسترش"
                    " همکاری‌های تجاری، فرهنگی و گردشگری با آذربایجان شرقی است.",
                    "{official} در دیدار با سفیر {country} بر ضرورت تسهیل تردد فعالان"
                    " اقتصادی و کامیون‌های ترانزیتی میان دو کشور تأکید کرد.",
                ],
                "open": [
                    "در این دیدار که در محل استانداری برگزار شد، دو طرف درباره"
                    " راه‌های توسعه مناسبات اقتصادی، فرهنگی و گردشگری گفت‌وگو کردند.",
                    "سفیر {country} با اشاره به پیوندهای تاریخی و فرهنگی مردم دو کشور"
                    " گفت: روابط ما با ایران ریشه در تاریخ و فرهنگ مشترک دارد.",
                ],
                "body": [
                    "بر اساس این تفاهم‌نامه، کمیته مشترکی برای پیگیری همکاری‌ها در"
                    " حوزه‌های تجارت، گردشگری، آموزش عالی و سلامت تشکیل می‌شود.",
                    "سرکنسول {country} همچنین از آمادگی این کشور برای تسهیل صدور"
                    " روادید فعالان اقتصادی خبر داد.",
                    "وی خاطرنشان کرد: بیش از {big} دانشجو از {country} در"
                    " دانشگاه‌های ایران مشغول تحصیل هستند.",
                    "سفیر {country} گفت: شرکت‌های کشورش به سرمایه‌گذاری در حوزه‌های"
                    " انرژی، معدن و کشاورزی ایران علاقه‌مند هستند.",
                ],
            },
            {
                "weight": 2,
                "rootitr": ["نشست مشترک مقامات ایران و {country}؛"],
                "title": [
                    "ایران و {country} بر تکمیل کریدور شمال - جنوب تأکید کردند",
                    "کمیسیون مشترک اقتصادی ایران و {country} برگزار می‌شود",
                    "{official}: مرزهای ایران با قفقاز باید به مرزهای همکاری تبدیل"
                    " شوند",
                ],
                "lead": [
                    "مقامات ایران و {country} در نشستی مشترک درباره تکمیل"
                    " زیرساخت‌های ریلی و جاده‌ای کریدورهای بین‌المللی گفت‌وگو کردند.",
                ],
                "open": [
                    "{official} در این نشست با اشاره به موقعیت جغرافیایی استان افزود:"
                    " آذربایجان شرقی حلقه اتصال ایران با قفقاز، ترکیه و اروپاست.",
                    "این نشست با حضور معاونان وزارتخانه‌های امور خارجه، راه و"
                    " شهرسازی و صنعت، معدن و تجارت دو کشور در مرکز استان برگزار شد.",
                ],
                "body": [
                    "به گفته کارشناسان، تکمیل راه‌آهن رشت - آستارا و فعال شدن مسیر"
                    " ارس، جایگاه ایران را در ترانزیت منطقه‌ای تقویت خواهد کرد.",
                ],
            },
            {
                "weight": 1,
                "title": [
                    "پرواز مستقیم تبریز به {fcity} برقرار شد",
                    "هیئت پارلمانی {country} وارد آذربایجان شرقی شد",
                    "نشست گروه دوستی پارلمانی ایران و {country} برگزار شد",
                ],
                "lead": [
                    "نخستین پرواز مستقیم به {fcity} با {n} مسافر از فرودگاه"
                    " بین‌المللی شهید مدنی انجام شد.",
                    "هیئتی {n} نفره از نمایندگان پارلمان {country} برای بررسی"
                    " راه‌های توسعه همکاری‌های دوجانبه وارد استان شد.",
                ],
                "open": [
                    "{official} در این مراسم گفت: برقراری ارتباط مستقیم با شهرهای"
                    " همسایه، سفر گردشگران و فعالان اقتصادی را آسان‌تر می‌کند.",
                ],
                "body": [
                    "وی افزود: خط هوایی مستقیم سفر بیماران را هم آسان‌تر می‌کند و به"
                    " رونق گردشگری سلامت در استان کمک می‌کند.",
                ],
            },
        ],
        "en_title": [
            "{country} ready to expand economic ties with East Azerbaijan",
            "Consul general of {country} meets East Azerbaijan officials",
            "Iran and {country} stress completion of the North-South corridor",
            "Direct flights link Tabriz and {fcity}",
        ],
        "en_lead": [
            "The consul general of {country} told the governor of East Azerbaijan that"
            " his country is ready to expand trade, cultural and tourism cooperation.",
            "Officials from Iran and {country} discussed the rail and road links of"
            " international transit corridors.",
        ],
        "en_body": [
            "Trade between Iran and {country} exceeded {big} million dollars last"
            " year.",
            "Both sides agreed to hold joint trade fairs and exchange business"
            " delegations in the coming months.",
            "East Azerbaijan links Iran with the Caucasus, Turkey and Europe.",
            "A joint committee will follow up cooperation in trade, tourism, higher"
            " education and health.",
        ],
    },
    "provinces": {
        "weight": 18,
        "topics": ["keshavarzi", "ab", "haml-o-naghl", "modiriat-shahri"],
        "rootitr": ["فرماندار {town} خبر داد:", "با اعتبار {big} میلیارد ریال؛"],
        "body": [
            "وی خواستار توجه بیشتر دستگاه‌های اجرایی به مناطق روستایی و مرزی استان"
            " برای جلوگیری از مهاجرت روستاییان به شهرها شد.",
            "گفتنی است شهرستان {town} با حدود {big} نفر جمعیت در {dir} استان"
            " آذربایجان شرقی قرار دارد.",
            "به گفته وی، {pct} درصد روستاهای این شهرستان از گاز طبیعی برخوردار"
            " شده‌اند و بقیه روستاها نیز تا پایان سال گازرسانی می‌شوند.",
            "وی افزود: اشتغال جوانان و تکمیل طرح‌های زیربنایی مهم‌ترین مطالبات مردم"
            " این منطقه است.",
        ],
        "stories": [
            {
                "weight": 4,
                "rootitr": ["رئیس سازمان جهاد کشاورزی آذربایجان شرقی:"],
                "title": [
                    "پیش‌بینی برداشت {big} تن {crop} از باغ‌های {town}",
                    "خرید تضمینی {big} تن گندم از کشاورزان {town}",
                    "جشنواره {crop} {town} برگزار شد",
                    "آبیاری تحت فشار در {n} هکتار از اراضی {town} اجرا شد",
                ],
                "lead": [
                    "فرماندار {town} گفت: امسال پیش‌بینی می‌شود بیش از {big} تن {crop}"
                    " از باغ‌ها و مزارع این شهرستان برداشت شود.",
                    "رئیس سازمان جهاد کشاورزی آذربایجان شرقی از خرید تضمینی {big} تن"
                    " گندم از کشاورزان استان و پرداخت {pct} درصد مطالبات آنان خبر"
                    " داد.",
                ],
                "open": [
                    "{official} افزود: شهرستان {town} با داشتن {big} هکتار باغ و زمین"
                    " زراعی، یکی از قطب‌های کشاورزی آذربایجان شرقی است.",
                    "رئیس سازمان جهاد کشاورزی استان در نشست با کشاورزان {town} گفت:"
                    " استفاده از روش‌های نوین آبیاری تنها راه حفظ کشاورزی در شرایط"
                    " کم‌آبی است.",
                ],
                "body": [
                    "وی افزود: محصولات کشاورزی {town} علاوه بر تأمین نیاز بازار داخلی"
                    " به {country} و {country} نیز صادر می‌شود.",
                    "وی با اشاره به مشکلات کشاورزان گفت: تأمین به‌موقع نهاده‌ها و"
                    " پرداخت مطالبات گندمکاران از خواسته‌های اصلی کشاورزان است.",
                    "این مسئول ادامه داد: با اجرای طرح آبیاری تحت فشار، مصرف آب در"
                    " مزارع تا {pct} درصد کاهش و بهره‌وری تولید افزایش می‌یابد.",
                    "وی گفت: توسعه صنایع تبدیلی و بسته‌بندی محصولات کشاورزی می‌تواند"
                    " ارزش افزوده بیشتری برای کشاورزان منطقه ایجاد کند.",
                ],
            },
            {
                "weight": 4,
                "title": [
                    "آب‌رسانی به {n} روستای {town} به پایان رسید",
                    "بهسازی {n} کیلومتر از راه‌های روستایی {town} آغاز شد",
                    "گازرسانی به روستاهای صعب‌العبور {town} تکمیل شد",
                    "طرح هادی در {n} روستای شهرستان {town} اجرا می‌شود",
                ],
                "lead": [
                    "با بهره‌برداری از طرح آب‌رسانی مجتمع {n} روستایی {town}، مشکل آب"
                    " شرب بیش از {big} خانوار روستایی برطرف شد.",
                ],
                "open": [
                    "این طرح با اعتباری بالغ بر {big} میلیارد ریال از محل اعتبارات"
                    " ملی و استانی اجرا شده و {n} کیلومتر خط انتقال آب دارد.",
                    "فرماندار {town} در جلسه شورای اداری این شهرستان اظهار کرد: کار"
                    " این طرح با وجود کمبود اعتبارات طبق برنامه پیش رفته است.",
                ],
                "body": [
                    "بر اساس این گزارش، عملیات بهسازی و آسفالت {n} کیلومتر از راه‌های"
                    " روستایی {town} تا پایان فصل کاری به پایان می‌رسد.",
                    "وی گفت: با اجرای طرح هادی، چهره روستاها تغییر می‌کند و خدمات"
                    " بهتری به روستاییان ارائه می‌شود.",
                ],
            },
            {
                "weight": 2,
                "rootitr": ["در سفر یک‌روزه {official} به {town}؛"],
                "title": ["افتتاح {n} طرح عمرانی در {town} با حضور {official}"],
                "lead": [
                    "{official} در سفر یک‌روزه به شهرستان {town} ضمن افتتاح {n} طرح"
                    " عمرانی، در جلسه شورای اداری این شهرستان شرکت کرد.",
                ],
                "open": [
                    "{official} در این سفر از روند اجرای طرح‌های نیمه‌تمام شهرستان"
                    " {town} بازدید و با مردم این منطقه دیدار و گفت‌وگو کرد.",
                ],
                "body": [
                    "در این سفر همچنین {n} طرح اقتصادی با اشتغال‌زایی برای {big} نفر"
                    " به بهره‌برداری رسید.",
                ],
            },
            {
                "weight": 1,
                "title": ["خسارت تگرگ به باغ‌های {town} ارزیابی شد"],
                "lead": [
                    "بارش تگرگ و سرمازدگی بهاره به {pct} درصد باغ‌های {crop} شهرستان"
                    " {town} خسارت وارد کرد.",
                ],
                "open": [
                    "فرماندار {town} گفت: کارشناسان جهاد کشاورزی برای برآورد دقیق"
                    " خسارت‌ها به روستاهای آسیب‌دیده اعزام شده‌اند.",
                ],
                "body": [
                    "وی افزود: نتایج ارزیابی به زودی اعلام می‌شود و باغداران"
                    " خسارت‌دیده از تسهیلات بلاعوض بهره‌مند خواهند شد.",
                ],
            },
        ],
        "en_title": [
            "{town} expects a harvest of {big} tonnes of {crop}",
            "Drinking water reaches {n} villages of {town}",
            "Work begins on {n} kilometres of rural roads in {town}",
        ],
        "en_lead": [
            "The governor of {town} said more than {big} tonnes of {crop} are expected"
            " to be harvested in the county this year.",
            "A water project serving {n} villages of {town} has been completed, ending"
            " shortages for {big} rural households.",
        ],
        "en_body": [
            "Farm produce from {town} is also exported to {country} and {country}.",
            "Drip irrigation can cut water use on farms by up to {pct} percent.",
            "Officials called for more attention to rural and border areas to slow"
            " migration to cities.",
            "Food processing and packaging could add value for local farmers.",
        ],
    },
}

# Closing sentences any desk's story may use.
GENERAL_BODY = [
    "وی در پایان از همکاری رسانه‌ها در اطلاع‌رسانی دقیق و به‌موقع قدردانی کرد.",
    "گفتنی است این طرح با مشارکت بخش خصوصی و حمایت دولت اجرا می‌شود.",
    "وی همچنین بر لزوم استفاده از توان شرکت‌های دانش‌بنیان استان در رفع مشکلات"
    " تأکید کرد.",
    "به گفته این مقام مسئول، گزارش کامل این اقدامات به زودی در اختیار مردم قرار"
    " خواهد گرفت.",
    "وی با تأکید بر نقش جوانان در توسعه استان گفت: باید زمینه حضور نیروهای متخصص و"
    " تحصیل‌کرده در عرصه‌های مدیریتی فراهم شود.",
    "وی تصریح کرد: آذربایجان شرقی در همه عرصه‌ها از پیشگامان توسعه ایران اسلامی"
    " بوده و خواهد بود.",
    "در این نشست مقرر شد گزارش پیشرفت کار هر ماه به استانداری ارائه شود.",
    "وی یادآور شد: رضایت مردم معیار اصلی ارزیابی عملکرد مدیران است.",
    "وی افزود: با برنامه‌ریزی انجام‌شده امیدواریم این مشکل تا پایان سال به طور"
    " کامل برطرف شود.",
    "شهروندان می‌توانند پیشنهادها و انتقادات خود را از طریق سامانه ارتباط مردمی"
    " مطرح کنند.",
    "به گزارش خبرنگار ما، این نخستین بار است که چنین طرحی در شمال غرب ایران اجرا"
    " می‌شود.",
    "وی گفت: تحریم‌ها نتوانسته است مانع پیشرفت استان در عرصه‌های مختلف شود.",
]
GENERAL_BODY_EN = [
    "Officials said a full report would be published soon.",
    "The project is carried out with private investment and government support.",
    "The province is home to about four million people.",
]

# (source field, how the body opens); an empty source is the agency's own reporter.
SOURCES = [
    ("", "به گزارش خبرنگار ما،", 40),
    ("ایرنا", "به گزارش ایرنا،", 10),
    ("ایسنا", "به گزارش ایسنا،", 8),
    ("تسنیم", "به گزارش تسنیم،", 5),
    ("مهر", "به گزارش خبرگزاری مهر،", 5),
    ("فارس", "به گزارش فارس،", 4),
    ("روابط عمومی استانداری آذربایجان شرقی", "به گزارش روابط عمومی استانداری،", 4),
    ("ستاد خبری سفر هیئت دولت", "به گزارش ستاد خبری سفر هیئت دولت،", 1),
]
BYLINES = [
    "سارا احمدی", "رضا کریمی", "مریم حسینی", "علی رضایی", "زهرا محمدی",
    "حسین نوری", "فاطمه قاسمی", "مهدی صادقی", "نرگس جعفری", "یوسف پاشایی",
    "آیدا عباسی", "بهروز شجاعی", "لیلا فتحی", "امیر اسدی", "سمیه نصیری",
    "جواد بابایی", "الناز ولی‌زاده", "رامین قربانی", "پروین اصغرزاده", "کامران آقایی",
]  # fmt: skip
# Where copy is filed from (not searched): mostly the agency's own city.
DATELINES = {
    "default": [("تبریز", 80), ("مراغه", 4), ("مرند", 3), ("میانه", 3), ("اهر", 2)],
    "provinces": [(town, weight) for town, weight in _TOWNS],
    "international": [
        ("تبریز", 60),
        ("تهران", 15),
        ("باکو", 8),
        ("آنکارا", 6),
        ("ایروان", 4),
        ("نخجوان", 3),
        ("مسکو", 2),
    ],
}
ARTICLE_TYPES = [("news", 88), ("report", 8), ("interview", 4)]

# Countries the agency's copy mentions, most often first; the rest are a long tail.
COUNTRY_RANKS = (
    "IR TR AZ IQ RU AM GE AF CN KZ TM AE UZ TJ PK IN SY LB QA OM SA KG BY DE IT FR"
    " GB US JP KR ES NL AT CH BR"
).split()
# Stories by hour of day (Tehran): the desk is busiest from morning to evening.
HOUR_WEIGHTS = [
    1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 14, 13, 12, 12, 12, 11, 10, 9, 8, 7, 5, 3, 2,
]  # fmt: skip
FRIDAY, THURSDAY = 4, 3


# --- Composition -------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
# Characters that stored HTML text must not hold: they would be escaped or parsed.
_UNSAFE = set("<>&\u00a0\n\r")


class _Choice:
    """Weighted values, each with its search key folded once."""

    def __init__(self, values: list, rng: random.Random):
        pairs = [(v, 1) if isinstance(v, str) else v for v in values]
        self.items = [(text, search_key(text)) for text, _w in pairs]
        weights = [w for _t, w in pairs]
        self.cum = [sum(weights[: i + 1]) for i in range(len(weights))]
        self.total = self.cum[-1]
        self.random = rng.random
        for text, _key in self.items:
            _check_safe(text)

    def draw(self) -> tuple[str, str]:
        """Return one (text, key), as often as its weight says."""
        return self.items[bisect.bisect_right(self.cum, self.random() * self.total)]


def _check_safe(text: str) -> None:
    """Refuse text that sanitising or html_to_text would change."""
    html = f"<p>{text}</p>"
    if _UNSAFE & set(text) or sanitize_html(html) != html:
        raise ValueError(f"Bench copy would not survive sanitising: {text!r}")


class _Template:
    """A sentence with slots; its key is the join of its pieces' keys."""

    def __init__(self, text: str, slots: dict[str, _Choice]):
        pieces = _SLOT.split(text)
        self.parts: list = []
        for index, piece in enumerate(pieces):
            if index % 2:
                before, after = pieces[index - 1], pieces[index + 1]
                # A slot glued to a letter would fold into one word with it, and
                # the join of the keys would no longer be the key of the text.
                if (before and search_key(before[-1])) or (
                    after and search_key(after[0])
                ):
                    raise ValueError(f"Slot {{{piece}}} must stand apart: {text!r}")
                self.parts.append(slots[piece])
            elif piece:
                self.parts.append((piece, search_key(piece)))
        sample_text, sample_key = self.render()
        _check_safe(sample_text)
        if sample_key != search_key(sample_text):
            raise ValueError(f"Bench copy folds differently in pieces: {text!r}")

    def render(self) -> tuple[str, str]:
        """Return (text, search key) with every slot filled."""
        texts = []
        keys = []
        for part in self.parts:
            text, key = part if part.__class__ is tuple else part.draw()
            texts.append(text)
            if key:
                keys.append(key)
        return "".join(texts), " ".join(keys)


class _Story:
    """One kind of story of a desk, compiled: its own templates for every part."""

    def __init__(self, spec: dict, desk: dict, slots: dict):
        def compile_(templates):
            return [_Template(t, slots) for t in templates]

        self.rootitr = compile_(spec.get("rootitr", []) + desk["rootitr"])
        self.title = compile_(spec["title"])
        self.lead = compile_(spec["lead"])
        self.open = compile_(spec["open"])
        self.body = compile_(spec["body"])


class _Desk:
    """One desk's compiled copy: its kinds of story, in Persian, and English."""

    def __init__(self, spec: dict, fa: dict, en: dict):
        def compile_(templates, slots):
            return [_Template(t, slots) for t in templates]

        self.stories = [_Story(story, spec, fa) for story in spec["stories"]]
        self.story_weights = _cumulative(story["weight"] for story in spec["stories"])
        self.body = compile_(spec["body"], fa)
        self.general = compile_(GENERAL_BODY, fa)
        self.en_title = compile_(spec["en_title"], en)
        self.en_lead = compile_(spec["en_lead"], en)
        self.en_body = compile_(spec["en_body"], en)
        self.en_general = compile_(GENERAL_BODY_EN, en)


def _paragraphs(
    rng: random.Random, first: list, groups: list[list], target: int
) -> tuple[str, str]:
    """Return (body HTML, key): ``first``, then the groups' sentences to ``target``."""
    texts = [text for text, _key in first]
    keys = [key for _text, key in first if key]
    size = sum(len(t.encode()) for t in texts) + 7
    paragraphs = []
    order = [template for group in groups for template in rng.sample(group, len(group))]
    for template in order:
        if size >= target:
            break
        text, key = template.render()
        texts.append(text)
        keys.append(key)
        size += len(text.encode()) + 1
        # A paragraph holds two or three sentences.
        if len(texts) >= 3 or (len(texts) == 2 and rng.random() < 0.5):
            paragraphs.append(" ".join(texts))
            texts = []
            size += 7
    if texts:
        paragraphs.append(" ".join(texts))
    return "".join(f"<p>{p}</p>" for p in paragraphs), " ".join(keys)


class Composer:
    """Makes one article's text fields, keys included, from the desks' templates."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        fa = {name: _Choice(values, rng) for name, values in FA_SLOTS.items()}
        en = {name: _Choice(values, rng) for name, values in EN_SLOTS.items()}
        self.desks = {name: _Desk(spec, fa, en) for name, spec in THEMES.items()}
        self.sources = [(s, (o, search_key(o))) for s, o, _w in SOURCES]
        self.source_weights = _cumulative(weight for _s, _o, weight in SOURCES)
        self.languages = [code for code, _name in settings.LANGUAGES]

    def article(self, desk_name: str, *, english: bool) -> dict:
        """Return the text fields of one article as ``Article.save()`` stores them."""
        rng = self.rng
        desk = self.desks[desk_name]
        texts: dict[str, dict[str, str | None]] = {
            f: {} for f in ("rootitr", "title", "lead", "body")
        }
        keys: dict[str, dict[str, str]] = {f: {} for f in texts}

        def put(field, lang, pair):
            texts[field][lang], keys[field][lang] = pair

        story = rng.choices(desk.stories, cum_weights=desk.story_weights)[0]
        if rng.random() < ROOTITR_SHARE:
            put("rootitr", "fa", rng.choice(story.rootitr).render())
        else:
            put("rootitr", "fa", ("", ""))
        put("title", "fa", rng.choice(story.title).render())
        put("lead", "fa", rng.choice(story.lead).render())
        source, opener = rng.choices(self.sources, cum_weights=self.source_weights)[0]
        first = [opener, rng.choice(story.open).render()]
        groups = [story.body, desk.body, rng.sample(desk.general, 2)]
        target = rng.randint(*BODY_BYTES)
        put("body", "fa", _paragraphs(rng, first, groups, target))
        if english:
            put("title", "en", rng.choice(desk.en_title).render())
            put("lead", "en", rng.choice(desk.en_lead).render())
            groups = [desk.en_body, [rng.choice(desk.en_general)]]
            target = rng.randint(*ENGLISH_BODY_BYTES)
            put("body", "en", _paragraphs(rng, [], groups, target))

        # search_keys: the title in every language, then rootitr, lead and body.
        def joined(field):
            return [
                keys[field][lang] for lang in self.languages if keys[field].get(lang)
            ]

        title_keys = joined("title")
        rest = [k for f in ("rootitr", "lead", "body") for k in joined(f)]
        fields = {
            f"{field}_{lang}": texts[field].get(lang)
            for field in texts
            for lang in self.languages
        }
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        fields.update(
            {field: texts[field][default] for field in texts},
            slug=slugify(texts["title"]["fa"], allow_unicode=True)[:250],
            source=source,
            search_title=" ".join(title_keys),
            search_text=" ".join(title_keys + rest),
        )
        return fields


def _cumulative(weights) -> list:
    """Return the running totals of ``weights``, as random.choices takes them."""
    total = 0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out


# --- Facets, days and news codes ---------------------------------------------


def _zipf(count: int, exponent: float = 1.0) -> list:
    """Cumulative weights 1, 1/2^s, 1/3^s…: a few common items, a long tail."""
    return _cumulative(1 / (rank + 1) ** exponent for rank in range(count))


class _Picker:
    """Draws distinct ids with skewed (Zipf-like) popularity."""

    def __init__(self, ids: list, rng: random.Random, exponent: float = 1.0):
        self.ids = ids
        self.cum = _zipf(len(ids), exponent)
        self.random = rng.random

    def one(self):
        """Return one id, popular ones far more often."""
        return self.ids[bisect.bisect_right(self.cum, self.random() * self.cum[-1])]

    def two(self, first=None) -> tuple:
        """Return two different ids (fewer if fewer exist); ``first`` if given."""
        if len(self.ids) < 2:
            return tuple(self.ids)
        first = self.one() if first is None else first
        second = first
        while second == first:
            second = self.one()
        return first, second


class _Facets:
    """Services, topics, officials and countries, and how popular each is."""

    def __init__(self, seed: int, rng: random.Random):
        self.rng = rng
        # Popularity follows the seed, not the run: the same topics stay common
        # however many times the archive is topped up.
        order = random.Random(seed)
        topics = list(Topic.objects.order_by("pk").values_list("pk", "slug"))
        order.shuffle(topics)
        officials = list(Official.objects.order_by("pk").values_list("pk", flat=True))
        order.shuffle(officials)
        self.topics = _Picker([pk for pk, _slug in topics], rng)
        self.officials = _Picker(officials, rng)
        by_code = dict(Country.objects.values_list("code", "pk"))
        ranked = [by_code[code] for code in COUNTRY_RANKS if code in by_code]
        self.countries = _Picker(ranked or sorted(by_code.values()), rng, 1.3)
        by_slug = {slug: pk for pk, slug in topics}
        self.desk_topics = {
            desk: _Picker([by_slug[s] for s in spec["topics"] if s in by_slug], rng)
            for desk, spec in THEMES.items()
        }
        services = list(Service.objects.order_by("position", "pk"))
        if not services:
            raise RuntimeError("No services: run migrate first.")
        # A service with no desk of its own borrows one's copy.
        self.services = [
            (s.pk, s.slug if s.slug in THEMES else order.choice(list(THEMES)))
            for s in services
        ]
        self.service_weights = _cumulative(
            THEMES[s.slug]["weight"] if s.slug in THEMES else 8 for s in services
        )

    def service(self) -> tuple[int, str]:
        """Return (service id, desk name)."""
        return self.rng.choices(self.services, cum_weights=self.service_weights)[0]

    def topics_for(self, desk: str) -> tuple:
        """Two topics: mostly one of the desk's own, then any."""
        own = self.desk_topics[desk]
        if own.ids and self.rng.random() < 0.8:
            return self.topics.two(own.one())
        return self.topics.two()


def _used_sequences(keys: list[str]) -> dict[str, int]:
    """Return each day's last news code sequence, from its counter and its articles."""
    first, last = keys[0], keys[-1]
    # Locked until the load commits, so a normal save meanwhile waits its turn.
    used = dict(
        NewsCodeCounter.objects.select_for_update()
        .filter(day__gte=first, day__lte=last)
        .values_list("day", "last")
    )
    # Codes saved without the counter (fixtures, old loaders) are avoided too.
    newest = (
        Article.objects.filter(
            news_code__gte=int(first) * 1000, news_code__lte=int(last) * 1000 + 999
        )
        .annotate(day=F("news_code") / 1000)
        .values("day")
        .annotate(top=Max("news_code"))
        .values_list("day", "top")
        .order_by()
    )
    for day, top in newest:
        used[str(day)] = max(used.get(str(day), 0), top - day * 1000)
    return used


def _plan_days(articles: int, rng: random.Random, end: datetime.datetime) -> list:
    """Return the days to fill, oldest first, each with its codes' first sequence."""
    tz = timezone.get_current_timezone()
    end_local = end.astimezone(tz)
    today = end_local.date()
    elapsed = (end_local - end_local.replace(hour=0, minute=0, second=0)).seconds
    span = max(ARCHIVE_DAYS, math.ceil(articles / PER_DAY))
    while True:
        dates = [today - datetime.timedelta(days=n) for n in range(span - 1, -1, -1)]
        noon = datetime.time(12)
        keys = [day_key(datetime.datetime.combine(d, noon, tzinfo=tz)) for d in dates]
        used = _used_sequences(keys)
        room = [MAX_PER_DAY - used.get(key, 0) for key in keys]
        if sum(room) >= articles:
            break
        # Earlier loads filled these days: reach further back.
        span += ARCHIVE_DAYS
    weights = []
    for d, free in zip(dates, room, strict=True):
        weight = 0.5 if d.weekday() == FRIDAY else 0.8 if d.weekday() == THURSDAY else 1
        if d == today:
            weight *= elapsed / 86400
        weights.append(weight if free > 0 else 0)
    drawn = Counter(
        rng.choices(range(len(dates)), cum_weights=_cumulative(weights), k=articles)
    )
    counts = [min(drawn[i], room[i]) for i in range(len(dates))]
    spill = articles - sum(counts)
    # A day the draw overfilled passes its extra stories to days with room.
    for i in rng.sample(range(len(dates)), len(dates)):
        if not spill:
            break
        take = min(room[i] - counts[i], spill)
        if take > 0 and (dates[i] != today or elapsed > 3600):
            counts[i] += take
            spill -= take
    if spill:
        raise RuntimeError("No room left for news codes in the archive's days.")
    return [
        (d, key, used.get(key, 0) + 1, n)
        for d, key, n in zip(dates, keys, counts, strict=True)
        if n
    ]


def _seconds(rng: random.Random, count: int, limit: int) -> list[int]:
    """Return ``count`` sorted times of day, in seconds, none after ``limit``."""
    hours = rng.choices(range(24), cum_weights=_HOUR_CUM, k=count)
    out = []
    for hour in hours:
        second = hour * 3600 + rng.randrange(3600)
        out.append(second if second <= limit else rng.randint(0, limit))
    out.sort()
    return out


_HOUR_CUM = _cumulative(HOUR_WEIGHTS)


# --- Rows --------------------------------------------------------------------

_LINKS = ("topics", "officials", "countries")


def _article_fields() -> list:
    """The article table's columns but the primary key, as model fields."""
    return [f for f in Article._meta.local_concrete_fields if not f.primary_key]


def _batches(*, plan, end, facets, composer, rng, batch):
    """Yield (rows, links) lists of up to ``batch`` articles, oldest first."""
    tz = timezone.get_current_timezone()
    fields = _article_fields()
    names = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    datelines = {
        desk: _Choice(DATELINES.get(desk, DATELINES["default"]), rng) for desk in THEMES
    }
    bylines = _Picker(BYLINES, rng)
    types = [t for t, _w in ARTICLE_TYPES]
    type_weights = _cumulative(w for _t, w in ARTICLE_TYPES)
    end_local = end.astimezone(tz)
    random_ = rng.random
    rows: list = []
    links: list = []
    for date, key, first_seq, count in plan:
        midnight = datetime.datetime.combine(date, datetime.time())
        limit = 86399
        if date == end_local.date():
            limit = (end_local.replace(tzinfo=None) - midnight).seconds
        code = int(key) * 1000 + first_seq
        for second in _seconds(rng, count, limit):
            published = (midnight + datetime.timedelta(seconds=second)).replace(
                tzinfo=tz
            )
            service_id, desk = facets.service()
            values = dict(defaults)
            values.update(composer.article(desk, english=random_() < ENGLISH_SHARE))
            updated = published
            if random_() < 0.2:  # corrected or retouched after publication
                updated = min(
                    published + datetime.timedelta(minutes=rng.randint(1, 600)), end
                )
            values.update(
                news_code=code,
                service_id=service_id,
                status=Article.Status.PUBLISHED,
                article_type=rng.choices(types, cum_weights=type_weights)[0],
                dateline=datelines[desk].draw()[0],
                byline=bylines.one(),
                published_at=published,
                created_at=published - datetime.timedelta(minutes=rng.randint(10, 240)),
                updated_at=updated,
                is_lead=random_() < 0.015,
                is_breaking=random_() < 0.005,
            )
            code += 1
            rows.append([values[name] for name in names])
            links.append(
                (
                    facets.topics_for(desk),
                    facets.officials.two(),
                    facets.countries.two(),
                )
            )
            if len(rows) == batch:
                yield rows, links
                rows, links = [], []
    if rows:
        yield rows, links


# --- Writers -----------------------------------------------------------------


def _through(name: str):
    """Return (through model, article column, other column) of an M2M field."""
    field = Article._meta.get_field(name)
    through = field.remote_field.through
    own = through._meta.get_field(field.m2m_field_name())
    other = through._meta.get_field(field.m2m_reverse_field_name())
    return through, own, other


class _CsvStream:
    """A file COPY reads from: CSV made from the rows as it asks, a chunk at a time.

    A whole batch written out first would hold some hundred megabytes of text.
    """

    def __init__(self, rows):
        self.rows = iter(rows)
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    def read(self, size: int = -1) -> str:
        buffer, write = self.buffer, self.writer.writerow
        for row in self.rows:
            write(row)
            if 0 < size <= buffer.tell():
                break
        data = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return data


class _PostgresCopy:
    """Writes batches with COPY, on the connection's own transaction.

    It runs in a worker thread while the next batch is composed: COPY waits on the
    server with the GIL released, so composing and storing share the two cores.
    """

    NULL = "\\N"

    def __init__(self):
        qn = connection.ops.quote_name
        connection.ensure_connection()
        self.cursor = connection.connection.cursor()
        table = Article._meta.db_table
        pk = Article._meta.pk.column
        self.cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
        self.sequence = self.cursor.fetchone()[0]
        columns = [pk] + [f.column for f in _article_fields()]
        self.statements = [self._copy(qn, table, columns)]
        self.set_aside: list[tuple[str, str, str]] = []  # name, definition, method
        for name in _LINKS:
            through, own, other = _through(name)
            self.statements.append(
                self._copy(qn, through._meta.db_table, [own.column, other.column])
            )

    @staticmethod
    def _copy(qn, table: str, columns: list[str]) -> str:
        names = ", ".join(qn(c) for c in columns)
        return f"COPY {qn(table)} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"

    def set_indexes_aside(self) -> None:
        """Drop the article table's plain indexes, to build them again once loaded.

        Building a trigram index over a million texts at once takes minutes;
        updating it row by row takes most of an hour. The unique ones stay: they
        guard the load. DROP INDEX locks the table until the load commits.
        """
        self.cursor.execute(
            "SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid),"
            " am.amname FROM pg_index x"
            " JOIN pg_class c ON c.oid = x.indexrelid"
            " JOIN pg_am am ON am.oid = c.relam"
            " WHERE x.indrelid = %s::regclass"
            " AND NOT x.indisunique AND NOT x.indisexclusion ORDER BY 1",
            [connection.ops.quote_name(Article._meta.db_table)],
        )
        self.set_aside = self.cursor.fetchall()
        for name, _definition, _method in self.set_aside:
            self.cursor.execute(f"DROP INDEX {name}")

    def restore_indexes(self, progress, *, defer: bool) -> None:
        """Build again, exactly as they were, the indexes set aside.

        With ``defer`` the slow ones (GIN, GiST: the search indexes) are left for
        ``restore_deferred_indexes``, after the commit, where two can be built at
        once on two connections; the btree ones take seconds and are built here.
        """
        # CREATE INDEX refuses a table with foreign-key checks still queued: run them.
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        progress("keys checked")
        self.cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        later = []
        for name, definition, method in self.set_aside:
            if defer and method != "btree":
                later.append((name, definition, method))
                continue
            self.cursor.execute(definition)
            progress(f"{name} built")
        self.set_aside = later

    def restore_deferred_indexes(self, progress) -> None:
        """Build the indexes ``restore_indexes`` deferred, two at a time."""

        def build(name: str, definition: str) -> None:
            # A connection of its own: Django's are per thread, and this runs in one.
            own = connections.create_connection(DEFAULT_DB_ALIAS)
            try:
                with own.cursor() as cursor:
                    cursor.execute("SET maintenance_work_mem = '1GB'")
                    cursor.execute(definition)
            finally:
                own.close()
            progress(f"{name} built")

        # Trigram indexes are the slowest: start them first.
        pending = sorted(self.set_aside, key=lambda item: "gin_trgm_ops" not in item[1])
        failed = []
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = {pool.submit(build, name, sql): sql for name, sql, _m in pending}
            for job, sql in jobs.items():
                if job.exception() is not None:
                    failed.append(f"{sql};  -- {job.exception()}")
        self.set_aside = []
        if failed:
            raise RuntimeError(
                "The articles are loaded but these indexes are missing; create them "
                "by hand:\n" + "\n".join(failed)
            )

    def write(self, rows: list, links: list) -> None:
        cursor = self.cursor
        cursor.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            [self.sequence, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        null = self.NULL
        tables = [
            (
                [pk, *(null if v is None else v for v in row)]
                for pk, row in zip(ids, rows, strict=True)
            )
        ]
        for index in range(len(_LINKS)):
            tables.append(
                [
                    (pk, other)
                    for pk, facets in zip(ids, links, strict=True)
                    for other in facets[index]
                ]
            )
        for statement, table_rows in zip(self.statements, tables, strict=True):
            cursor.copy_expert(statement, _CsvStream(table_rows), size=1 << 20)

    def analyze(self) -> None:
        """Refresh the planner's statistics of every table the load wrote."""
        qn = connection.ops.quote_name
        tables = [Article._meta.db_table, NewsCodeCounter._meta.db_table]
        tables += [_through(name)[0]._meta.db_table for name in _LINKS]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {qn(table)}")


class _BulkInsert:
    """Writes batches with plain multi-row inserts (SQLite and other databases).

    ``bulk_create`` would stamp created_at and updated_at with the time of the load
    (they are auto_now fields), so articles go in through executemany, each value
    prepared by its field exactly as a save prepares it; links use bulk_create.
    """

    def __init__(self):
        qn = connection.ops.quote_name
        self.fields = _article_fields()
        self.table = Article._meta.db_table
        columns = [Article._meta.pk.column] + [f.column for f in self.fields]
        self.insert = (
            f"INSERT INTO {qn(self.table)} ({', '.join(qn(c) for c in columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        self.links = [_through(name) for name in _LINKS]
        self.newest = f"SELECT MAX({qn(Article._meta.pk.column)}) FROM {qn(self.table)}"
        if connection.vendor == "sqlite":
            # AUTOINCREMENT never hands out the id of a deleted row again; nor do we.
            self.newest = (
                f"SELECT MAX(COALESCE(({self.newest}), 0), COALESCE((SELECT seq"
                f" FROM sqlite_sequence WHERE name = '{self.table}'), 0))"
            )
        self.next_id = None

    def write(self, rows: list, links: list) -> None:
        fields = self.fields
        with connection.cursor() as cursor:
            if self.next_id is None:
                cursor.execute(self.newest)
                self.next_id = (cursor.fetchone()[0] or 0) + 1
            ids = range(self.next_id, self.next_id + len(rows))
            self.next_id += len(rows)
            cursor.executemany(
                self.insert,
                [
                    [
                        pk,
                        *(
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(fields, row, strict=True)
                        ),
                    ]
                    for pk, row in zip(ids, rows, strict=True)
                ],
            )
        for index, (through, own, other) in enumerate(self.links):
            through.objects.bulk_create(
                [
                    through(**{own.attname: pk, other.attname: fk})
                    for pk, facets in zip(ids, links, strict=True)
                    for fk in facets[index]
                ],
                batch_size=5000,
            )

    def analyze(self) -> None:
        """Nothing to do: SQLite plans well enough without statistics."""


# --- The load ----------------------------------------------------------------


def bench_articles_load(
    *,
    articles: int,
    seed: int = 1405,
    batch: int = 20_000,
    rebuild_indexes: bool | None = None,
    stdout=None,
) -> int:
    """Add ``articles`` published, tagged articles exactly as saves would store them.

    Why not saves: one save folds 2 KB of text and allocates a code under a row lock;
    a million of them take hours, this takes minutes. On PostgreSQL a large load
    (or ``rebuild_indexes=True``) builds the plain indexes again afterwards instead
    of updating them row by row. Returns the number of articles added.
    """
    if articles < 1:
        raise ValueError("articles must be at least 1.")
    started = time.perf_counter()
    if not (
        Service.objects.exists()
        and Topic.objects.exists()
        and Official.objects.exists()
    ):
        call_command("seed_demo", stdout=stdout or io.StringIO())
    # A fresh stream per top-up: a second load is not a copy of the first.
    last_pk = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(f"{seed}:{last_pk}")
    composer = Composer(rng)
    end = timezone.now() - NEWEST_LAG
    postgres = connection.vendor == "postgresql"
    if rebuild_indexes is None:
        # Rebuilding costs in proportion to the whole table (the last id says about
        # how large), updating in proportion to the load.
        rebuild_indexes = articles >= REBUILD_MIN and articles * 4 >= last_pk
    # Indexes can be built two at a time only on two connections, which see the
    # articles once committed: not when a caller holds a transaction open.
    defer = not connection.in_atomic_block

    def report(done: int, note: str = "") -> None:
        if stdout is not None:
            note = f", {note}" if note else ""
            seconds = time.perf_counter() - started
            stdout.write(f"  {done:,} / {articles:,} articles, {seconds:.0f} s{note}")

    def progress(note: str) -> None:
        report(articles, note)

    with transaction.atomic():
        writer = _PostgresCopy() if postgres else _BulkInsert()
        facets = _Facets(seed, rng)
        plan = _plan_days(articles, rng, end)
        batches = _batches(
            plan=plan, end=end, facets=facets, composer=composer, rng=rng, batch=batch
        )
        if postgres and rebuild_indexes:
            writer.set_indexes_aside()
        _store(writer, batches, threaded=postgres, report=report)
        if postgres and rebuild_indexes:
            writer.restore_indexes(progress, defer=defer)
        NewsCodeCounter.objects.bulk_create(
            [
                NewsCodeCounter(day=key, last=first_seq + count - 1)
                for _date, key, first_seq, count in plan
            ],
            update_conflicts=True,
            unique_fields=["day"],
            update_fields=["last"],
            batch_size=1000,
        )
    if postgres and writer.set_aside:
        writer.restore_deferred_indexes(progress)
    writer.analyze()
    return articles


def _store(writer, batches, *, threaded: bool, report) -> None:
    """Write every batch; threaded, the next batch is composed while one is stored."""
    done = 0
    if not threaded:
        for rows, links in batches:
            writer.write(rows, links)
            done += len(rows)
            report(done)
        return
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending, size = None, 0
        for rows, links in batches:
            if pending is not None:
                pending.result()
                done += size
                report(done)
            pending, size = worker.submit(writer.write, rows, links), len(rows)
        if pending is not None:
            pending.result()
            report(done + size)
