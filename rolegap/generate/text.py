"""Job-ad text: HTML descriptions with planted skills, stubs, pay text and distractors."""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass

from rolegap.generate import vocab
from rolegap.generate.plan import Pay, Role
from rolegap.generate.targets import FULL_MIN_CHARS

# Full descriptions get headroom over the threshold, for whitespace differences in HTML stripping.
FULL_TEXT_CHARS = FULL_MIN_CHARS + 80

_CONSONANTS = "bdfklmnpstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]
_CODE_SPACE = len(_SYLLABLES) ** 4


def codename(n: int) -> str:
    """A unique, pronounceable team name for role number n (it keeps role texts distinct)."""
    n = (n * 7_368_787 + 1_299_709) % _CODE_SPACE
    parts = []
    for _ in range(4):
        n, rest = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[rest])
    return "".join(parts).capitalize()


BLURBS: dict[str, list[str]] = {
    "mobility": [
        "{c} builds the software that moves people and goods through dense cities.",
        "Our dispatch platform schedules thousands of vehicles every hour.",
        "We design routing products used by delivery networks on three continents.",
    ],
    "ai_ml": [
        "{c} builds tools that help companies put intelligent software in front of their customers.",
        "Our research and product teams sit side by side and ship every week.",
        "We started with a small team of researchers and now serve thousands of businesses.",
    ],
    "consumer": [
        "{c} makes everyday shopping simpler for millions of households.",
        "Our apps help people plan trips, cook at home and find things they love.",
        "We are a consumer brand with an engineering heart.",
    ],
    "fintech": [
        "{c} helps small businesses get paid faster and manage cash with confidence.",
        "We move billions of dollars a year for our customers, safely.",
        "We are building the account every freelancer wishes they had.",
    ],
    "enterprise_software": [
        "{c} builds workflow software for operations teams at mid-size companies.",
        "Our platform connects finance, procurement and people data in one place.",
        "Thousands of companies run their month-end close on our product.",
    ],
    "healthcare": [
        "{c} works with clinics and hospitals to make care easier to access.",
        "Our products support care teams with scheduling, triage and patient follow-up.",
        "We measure our success in shorter waits and healthier patients.",
    ],
    "media": [
        "{c} publishes stories, podcasts and video for a global audience.",
        "Our newsroom and product teams work side by side.",
        "Tens of millions of people read, watch or listen to us every month.",
    ],
    "hardware": [
        "{c} designs sensors and chips for industrial equipment.",
        "Our devices run in factories, ports and power plants around the world.",
        "We own the whole stack, from silicon to the software that runs on it.",
    ],
    "consulting": [
        "{c} is a consultancy: we build data and software products for our clients.",
        "Our clients include retailers, banks and public-sector bodies.",
        "We build predictive systems for our clients and stay until they run smoothly.",
    ],
    "unknown": [
        "{c} is a growing company with offices in several cities.",
        "We are profitable, independent and hiring carefully.",
    ],
}
FUNDING = [
    "We raised a ${n}M Series {s} this year.",
    "Backed by a ${n}M Series {s} round, we are growing fast.",
]
TEAM = [
    "You will join the {k} team, a group of {n} engineers, scientists and product people.",
    "This role sits in the {k} team, which owns some of our most important product bets.",
    "The {k} team is small, senior and trusted with hard problems.",
]
DUTIES = {
    "ml_engineer": [
        "Design, build and operate the systems that take models from research into production.",
        "Own training and prediction workflows end to end, from raw inputs to on-call.",
        "Improve the latency, throughput and cost of our prediction services.",
        "Partner with product engineers to ship model-backed features to customers.",
        "Write clean, well-documented code and review your teammates' work.",
        "Build internal tooling that lets researchers iterate faster.",
        "Debug problems that cross data, model and infrastructure boundaries.",
        "Track model quality after launch and feed what you learn back into training.",
    ],
    "data_scientist": [
        "Turn open-ended business questions into clear analyses and decisions.",
        "Define and own the measures that tell us whether our products work.",
        "Build models that estimate customer lifetime value, churn risk and demand.",
        "Present findings to leadership and shape the product roadmap.",
        "Work closely with engineers, designers and product managers.",
        "Plan measurement before launches and read out results after them.",
        "Write clear documents that explain what we learned and why it matters.",
        "Size new opportunities and help leaders choose between them.",
    ],
    "other": [
        "Work with partners across the business to scope and deliver projects.",
        "Own your projects from the first conversation to delivery.",
        "Keep stakeholders informed with clear, regular written updates.",
        "Improve the processes and tools your team relies on.",
        "Take part in planning and help set priorities for the quarter.",
        "Share what you learn with the wider team.",
    ],
}
LEAD_DUTIES = [
    "Help define the technical direction for your area.",
    "Mentor others and raise the bar for the quality of our work.",
    "Lead cross-team initiatives from proposal to delivery.",
]
YEARS = {"junior": "0-2", "mid": "2+", "senior": "5+", "staff_principal": "8+", "director_plus": "10+"}
NEEDS = [
    "Clear written and spoken communication.",
    "A degree in computer science, physics, engineering or a related quantitative field, "
    "or equivalent experience.",
    "Comfort with ambiguity and a bias toward shipping.",
    "Curiosity about how our customers use the product.",
]
BENEFITS = [
    "Medical, dental and vision coverage.",
    "Generous parental leave.",
    "Flexible hybrid working.",
    "25 days of paid time off.",
    "Equity in a company that is growing quickly.",
    "A yearly team offsite.",
]
MONEY_DISTRACTORS = [
    "A $2,000 home-office stipend.",
    "401(k) match up to 4%.",
    "A $1,500 annual learning budget.",
    "A $500 wellness allowance each quarter.",
]
HOW_WE_WORK = [
    "We work in small teams that own their problems end to end.",
    "We write things down: design documents, decision logs and incident reviews are part of the job.",
    "We ship often, keep changes small and review each other's work with care.",
    "Most teams meet in person two days a week and keep the rest of the week for focused work.",
    "We promote from within and give people room to grow into bigger scopes.",
    "Interviews are practical: expect a conversation about real problems, not puzzles.",
]
EEO = (
    "{c} is an equal opportunity employer. We welcome applicants of every background and do not "
    "discriminate on the basis of race, religion, gender, sexual orientation, age, disability or any "
    "other status protected by law."
)
STUBS = [
    "Join {c} on the {k} team. Apply on our careers page to learn more.",
    "{c} is hiring for the {k} team. Full details are shared with shortlisted candidates.",
    "We are growing the {k} team at {c}. Apply online and our recruiters will be in touch.",
]
AGENCY_CUES = [
    "Our client, a fast-growing technology company, is hiring for its {k} team.",
    "On behalf of our client, a well-known consumer business, we are recruiting for the {k} team.",
    "This is a chance to join our client's {k} team; to join our client you will go through two rounds.",
    "My client is a funded scale-up building out its {k} team.",
]
AGENCY_PLAIN = [
    "{c} is recruiting for a permanent position in the {k} team of a technology company.",
    "{c} is running the search for the {k} team of a growing business.",
]
AGENCY_STUBS = [
    "Our client is hiring for the {k} team. Apply through {c} to learn more.",
    "{c} is recruiting for the {k} team of a growing business. Send your details to apply.",
]


@dataclass
class Description:
    intro: list[str]
    sections: list[tuple[str, list[str]]]
    closing: list[str]

    def intro_html(self) -> str:
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.intro)

    @staticmethod
    def items_html(items: list[str]) -> str:
        return "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items)

    def closing_html(self) -> str:
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.closing)

    def html(self) -> str:
        body = [self.intro_html()]
        for heading, items in self.sections:
            body.append(f"<h3>{html.escape(heading, quote=False)}</h3><ul>{self.items_html(items)}</ul>")
        body.append(self.closing_html())
        return "".join(body)

    def plain(self) -> str:
        lines = list(self.intro)
        for heading, items in self.sections:
            lines.append(heading)
            lines.extend(items)
        lines.extend(self.closing)
        return "\n".join(lines)


_TAGS = re.compile(r"<[^>]*>")


def html_to_text(markup: str) -> str:
    """Plain text of HTML, as the warehouse computes it (block tags become line breaks)."""
    text = re.sub(r"<\s*(br|/p|/li|/h[1-6]|/div|/ul|/ol|/tr)[^>]*>", "\n", markup, flags=re.I)
    text = html.unescape(_TAGS.sub(" ", text))
    text = re.sub(r"[ \t\r\f]+", " ", text)
    return re.sub(r" ?\n[ \n]*", "\n", text).strip()


def _join(forms: list[str], rng: random.Random) -> str:
    if len(forms) == 1:
        return forms[0]
    word = "or" if rng.random() < 0.25 else "and"
    return f"{', '.join(forms[:-1])} {word} {forms[-1]}"


def skill_sentences(skills: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Bullets (required, nice-to-have) that mention exactly the given skills."""
    pending = list(skills)
    rng.shuffle(pending)
    required: list[str] = []
    nice: list[str] = []
    if "r" in pending and "python" in pending and rng.random() < 0.4:
        pending.remove("r")
        pending.remove("python")
        required.append(vocab.R_AND_PYTHON)
    for skill in [s for s in pending if s in vocab.SOLO_SENTENCES]:
        pending.remove(skill)
        (required if rng.random() < 0.7 else nice).append(rng.choice(vocab.SOLO_SENTENCES[skill]))
    while pending:
        size = min(len(pending), rng.choice([1, 2, 2, 3, 3, 4]))
        group, pending = pending[:size], pending[size:]
        forms = [rng.choice(vocab.SURFACE[skill]) for skill in group]
        if rng.random() < 0.7:
            required.append(rng.choice(vocab.REQUIRED_LEADS).format(x=_join(forms, rng)))
        else:
            nice.append(rng.choice(vocab.NICE_LEADS).format(x=_join(forms, rng)))
    rng.shuffle(required)
    return required, nice


_MONEY = "${:,}"


def pay_text(pay: Pay, rng: random.Random) -> str:
    """Pay as written in an ad or a jsonl salary_text."""
    lo, hi = pay.low, pay.high
    if pay.currency == "GBP":
        return f"£{lo:,} - £{hi:,} per annum" if lo != hi else f"£{lo:,} per annum"
    if pay.currency == "SGD":
        return f"SGD {lo:,} – {hi:,} per year" if lo != hi else f"SGD {lo:,} per year"
    if lo == hi:
        return rng.choice([f"${lo:,} per year", f"${lo:,}", f"${lo:,} annually"])
    if pay.interval == "hour":
        return rng.choice([f"${lo} - ${hi} per hour", f"${lo}–${hi}/hr"])
    if pay.interval == "month":
        return f"${lo:,} - ${hi:,} per month"
    options = [
        f"${lo:,} - ${hi:,}",
        f"USD {lo:,} – {hi:,} per year",
        f"${lo:,}.00—${hi:,}.00 USD",
        f"${lo:,} to ${hi:,} per year",
    ]
    if lo % 1000 == 0 and hi % 1000 == 0:
        options.append(f"${lo // 1000}k–${hi // 1000}k")
    return rng.choice(options)


PAY_SENTENCES = [
    "The base salary range for this role is {x}.",
    "Compensation: {x}, plus equity and benefits.",
    "Pay range: {x}. Final offers depend on experience.",
]


def describe(role: Role, code: str, rng: random.Random, text_pay: Pay | None) -> Description:
    """The role's description: the same text for every copy of the role."""
    assert role.company is not None
    company = role.company.name
    fill = {"c": company, "k": code}
    if role.category == "agency":
        return _describe_agency(role, code, rng, text_pay)
    if not role.full:
        lines = [rng.choice(STUBS).format(**fill)]
        if text_pay:
            lines.append(rng.choice(PAY_SENTENCES).format(x=pay_text(text_pay, rng)))
        return Description(lines, [], [])
    intro = [" ".join(s.format(**fill) for s in rng.sample(BLURBS[role.company.industry], 2))]
    if role.company.is_startup and rng.random() < 0.5:
        intro[0] += " " + rng.choice(FUNDING).format(
            n=rng.choice([18, 45, 80, 120, 250]), s=rng.choice("ABCD")
        )
    intro.append(rng.choice(TEAM).format(n=rng.randint(4, 30), **fill))
    family = role.family if role.family in DUTIES else "other"
    duties = rng.sample(DUTIES[family], rng.randint(4, 6))
    if role.seniority in ("senior", "staff_principal", "director_plus"):
        duties.append(rng.choice(LEAD_DUTIES))
    required, nice = skill_sentences(role.skills, rng)
    needs = [
        f"{YEARS[role.seniority]} years of relevant industry experience.",
        *required,
        *rng.sample(NEEDS, 2),
    ]
    if rng.random() < 0.06:
        candidates = [sentence for skill, sentence in vocab.NEGATIONS if skill not in role.skills]
        if candidates:
            needs.append(rng.choice(candidates))
    sections = [("What you'll do", duties), ("What we're looking for", needs)]
    if nice:
        sections.append(("Nice to have", nice))
    benefits = rng.sample(BENEFITS, 3)
    if rng.random() < 0.35:
        benefits.insert(rng.randrange(len(benefits) + 1), rng.choice(MONEY_DISTRACTORS))
    sections.append(("Benefits", benefits))
    closing = []
    if text_pay:
        closing.append(rng.choice(PAY_SENTENCES).format(x=pay_text(text_pay, rng)))
    closing.append(EEO.format(**fill))
    if rng.random() < 0.35:
        for sentence in rng.sample(vocab.DISTRACTORS, rng.randint(1, 2)):
            rng.choice([intro, needs, closing]).insert(0, sentence)
    desc = Description(intro, sections, closing)
    extra = iter(rng.sample(HOW_WE_WORK, len(HOW_WE_WORK)))
    while len(desc.plain()) < FULL_TEXT_CHARS:
        intro.append(next(extra))
    return desc


def _describe_agency(role: Role, code: str, rng: random.Random, text_pay: Pay | None) -> Description:
    assert role.company is not None
    fill = {"c": role.company.name, "k": code}
    if not role.full:
        stub = AGENCY_STUBS[0] if role.has_cue else AGENCY_STUBS[1]
        lines = [stub.format(**fill)]
        if text_pay:  # the truth file records this pay: the payload must carry it too
            lines.append(rng.choice(PAY_SENTENCES).format(x=pay_text(text_pay, rng)))
        return Description(lines, [], [])
    opener = rng.choice(AGENCY_CUES if role.has_cue else AGENCY_PLAIN).format(**fill)
    family = role.family if role.family in DUTIES else "other"
    required, nice = skill_sentences(role.skills, rng)
    needs = [
        f"{YEARS[role.seniority]} years of relevant industry experience.",
        *required,
        *rng.sample(NEEDS, 2),
    ]
    sections = [("The role", rng.sample(DUTIES[family], 5)), ("About you", needs)]
    if nice:
        sections.append(("Nice to have", nice))
    closing = [
        f"{role.company.name} is acting as an employment agency for this vacancy. "
        "Apply today and a consultant will call you within two working days."
    ]
    if text_pay:
        closing.insert(0, rng.choice(PAY_SENTENCES).format(x=pay_text(text_pay, rng)))
    desc = Description([opener], sections, closing)
    extra = iter(rng.sample(HOW_WE_WORK, len(HOW_WE_WORK)))
    while len(desc.plain()) < FULL_TEXT_CHARS:
        desc.intro.append(next(extra))
    return desc
