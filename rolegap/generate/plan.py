"""Plan one shard of the corpus: roles, their location copies and every planted attribute.

A shard is a self-contained corpus of scale <= 1 whose in-scope figures are calibrated exactly;
`generate_corpus` concatenates shards, so memory stays bounded at any scale.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from rolegap.generate import targets as tg
from rolegap.generate import vocab
from rolegap.generate.companies import UNKNOWN_COMPANIES, UNLISTED_AGENCIES, Company

TZ_HOURS = {
    "new_york": -5,
    "san_francisco": -8,
    "denver": -7,
    "london": 0,
    "singapore": 8,
    "us": -6,
    "ca": -5,
    "de": 1,
    "fr": 1,
    "nl": 1,
}
# Approximate FX, only to make London/Singapore pay look plausible (the warehouse converts nothing).
FX = {"USD": 1.0, "GBP": 0.62, "SGD": 1.3}
# Pay ranges for out-of-scope roles (annual USD).
OTHER_PAY = (85_000, 175_000)


@dataclass(frozen=True)
class Pay:
    currency: str
    interval: str  # year / hour / month
    low: int  # in interval units
    high: int  # == low for a single value
    mode: str  # structured / text / salary_text

    def annual(self) -> tuple[int, int]:
        factor = {"year": 1, "hour": 2080, "month": 12}[self.interval]
        return self.low * factor, self.high * factor


@dataclass
class Opening:
    location: str
    market: str  # an included market, or "other"
    country: str
    pay: Pay | None = None
    refetch: str | None = None  # None / same / changed
    refetch_offset_days: int = 0
    source_job_id: str = ""

    @property
    def in_market(self) -> bool:
        return self.market in tg.MARKETS

    @property
    def is_us_market(self) -> bool:
        return self.market in tg.US_MARKETS


@dataclass
class Role:
    index: int  # position in the shard
    category: str  # in_scope or an exclusion reason
    family: str  # ml_engineer / data_scientist / other
    title: str = ""
    seniority: str = "mid"
    company: Company | None = None
    posted_at: datetime | None = None
    fetch_offset_days: int = 0
    full: bool = False
    skills: list[str] = field(default_factory=list)
    openings: list[Opening] = field(default_factory=list)
    in_salary_sample: bool = False
    has_cue: bool = False  # agency text uses client cues
    script_title: bool = False

    @property
    def in_scope_copies(self) -> int:
        return sum(1 for opening in self.openings if opening.in_market) if self.category == "in_scope" else 0

    @property
    def us_in_market(self) -> list[Opening]:
        return [opening for opening in self.openings if opening.is_us_market]


@dataclass
class ShardPlan:
    shard: int
    scale: float
    roles: list[Role]


def _adjust_to_sum(values: list[int], total: int, low: int, high: int, rng: random.Random) -> None:
    """Nudge values (each kept in [low, high]) until they sum to total."""
    if not low * len(values) <= total <= high * len(values):
        raise ValueError(f"cannot split {total} openings over {len(values)} roles with {low}..{high} copies")
    diff = total - sum(values)
    while diff:
        i = rng.randrange(len(values))
        step = 1 if diff > 0 else -1
        if low <= values[i] + step <= high:
            values[i] += step
            diff -= step


def _deficit_assign(weights: list[int], shares: dict[str, float], rng: random.Random) -> list[str]:
    """Largest-remaining-deficit assignment of labels to weighted items (heaviest first)."""
    total = sum(weights)
    order = list(range(len(weights)))
    rng.shuffle(order)
    order.sort(key=lambda i: -weights[i])
    assigned = Counter()
    labels = [""] * len(weights)
    names = list(shares)
    for i in order:
        best = max(names, key=lambda name: (shares[name] * total - assigned[name], -names.index(name)))
        labels[i] = best
        assigned[best] += weights[i]
    return labels


def _posted(rng: random.Random, start: date, end: date, market: str) -> datetime:
    day = start + timedelta(days=rng.randrange((end - start).days + 1))
    # Local office hours and offsets within +-8h keep the UTC date equal to the local date.
    tz = timezone(timedelta(hours=TZ_HOURS.get(market, 0)))
    return datetime(
        day.year, day.month, day.day, rng.randint(9, 14), rng.randrange(60), rng.randrange(60), tzinfo=tz
    )


class ShardPlanner:
    def __init__(
        self, shard: int, scale: float, seed: int, companies: list[Company], agencies: list[Company]
    ):
        self.shard = shard
        self.scale = scale
        self.rng = random.Random(f"rolegap:{seed}:{shard}")
        self.companies = companies
        self.agencies = agencies
        self.roles: list[Role] = []
        self._by_segment: dict[tuple[str, bool], list[Company]] = {}
        for company in companies:
            self._by_segment.setdefault((company.industry, company.is_startup), []).append(company)
        # Zipf-ish weights so some companies post a lot and many post a little.
        self._weights = {
            key: [1.0 / (rank + 1) ** 0.8 for rank in range(len(group))]
            for key, group in self._by_segment.items()
        }

    # ---- helpers
    def _new_role(self, category: str, family: str) -> Role:
        role = Role(index=len(self.roles), category=category, family=family)
        self.roles.append(role)
        return role

    def _title(self, family: str, seniority: str) -> str:
        if seniority == "director_plus":
            return self.rng.choice(
                vocab.MLE_DIRECTOR_TITLES if family == "ml_engineer" else vocab.DS_DIRECTOR_TITLES
            )
        base = self.rng.choice(vocab.MLE_BASES if family == "ml_engineer" else vocab.DS_BASES)
        return self.rng.choice(vocab.SENIORITY_PATTERNS[seniority]).format(t=base)

    def _company(self, industry: str, startup: bool) -> Company:
        if industry == "unknown":
            return self.rng.choice(UNKNOWN_COMPANIES)
        key = (industry, startup)
        if key not in self._by_segment:
            key = (industry, not startup)
        return self.rng.choices(self._by_segment[key], self._weights[key])[0]

    def _any_company(self) -> Company:
        return self.rng.choice(self.companies)

    def _markets(self, n: int) -> list[str]:
        pool = list(tg.MARKETS)
        weights = [0.3, 0.3, 0.2, 0.08, 0.12]
        chosen: list[str] = []
        while len(chosen) < n:
            pick = self.rng.choices(pool, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def _in_market_opening(self, market: str) -> Opening:
        variants = vocab.MARKET_LOCATIONS[market]
        location = variants[0] if self.rng.random() < 0.55 else self.rng.choice(variants)
        return Opening(location, market, vocab.MARKET_COUNTRY[market])

    def _excluded_opening(self) -> Opening:
        # The look-alike traps come up often on purpose.
        if self.rng.random() < 0.4:
            location, country = self.rng.choice(vocab.EXCLUDED_LOCATIONS[:2])
        else:
            location, country = self.rng.choice(vocab.EXCLUDED_LOCATIONS)
        return Opening(location, "other", country)

    def _copies(self, n_roles: int, n_openings: int, weights: list[float]) -> list[int]:
        copies = self.rng.choices(range(1, len(weights) + 1), weights, k=n_roles)
        _adjust_to_sum(copies, n_openings, 1, len(weights), self.rng)
        return copies

    # ---- in scope
    def plan_family(self, family: str) -> None:
        target = tg.TARGETS[family]
        n_open = tg.scaled(target.openings, self.scale)
        if n_open == 0:
            return
        n_roles = min(max(tg.scaled(target.roles, self.scale), -(-n_open // 5)), n_open)
        n_skills = min(tg.scaled(target.skills_sample, self.scale), n_roles)
        copies = self._copies(n_roles, n_open, [0.34, 0.2, 0.16, 0.15, 0.15])
        roles = [self._new_role("in_scope", family) for _ in range(n_roles)]
        for role, n in zip(roles, copies, strict=True):
            role.openings = [self._in_market_opening(market) for market in self._markets(n)]
            role.posted_at = _posted(self.rng, tg.WINDOW_START, tg.WINDOW_END, role.openings[0].market)
        weights = [len(role.openings) for role in roles]
        for role, seniority in zip(roles, _deficit_assign(weights, target.seniority, self.rng), strict=True):
            role.seniority = seniority
            role.title = self._title(family, seniority)
        self._assign_companies(roles, weights, target)
        # Skills sample: full descriptions; every other role gets a stub.
        for role in self.rng.sample(roles, n_skills):
            role.full = True
        self._assign_skills([role for role in roles if role.full], family)
        self._assign_salaries(roles, family)

    def _assign_companies(self, roles: list[Role], weights: list[int], target: tg.FamilyTargets) -> None:
        industries = _deficit_assign(weights, target.industry, self.rng)
        total = sum(weights)
        startup_n = 0
        order = sorted(range(len(roles)), key=lambda i: -weights[i])
        assigned = 0
        for i in order:
            industry = industries[i]
            want_startup = target.startup_share * total - startup_n
            want_other = (1 - target.startup_share) * total - (assigned - startup_n)
            startup = industry != "unknown" and want_startup > want_other
            company = self._company(industry, startup)
            roles[i].company = company
            assigned += weights[i]
            startup_n += weights[i] if company.is_startup else 0

    def _assign_skills(self, sample: list[Role], family: str) -> None:
        n = len(sample)
        parents = {
            "rag": "llm",
            "prompt engineering": "llm",
            "kubeflow": "kubernetes",
            "mlflow": "mlops",
            "fine-tuning": "llm",
            "vector database": "rag",
            "sagemaker": "aws",
            "vertex ai": "gcp",
            "tensorrt": "cuda",
            "pandas": "python",
            "numpy": "python",
            "scikit-learn": "python",
        }
        holders: dict[str, list[Role]] = {}
        for skill in tg.SKILL_SHARES:  # parents come first in the table order where it matters
            k = tg.skill_count(skill, family, n, self.scale)
            pool = sample[:]
            self.rng.shuffle(pool)
            parent = parents.get(skill)
            if parent and parent in holders:
                have = set(id(role) for role in holders[parent])
                pool.sort(key=lambda role, have=have: 0 if id(role) in have else 1)
            chosen = pool[:k]
            holders[skill] = chosen
            for role in chosen:
                role.skills.append(skill)
        for role in sample:
            role.skills.sort()

    def _assign_salaries(self, roles: list[Role], family: str) -> None:
        target = tg.TARGETS[family]
        eligible = [role for role in roles if role.us_in_market]
        n_sal = min(tg.scaled(target.salary_sample, self.scale), len(eligible))
        chosen = self.rng.sample(eligible, n_sal)
        # Exactly-median roles: the parity of n keeps the counts below and above equal.
        n_mid = (4 if n_sal % 2 == 0 else 3) if n_sal >= 8 else (2 if n_sal % 2 == 0 else 1)
        n_mid = min(n_mid, n_sal)
        half = (n_sal - n_mid) // 2
        sides = ["low"] * half + ["mid"] * n_mid + ["high"] * half
        # Pay follows seniority, loosely: rank roles by seniority plus noise, lowest get the low side.
        rank = {level: i for i, level in enumerate(tg.SENIORITIES)}
        chosen.sort(key=lambda role: rank[role.seniority] + self.rng.uniform(0, 2.5))
        for role, side in zip(chosen, sides, strict=True):
            role.in_salary_sample = True
            single = len(role.openings) == 1
            mode = "structured"
            if single and self.rng.random() < 0.5:
                mode = (
                    "salary_text"
                    if role.company and role.company.ats == "jsonl" and self.rng.random() < 0.5
                    else "text"
                )
            interval = "year"
            roll = self.rng.random()
            if side != "mid" and not (
                mode == "structured" and role.company and role.company.ats == "greenhouse"
            ):
                interval = "hour" if roll < 0.08 else "month" if roll < 0.15 else "year"
            low, high = self._salary_values(
                side, interval, target.salary_min_median, target.salary_max_median
            )
            usd = Pay("USD", interval, low, high, mode)
            for opening in role.openings:
                if opening.country == "us":
                    opening.pay = usd
                elif opening.country in ("gb", "sg") and mode == "structured":
                    opening.pay = self._foreign_pay(opening.country, usd)
        # Other in-scope roles: pay only outside the US (London, Singapore copies).
        for role in roles:
            if role.in_salary_sample:
                continue
            for opening in role.openings:
                if opening.country in ("gb", "sg") and self.rng.random() < 0.3:
                    mode = "text" if len(role.openings) == 1 and self.rng.random() < 0.5 else "structured"
                    base = self.rng.randrange(130, 260) * 1000
                    opening.pay = self._foreign_pay(
                        opening.country, Pay("USD", "year", base, base + 60_000, mode)
                    )

    def _foreign_pay(self, country: str, usd: Pay) -> Pay:
        currency = vocab.CURRENCY_BY_COUNTRY[country]
        low, high = usd.annual()
        rate = FX[currency]
        low_f = max(1000, round(low * rate / 1000) * 1000)
        high_f = max(low_f + 5000, round(high * rate / 1000) * 1000)
        return Pay(currency, "year", low_f, high_f, usd.mode if usd.mode != "salary_text" else "text")

    def _salary_values(self, side: str, interval: str, t_min: int, t_max: int) -> tuple[int, int]:
        """A (low, high) pair in interval units, annual values strictly on one side of the medians."""
        if side == "mid":
            return t_min, t_max
        factor = {"year": 1, "hour": 2080, "month": 12}[interval]
        grain = {"year": 1000, "hour": 1, "month": 500}[interval]
        for _ in range(1000):
            if side == "low":
                lo = self.rng.uniform(t_min - 75_000, t_min - 2_000)
                hi = self.rng.uniform(t_max - 80_000, t_max - 2_000)
            else:
                lo = self.rng.uniform(t_min + 2_000, t_min + 85_000)
                hi = self.rng.uniform(t_max + 2_000, t_max + 110_000)
            low = int(lo / factor / grain) * grain
            high = int(hi / factor / grain) * grain
            a_low, a_high = low * factor, high * factor
            ok_side = (
                (a_low < t_min and a_high < t_max) if side == "low" else (a_low > t_min and a_high > t_max)
            )
            if ok_side and 15_000 <= a_high - a_low <= 120_000:
                return low, high
        raise RuntimeError("could not draw a salary pair")  # pragma: no cover

    # ---- excluded
    def plan_excluded(self) -> None:
        budget = {reason: tg.scaled(n, self.scale) for reason, n in tg.EXCLUDED_OPENINGS.items()}
        # Trap copies on in-scope roles take half of the outside-markets budget.
        # Never on a role whose pay is written in its description (copies must share that text).
        in_scope = [
            role
            for role in self.roles
            if role.category == "in_scope"
            and all(o.pay is None or o.pay.mode == "structured" for o in role.openings)
        ]
        traps = budget["outside_markets"] // 2
        for role in self.rng.sample(in_scope, min(traps, len(in_scope))):
            role.openings.append(self._excluded_opening())
            usd = next((o.pay for o in role.openings if o.pay and o.pay.currency == "USD"), None)
            if usd and role.openings[-1].country == "us":
                role.openings[-1].pay = (
                    Pay("USD", usd.interval, usd.low, usd.high, "structured")
                    if usd.mode == "structured"
                    else None
                )
        self._excluded_roles("outside_markets", budget["outside_markets"] - traps)
        self._excluded_roles("outside_window", budget["outside_window"])
        self._excluded_roles("agency", budget["agency"])
        self._excluded_roles("out_of_scope_role", budget["out_of_scope_role"])

    def _excluded_roles(self, reason: str, n_openings: int) -> None:
        made = 0
        while made < n_openings:
            n = min(n_openings - made, self.rng.choice([1, 1, 1, 2, 2, 3]))
            family = self.rng.choice(["ml_engineer", "ml_engineer", "data_scientist"])
            role = self._new_role(reason, family)
            role.seniority = self.rng.choices(tg.SENIORITIES, [0.08, 0.25, 0.42, 0.2, 0.05])[0]
            role.title = self._title(family, role.seniority)
            role.company = self._any_company()
            start, end = tg.WINDOW_START, tg.WINDOW_END
            markets = self._markets(n)
            openings = [self._in_market_opening(market) for market in markets]
            if reason == "outside_markets":
                openings = [self._excluded_opening() for _ in range(n)]
                dedup = {o.location: o for o in openings}
                openings = list(dedup.values())
            elif reason == "outside_window":
                if self.rng.random() < 0.5:
                    start, end = date(2025, 10, 1), date(2025, 10, 31)
                else:
                    start, end = date(2026, 3, 1), date(2026, 3, 31)
            elif reason == "agency":
                listed = self.rng.random() < 0.7
                role.company = self.rng.choice(self.agencies if listed else UNLISTED_AGENCIES)
                role.has_cue = (not listed) or self.rng.random() < 0.6
                if self.rng.random() < 0.1:  # an agency listing outside the window is still an agency one
                    start, end = date(2026, 3, 1), date(2026, 3, 20)
            elif reason == "out_of_scope_role":
                role.family = "other"
                role.title, role.seniority = self.rng.choice(vocab.OTHER_TITLES)
                if self.rng.random() < 0.03:
                    role.company = self.rng.choice(UNKNOWN_COMPANIES)
                if self.rng.random() < 0.08:  # outside the markets too: out_of_scope_role comes first
                    openings[-1] = self._excluded_opening()
            role.openings = openings
            role.posted_at = _posted(self.rng, start, end, openings[0].market)
            role.full = self.rng.random() < 0.65
            if role.full:
                role.skills = self._excluded_skills(role)
            self._excluded_pay(role)
            made += len(openings)
        if reason == "out_of_scope_role" and self.shard == 0 and n_openings:
            script = next(role for role in self.roles if role.category == reason and len(role.openings) == 1)
            script.title, script.seniority = vocab.SCRIPT_TITLE
            script.script_title = True

    def _excluded_skills(self, role: Role) -> list[str]:
        title = role.title.lower()
        if "analyst" in title:
            pool = [
                "sql",
                "tableau",
                "looker",
                "excel",
                "python",
                "power bi",
                "data visualization",
                "statistics",
            ]
        elif "data engineer" in title or "analytics engineer" in title:
            pool = [
                "sql",
                "python",
                "spark",
                "airflow",
                "dbt",
                "snowflake",
                "kafka",
                "bigquery",
                "databricks",
            ]
        elif "software" in title or "sales" in title or "solutions" in title:
            pool = [
                "java",
                "go",
                "typescript",
                "javascript",
                "kubernetes",
                "docker",
                "aws",
                "terraform",
                "git",
            ]
        elif role.family == "data_scientist" or "data scien" in title:
            pool = [
                "sql",
                "python",
                "r",
                "statistics",
                "causal inference",
                "a/b testing",
                "pandas",
                "tableau",
            ]
        elif "account" in title or "designer" in title or "recruiter" in title:
            return []
        else:
            pool = [
                "python",
                "pytorch",
                "tensorflow",
                "machine learning",
                "deep learning",
                "llm",
                "nlp",
                "computer vision",
                "c++",
                "cuda",
                "aws",
                "kubernetes",
            ]
        return sorted(self.rng.sample(pool, self.rng.randint(2, min(6, len(pool)))))

    def _excluded_pay(self, role: Role) -> None:
        if self.rng.random() > 0.3:
            return
        single = len(role.openings) == 1
        base = self.rng.randrange(OTHER_PAY[0] // 1000, OTHER_PAY[1] // 1000) * 1000
        for opening in role.openings:
            if opening.country == "us":
                if single and self.rng.random() < 0.3:
                    opening.pay = Pay("USD", "year", base, base, "text")  # a single value
                else:
                    mode = "text" if single and self.rng.random() < 0.5 else "structured"
                    opening.pay = Pay("USD", "year", base, base + 40_000, mode)
            elif opening.country in ("gb", "sg"):
                opening.pay = self._foreign_pay(
                    opening.country, Pay("USD", "year", base, base + 40_000, "structured")
                )

    # ---- dates and re-fetches
    def plan_fetches(self) -> None:
        """The crawler visits every board on Mondays: first fetch on the first Monday on or after posting."""
        for role in self.roles:
            assert role.posted_at is not None
            role.fetch_offset_days = (7 - role.posted_at.weekday()) % 7
            for opening in role.openings:
                if self.rng.random() < tg.REFETCH_SHARE:
                    opening.refetch = "changed" if self.rng.random() < tg.REFETCH_CHANGED_SHARE else "same"
                    opening.refetch_offset_days = 7 * self.rng.randint(1, 4)


def plan_shard(
    shard: int, scale: float, seed: int, companies: list[Company], agencies: list[Company]
) -> ShardPlan:
    planner = ShardPlanner(shard, scale, seed, companies, agencies)
    for family in tg.FAMILIES:
        planner.plan_family(family)
    planner.plan_excluded()
    planner.plan_fetches()
    return ShardPlan(shard, scale, planner.roles)
